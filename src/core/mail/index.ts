// Owns the outbox (./schema.ts): every mail is written there, then delivered by a job when SMTP is set.
import type { ModuleManifest } from '../modules';
import { deliverMail } from './mail';

export const mailModule: ModuleManifest = {
  name: 'mail',
  jobs: {
    'mail.deliver': async (payload, deps) =>
      deliverMail(deps.db, deps.config, (payload as { id: string }).id, deps.now()),
  },
};
