import type { TestContext } from 'node:test';
import { systemClock } from '../../src/core/clock.js';
import type { UserRole } from '../../src/core/roles.js';
import { createAccounts } from '../../src/newsroom/auth/accounts.js';
import { startTestApp, type TestApp } from './app.js';
import type { TestEngine } from './postgres.js';

export const api = '/newsroom/api/v1';
export const password = 'correct horse battery';

/** A JSON answer, read field by field in assertions. */
// biome-ignore lint/suspicious/noExplicitAny: answers are untyped JSON by nature.
export type Answer = { status: number; headers: Headers; body: any };

/** A signed-in newsroom client: keeps the session cookie and sends the CSRF token unless told not to. */
export interface NewsroomClient {
  csrf: string;
  cookie: string;
  user: { id: string; email: string; role: UserRole };
  request(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string>; withoutCsrf?: boolean },
  ): Promise<Answer>;
}

export async function call(
  base: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(`${base}${path.startsWith('/') ? path : `${api}/${path}`}`, {
    method,
    headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    redirect: 'manual',
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // an HTML page
  }
  return { status: response.status, headers: response.headers, body };
}

export async function login(base: string, email: string, secret = password): Promise<NewsroomClient> {
  const answer = await call(base, 'POST', 'session', { body: { email, password: secret } });
  if (answer.status !== 200) throw new Error(`login of ${email} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  const cookie = (answer.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = answer.body.csrf_token as string;
  return {
    csrf,
    cookie,
    user: answer.body.user,
    request: (method, path, options = {}) =>
      call(base, method, path, {
        body: options.body,
        headers: { cookie, ...(options.withoutCsrf ? {} : { 'x-csrf-token': csrf }), ...options.headers },
      }),
  };
}

/**
 * A real Lede app on `engine` with a section (`world`) and one user of each role
 * (admin@, editor@, writer@example.test, all with `password`). With `isInDataDir`, a SQLite
 * database is the app's own `LEDE_DATA_DIR/lede.db`, where a `lede` child process finds it.
 */
export async function startNewsroomApp(
  t: TestContext,
  engine: TestEngine,
  options: { isInDataDir?: boolean; env?: Record<string, string> } = {},
): Promise<TestApp & { emails: Record<UserRole, string> }> {
  const isOwnFile = options.isInDataDir && engine.name === 'sqlite';
  const app = await startTestApp({ ...(isOwnFile ? {} : { url: engine.url, searchPath: engine.searchPath }), env: options.env });
  t.after(() => app.close());
  await app.store.sections.upsert({ slug: 'world', name: 'World', position: 1, subjects: [] });
  const accounts = createAccounts({ store: app.store, clock: systemClock });
  const emails = { admin: 'admin@example.test', editor: 'editor@example.test', writer: 'writer@example.test' } as const;
  for (const role of ['admin', 'editor', 'writer'] as const) {
    await accounts.addUser({ email: emails[role], name: `The ${role}`, role, password });
  }
  return { ...app, emails };
}

/** Polls `check` until it is true, for at most `ms` (events reach the pages within 2 s). */
export async function within(ms: number, what: string, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
