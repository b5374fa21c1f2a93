import { z } from 'zod';

/**
 * Every run-time setting, declared once: its schema, its default and what it is for. Editors
 * change these at run time (`lede settings`, later the newsroom); they are not config
 * (`server/config.ts`). Plain data, so the store validates with it and every layer reads it.
 */
export interface SettingDefinition<S extends z.ZodType = z.ZodType> {
  schema: S;
  default: z.output<S>;
  /** One line, shown by `lede settings list` and in the README. */
  description: string;
  /** Fields holding secrets (of the object, or of each entry of a list), masked when shown. */
  secrets?: readonly string[];
}

const define = <S extends z.ZodType>(definition: SettingDefinition<S>) => definition;

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const text = z.string().trim().min(1, 'must not be empty');
/** What listings show instead of a secret. */
export const maskedSecret = '***';
// A masked value copied back from `lede settings get` must not replace the real secret.
const secret = text.refine((value) => value !== maskedSecret, `is the mask ${maskedSecret} shown by lede settings, not the secret itself`);
// The same links the site's `safeHref` lets through; anything else would render as `#`.
const linkHref = z
  .string()
  .trim()
  .regex(/^(\/(?!\/)|https?:\/\/\S|mailto:\S|tg:\S)/i, 'must be an http(s), mailto: or tg: link, or a path starting with /');
/** A labelled link (the site's social links, an author's profile links). */
export const socialLinkSchema = z.strictObject({ label: text.max(60, 'must be at most 60 characters'), href: linkHref });
const perMinute = z.number().int('must be a whole number').min(1, 'must be at least 1').max(1_000_000);
const pushedEvents = ['publish', 'update', 'kill', 'withhold'] as const;

export const settingsCatalogue = {
  site: define({
    description:
      'The site name, description and language (a BCP 47 tag) shown on every page and feed; `logo`: the id of an uploaded picture shown in the header.',
    schema: z.strictObject({
      name: text.max(100, 'must be at most 100 characters').default('Lede'),
      description: z.string().trim().max(300, 'must be at most 300 characters').default('News'),
      language: z
        .string()
        .trim()
        .regex(/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i, 'must be a language tag such as en or pt-BR')
        .default('en'),
      logo: z
        .string()
        .trim()
        .regex(/^[\w.-]{1,200}$/, 'must be the id of an uploaded picture')
        .optional(),
    }),
    default: { name: 'Lede', description: 'News', language: 'en' },
  }),
  callouts: define({
    description:
      'Editorial call-outs between paragraphs: slots after paragraph `afterParagraph`, then every `every`; each slot of an article gets a different call-out, chosen by its id. Optional: `language` (shown on articles in it; default the site language), `sections` (only these), `enabled: false`.',
    schema: z.array(
      z.strictObject({
        text,
        href: linkHref,
        afterParagraph: z.number().int('must be a whole number').min(1, 'must be at least 1'),
        every: z.number().int('must be a whole number').min(1, 'must be at least 1').optional(),
        language: z
          .string()
          .regex(/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i, 'must be a language tag such as en or pt-BR')
          .optional(),
        sections: z.array(z.string().min(1)).optional(),
        enabled: z.boolean().optional(),
      }),
    ),
    default: [],
  }),
  social: define({
    description: "The site's social links (`label`, `href`), in order, in the footer of every page.",
    schema: z.array(socialLinkSchema).max(20, 'must have at most 20 links'),
    default: [],
  }),
  readAlso: define({
    description:
      'Read also links in articles: asides after paragraphs `afterParagraphs` with `linksPerAside` links each, and `listLength` related stories under the story.',
    schema: z.strictObject({
      afterParagraphs: z
        .array(z.number().int('must be a whole number').min(1, 'must be at least 1'))
        .min(1, 'must name at least one paragraph')
        .max(4, 'must name at most 4 paragraphs')
        .default([2, 5, 9]),
      linksPerAside: z.number().int('must be a whole number').min(1, 'must be at least 1').max(4, 'must be at most 4').default(1),
      listLength: z.number().int('must be a whole number').min(0, 'must be at least 0').max(10, 'must be at most 10').default(5),
    }),
    default: { afterParagraphs: [2, 5, 9], linksPerAside: 1, listLength: 5 },
  }),
  feeds: define({
    description: 'Full text in feeds (`fullText: false` for summaries only; a source may still forbid full text).',
    schema: z.strictObject({ fullText: z.boolean().default(true) }),
    default: { fullText: true },
  }),
  api: define({
    description: 'Content API access: `requireKey`, and requests a minute per address (`perMinute`) and per key (`keyPerMinute`).',
    schema: z.strictObject({
      requireKey: z.boolean().default(false),
      perMinute: perMinute.default(120),
      keyPerMinute: perMinute.default(1200),
    }),
    default: { requireKey: false, perMinute: 120, keyPerMinute: 1200 },
  }),
  websub: define({
    description: 'The WebSub `hub` that feeds advertise and that is pinged when a feed changes.',
    schema: z.strictObject({ hub: httpUrl.optional() }),
    default: {},
  }),
  telegram: define({
    description: 'The Telegram channel: `botToken`, `chatId` (@name or a numeric id), `apiBase`; LEDE_TELEGRAM_* override each.',
    schema: z.strictObject({
      botToken: secret.optional(),
      chatId: z
        .string()
        .trim()
        .regex(/^(@\w+|-?\d+)$/, 'must be @channelname or a numeric chat id')
        .optional(),
      apiBase: httpUrl.optional(),
    }),
    default: {},
    secrets: ['botToken'],
  }),
  purge: define({
    description:
      'CDN purge (null: off): POST surrogate keys to `url` in header `headerName`, with `token` (in `tokenHeader`, else as a bearer).',
    schema: z
      .strictObject({
        url: httpUrl,
        headerName: text.optional(),
        token: secret.optional(),
        tokenHeader: text.optional(),
      })
      .nullable(),
    default: null,
    secrets: ['token'],
  }),
  webhooks: define({
    description: 'Webhook subscribers to register (`url`, `secret`, `events`); `lede webhooks` lists and removes registered ones.',
    schema: z.array(
      z.strictObject({
        url: httpUrl,
        secret,
        events: z.array(z.enum(pushedEvents)).min(1, 'must name at least one event').optional(),
      }),
    ),
    default: [],
    secrets: ['secret'],
  }),
  recommend: define({
    description:
      'Reader signals: raw views, co-visits and recommendation impressions are deleted after `retentionDays` (daily view totals stay).',
    schema: z.strictObject({
      retentionDays: z.number().int('must be a whole number').min(1, 'must be at least 1').max(3650).default(30),
    }),
    default: { retentionDays: 30 },
  }),
  newsroom: define({
    description:
      'Newsroom sign-in: `requireAdminTotp` (admins must use two-factor sign-in), `sessionHours` (how long a session lasts without signing in again).',
    schema: z.strictObject({
      requireAdminTotp: z.boolean().default(false),
      sessionHours: z
        .number()
        .int('must be a whole number')
        .min(1, 'must be at least 1')
        .max(24 * 90, 'must be at most 2160')
        .default(336),
    }),
    default: { requireAdminTotp: false, sessionHours: 336 },
  }),
};

export type SettingKey = keyof typeof settingsCatalogue;
/** What a typed read returns: the stored value as validated, or the default. */
export type SettingValue<K extends SettingKey> = z.output<(typeof settingsCatalogue)[K]['schema']>;
/** What a write accepts (before defaults are filled in). */
export type SettingInput<K extends SettingKey> = z.input<(typeof settingsCatalogue)[K]['schema']>;

export type CalloutSetting = SettingValue<'callouts'>[number];
export type SocialLink = SettingValue<'social'>[number];
export type TelegramSetting = SettingValue<'telegram'>;
export type PurgeSetting = SettingValue<'purge'>;

export const settingKeys = Object.keys(settingsCatalogue) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(settingsCatalogue, key);
}

export type SettingCheck<K extends SettingKey> =
  | { ok: true; value: SettingValue<K> }
  | {
      ok: false;
      /** Dotted path of the first bad field (`0.href`), empty for the value as a whole. */
      field: string;
      reason: string;
    };

/** Validates a value for `key` against its schema; the value comes back with its defaults filled in. */
export function checkSetting<K extends SettingKey>(key: K, value: unknown): SettingCheck<K> {
  const result = settingsCatalogue[key].schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data as SettingValue<K> };
  const issue = result.error.issues[0]!;
  return { ok: false, field: issue.path.map(String).join('.'), reason: issue.message };
}

/** The value with its secret fields replaced by `***`, for listings and logs. */
export function maskSecrets(key: SettingKey, value: unknown): unknown {
  const secrets: readonly string[] = settingsCatalogue[key].secrets ?? [];
  if (secrets.length === 0) return value;
  const mask = (entry: unknown): unknown => {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return entry;
    return Object.fromEntries(Object.entries(entry).map(([field, v]) => [field, secrets.includes(field) && v ? maskedSecret : v]));
  };
  return Array.isArray(value) ? value.map(mask) : mask(value);
}
