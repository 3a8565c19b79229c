// A small module for the event-outbox tests: a change that emits `witness.recorded` in its
// transaction, and a subscriber that mails about it through the real outbox.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/core/config/config';
import type { Db } from '../../src/core/db/client';
import { emit } from '../../src/core/events/events';
import { sendMail } from '../../src/core/mail/mail';
import type { ModuleManifest } from '../../src/core/modules';

export const testConfig = () =>
  loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'mp-events-')), BASE_URL: 'http://localhost:3000' });

/** A change someone must hear about: a setting written, and its event, in one transaction. */
export async function witnessChange(db: Db, address: string, now: Date, opts: { failAfterEmit?: boolean } = {}) {
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into settings (key, value) values (${`witness:${address}`}, ${JSON.stringify(address)}::jsonb)
          on conflict (key) do nothing`,
    );
    await emit(tx, { name: 'witness.recorded', payload: { address } }, now);
    if (opts.failAfterEmit) throw new Error('the change fails after its event was written');
  });
}

/** Mails the address in the event; `during` runs after the mail is written, inside the delivery. */
export function witnessModule(during?: (tx: Db) => Promise<void>, name = 'witness.mail'): ModuleManifest {
  return {
    name: `witness-${name}`,
    subscribers: [
      {
        name,
        event: 'witness.recorded',
        async handle(event, { tx, deps }) {
          const { address } = event.payload as { address: string };
          await sendMail(tx, deps.config, { to: address, template: 'passwordChanged', language: 'de', vars: {} });
          await during?.(tx);
        },
      },
    ],
  };
}
