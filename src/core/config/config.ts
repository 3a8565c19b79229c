// Configuration comes only from the environment, validated once at start so that a typo fails
// loudly with a message that names the variable, not later with a confusing stack trace.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().default('Modellprojekte <no-reply@localhost>'),
  BASE_URL: z.url({ message: 'must be an absolute URL such as http://localhost:3000' }).optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .string()
    .transform((v, ctx) => {
      const parsed = parseTrustProxy(v);
      if (parsed === undefined)
        ctx.addIssue({
          code: 'custom',
          message:
            'must be false, true, a number of proxy hops such as 1, or a comma-separated list of proxy ' +
            'addresses or CIDR ranges such as 10.0.0.1,192.168.0.0/16 (also loopback, linklocal, uniquelocal)',
        });
      return parsed ?? false;
    })
    .optional(),
  PAGE_CACHE: z.enum(['on', 'off'], { message: 'must be on or off' }).default('on'),
});

/**
 * Which peers may tell the client's address in X-Forwarded-For, in the forms Fastify's
 * `trustProxy` takes. Only a proxy the operator names is believed: with `true` anyone could pick
 * the address that rate limits count and the audit log records.
 */
export type TrustProxy = boolean | number | string[];

const proxyNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (proxyNames.has(entry)) return true;
  const [address = '', range, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length) return false;
  if (range === undefined) return true;
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (version === 4 ? 32 : 128);
  return version === 4 && isIP(range) === 4; // 10.0.0.0/255.0.0.0
}

export function parseTrustProxy(value: string): TrustProxy | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'false' || v === '0') return false;
  if (v === 'true') return true;
  if (/^\d{1,2}$/.test(v)) return Number(v);
  const entries = v.split(',').map((e) => e.trim());
  return entries.length && entries.every(isProxyAddress) ? entries : undefined;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  baseUrl: string;
  secureCookies: boolean;
  sessionSecret: string;
  logLevel: string;
  /** whose X-Forwarded-For is believed (TRUST_PROXY); by default nobody's */
  trustProxy: TrustProxy;
  /** signed-in pages kept while the database is unchanged (ADR 0005); off to measure without it */
  pageCache: boolean;
}

export class ConfigError extends Error {}

/** Reads and checks the environment; creates the data directory and the session secret if needed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blank = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(blank);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    baseUrl,
    secureCookies: baseUrl.startsWith('https://'),
    sessionSecret: e.SESSION_SECRET ?? storedSecret(dataDir),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY ?? false,
    pageCache: e.PAGE_CACHE === 'on',
  };
}

// Generated once and kept beside the data, so sessions survive restarts without any setup step.
function storedSecret(dataDir: string): string {
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
