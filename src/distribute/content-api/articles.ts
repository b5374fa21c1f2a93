import type { FastifyInstance } from 'fastify';
import { LedeError } from '../../core/errors.js';
import type { Media, Source, Story } from '../../core/story.js';
import { isAllowed } from '../../core/story.js';
import { jsonErrorBody, publicErrorOf } from '../../http/error-reply.js';
import type { Rendered, Responder } from '../../http/responder.js';
import type { PullOptions } from '../context.js';
import { encodeCursor } from './cursor.js';
import { parseListQuery } from './list-query.js';
import { toApiItem, toCanceledItem } from './serialize.js';

type Deps = PullOptions & { responder: Responder };

const jsonType = 'application/json; charset=utf-8';

/** With keys required, a shared cache must not hand an answer to someone without one. */
async function cacheControlFor(deps: Deps): Promise<string> {
  const setting = await deps.store.settings.get('api');
  return setting.requireKey ? 'private, no-cache' : 'public, max-age=60';
}

async function mediaFor(deps: Deps, stories: Story[]): Promise<Map<string, Media>> {
  const ids = [...new Set(stories.flatMap((s) => (s.hero ? [s.hero.mediaId] : [])))];
  const found = await Promise.all(ids.map((id) => deps.store.media.findById(id)));
  return new Map(found.flatMap((m) => (m ? [[m.id, m] as const] : [])));
}

const notFound = (id: string): Rendered => ({
  status: 404,
  body: JSON.stringify(jsonErrorBody(publicErrorOf(new LedeError('LEDE_HTTP_NOT_FOUND', `article "${id}": no such published article`)))),
  contentType: jsonType,
  // A later publish of this id makes it exist: purge the cached 404 then.
  tags: [`story:${id}`, 'settings'],
  cacheControl: 'public, max-age=30',
});

export function registerArticleRoutes(app: FastifyInstance, deps: Deps): void {
  app.get('/articles', async (request, reply) => {
    const query = parseListQuery((request.query ?? {}) as Record<string, unknown>);
    return deps.responder.send(
      request,
      reply,
      async () => {
        const sources = await deps.store.sources.list();
        const denied = sources.filter((s) => !isAllowed(s, 'api')).map((s) => s.slug);
        const rows =
          query.source !== undefined && denied.includes(query.source)
            ? []
            : await deps.store.articleIndex.page({
                before: query.cursor,
                section: query.section,
                source: query.source,
                since: query.since,
                uri: query.uri,
                excludeSources: denied,
                limit: query.limit + 1,
              });
        const page = rows.slice(0, query.limit);
        const last = page[page.length - 1];
        const nextCursor =
          rows.length > query.limit && last?.publishedAt ? encodeCursor({ publishedAt: last.publishedAt, id: last.id }) : null;
        const media = await mediaFor(deps, page);
        const bySlug = new Map<string, Source>(sources.map((s) => [s.slug, s]));
        const items = page.map((story) =>
          toApiItem({
            story,
            source: bySlug.get(story.sourceId),
            media: story.hero && media.get(story.hero.mediaId),
            publicUrl: deps.config.publicUrl,
          }),
        );
        const listTag = query.section ? `list:section:${query.section}` : query.source ? `list:source:${query.source}` : 'list:home';
        return {
          status: 200,
          body: JSON.stringify({ items, next_cursor: nextCursor }),
          contentType: jsonType,
          tags: [listTag, 'settings', ...page.map((s) => `story:${s.id}`)],
          cacheControl: await cacheControlFor(deps),
        };
      },
      { query: 'all' },
    ); // unknown parameters are refused above, so every one counts
  });

  app.get<{ Params: { id: string } }>('/articles/:id', (request, reply) =>
    deps.responder.send(request, reply, async () => {
      const id = request.params.id;
      const story = /^[\w-]{1,100}$/.test(id) ? await deps.store.stories.findById(id) : undefined;
      if (!story) return notFound(id);
      const source = await deps.store.sources.findBySlug(story.sourceId);
      // Hidden (withheld, embargoed, held, expired) is 404 everywhere; unlicensed is never served.
      if (!isAllowed(source, 'api') || (story.state !== 'published' && story.state !== 'killed')) return notFound(id);
      const media = story.state === 'published' && story.hero ? await deps.store.media.findById(story.hero.mediaId) : undefined;
      const item =
        story.state === 'killed'
          ? toCanceledItem({ story, publicUrl: deps.config.publicUrl })
          : toApiItem({ story, source, media, publicUrl: deps.config.publicUrl });
      return {
        status: 200,
        body: JSON.stringify(item),
        contentType: jsonType,
        tags: [`story:${story.id}`, 'settings'],
        cacheControl: await cacheControlFor(deps),
      };
    }),
  );
}
