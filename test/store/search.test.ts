import assert from 'node:assert/strict';
import { it } from 'node:test';
import pg from 'pg';
import { openStore } from '../../src/store/open.js';
import { searchBodyChars } from '../../src/store/search.js';
import { describeEngines, withSearchPath } from '../helpers/postgres.js';
import { makeStory } from '../helpers/stories.js';
import { putStory } from '../helpers/story-writes.js';

const filler = (n: number) =>
  Array.from({ length: n }, (_, i) => `Sentence ${i} says something ordinary about the weather and the harbour.`).join(' ');

describeEngines('full-text search', { migrated: true }, (engine) => {
  it('indexes the first searchBodyChars characters of a huge body: a word near its start is found, one past the limit is not', async (t) => {
    const store = await openStore({ url: engine.url, searchPath: engine.searchPath });
    t.after(() => store.close());
    await store.migrate();
    const paragraph = `<p>${filler(20)}</p>`;
    const repeats = Math.ceil((searchBodyChars * 2) / paragraph.length);
    const huge = makeStory({
      headline: 'Harbour report',
      bodyHtml: `<p>Early mention of quayside cormorants.</p>${paragraph.repeat(repeats)}<p>Late mention of drydock pelicans.</p>`,
    });
    await putStory(store, huge);
    assert.deepEqual(
      (await store.search.query({ q: 'cormorants', limit: 5 })).hits.map((h) => h.story.id),
      [huge.id],
    );
    assert.equal((await store.search.query({ q: 'pelicans', limit: 5 })).total, 0);
    assert.ok((await store.stories.findById(huge.id))?.bodyHtml.includes('pelicans'), 'the story keeps its whole body');
  });

  it('ranks the story most about the query first: not the newest, not a headline-only hit', async (t) => {
    const store = await openStore({ url: engine.url, searchPath: engine.searchPath });
    t.after(() => store.close());
    await store.migrate();
    const best = makeStory({
      headline: 'Port authority approves new container terminal',
      standfirst: 'Desalination plant to supply the terminal, officials say',
      bodyHtml: `<p>The desalination plant will turn seawater into drinking water.</p><p>Desalination costs have fallen, and the desalination project is the largest of its kind.</p><p>${filler(5)}</p>`,
      publishedAt: '2026-01-01T08:00:00Z',
    });
    const headlineOnly = makeStory({
      headline: 'Desalination talks resume',
      bodyHtml: `<p>${filler(40)}</p>`,
      publishedAt: '2026-01-02T08:00:00Z',
    });
    const newest = makeStory({
      headline: 'Budget vote delayed',
      bodyHtml: `<p>${filler(20)} One member mentioned desalination in passing. ${filler(20)}</p>`,
      publishedAt: '2026-01-03T08:00:00Z',
    });
    const unrelated = makeStory({ headline: 'Football cup final', bodyHtml: `<p>${filler(3)}</p>` });
    const hidden = makeStory({ headline: 'Desalination desalination desalination', state: 'withheld' });
    await store.transaction(async (tx) => {
      for (const s of [best, headlineOnly, newest, unrelated, hidden]) await putStory(tx, s);
    });
    const result = await store.search.query({ q: 'desalination', limit: 10 });
    assert.equal(result.total, 3);
    assert.equal(result.hits[0]?.story.id, best.id);
    assert.deepEqual(new Set(result.hits.map((h) => h.story.id)), new Set([best.id, headlineOnly.id, newest.id]));
    assert.match(result.hits[0]!.snippetHtml, /<mark>desalination<\/mark>/i);
  });

  it("finds a word's other forms, stemmed in each story's language", async (t) => {
    const store = await openStore({ url: engine.url, searchPath: engine.searchPath });
    t.after(() => store.close());
    await store.migrate();
    const english = makeStory({ headline: 'Copper miners walk out', bodyHtml: '<p>The miners say the pay offer is too low.</p>' });
    const french = makeStory({ language: 'fr', headline: 'Les mineurs en grève', bodyHtml: '<p>Les grèves continuent dans le nord.</p>' });
    const norwegian = makeStory({
      language: 'nb',
      headline: 'Gruvearbeiderne streiket i natt',
      bodyHtml: '<p>Streiken varte i seks timer.</p>',
    });
    const other = makeStory({ headline: 'A mine reopens', bodyHtml: '<p>The old mine reopens after repairs.</p>' });
    await store.transaction(async (tx) => {
      for (const s of [english, french, norwegian, other]) await putStory(tx, s);
    });
    const ids = async (q: string) => new Set((await store.search.query({ q, limit: 10 })).hits.map((h) => h.story.id));
    assert.deepEqual(await ids('miner'), new Set([english.id]), 'English: miner finds miners, and not mine');
    assert.deepEqual(await ids('mineur'), new Set([french.id]), 'French: mineur finds mineurs');
    assert.deepEqual(await ids('grève'), new Set([french.id]), 'French: grève finds grèves');
    assert.deepEqual(await ids('streik'), new Set([norwegian.id]), 'Norwegian: streik finds streiket and streiken');
    assert.deepEqual(await ids('miners pay'), new Set([english.id]), 'every word must match');
    const hit = (await store.search.query({ q: 'miner', limit: 1 })).hits[0];
    assert.match(hit?.snippetHtml ?? '', /miners(<\/mark>)? say/, 'the snippet shows the words as written');
  });

  it('finds Arabic text and escapes snippets', async (t) => {
    const store = await openStore({ url: engine.url, searchPath: engine.searchPath });
    t.after(() => store.close());
    await store.migrate();
    const arabic = makeStory({
      language: 'ar',
      headline: 'افتتاح معرض الكتاب في بيروت',
      bodyHtml: '<p>افتُتح في بيروت معرض جديد للكتاب قرب المرفأ.</p>',
    });
    const tricky = makeStory({
      headline: 'Markup <b> in text',
      bodyHtml: '<p>Use &lt;script&gt; tags carefully, said the harbourmaster.</p>',
    });
    await store.transaction(async (tx) => {
      await putStory(tx, arabic);
      await putStory(tx, tricky);
    });
    const result = await store.search.query({ q: 'بيروت', limit: 5 });
    assert.deepEqual(
      result.hits.map((h) => h.story.id),
      [arabic.id],
    );
    assert.match(result.hits[0]!.snippetHtml, /<mark>بيروت<\/mark>/);
    const escaped = await store.search.query({ q: 'harbourmaster', limit: 5 });
    assert.match(escaped.hits[0]!.snippetHtml, /script&gt;/);
    assert.ok(!escaped.hits[0]!.snippetHtml.includes('<script>'));
  });

  it('treats query syntax as words and removes a story that leaves the site', async (t) => {
    const store = await openStore({ url: engine.url, searchPath: engine.searchPath });
    t.after(() => store.close());
    await store.migrate();
    const story = makeStory({ headline: 'Harbour bridge reopens' });
    await putStory(store, story);
    assert.equal((await store.search.query({ q: 'bridge* ( " ^ :', limit: 5 })).total, 1);
    assert.equal((await store.search.query({ q: '   ', limit: 5 })).total, 0);
    await putStory(store, { ...story, state: 'killed', pubstatus: 'canceled' });
    assert.equal((await store.search.query({ q: 'bridge', limit: 5 })).total, 0);
  });

  // PostgreSQL makes a batch's documents in its insert (dialects/postgres/search.ts); SQLite has no documents.
  const postgresOnly = engine.name === 'postgres' ? it : undefined;
  postgresOnly?.('stores each document just as to_tsvector makes it from the stored fields', async (t) => {
    const store = await openStore({ url: engine.url, searchPath: engine.searchPath });
    t.after(() => store.close());
    await store.migrate();
    const stories = [
      makeStory({ headline: 'Quotes \' and \\ backslashes: "a:1" it\'s', bodyHtml: "<p>C:\\path 'x':2A, O'Brien &amp; co. miners</p>" }),
      makeStory({ language: 'ar', headline: 'افتتاح معرض الكتاب', standfirst: 'قرب المرفأ', bodyHtml: '<p>معرض جديد للكتاب</p>' }),
      makeStory({ language: 'ja', headline: '東京 株価', bodyHtml: '<p>&lt;script&gt; x &lt;b&gt; 1,655.8 e-mail@example.com</p>' }),
    ];
    await store.transaction(async (tx) => {
      for (const story of stories) await putStory(tx, story);
    });
    const db = new pg.Client({ connectionString: engine.searchPath ? withSearchPath(engine.url, engine.searchPath) : engine.url });
    await db.connect();
    t.after(() => db.end());
    // The expression of dialects/postgres/search.ts, run on the stored fields.
    const { rows } = await db.query<{ same: boolean; lexemes: number }>(`SELECT document = (
        setweight(to_tsvector(config, headline), 'A') || setweight(to_tsvector('simple', headline), 'A') ||
        setweight(to_tsvector(config, standfirst), 'B') || setweight(to_tsvector('simple', standfirst), 'B') ||
        setweight(to_tsvector(config, body), 'D') || setweight(to_tsvector('simple', body), 'D')) AS same, length(document) AS lexemes
      FROM story_search`);
    assert.equal(rows.length, 3);
    for (const row of rows) {
      assert.equal(row.same, true);
      assert.ok(row.lexemes > 2);
    }
    assert.equal((await store.search.query({ q: "O'Brien", limit: 5 })).total, 1);
  });
});
