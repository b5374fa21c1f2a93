import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LedeError } from '../../core/errors.js';
import { requireRole, userOf } from '../auth/request-auth.js';
import type { NewsroomContext } from '../context.js';
import { newsroomSource } from '../operations/story-content.js';
import { parseInput, wireListQuery } from '../schemas.js';
import { decodeCursor, encodeCursor, parseIfMatch, storyJson } from '../story-json.js';

type IdParams = { Params: { id: string } };

const statusStates = { held: ['held'], spiked: ['spiked'], published: ['published'], all: undefined } as const;

/**
 * The wire queue: agency copy held for an editor (sources whose rule is `hold`), newest first,
 * each with how many agency versions arrived and whether one waits after an editor's change.
 * Publish, spike (reversible) and unspike go through the one story-change operation.
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
      items: stories.map((story) => {
        const versions = counts.get(story.id);
        return {
          ...storyJson(story, ctx.config.publicUrl),
          agency_versions: versions?.versions ?? 0,
          last_agency_version_at: versions?.lastReceivedAt ?? null,
          agency_killed: versions?.lastPubstatus === 'canceled',
        };
      }),
      next_cursor: last && stories.length === limit ? encodeCursor(last) : null,
    };
  });

  const wireAction = async (request: FastifyRequest<IdParams>, action: 'publish' | 'spike' | 'unspike') => {
    const story = await ctx.store.stories.findStored(request.params.id);
    if (!story || story.sourceId === newsroomSource.slug)
      throw new LedeError('LEDE_NEWSROOM_NOT_FOUND', `no wire item ${request.params.id}`);
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
