import assert from 'node:assert/strict';
import { it } from 'node:test';
import pg from 'pg';
import { openStore } from '../../src/store/open.js';
import { describeEngines } from '../helpers/postgres.js';
import { makeStory } from '../helpers/stories.js';
import { putStory } from '../helpers/story-writes.js';

// Migration 0020: PostgreSQL compresses a story's whole text and JSON with lz4, not pglz (CPU per stored story).
describeEngines('stored story compression', { migrated: true }, (engine) => {
  it('stores a large story whole (on PostgreSQL with lz4: the row, its version and its search text)', async (t) => {
    const store = await openStore({ url: engine.url, searchPath: engine.searchPath });
    t.after(() => store.close());
    await store.migrate();
    // Varied words, so that the row is large after compression too (a repeated text would shrink below TOAST's threshold).
    const words = Array.from({ length: 3000 }, (_, i) => `word${(i * 7919) % 10007}`).join(' ');
    const story = makeStory({
      bodyHtml: `<p>${words}</p>`,
      ninjs: { uri: 'urn:test:big', pubstatus: 'usable', descriptions: [{ value: words }] },
    });
    await putStory(store, story);
    assert.equal((await store.stories.findById(story.id))?.bodyHtml, story.bodyHtml);
    assert.deepEqual((await store.stories.history(story.id))[0]?.ninjs, story.ninjs);
    if (engine.name !== 'postgres') return;
    const client = new pg.Client({ connectionString: engine.url });
    await client.connect();
    t.after(() => client.end());
    const { rows } = await client.query<{ data: string; ninjs: string; body: string }>(
      `SELECT pg_column_compression(s.data) AS data, pg_column_compression(v.ninjs) AS ninjs, pg_column_compression(x.body) AS body
       FROM stories s JOIN story_versions v ON v.story_id = s.id JOIN story_search x ON x.story_id = s.id WHERE s.id = $1`,
      [story.id],
    );
    assert.deepEqual(rows, [{ data: 'lz4', ninjs: 'lz4', body: 'lz4' }]);
  });
});
