import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, type App } from '../../src/app/index.js';
import { loadConfig } from '../../src/config/index.js';
import { startHttpServer, type HttpServer } from '../../src/http/index.js';
import { createLogger } from '../../src/log/index.js';
import { createUser, type UserRole } from '../../src/users/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { deletePrefix, REDIS_URL, testPrefix } from '../helpers/redis.js';

export const PASSWORD = 'correct horse battery staple';

export interface TestWeb {
  url: string;
  app: App;
  http: HttpServer;
  /** Creates a local account with {@link PASSWORD}. */
  addUser(username: string, role: UserRole): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real server on 127.0.0.1:0 over a fresh Postgres database and a Redis prefix of its own. X-Forwarded-For is
 * trusted so tests can sign in "from" different addresses. `sections` overrides other config sections (fetch…).
 */
export async function startTestWeb(http: Record<string, unknown> = {}, sections: Record<string, unknown> = {}): Promise<TestWeb> {
  const database = await createTestDatabase();
  const prefix = testPrefix();
  const config = loadConfig({
    env: {},
    overrides: {
      log: { level: 'silent' },
      database: { url: database.url, poolSize: 5, dataDir: mkdtempSync(join(tmpdir(), 'vaksam-web-')) },
      redis: { url: REDIS_URL, prefix },
      http: { port: 0, scryptLogN: 14, trustProxy: true, ...http },
      ...sections,
    },
  });
  const app = await openApp(config, createLogger({ level: 'silent' }), { redis: 'required', migrate: false });
  const server = await startHttpServer(app);
  return {
    url: server.url,
    app,
    http: server,
    async addUser(username, role) {
      await createUser(app.database.db, { username, role, password: PASSWORD }, { actor: 'test', now: new Date(), logN: 14 });
    },
    async close() {
      await server.close();
      await app.close();
      await database.drop();
      await deletePrefix(prefix);
    },
  };
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json(): any;
}

/** A browser stand-in: keeps cookies, sends this site's Origin on writes unless told otherwise. */
export class Client {
  readonly cookies = new Map<string, string>();
  csrfToken = '';

  constructor(
    readonly base: string,
    readonly ip = '127.0.0.1',
  ) {}

  async request(method: string, path: string, options: { json?: unknown; form?: Record<string, string>; headers?: Record<string, string>; origin?: string | null; csrf?: boolean } = {}): Promise<Reply> {
    const headers: Record<string, string> = { 'x-forwarded-for': this.ip, accept: 'application/json', ...options.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && options.origin !== null) headers.origin = options.origin ?? this.base;
    if (method !== 'GET' && options.csrf !== false && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    let body: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    }
    const response = await fetch(this.base + path, { method, headers, body, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request('GET', path, { headers });
  }

  /** Signs in through the JSON API and keeps the CSRF token for later writes. */
  async signIn(username: string, password = PASSWORD): Promise<Reply> {
    const reply = await this.request('POST', '/api/v1/auth/login', { json: { username, password } });
    if (reply.status === 200) this.csrfToken = reply.json().csrfToken;
    return reply;
  }
}

/** The fields a browser would submit for a form of a page (inputs, checked boxes, textareas, selects). */
export async function formFields(pageHtml: string, selector: string): Promise<Record<string, string>> {
  const { load } = await import('cheerio');
  const $ = load(pageHtml);
  const fields: Record<string, string> = {};
  $(selector).find('input[name], textarea[name], select[name]').each((_i, node) => {
    const el = $(node);
    const name = el.attr('name')!;
    if (node.tagName === 'textarea') fields[name] = el.text();
    else if (node.tagName === 'select') fields[name] = el.find('option[selected]').attr('value') ?? el.find('option[selected]').text() ?? el.find('option').first().text();
    else if (el.attr('type') === 'checkbox') {
      if (el.attr('checked') !== undefined) fields[name] = 'on';
    } else fields[name] = el.attr('value') ?? '';
  });
  return fields;
}
