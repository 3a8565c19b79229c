// The demo instance is assembled from every manifest's demo data in one transaction; a flag in
// settings makes a second load a clear refusal instead of duplicates.
import { randomBytes } from 'node:crypto';
import { systemActor } from './audit/audit';
import { createUser } from './auth/users';
import { forgetContentCache } from './content/pages';
import { forgetDemoFlag, setSettingOnce } from './content/settings';
import type { AppDeps, DemoAccount, DemoContext } from './modules';

export class DemoAlreadyLoadedError extends Error {
  constructor() {
    super('The demo data has already been loaded into this instance.');
  }
}

export const demoPassword = () => `demo-${randomBytes(6).toString('base64url')}`;

export async function loadDemo(deps: Pick<AppDeps, 'db' | 'config' | 'modules' | 'now'>): Promise<DemoAccount[]> {
  const created: DemoAccount[] = [];
  await deps.db.transaction(async (tx) => {
    if (!(await setSettingOnce(tx, 'demo.loadedAt', deps.now().toISOString()))) throw new DemoAlreadyLoadedError();
    const ctx: DemoContext = {
      db: tx,
      config: deps.config,
      now: deps.now,
      accounts: new Map(),
      addAccount(a) {
        created.push({ email: a.email, password: a.password, role: a.role });
        ctx.accounts.set(a.role, a.userId);
      },
      async addPerson(p) {
        const password = demoPassword();
        const userId = await createUser(tx, systemActor, {
          email: p.email,
          name: p.name,
          password,
          confirmed: true,
          now: deps.now(),
        });
        ctx.addAccount({ email: p.email, password, role: p.role, userId });
        return userId;
      },
    };
    for (const m of deps.modules) await m.demo?.(ctx);
  });
  forgetDemoFlag(deps.db);
  forgetContentCache();
  return created;
}
