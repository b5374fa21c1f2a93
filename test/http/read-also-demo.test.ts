import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startTestApp } from '../helpers/app.js';

describe('Read also on the demo site', () => {
  it('gives every article reachable from the home page a visible aside linking other live stories', async (t) => {
    const app = await startTestApp({ demo: true });
    t.after(() => app.close());
    const get = (path: string) => fetch(`${app.base}${path}`, { redirect: 'manual' });
    const home = await (await get('/')).text();
    const articles = [...new Set([...home.matchAll(/href="(\/[a-z-]+\/\d{4}\/\d\d\/\d\d\/[^"]+)"/g)].map((m) => m[1]!))];
    assert.ok(articles.length >= 20, `the home page links ${articles.length} articles`);
    const live = new Map<string, boolean>();
    for (const path of articles) {
      const response = await get(path);
      assert.equal(response.status, 200, path);
      const page = await response.text();
      const asides = [...page.matchAll(/<aside class="read-also"([^>]*)>([\s\S]*?)<\/aside>/g)];
      assert.ok(asides.length > 0, `${path} has a Read also aside`);
      // Between paragraphs of the body, and not hidden.
      assert.match(page, /<\/p><aside class="read-also"/);
      for (const aside of asides) assert.ok(!aside[1]!.includes('hidden'), `${path}: the aside is visible`);
      const links = asides.flatMap((a) => [...a[2]!.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]!));
      assert.ok(links.length > 0, `${path}: the aside has links`);
      for (const link of links) {
        assert.notEqual(link, path, `${path} links itself`);
        if (!live.has(link)) live.set(link, (await get(link)).status === 200);
        assert.ok(live.get(link), `${path} links ${link}, which is live`);
      }
    }
  });
});
