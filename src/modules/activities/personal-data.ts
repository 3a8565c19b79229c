// What activities keeps about a person with an account: seminar registrations made with the
// account's mail address (registrations need no account, so the address is what links them). The
// archive lists them; erasing the account withdraws them as the personal link would, so a freed
// seat still moves the waiting list up.
import { eq, sql } from 'drizzle-orm';
import { users } from '../../core/auth/schema';
import type { Db } from '../../core/db/client';
import type { PersonalData } from '../../core/modules';
import { registrations, seminars } from './schema';
import { cancelRegistration } from './seminars/seminars.store';

async function registrationsOfUser(db: Db, userId: string) {
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (!user) return [];
  return db
    .select({ registration: registrations, seminar: seminars.title })
    .from(registrations)
    .innerJoin(seminars, eq(seminars.id, registrations.seminarId))
    .where(sql`lower(${registrations.email}) = lower(${user.email})`);
}

export const activitiesPersonalData: PersonalData = {
  processingKey: 'activities',
  retention:
    'seminar registrations are kept while the project runs and for its reporting; withdrawing consent erases name, mail and answers at once',
  async exportFor(db, userId) {
    const rows = await registrationsOfUser(db, userId);
    if (rows.length === 0) return undefined;
    return {
      seminarRegistrations: rows.map(({ registration: r, seminar }) => ({
        seminar,
        status: r.status,
        name: r.name,
        email: r.email,
        language: r.language,
        answers: r.answers,
        participantCode: r.participantCode,
        consent: {
          purpose: r.consentPurpose,
          textVersion: r.consentVersion,
          givenAt: r.consentAt,
          withdrawnAt: r.consentWithdrawnAt,
        },
        registeredAt: r.registeredAt,
        cancelledAt: r.cancelledAt,
      })),
    };
  },
  async eraseFor(db, userId, now) {
    for (const { registration } of await registrationsOfUser(db, userId))
      await cancelRegistration(db, registration.id, { now, withdrawConsent: true });
  },
};
