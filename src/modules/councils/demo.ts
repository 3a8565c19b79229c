// The councils' demo people: a council's secretary and a council member.
import { systemActor } from '../../core/audit/audit';
import { grantRole } from '../../core/auth/users';
import type { DemoContext } from '../../core/modules';

const people = [
  { role: 'councilSecretary', email: 'geschaeftsstelle@demo.example', name: 'Nadia Haddad' },
  { role: 'councilMember', email: 'beirat@demo.example', name: 'Olena Kovalenko' },
];

export async function councilsDemo(ctx: DemoContext): Promise<void> {
  for (const p of people) await grantRole(ctx.db, systemActor, await ctx.addPerson(p), p.role);
}
