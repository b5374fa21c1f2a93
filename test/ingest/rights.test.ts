import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAllowed } from '../../src/core/story.js';
import { applySourceSettings } from '../../src/ingest/sources/settings.js';
import { wireItem } from '../helpers/wire.js';
import { startIngestApp, storedStory } from './e2e-helpers.js';

const body = (sentence: string) => [{ role: 'main', contenttype: 'text/html', value: `<p>${sentence}</p><p>More follows.</p>` }];

describe('per-source rights', () => {
  it('are stored with the source and honoured by distribution: no full text in feeds, not in the public API', async (t) => {
    const app = await startIngestApp();
    t.after(() => app.stop());
    await applySourceSettings(app.store.sources, 'open-wire', { name: 'Open Wire' });
    await applySourceSettings(app.store.sources, 'closed-wire', { name: 'Closed Wire', deny: 'feeds-fulltext,api,social' });
    const closedSource = await app.store.sources.findBySlug('closed-wire');
    assert.deepEqual(
      ['social', 'feedsFullText', 'api', 'webhooks'].map((r) => isAllowed(closedSource, r as 'social')),
      [false, false, false, true],
    );

    const open = wireItem({ bodies: body('Sentence only open readers see in full.') });
    const closed = wireItem({ bodies: body('Sentence the licence keeps out of feeds.') });
    await app.app.services.pipeline.ingestItems([open], { source: 'open-wire' });
    await app.app.services.pipeline.ingestItems([closed], { source: 'closed-wire' });
    const [o, c] = [await storedStory(app, 'open-wire', open), await storedStory(app, 'closed-wire', closed)];

    const feed = await fetch(`${app.base}/feed.json`);
    if (feed.status !== 404) {
      type JsonFeed = { items: Array<{ url: string; title: string; content_html?: string }> };
      const items = ((await feed.json()) as JsonFeed).items;
      const of = (slug: string) => items.find((i) => i.url.includes(slug));
      assert.match(of(o.slug)?.content_html ?? '', /Sentence only open readers see in full\./);
      assert.ok(of(c.slug), 'the closed story is in the feed');
      assert.equal(of(c.slug)?.content_html, undefined, 'without its full text');
    }
    const api = await fetch(`${app.base}/api/v1/articles`);
    if (api.status !== 404) {
      const text = await api.text();
      assert.ok(text.includes(o.id));
      assert.ok(!text.includes(c.id), 'the closed source is not in the public API');
    }
  });
});
