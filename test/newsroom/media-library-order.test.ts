import assert from 'node:assert/strict';
import { it } from 'node:test';
import { login, startNewsroomApp } from '../helpers/newsroom.js';
import { describeEngines } from '../helpers/postgres.js';

describeEngines('newsroom media library order', { migrated: true }, (engine) => {
  it('lists the newest pictures first, a page at a time by cursor, with none lost or repeated, and filters by text', async (t) => {
    const app = await startNewsroomApp(t, engine);
    // Ids against the grain of time (z… oldest), two pictures in the same millisecond, one killed.
    const added = [
      ['z-harbour', '2026-01-01T08:00:00.000Z', 'The harbour at dawn'],
      ['y-ferry', '2026-01-02T08:00:00.000Z', 'The ferry'],
      ['b-mill', '2026-01-03T08:00:00.000Z', 'The mill'],
      ['a-mill', '2026-01-03T08:00:00.000Z', 'The old mill'],
      ['m-killed', '2026-01-04T08:00:00.000Z', 'A killed mill'],
      ['c-bridge', '2026-01-05T08:00:00.000Z', 'The bridge'],
    ] as const;
    for (const [id, addedAt, caption] of added) {
      await app.store.media.upsert({ id, addedAt, caption, contentType: 'image/jpeg', width: 10, height: 10, path: `${id}.jpg` });
    }
    await app.store.media.markKilled('m-killed', '2026-01-06T00:00:00.000Z');
    // A later write of a picture (an edit) keeps when it came.
    await app.store.media.upsert({
      id: 'z-harbour',
      caption: 'The harbour at dawn, edited',
      contentType: 'image/jpeg',
      width: 10,
      height: 10,
      path: 'z.jpg',
    });
    const writer = await login(app.base, app.emails.writer);

    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const page = await writer.request('GET', `media?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(page.status, 200);
      seen.push(...page.body.items.map((m: { id: string }) => m.id));
      cursor = page.body.next_cursor;
      pages++;
    }
    assert.deepEqual(seen, ['c-bridge', 'b-mill', 'a-mill', 'y-ferry', 'z-harbour'], 'newest first; a tie in time by id');
    assert.equal(pages, 3);

    const mills = await writer.request('GET', 'media?q=MILL&limit=1');
    assert.deepEqual(
      mills.body.items.map((m: { id: string }) => m.id),
      ['b-mill'],
    );
    const rest = await writer.request('GET', `media?q=mill&cursor=${mills.body.next_cursor}`);
    assert.deepEqual(
      rest.body.items.map((m: { id: string }) => m.id),
      ['a-mill'],
      'the filter holds on later pages; the killed one is left out',
    );
    assert.equal(rest.body.next_cursor, null);
    const forged = await writer.request('GET', 'media?cursor=not-a-cursor');
    assert.deepEqual([forged.status, forged.body.error.field], [400, 'cursor']);
  });
});
