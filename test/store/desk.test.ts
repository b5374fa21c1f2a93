import assert from 'node:assert/strict';
import { it } from 'node:test';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';
import { describeEngines, type TestEngine } from '../helpers/postgres.js';
import { makeStory } from '../helpers/stories.js';
import { putStories, putStory } from '../helpers/story-writes.js';

async function open(engine: TestEngine, t: { after: (fn: () => Promise<void>) => void }): Promise<Store> {
  const store = await openStore({ url: engine.url, searchPath: engine.searchPath });
  t.after(() => store.close());
  await store.migrate();
  return store;
}

const minute = (n: number) => new Date(Date.UTC(2026, 0, 1, 10, n)).toISOString();

describeEngines('the newsroom lists (desk)', { migrated: true }, (engine) => {
  it('finds headline words in every state by their start, follows headline changes, and pages by cursor', async (t) => {
    const store = await open(engine, t);
    const held = makeStory({ id: 'held-1', state: 'held', headline: 'ELECTIONS municipales à Lyon', versioncreated: minute(1) });
    const draft = makeStory({ id: 'draft-1', state: 'draft', headline: 'Election night in Leeds', versioncreated: minute(2) });
    const published = makeStory({ id: 'pub-1', headline: 'Harbour bridge reopens', versioncreated: minute(3) });
    await putStories(store, [held, draft, published]);
    const ids = async (q: string, states?: string[]) => (await store.desk.list({ q, states, limit: 10 })).map((s) => s.id);

    assert.deepEqual(await ids('elect'), ['draft-1', 'held-1'], 'a word start, case aside, in any state');
    assert.deepEqual(await ids('election leeds'), ['draft-1'], 'every word must match');
    assert.deepEqual(await ids('lection'), [], 'the start of a word, not any substring');
    assert.deepEqual(await ids('elect', ['held']), ['held-1']);
    assert.deepEqual(await ids('" * ( :'), [], 'no words, no match (and no query syntax reaches the engine)');

    await putStory(store, { ...published, headline: 'Election results delayed', versioncreated: minute(4) });
    assert.deepEqual(await ids('harbour'), [], 'the old headline is gone from the index');
    assert.deepEqual(await ids('elect'), ['pub-1', 'draft-1', 'held-1'], 'newest change first');

    const first = await store.desk.list({ q: 'elect', limit: 2 });
    const last = first.at(-1)!;
    const next = await store.desk.list({ q: 'elect', limit: 2, before: { versioncreated: last.versioncreated, id: last.id } });
    assert.deepEqual(
      next.map((s) => s.id),
      ['held-1'],
    );
  });

  it('filters the wire queue by state, source, section and urgency, newest first, across several states', async (t) => {
    const store = await open(engine, t);
    const stories = Array.from({ length: 12 }, (_, i) =>
      makeStory({
        id: `w-${i}`,
        state: i % 3 === 0 ? 'spiked' : 'held',
        section: i % 2 === 0 ? 'world' : 'science',
        urgency: i % 4 === 0 ? 1 : 5,
        versioncreated: minute(i),
      }),
    );
    await putStories(store, stories);
    const ids = async (query: Parameters<Store['desk']['list']>[0]) => (await store.desk.list(query)).map((s) => s.id);
    assert.deepEqual(await ids({ states: ['held'], section: 'world', limit: 3 }), ['w-10', 'w-8', 'w-4']);
    assert.deepEqual(await ids({ states: ['held'], urgency: 1, limit: 10 }), ['w-8', 'w-4']);
    assert.deepEqual(await ids({ states: ['held', 'spiked'], limit: 4 }), ['w-11', 'w-10', 'w-9', 'w-8']);
    assert.deepEqual(await ids({ states: ['spiked'], sourceId: 'mpa', limit: 10 }), ['w-9', 'w-6', 'w-3', 'w-0']);
    assert.deepEqual(await ids({ states: ['spiked'], notSourceId: 'mpa', limit: 10 }), []);
  });
});

describeEngines('the newsroom lists (desk): a word in thousands of headlines', { migrated: true }, (engine) => {
  it('finds the same stories, in the same order and pages, as for a rare word, however the headline writes it', async (t) => {
    const store = await open(engine, t);
    // 2,100 headlines with "Markets" (over the 2,000 where SQLite walks the list's order and tests each headline).
    const spellings = ['Markets rally', 'MARKETS slide', 'Marché des markets', 'Stock-markets fall', 'Mærkets? no: markets'];
    const stories = Array.from({ length: 2600 }, (_, i) => {
      const common = i % 26 !== 0 && i % 5 !== 4;
      const headline = common ? `${spellings[i % spellings.length]} ${i}` : i % 26 === 0 ? `Elections ${i} market-day` : `Harbour ${i}`;
      return makeStory({ id: `m-${i}`, headline, state: i % 7 === 0 ? 'draft' : 'published', versioncreated: minute(i) });
    });
    await putStories(store, stories);
    const words = (h: string) =>
      (
        h
          .normalize('NFD')
          .replace(/\p{M}/gu, '')
          .toLowerCase()
          .match(/[\p{L}\p{N}]+/gu) ?? []
      ).filter(Boolean);
    const expected = (starts: string[], states?: string[]) =>
      stories
        .filter((s) => (!states || states.includes(s.state)) && starts.every((p) => words(s.headline).some((w) => w.startsWith(p))))
        .sort((a, b) => b.versioncreated.localeCompare(a.versioncreated) || b.id.localeCompare(a.id))
        .map((s) => s.id);
    const allPages = async (q: string, states?: string[]) => {
      const ids: string[] = [];
      let before: { versioncreated: string; id: string } | undefined;
      for (;;) {
        const page = await store.desk.list({ q, states, limit: 50, before });
        ids.push(...page.map((s) => s.id));
        if (page.length < 50) return ids;
        before = { versioncreated: page.at(-1)!.versioncreated, id: page.at(-1)!.id };
      }
    };
    const markets = expected(['market']);
    assert.ok(markets.length > 2000, `${markets.length} matches: the common-word path`);
    assert.deepEqual(
      (await store.desk.list({ q: 'market', limit: 50 })).map((s) => s.id),
      markets.slice(0, 50),
    );
    assert.deepEqual(await allPages('MARKET'), markets, 'every page, by cursor');
    assert.deepEqual(await allPages('market', ['draft']), expected(['market'], ['draft']), 'with a state filter');
    assert.deepEqual(await allPages('market rally'), expected(['market', 'rally']), 'two words');
    assert.deepEqual(await allPages('elect'), expected(['elect']), 'a word in fewer headlines');
    assert.ok(expected(['elect']).length > 50);
  });
});
