import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LedeError } from '../../core/errors.js';
import { requireRole, userOf } from '../auth/request-auth.js';
import type { NewsroomContext } from '../context.js';
import { newsroomSource } from '../operations/story-content.js';
import { parseInput, wireListQuery } from '../schemas.js';
import { decodeCursor, encodeCursor, parseIfMatch, storyJson, storyListJson } from '../story-json.js';

type IdParams = { Params: { id: string } };

const statusStates = { held: ['held'], spiked: ['spiked'], published: ['published'], all: undefined } as const;

/**
 * The wire queue: agency copy held for an editor (sources whose rule is `hold`), newest first,
 * each with how many agency versions arrived and whether one waits after an editor's change.
 * The list carries no bodies; `GET wire/{id}` is the whole item, for the preview. Publish, spike
 * (reversible) and unspike go through the one story-change operation.
 */
export function registerWireRoutes(app: FastifyInstance, ctx: NewsroomContext): void {
  app.get('/wire', async (request) => {
    const query = parseInput(wireListQuery, request.query, 'query');
    const limit = query.limit ?? 50;
    const states = statusStates[query.status ?? 'held'];
    const stories = await ctx.store.desk.list({
      states: states ? [...states] : undefined,
      sourceId: query.source,
      notSourceId: newsroomSource.slug,
      section: query.section,
      urgency: query.urgency,
      q: query.q,
      before: decodeCursor(query.cursor),
      limit,
    });
    const counts = await ctx.store.desk.versionCounts(stories.map((s) => s.id));
    const last = stories.at(-1);
    return {
      items: stories.map((story) => ({ ...storyListJson(story, ctx.config.publicUrl), ...agencyJson(counts.get(story.id)) })),
      next_cursor: last && stories.length === limit ? encodeCursor(last) : null,
    };
  });

  app.get<IdParams>('/wire/:id', async (request) => {
    const story = await wireItem(request.params.id);
    const counts = await ctx.store.desk.versionCounts([story.id]);
    return { ...storyJson(story, ctx.config.publicUrl), ...agencyJson(counts.get(story.id)) };
  });

  const wireItem = async (id: string) => {
    const story = await ctx.store.stories.findStored(id);
    if (!story || story.sourceId === newsroomSource.slug) throw new LedeError('LEDE_NEWSROOM_NOT_FOUND', `no wire item ${id}`);
    return story;
  };

  const wireAction = async (request: FastifyRequest<IdParams>, action: 'publish' | 'spike' | 'unspike') => {
    const story = await wireItem(request.params.id);
    const updated = await ctx.stories.act({
      user: userOf(request),
      id: story.id,
      action,
      baseRevision: parseIfMatch(request.headers['if-match']),
    });
    return storyJson(updated, ctx.config.publicUrl);
  };
  for (const action of ['publish', 'spike', 'unspike'] as const) {
    app.post<IdParams>(`/wire/:id/${action}`, { preHandler: requireRole('editor') }, (request) => wireAction(request, action));
  }
}

const agencyJson = (versions: { versions: number; lastReceivedAt?: string; lastPubstatus?: string } | undefined) => ({
  agency_versions: versions?.versions ?? 0,
  last_agency_version_at: versions?.lastReceivedAt ?? null,
  agency_killed: versions?.lastPubstatus === 'canceled',
});
