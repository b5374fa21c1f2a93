import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareVersions, decideVersion, type VersionStamp } from './versioning.js';

const v = (version: string | undefined, extra: Partial<VersionStamp> = {}): VersionStamp => ({
  version,
  versioncreated: '2026-01-01T10:00:00Z',
  contentHash: `h${version}`,
  pubstatus: 'usable',
  ...extra,
});

describe('compareVersions', () => {
  it('compares decimal versions as integers, not as text', () => {
    assert.equal(compareVersions(v('9'), v('10')), 'newer');
    assert.equal(compareVersions(v('10'), v('9')), 'older');
    assert.equal(compareVersions(v('3'), v('3')), 'same');
  });

  it('falls back to versioncreated when versions are not integers', () => {
    assert.equal(
      compareVersions(v('a1', { versioncreated: '2026-01-01T10:00:00Z' }), v('b0', { versioncreated: '2026-01-01T11:00:00Z' })),
      'newer',
    );
    assert.equal(
      compareVersions(v('2', { versioncreated: '2026-01-01T12:00:00Z' }), v('3', { versioncreated: '2026-01-01T11:00:00Z' }), {
        sequentialVersions: false,
      }),
      'older',
    );
  });

  it('treats changed content without versions or dates as newer, so an edited feed item is not lost', () => {
    const a = { contentHash: 'a', pubstatus: 'usable' as const };
    assert.equal(compareVersions(a, { ...a, contentHash: 'b' }), 'newer');
    assert.equal(compareVersions(a, { ...a }), 'same');
  });
});

describe('decideVersion', () => {
  it('inserts a story never seen', () => {
    assert.deepEqual(decideVersion(undefined, v('1')), { action: 'insert' });
  });

  it('replaces the story with a higher version', () => {
    assert.deepEqual(decideVersion(v('1'), v('2')), { action: 'replace' });
  });

  it('ignores an older version of the same uri', () => {
    assert.deepEqual(decideVersion(v('3'), v('2')), { action: 'ignore', reason: 'older' });
  });

  it('ignores an equal version, so re-ingesting the same file is harmless', () => {
    assert.deepEqual(decideVersion(v('2'), v('2')), { action: 'ignore', reason: 'same' });
  });

  it('lets a kill win a tie', () => {
    assert.deepEqual(decideVersion(v('2'), v('2', { pubstatus: 'canceled' })), { action: 'replace' });
  });

  it('does not let an older kill take down a newer version', () => {
    assert.deepEqual(decideVersion(v('3'), v('2', { pubstatus: 'canceled' })), { action: 'ignore', reason: 'older' });
  });

  it('keeps a kill final: no later version brings the story back', () => {
    assert.deepEqual(decideVersion(v('2', { pubstatus: 'canceled' }), v('5')), { action: 'ignore', reason: 'killed' });
  });

  it('does not undo an editor kill with a later agency usable version', () => {
    assert.deepEqual(decideVersion({ ...v('2'), editorKilled: true }, v('3')), { action: 'ignore', reason: 'editor-killed' });
  });
});
