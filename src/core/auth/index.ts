// Owns accounts, sessions, roles and one-time tokens (tables in ./schema.ts).
// Declares the account pages, core's roles (administrator, participant; modules declare theirs),
// the `user create` command, the demo administrator and participant, and what the platform keeps
// about a person's account.

import { parseArgs } from 'node:util';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { systemActor } from '../audit/audit';
import { auditLog } from '../audit/schema';
import type { ModuleManifest } from '../modules';
import {
  forgetStaleRequests,
  handlePasswordReset,
  handleRegistration,
  REGISTER_JOB,
  RESET_JOB,
} from './account-requests';
import { accountSecurityRoutes } from './account-security.routes';
import { authRoutes } from './auth.routes';
import { coreRoles, hasRole, makeRoles } from './permissions';
import { roleAssignments, sessions, users } from './schema';
import { purgeExpiredSessions } from './sessions';
import { createUser, EmailTakenError, grantRole } from './users';
import { emailField, nameField, newPasswordField } from './validation';

/** core's demo people; each module's demo adds the people of its roles */
const demoPeople = [
  { role: 'admin', email: 'admin@demo.example', name: 'Aylin Demir' },
  { role: 'participant', email: 'teilnahme@demo.example', name: 'Mehmet Yıldız' },
];

const userCreateArgs = (roleNames: string[]) =>
  z.object({
    email: emailField,
    name: nameField,
    password: newPasswordField,
    role: z
      .string()
      .refine((r) => roleNames.includes(r), `one of ${roleNames.join(', ')}`)
      .optional(),
    scopeKind: z.string().optional(),
    scopeId: z.string().optional(),
  });

export const authModule: ModuleManifest = {
  name: 'accounts',
  roles: coreRoles,
  routes: (app, deps) => {
    authRoutes(app, deps);
    accountSecurityRoutes(app, deps);
  },
  permissions: {
    'account.edit': (user) => user !== null,
    'admin.area': (user) => hasRole(user, 'admin'),
    'admin.audit.read': (user) => hasRole(user, 'admin'),
    'admin.outbox.read': (user) => hasRole(user, 'admin'),
    'admin.content.edit': (user) => hasRole(user, 'admin'),
  },
  personalData: {
    processingKey: 'accounts',
    retention: 'until the account is deleted',
    async exportFor(db, userId) {
      const [u] = await db
        .select({
          email: users.email,
          name: users.name,
          language: users.language,
          createdAt: users.createdAt,
          emailConfirmedAt: users.emailConfirmedAt,
        })
        .from(users)
        .where(eq(users.id, userId));
      const r = await db
        .select({ role: roleAssignments.role, scopeKind: roleAssignments.scopeKind, scopeId: roleAssignments.scopeId })
        .from(roleAssignments)
        .where(eq(roleAssignments.userId, userId));
      // sign-ins: the sessions still open (device label only, no IP is kept), and what happened to the account
      const signIns = await db
        .select({
          signedInAt: sessions.createdAt,
          lastSeenAt: sessions.lastSeenAt,
          device: sessions.deviceLabel,
        })
        .from(sessions)
        .where(eq(sessions.userId, userId))
        .orderBy(asc(sessions.createdAt));
      const accountEvents = await db
        .select({ at: auditLog.at, action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.subjectKind, 'user'), eq(auditLog.subjectId, userId)))
        .orderBy(asc(auditLog.at));
      // everything the person did on the platform, in time order
      const actions = await db
        .select({ at: auditLog.at, action: auditLog.action, about: auditLog.subjectKind, id: auditLog.subjectId })
        .from(auditLog)
        .where(eq(auditLog.actorId, userId))
        .orderBy(asc(auditLog.at));
      return { account: u, roles: r, signIns, accountEvents, actions };
    },
  },
  jobs: {
    'sessions.purge': async (_payload, deps) => purgeExpiredSessions(deps.db, deps.now()),
    [REGISTER_JOB]: handleRegistration,
    [RESET_JOB]: handlePasswordReset,
    'accounts.forgetRequests': async (_payload, deps) => forgetStaleRequests(deps.db, deps.now()),
  },
  schedules: [
    { kind: 'sessions.purge', every: 'hour' },
    { kind: 'accounts.forgetRequests', every: 'day' },
  ],
  async demo(ctx) {
    for (const p of demoPeople) await grantRole(ctx.db, systemActor, await ctx.addPerson(p), p.role);
  },
  commands: [
    {
      name: 'user create',
      summary: 'Create an account, optionally with a role',
      usage:
        'user create --email EMAIL --name NAME --password PASSWORD [--role ROLE [--scope-kind KIND --scope-id ID]]\n' +
        '  ROLE is a role core or a module declares (admin, participant, programmeOfficer, …)',
      async run(args, { db, modules, now, print }) {
        const { values } = parseArgs({
          args,
          options: {
            email: { type: 'string' },
            name: { type: 'string' },
            password: { type: 'string' },
            role: { type: 'string' },
            'scope-kind': { type: 'string' },
            'scope-id': { type: 'string' },
          },
          strict: true,
        });
        const roleNames = makeRoles(modules).list.map((r) => r.name);
        const parsed = userCreateArgs(roleNames).safeParse({
          ...values,
          scopeKind: values['scope-kind'],
          scopeId: values['scope-id'],
        });
        if (!parsed.success) {
          const msg = parsed.error.issues.map(
            (i) => `--${String(i.path[0])}: ${i.message.includes(':') ? 'invalid or missing' : i.message}`,
          );
          throw new Error(msg.join('\n'));
        }
        const a = parsed.data;
        try {
          const id = await createUser(
            db,
            { id: null, label: 'cli' },
            { email: a.email, name: a.name, password: a.password, confirmed: true, now: now() },
          );
          if (a.role) await grantRole(db, { id: null, label: 'cli' }, id, a.role, a.scopeKind ?? '', a.scopeId ?? '');
          print(`Created ${a.email}${a.role ? ` with role ${a.role}` : ''} (id ${id}).`);
        } catch (err) {
          if (err instanceof EmailTakenError) throw new Error(`An account with the address ${a.email} already exists.`);
          throw err;
        }
      },
    },
  ],
};
