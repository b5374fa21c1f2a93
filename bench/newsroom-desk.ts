/**
 * `npm run bench:newsroom -- --in-process`: the same list queries straight through the store
 * (`desk.list`, plus `desk.versionCounts` for the wire queue's rows), without HTTP: what the
 * database part of each request costs, median and max of a few calls.
 */
import { openStore } from '../src/store/open.js';
import type { DeskQuery } from '../src/store/types.js';
import { heldSources, vocabulary } from './newsroom-seed.js';

export async function timeDeskQueries(options: { url: string; searchPath?: string; calls: number }) {
  const store = await openStore({ url: options.url, searchPath: options.searchPath });
  try {
    await store.migrate();
    const [common, middling, rare] = [vocabulary[2]!, vocabulary[300]!, vocabulary[5000]!];
    const wire = { states: ['held'], notSourceId: 'newsroom' };
    const queries: Array<[string, Omit<DeskQuery, 'limit'>]> = [
      ['stories, all states', {}],
      ['stories, state=draft', { states: ['draft'] }],
      ['stories, state=published', { states: ['published'] }],
      ['stories, state=review,scheduled', { states: ['review', 'scheduled'] }],
      [`stories, q=${common} (common)`, { q: common }],
      [`stories, q=${middling} (middling)`, { q: middling }],
      [`stories, q=${rare} (rare)`, { q: rare }],
      [`stories, q=${common} ${middling}`, { q: `${common} ${middling}` }],
      ['wire: held', wire],
      [`wire: source=${heldSources[0]}`, { ...wire, sourceId: heldSources[0] }],
      ['wire: status=spiked', { states: ['spiked'], notSourceId: 'newsroom' }],
      ['wire: status=all', { notSourceId: 'newsroom' }],
      ['wire: urgency=1', { ...wire, urgency: 1 }],
      ['wire: section=science', { ...wire, section: 'science' }],
      [`wire: q=${common}`, { ...wire, q: common }],
      [`wire: q=${rare}`, { ...wire, q: rare }],
    ];
    const rows = [];
    for (const [name, query] of queries) {
      const times: number[] = [];
      let items = 0;
      for (let i = 0; i < options.calls; i++) {
        const started = performance.now();
        const stories = await store.desk.list({ ...query, limit: 50 });
        if (query.notSourceId) await store.desk.versionCounts(stories.map((s) => s.id));
        times.push(performance.now() - started);
        items = stories.length;
      }
      times.sort((a, b) => a - b);
      rows.push({ name, items, median: times[Math.floor(times.length / 2)]!, max: times.at(-1)! });
    }
    return rows;
  } finally {
    await store.close();
  }
}
