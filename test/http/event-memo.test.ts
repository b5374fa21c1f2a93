import assert from 'node:assert/strict';
import { it } from 'node:test';
import { openStore } from '../../src/store/open.js';
import { startTestApp } from '../helpers/app.js';
import { describeEngines } from '../helpers/postgres.js';

// Pages read settings, sections and lists once per store event (src/site/event-memo.ts). With
// the page cache off, nothing else stands between a write and the next render: a change made by
// another connection shows at once, without waiting for the change feed to bring its event.
describeEngines('reads kept until the next store event', { migrated: true }, (engine) => {
  it('shows a change written by another connection on the very next render', async (t) => {
    const app = await startTestApp({ url: engine.url, searchPath: engine.searchPath, env: { LEDE_BENCH_PAGE_CACHE_OFF: '1' } });
    t.after(() => app.close());
    const home = async () => (await fetch(`${app.base}/`)).text();
    const first = await home();
    assert.equal(await home(), first, 'the same page twice while nothing changed');
    assert.equal((await fetch(`${app.base}/science/`)).status, 404);

    const other = await openStore({ url: engine.url, searchPath: engine.searchPath });
    t.after(() => other.close());
    await other.settings.set('site', { name: 'The Evening Lede', description: 'Renamed', language: 'en' });
    await other.sections.upsert({ slug: 'science', name: 'Science', position: 9, subjects: [] });

    const after = await home();
    assert.match(after, /The Evening Lede/);
    assert.match(after, /href="\/science\/"/);
    const section = await fetch(`${app.base}/science/`);
    assert.equal(section.status, 200);
    assert.match(await section.text(), /Science/);
  });
});
