import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openStore } from '../../src/store/open.js';
import { runLede } from '../helpers/cli.js';
import { makeStory } from '../helpers/stories.js';
import { putStory } from '../helpers/story-writes.js';
import { createTmpDir } from '../helpers/tmp-dir.js';

describe('lede export impressions', () => {
  it('writes impressions and clicks as a MIND click log that lede eval recommend reads back', async (t) => {
    const dir = await createTmpDir(t);
    const store = await openStore({ url: `sqlite:${join(dir, 'lede.db')}` });
    await store.migrate();
    await store.transaction(async (tx) => {
      await putStory(
        tx,
        makeStory({ id: 'a', section: 'world', headline: 'Talks\tresume', standfirst: 'Two\nlines', tags: ['Diplomacy'] }),
      );
      await putStory(tx, makeStory({ id: 'b', section: 'sport' }));
      await putStory(tx, makeStory({ id: 'c', section: 'sport' }));
      const browser = 'browser0123456789abcd';
      await tx.signals.recordImpressions([
        { id: 'i1', browser, slot: 'for-you', page: '/', shownAt: new Date('2026-01-10T14:05:09Z'), items: ['a', 'b'], history: ['c'] },
        {
          id: 'i2',
          browser,
          slot: 'most-read',
          page: '/',
          shownAt: new Date('2026-01-10T15:00:00Z'),
          items: ['b', 'a', 'c'],
          history: ['b', 'c'],
        },
      ]);
      await tx.signals.recordClicks([
        { impressionId: 'i1', storyId: 'b', at: new Date('2026-01-10T14:06:00Z') },
        { impressionId: 'i2', storyId: 'a', at: new Date('2026-01-10T15:01:00Z') },
      ]);
    });
    await store.close();
    const out = join(dir, 'mind');
    const env = { LEDE_DATA_DIR: dir, LEDE_LOG_LEVEL: 'silent', LEDE_PUBLIC_URL: 'https://news.example' };
    const run = await runLede(['export', 'impressions', '--format', 'mind', out], env);
    assert.equal(run.code, 0, run.stderr);
    const behaviors = await readFile(join(out, 'behaviors.tsv'), 'utf8');
    assert.equal(
      behaviors,
      'i1\tbrowser0123456789abcd\t1/10/2026 2:05:09 PM\tc\ta-0 b-1\n' +
        'i2\tbrowser0123456789abcd\t1/10/2026 3:00:00 PM\tc b\tb-0 a-1 c-0\n',
    );
    const news = (await readFile(join(out, 'news.tsv'), 'utf8')).trim().split('\n').sort();
    assert.equal(news[0], 'a\tworld\tDiplomacy\tTalks resume\tTwo lines\thttps://news.example/world/2026/01/01/headline-a\t[]\t[]');
    assert.equal(news.length, 3);

    const evaluated = await runLede(['eval', 'recommend', '--dataset', out, '--json'], {});
    assert.equal(evaluated.code, 0, evaluated.stderr);
    assert.deepEqual(Object.keys(JSON.parse(evaluated.stdout)), ['lede', 'random', 'popularity']);
  });

  it('refuses any format but mind', async () => {
    const run = await runLede(['export', 'impressions', '--format', 'csv', '/tmp/x'], {});
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--format mind/);
  });
});
