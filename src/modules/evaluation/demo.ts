// Evaluation's demo person: an evaluator, so the demo has an account for every role.
import { systemActor } from '../../core/audit/audit';
import { grantRole } from '../../core/auth/users';
import type { DemoContext } from '../../core/modules';

export async function evaluationDemo(ctx: DemoContext): Promise<void> {
  const evaluator = { role: 'evaluator', email: 'evaluation@demo.example', name: 'Prof. Elif Şahin' };
  await grantRole(ctx.db, systemActor, await ctx.addPerson(evaluator), evaluator.role);
}
