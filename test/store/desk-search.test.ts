import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sortedMatchesLimit as walkLimit } from '../../src/store/dialects/sqlite/desk-search.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';
import { describeEngines } from '../helpers/postgres.js';
import { makeStory } from '../helpers/stories.js';
import { putStories } from '../helpers/story-writes.js';

const minute = (n: number) => new Date(Date.UTC(2026, 0, 1, 10, n)).toISOString();

// Over this many matches SQLite walks the list's order testing each headline, under it it sorts
// the index's matches (src/store/dialects/sqlite/desk-search.ts): "alpha" sits on the limit, "beta"
// one over, as a whole word ("beta") and as the start of one ("bet", "alph").
const total = 3000;
const has = {
  alpha: (i: number) => (i * 7919) % total < walkLimit,
  beta: (i: number) => (i * 104_729) % total < walkLimit + 1,
  gamma: (i: number) => i % 10 === 3,
  kappa: (i: number) => i % 25 === 3,
};
// Spellings both engines read as the same word start: case, plural, joined by punctuation (PostgreSQL's
// 'simple' configuration keeps diacritics, SQLite's index drops them).
const spellings: Record<keyof typeof has, string[]> = {
  alpha: ['Alpha', 'ALPHAS', 'alphabet-soup'],
  beta: ['Beta:', 'BETA', 'beta-blockers'],
  gamma: ['Gamma', 'gammas'],
  kappa: ['Kappa', 'kappas'],
};

// Words that start with a search word's first letters, or hold it inside, but match none of them.
const nearMisses = ['Alps', 'Be', 'Abet', 'Gam', 'Kap', 'Alp-beat'];

const words = (headline: string) =>
  headline
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];

describeEngines('the newsroom lists (desk): text search on either side of the walk', { migrated: true }, (engine) => {
  it('finds the same rows, order and pages for rare, middling, common and several words, on both sides of the walk limit', async (t) => {
    const store: Store = await openStore({ url: engine.url, searchPath: engine.searchPath });
    t.after(() => store.close());
    await store.migrate();
    const stories = Array.from({ length: total }, (_, i) => {
      const parts = Object.entries(has)
        .filter(([, test]) => test(i))
        .map(([word]) => spellings[word as keyof typeof has][i % spellings[word as keyof typeof has].length]);
      // Two stories share each minute, so pages also break between equal times (ordered by id).
      return makeStory({
        id: `s-${String(i).padStart(4, '0')}`,
        headline: `${parts.join(' ')} ${nearMisses[i % nearMisses.length]} story ${i}`,
        state: i % 7 === 0 ? 'draft' : 'published',
        versioncreated: minute(Math.floor(i / 2)),
      });
    });
    await putStories(store, stories);

    const expected = (q: string, states?: string[]) =>
      stories
        .filter((s) => (!states || states.includes(s.state)) && q.split(' ').every((p) => words(s.headline).some((w) => w.startsWith(p))))
        .sort((a, b) => b.versioncreated.localeCompare(a.versioncreated) || b.id.localeCompare(a.id))
        .map((s) => s.id);
    const allPages = async (q: string, states?: string[]) => {
      const ids: string[] = [];
      let before: { versioncreated: string; id: string } | undefined;
      for (let page = 0; page < 100; page++) {
        const found = await store.desk.list({ q, states, limit: 50, before });
        ids.push(...found.map((s) => s.id));
        if (found.length < 50) break;
        before = { versioncreated: found.at(-1)!.versioncreated, id: found.at(-1)!.id };
      }
      return ids;
    };

    assert.equal(expected('alpha').length, walkLimit, 'alpha: on the limit');
    assert.equal(expected('beta').length, walkLimit + 1, 'beta: one over it');
    for (const q of [
      'alpha',
      'beta',
      'bet',
      'gamma',
      'kappa',
      'alph',
      'alpha beta',
      'beta alpha',
      'beta kappa',
      'kappa beta',
      'gamma alpha kappa',
    ]) {
      const want = expected(q);
      assert.ok(want.length > (q.includes(' ') ? 0 : 50), `${q}: ${want.length} matches`);
      assert.deepEqual(
        (await store.desk.list({ q, limit: 50 })).map((s) => s.id),
        want.slice(0, 50),
        `${q}: first page`,
      );
      assert.deepEqual(await allPages(q), want, `${q}: every page, by cursor`);
    }
    for (const q of ['beta', 'alpha', 'kappa beta']) assert.deepEqual(await allPages(q, ['draft']), expected(q, ['draft']), `${q}, drafts`);
    assert.deepEqual(await allPages('BETA KAPPAS'), expected('beta kappas'), 'case aside');
    assert.deepEqual(await allPages('beta nothing'), [], 'a word in no headline');
    assert.deepEqual(await allPages('eta'), [], 'the start of a word, not any substring');
  });
});
