import type { FastifyRequest } from 'fastify';
import type { Rendered } from '../../http/responder.js';
import type { ListQuery } from '../../store/types.js';
import { pageCount, pageSize, parsePage } from '../pagination.js';
import type { SiteContext } from '../site-context.js';
import type { LoadedView } from '../view-loader.js';
import { mostReadBlock } from '../views/home.js';
import type { SafeHtml } from '../views/html.js';
import { renderListPage } from '../views/list-page.js';
import type { ViewContext } from '../views/view-context.js';
import { badRequestPage, notFoundPage } from './errors.js';
import { mostReadCount } from './home.js';

export interface ListSpec {
  title: string;
  description?: string;
  listPath: string;
  /** `list:section:world`, `list:tag:climate`… */
  listTag: string;
  filter: Omit<ListQuery, 'limit' | 'offset' | 'excludeIds'>;
  intro?: (view: ViewContext) => SafeHtml;
  activeSection?: string;
  head?: SafeHtml;
  /** Show this section's "Most read" under the list. */
  mostReadSection?: string;
}

/** The query parameters a list page reads (the rest are not part of its cache key). */
export const listQuery = ['page'] as const;

export const pageQuery = (request: FastifyRequest) => (request.query as Record<string, unknown> | undefined)?.page;

/** The shared body of the section, tag, author and source pages: 20 stories a page. */
export async function renderList(ctx: SiteContext, request: FastifyRequest, spec: ListSpec, view?: LoadedView): Promise<Rendered> {
  const page = parsePage(pageQuery(request));
  if (page === undefined) return badRequestPage(ctx, request, 'The page number must be a whole number from 1.');
  const loaded = view ?? (await ctx.views.load());
  const query = { ...spec.filter, limit: pageSize, offset: (page - 1) * pageSize };
  const [result, mostRead] = await Promise.all([
    loaded.memo.get(`list:${JSON.stringify(query)}`, () => ctx.store.stories.listPublished(query)),
    spec.mostReadSection ? ctx.recommender.mostRead({ section: spec.mostReadSection, limit: mostReadCount }) : [],
  ]);
  if (page > 1 && result.stories.length === 0) return notFoundPage(ctx, request, [spec.listTag]);
  const body = renderListPage(loaded.view, {
    title: spec.title,
    description: spec.description,
    listPath: spec.listPath,
    page,
    pageCount: pageCount(result.total),
    stories: result.stories,
    intro: spec.intro?.(loaded.view),
    activeSection: spec.activeSection,
    head: spec.head,
    aside: mostReadBlock(loaded.view, mostRead),
  });
  const shown = [...result.stories, ...mostRead].map((s) => `story:${s.id}`);
  return { status: 200, body, tags: [spec.listTag, ...(spec.mostReadSection ? ['most-read'] : []), ...shown, ...loaded.tags] };
}
