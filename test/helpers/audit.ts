// The audit entries about one subject that an action wrote, to assert "exactly one entry per action".
import { eq } from 'drizzle-orm';
import { auditLog } from '../../src/core/audit/schema';
import type { Db } from '../../src/core/db/client';

export async function auditWrittenBy(db: Db, subjectId: string, act: () => Promise<unknown>) {
  // by id, not by time: PostgreSQL keeps microseconds, a JavaScript Date only milliseconds
  const about = () => db.select().from(auditLog).where(eq(auditLog.subjectId, subjectId));
  const earlier = new Set((await about()).map((e) => e.id));
  await act();
  return (await about()).filter((e) => !earlier.has(e.id));
}
