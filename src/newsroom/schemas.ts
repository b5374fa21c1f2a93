import { z } from 'zod';
import { LedeError } from '../core/errors.js';
import { userRoles } from '../core/roles.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const optionalText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
/** A story's, author's or section's slug. */
export const slug = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters')
  .regex(/^[\p{Ll}\p{Lo}\p{N}]+(-[\p{Ll}\p{Lo}\p{N}]+)*$/u, 'must be lower-case letters and digits joined by single hyphens');

export const heroInput = z
  .strictObject({
    media_id: text(200),
    caption: optionalText(1000).optional(),
    alt: optionalText(500).optional(),
    photographer: optionalText(200).optional(),
    credit: optionalText(200).optional(),
  })
  .nullable();

/** The fields of a story an editor sets (DESIGN "Newsroom admin API"), all optional: a PATCH sends what changes. */
const storyFields = {
  headline: text(300),
  body_html: z.string().max(2_000_000, 'must be at most 2,000,000 characters'),
  section: slug,
  standfirst: optionalText(2000),
  tags: z.array(text(100)).max(50, 'must have at most 50 tags'),
  authors: z.array(slug).max(20, 'must have at most 20 authors'),
  hero: heroInput,
  slug,
  byline: optionalText(300),
  usage_notice: optionalText(2000),
  seo_title: optionalText(300),
  seo_description: optionalText(1000),
  urgency: z.number().int('must be a whole number').min(1, 'must be 1 to 9').max(9, 'must be 1 to 9'),
};

export const createStoryInput = z.strictObject({
  ...storyFields,
  standfirst: storyFields.standfirst.optional(),
  tags: storyFields.tags.optional(),
  authors: storyFields.authors.optional(),
  hero: storyFields.hero.optional(),
  slug: storyFields.slug.optional(),
  byline: storyFields.byline.optional(),
  usage_notice: storyFields.usage_notice.optional(),
  seo_title: storyFields.seo_title.optional(),
  seo_description: storyFields.seo_description.optional(),
  urgency: storyFields.urgency.optional(),
});
export type CreateStoryInput = z.output<typeof createStoryInput>;

export const patchStoryInput = z
  .strictObject(storyFields)
  .partial()
  .extend({
    /** The correction note shown under a published story that changed in substance. */
    correction: text(1000).optional(),
  });
export type PatchStoryInput = z.output<typeof patchStoryInput>;

export const scheduleInput = z.strictObject({ at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with a zone' }) });

export const loginInput = z.strictObject({
  email: text(320),
  password: z.string().min(1, 'must not be empty').max(1024, 'must be at most 1024 characters'),
  totp: z.string().trim().max(10).optional(),
});

export const userInput = z.strictObject({
  email: z.email('must be an e-mail address').max(320),
  name: text(200),
  role: z.enum(userRoles, { error: `must be one of ${userRoles.join(', ')}` }),
  password: z.string(),
});

export const passwordInput = z.strictObject({ password: z.string() });
export const totpCodeInput = z.strictObject({ code: z.string().trim().min(1, 'must not be empty').max(10) });

export const storyListQuery = z.strictObject({
  state: z.string().max(200).optional(),
  q: optionalText(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  source: z.string().max(100).optional(),
  section: z.string().max(100).optional(),
});

export const wireListQuery = z.strictObject({
  source: z.string().max(100).optional(),
  section: z.string().max(100).optional(),
  urgency: z.coerce.number().int().min(1, 'must be 1 to 9').max(9, 'must be 1 to 9').optional(),
  status: z.enum(['held', 'spiked', 'published', 'all'], { error: 'must be held, spiked, published or all' }).optional(),
  q: optionalText(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

/** Parses `value` with `schema`, or throws LEDE_NEWSROOM_INVALID naming the first bad field and the reason. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, where = 'body'): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const field = unknownKey ?? (issue.path.map(String).join('.') || where);
  const reason = unknownKey
    ? 'is not a known field'
    : issue.code === 'invalid_type' && issue.input === undefined
      ? 'is required'
      : issue.message;
  throw new LedeError('LEDE_NEWSROOM_INVALID', `${field}: ${reason}`, { details: { field } });
}
