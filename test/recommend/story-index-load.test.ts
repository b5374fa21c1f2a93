import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createContentIndex } from '../../src/recommend/story-index.js';
import { makeStory } from '../helpers/stories.js';

describe('the recommenders content index', () => {
  it('lets the event loop run while it loads many stories, so a starting server answers meanwhile', async () => {
    const stories = Array.from({ length: 400 }, (_, i) =>
      makeStory({
        id: `load-${i}`,
        headline: `Harbour strike enters day ${i}`,
        bodyHtml: `<p>Dock workers in port ${i} stayed out as talks on pay stalled again.</p>`,
        publishedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      }),
    );
    const index = createContentIndex();
    const happened: string[] = [];
    const timer = setTimeout(() => happened.push('timer'), 0);
    await index.load(stories);
    happened.push('loaded');
    clearTimeout(timer);
    // Loaded in one go, the timer (a socket, a request) would wait until the whole load is done.
    assert.deepEqual(happened, ['timer', 'loaded']);
    assert.equal(index.size, 400);
    assert.equal(index.newest(1)[0]?.story.id, 'load-399');
  });
});
