// At start on an instance without an administrator, print a link that creates the first one.
import { countAdmins, issueSetupToken } from '../auth/users';
import type { Config } from '../config/config';
import type { Db } from './client';

export async function setupLinkIfNeeded(db: Db, config: Config): Promise<string | undefined> {
  if ((await countAdmins(db)) > 0) return undefined;
  const token = await issueSetupToken(db);
  return `${config.baseUrl}/de/setup?token=${token}`;
}
