import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LedeError } from '../../core/errors.js';
import { absoluteUrl } from '../../core/urls.js';
import type { StoredStory } from '../../store/types.js';
import { requireRole, userOf } from '../auth/request-auth.js';
import type { NewsroomContext } from '../context.js';
import { newsroomSource } from '../operations/story-content.js';
import type { StoryAction } from '../operations/story-operations.js';
import { createStoryInput, parseInput, patchStoryInput, scheduleInput, storyListQuery } from '../schemas.js';
import { decodeCursor, encodeCursor, parseIfMatch, storyJson, storyListJson } from '../story-json.js';

type IdParams = { Params: { id: string } };

const listStates = new Set([
  'draft',
  'review',
  'scheduled',
  'published',
  'unpublished',
  'killed',
  'held',
  'spiked',
  'embargoed',
  'withheld',
  'expired',
]);

/** Stories of the admin API (DESIGN "Newsroom admin API"): list, create, read, change, act, revisions. */
export function registerStoryRoutes(app: FastifyInstance, ctx: NewsroomContext): void {
  const send = (reply: FastifyReply, story: StoredStory, status = 200) =>
    reply.code(status).header('etag', `"${story.revision}"`).send(storyJson(story, ctx.config.publicUrl));

  app.get('/stories', async (request) => {
    const query = parseInput(storyListQuery, request.query, 'query');
    const states = query.state ? query.state.split(',').map((s) => s.trim()) : undefined;
    const unknown = states?.find((s) => !listStates.has(s));
    if (unknown) throw new LedeError('LEDE_NEWSROOM_INVALID', `state: "${unknown}" is not a story state`, { details: { field: 'state' } });
    const limit = query.limit ?? 50;
    const stories = await ctx.store.desk.list({
      states,
      q: query.q,
      sourceId: query.source,
      section: query.section,
      before: decodeCursor(query.cursor),
      limit,
    });
    const last = stories.at(-1);
    return {
      items: stories.map((s) => storyListJson(s, ctx.config.publicUrl)),
      next_cursor: last && stories.length === limit ? encodeCursor(last) : null,
    };
  });

  app.post('/stories', async (request, reply) => {
    const input = parseInput(createStoryInput, request.body);
    return send(reply, await ctx.stories.create(userOf(request), input), 201);
  });

  app.get<IdParams>('/stories/:id', async (request, reply) => {
    const story = await ctx.store.stories.findStored(request.params.id);
    if (!story) throw new LedeError('LEDE_NEWSROOM_NOT_FOUND', `no story ${request.params.id}`);
    return send(reply, story);
  });

  app.patch<IdParams>('/stories/:id', async (request, reply) => {
    // 428 (RFC 6585) rather than 412 without If-Match: nothing was compared, the client must say what it edited.
    const baseRevision = parseIfMatch(request.headers['if-match']);
    if (baseRevision === undefined) {
      throw new LedeError('LEDE_NEWSROOM_PRECONDITION_REQUIRED', 'send If-Match with the story\'s version (e.g. If-Match: "3")', {
        details: { field: 'If-Match' },
      });
    }
    const fields = parseInput(patchStoryInput, request.body);
    return send(reply, await ctx.stories.update({ user: userOf(request), id: request.params.id, baseRevision, fields }));
  });

  const act = (request: FastifyRequest<IdParams>, action: StoryAction) =>
    ctx.stories.act({
      user: userOf(request),
      id: request.params.id,
      action,
      at: action === 'schedule' ? parseInput(scheduleInput, request.body).at : undefined,
      baseRevision: parseIfMatch(request.headers['if-match']),
    });

  app.post<IdParams>('/stories/:id/submit', async (request, reply) => send(reply, await act(request, 'submit')));
  for (const action of ['publish', 'unpublish', 'kill', 'schedule'] as const) {
    app.post<IdParams>(`/stories/:id/${action}`, { preHandler: requireRole('editor') }, async (request, reply) =>
      send(reply, await act(request, action)),
    );
  }

  // A signed link to the site's `/preview/{token}`, valid for an hour, for anyone who may read the story.
  app.post<IdParams>('/stories/:id/preview', async (request) => {
    const story = await ctx.store.stories.findStored(request.params.id);
    if (!story) throw new LedeError('LEDE_NEWSROOM_NOT_FOUND', `no story ${request.params.id}`);
    const { token, expiresAt } = await ctx.previews.issue(story.id, ctx.clock.now());
    return { url: absoluteUrl(ctx.config.publicUrl, `/preview/${token}`), expires_at: expiresAt };
  });

  app.get<IdParams>('/stories/:id/revisions', async (request) => {
    const history = await ctx.store.stories.history(request.params.id);
    if (history.length === 0 && !(await ctx.store.stories.findStored(request.params.id))) {
      throw new LedeError('LEDE_NEWSROOM_NOT_FOUND', `no story ${request.params.id}`);
    }
    return {
      revisions: history
        .filter((h) => h.revision !== undefined)
        .reverse()
        .map((h) => ({
          revision: h.revision,
          at: h.receivedAt,
          by: h.editorId ?? null,
          origin: h.editorId ? 'editor' : h.ninjs.uri.startsWith(`urn:lede:${newsroomSource.slug}:`) ? 'newsroom' : 'agency',
          agency_version: h.version ?? null,
          pubstatus: h.pubstatus,
          headline: h.ninjs.headlines?.find((x) => x.role === 'main')?.value ?? null,
          body_html: h.ninjs.bodies?.find((b) => b.contenttype === 'text/html')?.value ?? null,
        })),
    };
  });

  app.post<{ Params: { id: string; n: string } }>('/stories/:id/revisions/:n/restore', async (request, reply) => {
    const revision = Number(request.params.n);
    if (!Number.isSafeInteger(revision) || revision < 1) {
      throw new LedeError('LEDE_NEWSROOM_INVALID', 'n: must be a revision number', { details: { field: 'n' } });
    }
    const baseRevision = parseIfMatch(request.headers['if-match']);
    return send(reply, await ctx.stories.restore({ user: userOf(request), id: request.params.id, revision, baseRevision }));
  });
}
