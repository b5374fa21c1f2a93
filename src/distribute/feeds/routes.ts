import type { FastifyInstance } from 'fastify';
import type { FeedFormat } from '../../core/urls.js';
import { cacheControl, type Rendered, type Responder } from '../../http/responder.js';
import type { PullOptions } from '../context.js';
import { atomContentType, renderAtom } from './atom.js';
import { loadFeed } from './feed-model.js';
import { missingTag, resolveScope, type ScopeKind } from './feed-scope.js';
import { jsonFeedContentType, renderJsonFeed } from './json-feed.js';
import { renderRss, rssContentType } from './rss.js';

const formats: Array<{ format: FeedFormat; file: string; contentType: string }> = [
  { format: 'rss', file: 'feed.xml', contentType: rssContentType },
  { format: 'atom', file: 'atom.xml', contentType: atomContentType },
  { format: 'json', file: 'feed.json', contentType: jsonFeedContentType },
];

const renderers = { rss: renderRss, atom: renderAtom, json: renderJsonFeed };

async function renderFeed(deps: PullOptions, kind: ScopeKind, slug: string, format: (typeof formats)[number]): Promise<Rendered> {
  const scope = await resolveScope(deps.store, kind, slug);
  if (!scope) {
    return {
      status: 404,
      body: `No ${kind} "${slug}": no feed here.\n`,
      contentType: 'text/plain; charset=utf-8',
      tags: [missingTag(kind, slug)],
      cacheControl: cacheControl.notFound,
    };
  }
  const { model, tags } = await loadFeed(deps, scope);
  return { status: 200, body: renderers[format.format](model), contentType: format.contentType, tags };
}

/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the site and each section, tag, author and source.
 * `/{section}/feed.xml` has a static last segment, so Fastify's router keeps it apart from
 * the site's `/:section/` and `/:section/:yyyy/:mm/:dd/:slug`.
 */
export function registerFeedRoutes(app: FastifyInstance, deps: PullOptions & { responder: Responder }): void {
  for (const format of formats) {
    app.get(`/${format.file}`, (request, reply) => deps.responder.send(request, reply, () => renderFeed(deps, 'site', '', format)));
    app.get<{ Params: { section: string } }>(`/:section/${format.file}`, (request, reply) =>
      deps.responder.send(request, reply, () => renderFeed(deps, 'section', request.params.section, format)),
    );
    for (const kind of ['tag', 'author', 'source', 'lang'] as const) {
      app.get<{ Params: { slug: string } }>(`/${kind}/:slug/${format.file}`, (request, reply) =>
        deps.responder.send(request, reply, () => renderFeed(deps, kind, request.params.slug, format)),
      );
    }
  }
}
