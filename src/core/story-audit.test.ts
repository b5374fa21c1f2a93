import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditStory, type StoryRecord } from './story-audit.js';

const record = (overrides: Partial<StoryRecord> = {}): StoryRecord => ({
  id: 's',
  state: 'killed',
  version: '2',
  pubstatus: 'canceled',
  revision: 2,
  versions: [
    { revision: 1, version: '1', pubstatus: 'usable' },
    { revision: 2, version: '2', pubstatus: 'canceled' },
  ],
  events: [
    { id: 1, kind: 'publish' },
    { id: 2, kind: 'kill' },
  ],
  ...overrides,
});

describe('auditStory', () => {
  it('finds nothing wrong with a story published then killed', () => {
    assert.deepEqual(auditStory(record()), []);
  });

  it('reports a late older version that undid a kill, as a racing writer once did', () => {
    const problems = auditStory(
      record({
        state: 'published',
        version: '1',
        pubstatus: 'usable',
        revision: 3,
        versions: [
          { revision: 1, version: '1', pubstatus: 'usable' },
          { revision: 2, version: '2', pubstatus: 'canceled' },
          { revision: 3, version: '1', pubstatus: 'usable' },
        ],
        events: [
          { id: 1, kind: 'publish' },
          { id: 2, kind: 'kill' },
          { id: 3, kind: 'publish' },
        ],
      }),
    );
    assert.ok(problems.some((p) => /recorded more than once/.test(p)));
    assert.ok(problems.some((p) => /accepted after the kill/.test(p)));
    assert.ok(problems.some((p) => /a kill was accepted, but the story is published/.test(p)));
    assert.ok(problems.some((p) => /event 3 \(publish\) came after the kill/.test(p)));
  });

  it('reports a story whose state does not follow its events', () => {
    const problems = auditStory(
      record({
        state: 'published',
        pubstatus: 'usable',
        version: '1',
        versions: [{ version: '1', pubstatus: 'usable' }],
        events: [
          { id: 1, kind: 'publish' },
          { id: 2, kind: 'withhold' },
        ],
      }),
    );
    assert.deepEqual(problems, ['the story is published, but its events leave it hidden']);
  });

  it('reports a second publish while the story was live, and a version older than the one before it', () => {
    const problems = auditStory(
      record({
        state: 'published',
        pubstatus: 'usable',
        version: '2',
        versions: [
          { version: '3', pubstatus: 'usable' },
          { version: '2', pubstatus: 'usable' },
        ],
        events: [
          { id: 1, kind: 'publish' },
          { id: 2, kind: 'publish' },
        ],
      }),
    );
    assert.ok(problems.includes('event 2 published a story that was already live'));
    assert.ok(problems.includes('version 2 was accepted after the newer version 3'));
  });
});
