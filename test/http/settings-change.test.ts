import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { articlePath } from '../../src/core/urls.js';
import { openStore } from '../../src/store/open.js';
import { startTestApp } from '../helpers/app.js';

describe('a settings change written by another connection', () => {
  it('reaches cached pages within 2 seconds (call-outs, site name)', async (t) => {
    const app = await startTestApp({ demo: true });
    t.after(() => app.close());
    const { stories } = await app.store.stories.listPublished({ limit: 1 });
    const url = `${app.base}${articlePath(stories[0]!)}`;
    assert.match(await (await fetch(url)).text(), /Join our Telegram channel/);
    await (await fetch(url)).text();

    const other = await openStore({ url: app.config.databaseUrl });
    t.after(() => other.close());
    await other.settings.set('callouts', [
      { text: 'Support independent news: subscribe today.', href: 'https://example.test/subscribe', afterParagraph: 1 },
    ]);
    await other.settings.set('site', { name: 'The Evening Lede', description: 'Renamed', language: 'en' });

    const started = Date.now();
    let page = '';
    while (Date.now() - started < 2000) {
      page = await (await fetch(url)).text();
      if (page.includes('subscribe today') && page.includes('The Evening Lede')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.match(
      page,
      /<aside class="callout"><a href="https:\/\/example.test\/subscribe">Support independent news: subscribe today.<\/a><\/aside>/,
    );
    assert.match(page, /The Evening Lede/);
    assert.doesNotMatch(page, /Join our Telegram channel/);
  });
});
