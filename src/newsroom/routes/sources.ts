import { basename } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LedeError } from '../../core/errors.js';
import type { Source } from '../../core/story.js';
import type { QuarantineEntry } from '../../ingest/quarantine.js';
import { listAllQuarantine, replayQuarantined } from '../../ingest/quarantine-replay.js';
import { createSourceHealth, type SourceHealth } from '../../ingest/sources/health.js';
import { applySourceSettings, rightNames } from '../../ingest/sources/settings.js';
import { requireRole, userOf } from '../auth/request-auth.js';
import type { NewsroomContext } from '../context.js';
import { parseInput } from '../schemas.js';

const right = z.enum(Object.keys(rightNames) as [string, ...string[]], {
  error: `must be one of ${Object.keys(rightNames).join(', ')}`,
});
const setting = z.string().max(2000, 'must be at most 2000 characters');
const whole = z.union([z.number().int('must be a whole number'), z.string().max(20)]).transform(String);

/** `lede sources set`'s options as JSON fields (an empty string clears a setting); rights as lists of names. */
const sourceInput = z.strictObject({
  name: setting.optional(),
  rule: z.enum(['auto', 'hold'], { error: 'must be auto or hold' }).optional(),
  timezone: setting.optional(),
  watchDir: setting.optional(),
  feedUrl: setting.optional(),
  feedIntervalSeconds: whole.optional(),
  pushToken: setting.optional(),
  pushHmacSecret: setting.optional(),
  idleMinutes: whole.optional(),
  sections: setting.optional(),
  byline: setting.optional(),
  credit: setting.optional(),
  usageTerms: setting.optional(),
  allow: z.array(right).optional(),
  deny: z.array(right).optional(),
  sequentialVersions: z.boolean().optional(),
  allowPrivateFetch: z.boolean().optional(),
});

const replayInput = z.strictObject({
  files: z.array(z.string().min(1).max(4096)).min(1, 'must name at least one quarantined file').max(500),
});
/** `source`: only that source's files; absent: every file. */
const replayAllInput = z.strictObject({ source: z.string().min(1).max(200).optional() });
/** Files one replay-all takes, so one request stays short; `remaining` says how many are left. */
const replayAllBatch = 200;

async function sourceJson(ctx: NewsroomContext, source: Source, health: SourceHealth | undefined) {
  const credentials = await ctx.store.sources.pushCredentials(source.slug);
  return {
    slug: source.slug,
    name: source.name,
    kind: source.kind,
    publish_rule: source.publishRule,
    usage_notice: source.usageNotice ?? null,
    photo_credit: source.photoCredit ?? null,
    // Every right by its `lede sources` name: absent means allowed.
    rights: Object.fromEntries(Object.entries(rightNames).map(([name, key]) => [name, source.rights?.[key] !== false])),
    rules: source.rules ?? {},
    // Push credentials are never shown, only whether they are set.
    push: { has_token: Boolean(credentials.tokenHash), has_hmac_secret: Boolean(credentials.hmacSecret) },
    health: health ?? null,
  };
}

const quarantineJson = (entry: QuarantineEntry) => ({
  file: entry.file,
  name: basename(entry.file),
  reason: entry.reason,
  source: entry.source ?? null,
  at: entry.at,
  from: entry.from ?? null,
  is_record_only: entry.isRecordOnly === true,
});

/**
 * Sources and the quarantine for admins: what `lede sources` and `lede quarantine` do, through the
 * same functions (`applySourceSettings`, `replayQuarantined`). A replay names files as listed here:
 * nothing outside the quarantine folders is ever read.
 */
export function registerSourceRoutes(app: FastifyInstance, ctx: NewsroomContext): void {
  const admin = { preHandler: requireRole('admin') };
  const health = createSourceHealth({ store: ctx.store, clock: ctx.clock });
  const audit = (userId: string, action: string, details: Record<string, unknown>) =>
    ctx.store.audit.append({ at: ctx.clock.now().toISOString(), userId, action, details });

  app.get('/ingest/sources', admin, async () => {
    const byslug = new Map((await health.list()).map((h) => [h.slug, h]));
    const sources = await ctx.store.sources.list();
    return { items: await Promise.all(sources.map((s) => sourceJson(ctx, s, byslug.get(s.slug)))) };
  });

  app.put<{ Params: { slug: string } }>('/ingest/sources/:slug', admin, async (request) => {
    const { allow, deny, ...input } = parseInput(sourceInput, request.body);
    const source = await ctx.store.transaction(async (tx) => {
      const saved = await applySourceSettings(tx.sources, request.params.slug, {
        ...input,
        allow: allow?.join(','),
        deny: deny?.join(','),
      });
      const fields = Object.keys(request.body as object);
      await tx.audit.append({
        at: ctx.clock.now().toISOString(),
        userId: userOf(request).id,
        action: 'source.set',
        details: { slug: saved.slug, fields },
      });
      return saved;
    });
    return sourceJson(
      ctx,
      source,
      (await health.list()).find((h) => h.slug === source.slug),
    );
  });

  app.get('/ingest/quarantine', admin, async () => ({
    items: (await listAllQuarantine(ctx.store, ctx.ingest.dataDir)).map(quarantineJson),
  }));

  app.post('/ingest/quarantine/replay', admin, async (request) => {
    const { files } = parseInput(replayInput, request.body);
    const byFile = new Map((await listAllQuarantine(ctx.store, ctx.ingest.dataDir)).map((e) => [e.file, e]));
    const missing = files.find((file) => !byFile.has(file));
    if (missing) throw new LedeError('LEDE_NEWSROOM_NOT_FOUND', `${missing}: not in quarantine (it may have been replayed already)`);
    const results = [];
    for (const file of new Set(files)) results.push(await replay(userOf(request).id, byFile.get(file)!));
    return { results };
  });

  // Every replayable file in quarantine (of one source), oldest first: after a source's outage or
  // a fixed parser, the desk replays the lot instead of clicking through each file.
  app.post('/ingest/quarantine/replay-all', admin, async (request) => {
    const { source } = parseInput(replayAllInput, request.body ?? {});
    const entries = (await listAllQuarantine(ctx.store, ctx.ingest.dataDir)).filter(
      (e) => !e.isRecordOnly && (source === undefined || e.source === source),
    );
    const results = [];
    for (const entry of entries.slice(0, replayAllBatch)) results.push(await replay(userOf(request).id, entry));
    return {
      results,
      ingested: results.filter((r) => r.is_ingested).length,
      failed: results.filter((r) => !r.is_ingested).length,
      remaining: Math.max(0, entries.length - replayAllBatch),
    };
  });

  const replay = async (userId: string, entry: QuarantineEntry) => {
    const { file } = entry;
    const result = await replayQuarantined({ pipeline: ctx.ingest.pipeline, clock: ctx.clock }, entry).catch((error: unknown) => {
      // Another request (a second click) replayed it between our listing and now.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return { file, isIngested: false as const, reason: 'no longer in quarantine: another request replayed it' };
    });
    await audit(userId, 'quarantine.replay', { file, ingested: result.isIngested });
    return result.isIngested
      ? { file, is_ingested: true, items: result.items, moved_to: result.movedTo }
      : { file, is_ingested: false, reason: result.reason };
  };
}
