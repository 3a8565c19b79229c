// Builds the real app on a fresh test database; `client()` gives a cookie-keeping browser
// stand-in over fastify.inject that fills in the CSRF token like a real form would.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type HTMLElement, parse } from 'node-html-parser';
import { buildApp } from '../../src/app';
import { createUser, grantRole } from '../../src/core/auth/users';
import { type Config, loadConfig } from '../../src/core/config/config';
import type { Db } from '../../src/core/db/client';
import type { AppDeps, ModuleManifest, RateLimits } from '../../src/core/modules';
import { systemClock } from '../../src/core/time/clock';
import { manifests } from '../../src/manifests';
import { testDatabase } from './database';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  config: Config;
  deps: AppDeps;
  close(): Promise<void>;
}

export async function testApp(
  opts: {
    env?: Record<string, string>;
    limits?: Partial<RateLimits>;
    extraModules?: ModuleManifest[];
    /** the app's clock; by default the real one (fixedClock from core/time/clock stands still) */
    now?: () => Date;
  } = {},
): Promise<TestApp> {
  const database = await testDatabase();
  const config = loadConfig({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'mp-test-')),
    BASE_URL: 'http://localhost:3000',
    ...opts.env,
  });
  const deps: AppDeps = {
    config,
    db: database.db,
    modules: [...manifests, ...(opts.extraModules ?? [])],
    limits: opts.limits,
    now: opts.now ?? systemClock,
  };
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    db: database.db,
    config,
    deps,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export const PASSWORD = 'correct horse battery staple';

export async function makeUser(
  db: Db,
  email: string,
  role?: string,
  extra: { scopeKind?: string; scopeId?: string; language?: string } = {},
) {
  const id = await createUser(
    db,
    { id: null, label: 'test' },
    {
      email,
      name: email.split('@')[0] ?? email,
      password: PASSWORD,
      confirmed: true,
      language: extra.language,
    },
  );
  if (role) await grantRole(db, { id: null, label: 'test' }, id, role, extra.scopeKind, extra.scopeId);
  return id;
}

export interface Page {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  html: HTMLElement;
  location?: string;
}

export class Client {
  cookies = new Map<string, string>();
  lastToken: string | undefined;

  constructor(
    private app: FastifyInstance,
    private defaultHeaders: Record<string, string> = {},
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private take(res: Awaited<ReturnType<FastifyInstance['inject']>>): Page {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && new Date(c.expires).getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const body = res.body;
    const html = parse(body);
    const token = html.querySelector('input[name="_csrf"]')?.getAttribute('value');
    if (token) this.lastToken = token;
    const location = res.headers.location;
    return {
      status: res.statusCode,
      headers: res.headers,
      body,
      html,
      location: typeof location === 'string' ? location : undefined,
    };
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<Page> {
    const res = await this.app.inject({
      method: 'GET',
      url,
      headers: { ...this.defaultHeaders, cookie: this.cookieHeader(), ...headers },
    });
    return this.take(res);
  }

  /** POSTs a form; the CSRF token of the last page seen is added unless `_csrf` is given (or null). */
  async post(
    url: string,
    fields: Record<string, string | null> = {},
    headers: Record<string, string> = {},
  ): Promise<Page> {
    const form = new URLSearchParams();
    const withToken = { _csrf: this.lastToken ?? '', ...fields };
    for (const [k, v] of Object.entries(withToken)) if (v !== null) form.append(k, v);
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: form.toString(),
      headers: {
        ...this.defaultHeaders,
        'content-type': 'application/x-www-form-urlencoded',
        cookie: this.cookieHeader(),
        ...headers,
      },
    });
    return this.take(res);
  }

  /** Opens the page that holds the form, then submits it: what a person does. */
  async submit(pageUrl: string, fields: Record<string, string>, action = pageUrl): Promise<Page> {
    const page = await this.get(pageUrl);
    if (page.status >= 400) throw new Error(`form page ${pageUrl} answered ${page.status}`);
    return this.post(action, fields);
  }

  async signIn(email: string, password = PASSWORD, lang = 'de'): Promise<Page> {
    return this.submit(`/${lang}/sign-in`, { email, password });
  }
}

export const client = (t: TestApp, headers?: Record<string, string>) => new Client(t.app, headers);

/** The text of the page's <h1>, for asserting what a person sees first. */
export const heading = (p: Page) => p.html.querySelector('h1')?.text.trim();
