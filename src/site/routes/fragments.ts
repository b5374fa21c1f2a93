import type { FastifyInstance } from 'fastify';
import { articlePath, mediaPath } from '../../core/urls.js';
import { cacheControl } from '../../http/responder.js';
import { readHistory } from '../history-cookie.js';
import type { SiteContext } from '../site-context.js';
import { renderForYouFragment } from '../views/fragment.js';

const forYouCount = 6;

/** True when the Accept header ranks application/json above text/html (HTML is the default). */
export function prefersJson(accept: string | undefined): boolean {
  if (!accept) return false;
  const quality = (type: string) => {
    let best = -1;
    for (const part of accept.split(',')) {
      const [range = '', ...params] = part.trim().toLowerCase().split(';');
      if (range.trim() !== type) continue;
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      best = Math.max(best, q ? Number(q.slice(2)) || 0 : 1);
    }
    return best;
  };
  const json = quality('application/json');
  return json > 0 && json > quality('text/html');
}

/** Personalised, so never cached by anyone but the reader (DESIGN: pages stay cacheable). */
export function registerFragmentRoutes(app: FastifyInstance, ctx: SiteContext): void {
  app.get('/fragments/for-you', async (request, reply) => {
    const history = readHistory(request.headers.cookie);
    const related = ctx.related;
    const clusterOf = related ? (id: string) => related.index.clusterOf(id) : undefined;
    const stories = await ctx.recommender.forYou({ history, limit: forYouCount, clusterOf });
    reply.header('cache-control', cacheControl.private).header('vary', 'Cookie, Accept');
    if (prefersJson(request.headers.accept)) {
      return reply.type('application/json; charset=utf-8').send({
        items: stories.map((s) => ({
          id: s.id,
          headline: s.headline,
          url: articlePath(s),
          image: s.hero
            ? {
                url: mediaPath(s.hero.mediaId),
                width: s.hero.width,
                height: s.hero.height,
                alt: s.hero.alt ?? s.hero.caption ?? s.headline,
              }
            : null,
        })),
      });
    }
    return reply.type('text/html; charset=utf-8').send(renderForYouFragment(ctx.views.lastKnown(), stories).toString());
  });
}
