import { resolve } from 'node:path';
import { z } from 'zod';
import { LedeError } from '../core/errors.js';
import { isTimeZone } from '../core/time-zone.js';

/**
 * The only reader of `process.env`. Read once at boot, validated strictly (an unknown
 * `LEDE_*` key is an error: a typo must not silently fall back to a default), frozen.
 */
const knownKeys = [
  'PORT',
  'DATABASE_URL',
  'DATABASE_READ_URL',
  'LEDE_DATA_DIR',
  'LEDE_PUBLIC_URL',
  'LEDE_TIMEZONE',
  'LEDE_TRUST_PROXY',
  'LEDE_METRICS_TOKEN',
  'LEDE_DEMO',
  'LEDE_LOG_LEVEL',
  'LEDE_TELEGRAM_BOT_TOKEN',
  'LEDE_TELEGRAM_CHAT_ID',
  'LEDE_TELEGRAM_API_BASE',
  'LEDE_BENCH_PAGE_CACHE_OFF',
] as const;

const flag = z.enum(['1', '0', 'true', 'false', 'yes', 'no']).transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// URL (leave unset for SQLite)')
    .optional(),
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// URL')
    .optional(),
  LEDE_DATA_DIR: z.string().min(1).default('./data'),
  LEDE_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://news.example.com' }).optional(),
  LEDE_TIMEZONE: z.string().refine(isTimeZone, 'is not an IANA time zone such as Europe/Paris').default('UTC'),
  LEDE_TRUST_PROXY: flag.default(false),
  LEDE_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters (a random secret)').optional(),
  // Off by default so a production install never gets fake stories; `npm start` (the quick start) sets it.
  LEDE_DEMO: flag.default(false),
  LEDE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LEDE_TELEGRAM_BOT_TOKEN: z.string().min(1).optional(),
  LEDE_TELEGRAM_CHAT_ID: z.string().min(1).optional(),
  LEDE_TELEGRAM_API_BASE: z.url().optional(),
  // Bench only (`npm run bench:site -- --misses`): every page renders, to measure a cache miss.
  LEDE_BENCH_PAGE_CACHE_OFF: flag.default(false),
});

export interface Config {
  port: number;
  databaseUrl: string;
  databaseReadUrl?: string;
  dataDir: string;
  mediaDir: string;
  publicUrl: string;
  timezone: string;
  trustProxy: boolean;
  /** Bearer token for `/metrics` (the only way in behind a proxy). */
  metricsToken?: string;
  demo: boolean;
  logLevel: string;
  telegram: { botToken?: string; chatId?: string; apiBase?: string };
  /** Bench only: no response is cached or shared, so every request renders (a cache miss). */
  benchPageCacheOff: boolean;
}

/**
 * A config that cannot be used: LEDE_CONFIG_INVALID, its message one line per bad key (the
 * name, the value, the reason), which is what `lede` prints at boot; the lines are also in
 * `details.problems`.
 */
function configInvalid(problems: string[]): LedeError {
  return new LedeError('LEDE_CONFIG_INVALID', problems.join('\n'), { details: { problems } });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Validates an environment; every problem is one line naming the key, the value and the reason. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const problems: string[] = [];
  for (const key of Object.keys(env)) {
    // LEDE_TEST_* and LEDE_UPDATE_* (LEDE_UPDATE_GOLDEN) belong to the tests, which read them through test helpers.
    const isTestKey = key.startsWith('LEDE_TEST_') || key.startsWith('LEDE_UPDATE_');
    if (key.startsWith('LEDE_') && !isTestKey && !(knownKeys as readonly string[]).includes(key)) {
      problems.push(
        `${key}=${JSON.stringify(env[key])}: unknown setting (known: ${knownKeys.filter((k) => k.startsWith('LEDE_')).join(', ')})`,
      );
    }
  }
  const picked = Object.fromEntries(knownKeys.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]);
      problems.push(`${key}=${JSON.stringify(picked[key])}: ${issue.message}`);
    }
  }
  if (problems.length > 0 || !parsed.success) throw configInvalid(problems);
  const e = parsed.data;
  const dataDir = resolve(e.LEDE_DATA_DIR);
  return deepFreeze({
    port: e.PORT,
    databaseUrl: e.DATABASE_URL ?? `sqlite:${resolve(dataDir, 'lede.db')}`,
    databaseReadUrl: e.DATABASE_READ_URL,
    dataDir,
    mediaDir: resolve(dataDir, 'media'),
    publicUrl: (e.LEDE_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    timezone: e.LEDE_TIMEZONE,
    trustProxy: e.LEDE_TRUST_PROXY,
    metricsToken: e.LEDE_METRICS_TOKEN,
    demo: e.LEDE_DEMO,
    logLevel: e.LEDE_LOG_LEVEL,
    telegram: { botToken: e.LEDE_TELEGRAM_BOT_TOKEN, chatId: e.LEDE_TELEGRAM_CHAT_ID, apiBase: e.LEDE_TELEGRAM_API_BASE },
    benchPageCacheOff: e.LEDE_BENCH_PAGE_CACHE_OFF,
  });
}
