import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Ninjs } from '../../src/core/ninjs.js';
import { parseWireFile } from '../../src/ingest/detect.js';
import { createRelatedIndex } from '../../src/recommend/related.js';
import { makeStory } from '../helpers/stories.js';

const fixture = (path: string) => new URL(`../fixtures/wire/${path}`, import.meta.url);

/** The same Business Wire release as two feeds carried it: NewsML 1.2 (full text) and ninjs 1.4 (the lead only). */
function businessWirePair() {
  const story = (path: string, id: string, sourceId: string) => {
    const [item] = parseWireFile(readFileSync(fixture(path)), { filename: path }) as [Ninjs];
    return makeStory({
      id,
      sourceId,
      headline: item.headlines?.[0]?.value ?? '',
      bodyHtml: (item.bodies ?? []).map((b) => b.value).join(''),
      publishedAt: '2013-07-31T15:32:00.000Z',
      firstcreated: '2013-07-31T15:32:00.000Z',
    });
  };
  return [
    story('newsml1/ok/businesswire-newsml-20130731006140.xml', 'bw-newsml', 'businesswire'),
    story('ninjs/ok/businesswire-newsml-20130731006140.ninjs-1.4.json', 'bw-ninjs', 'partner'),
  ];
}

const at = (hours: number) => new Date(Date.UTC(2026, 0, 10, hours)).toISOString();
const p = (...sentences: string[]) => sentences.map((s) => `<p>${s}</p>`).join('');

const mine = (id: string, hours: number, extra = '') =>
  makeStory({
    id,
    headline: `Rescuers reach trapped miners in Chile copper mine ${extra}`,
    bodyHtml: p(
      `Rescue teams reached miners trapped in a collapsed copper mine in northern Chile ${extra}.`,
      'The miners had been underground since the collapse, and relatives waited at the gates of the mine.',
    ),
    publishedAt: at(hours),
    firstcreated: at(hours),
    ninjs: { uri: `urn:test:${id}`, pubstatus: 'usable', subjects: [{ literal: 'medtop:03000000' }] },
  });

describe('related index: story clusters', () => {
  it('clusters a brief and the full text of the same release from two sources as one story', () => {
    const index = createRelatedIndex();
    const [full, brief] = businessWirePair();
    index.upsert(full!);
    index.upsert(brief!);
    assert.deepEqual(index.duplicatesOf('bw-newsml'), ['bw-ninjs']);
    assert.equal(index.clusterOf('bw-ninjs'), index.clusterOf('bw-newsml'));
    // Never "Read also" of each other: they are the same story.
    assert.deepEqual(index.related('bw-newsml', { limit: 4 }), []);
  });

  it('keeps a story out of a cluster once it is killed, and the cluster falls apart', () => {
    const index = createRelatedIndex();
    const [full, brief] = businessWirePair();
    index.upsert(full!);
    index.upsert(brief!);
    index.upsert({ ...brief!, state: 'killed' });
    assert.equal(index.has('bw-ninjs'), false);
    assert.deepEqual(index.duplicatesOf('bw-newsml'), []);
    assert.equal(index.clusterOf('bw-newsml'), 'bw-newsml');
  });

  it('links same-event stories that share a subject within the window, not days apart', () => {
    const index = createRelatedIndex();
    index.upsert(mine('first', 1, 'on Friday'));
    index.upsert(mine('follow-up', 20, 'after a night of drilling'));
    index.upsert(mine('next-week', 24 * 8, 'a week later at a memorial'));
    assert.equal(index.clusterOf('follow-up'), 'first');
    assert.equal(index.clusterOf('next-week'), 'next-week');
  });

  it('walks only the postings of the time window to cluster a story, however many days the index holds', () => {
    // A running story, one update an hour: every story shares the words of the probe.
    const walked = (days: number) => {
      const index = createRelatedIndex();
      for (let h = 24 * days; h > 0; h--) index.upsert(mine(`m${h}`, h, `update ${h % 12}`));
      const before = index.postingsWalked;
      index.upsert(mine('probe', 24 * days + 1, 'update 1'));
      assert.notEqual(index.clusterOf('probe'), 'probe', 'linked to its copies');
      return index.postingsWalked - before;
    };
    const week = walked(7);
    // 72 hours of stories at most, each holding at most the probe's 20 terms.
    assert.ok(week > 0 && week <= 72 * 20, `walked ${week}`);
    assert.equal(walked(28), week);
  });
});

describe('related index: Read also', () => {
  const topics = {
    dam: ['dam', 'river water', 'farmers downstream'],
    cup: ['cup final', 'late goal', 'trophy parade'],
    budget: ['budget vote', 'parliament', 'tax rises'],
  };
  const story = (id: string, topic: keyof typeof topics, angle: string, hours: number) =>
    makeStory({
      id,
      headline: `${topics[topic][0]} ${angle}`,
      bodyHtml: p(`A story about the ${topics[topic].join(' and the ')}, ${angle}.`, `More on the ${topics[topic][1]}: ${angle}.`),
      publishedAt: at(hours),
      firstcreated: at(hours),
    });

  it('ranks stories on the same subject and leaves hidden ones out', () => {
    const index = createRelatedIndex();
    index.upsert(story('dam-1', 'dam', 'protest grows', 1));
    index.upsert(story('dam-2', 'dam', 'talks resume', 2));
    index.upsert(story('cup-1', 'cup', 'underdogs win', 3));
    index.upsert({ ...story('dam-3', 'dam', 'engineers warn', 4), state: 'embargoed' });
    const related = index.related('dam-1', { limit: 4 });
    assert.equal(related[0], 'dam-2');
    assert.ok(!related.includes('dam-3') && !related.includes('dam-1'));
    index.remove('dam-2');
    assert.ok(!index.related('dam-1', { limit: 4 }).includes('dam-2'));
  });

  it('does not fill the block with one sub-topic: one story per cluster', () => {
    const index = createRelatedIndex();
    index.upsert(mine('query', 0, 'on Friday'));
    for (let i = 1; i <= 4; i++) index.upsert(mine(`copy-${i}`, i, `update ${i}`));
    index.upsert(
      makeStory({
        id: 'safety',
        headline: 'Unions say copper mines in Chile cut corners on safety',
        bodyHtml: p('Mining unions in Chile warned that copper mines cut corners on roof support in the rush for output.'),
        publishedAt: at(30),
      }),
    );
    const related = index.related('query', { limit: 4 });
    const miners = related.filter((id) => id.startsWith('copy-'));
    assert.ok(miners.length <= 1, `one follow-up of the same event, got ${related.join()}`);
    assert.ok(related.includes('safety'), related.join());
  });

  it('lets co-visitation lift a story among equals', () => {
    const index = createRelatedIndex();
    index.upsert(story('budget-1', 'budget', 'first reading', 1));
    index.upsert(story('budget-2', 'budget', 'opposition amendment', 2));
    index.upsert(story('budget-3', 'budget', 'opposition amendment', 3));
    const plain = index.related('budget-1', { limit: 1 });
    const other = plain[0] === 'budget-2' ? 'budget-3' : 'budget-2';
    assert.deepEqual(index.related('budget-1', { limit: 1, coVisits: new Map([[other, 50]]) }), [other]);
  });

  it('ranks for a published story the index does not hold yet, without adding it', () => {
    const index = createRelatedIndex();
    index.upsert(story('cup-1', 'cup', 'underdogs win', 1));
    const fresh = story('cup-2', 'cup', 'city celebrates', 2);
    assert.deepEqual(index.relatedTo(fresh, { limit: 3 }), ['cup-1']);
    assert.equal(index.has('cup-2'), false);
    assert.deepEqual(index.relatedTo({ ...fresh, state: 'withheld' }, { limit: 3 }), []);
  });
});
