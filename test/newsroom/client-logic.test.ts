import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffWords } from '../../src/newsroom/app/diff.js';
import { hrefOf, parseRoute, type Route } from '../../src/newsroom/app/router.js';

describe('diffWords (newsroom revisions and conflicts)', () => {
  it('marks removed and added words and keeps the rest', () => {
    const parts = diffWords('Ferries run late after the storm', 'Ferries run very late after the gale');
    assert.deepEqual(
      parts.filter((p) => p.kind !== 'same').map((p) => [p.kind, p.text.trim()]),
      [
        ['added', 'very'],
        ['removed', 'storm'],
        ['added', 'gale'],
      ],
    );
    assert.equal(
      parts
        .filter((p) => p.kind !== 'added')
        .map((p) => p.text)
        .join(''),
      'Ferries run late after the storm',
    );
    assert.equal(
      parts
        .filter((p) => p.kind !== 'removed')
        .map((p) => p.text)
        .join(''),
      'Ferries run very late after the gale',
    );
  });

  it('finds no change between equal texts, and all of a text new against nothing', () => {
    assert.deepEqual(
      diffWords('same words', 'same words').map((p) => p.kind),
      ['same'],
    );
    assert.deepEqual(diffWords('', 'new text'), [{ kind: 'added', text: 'new text' }]);
  });
});

describe('the newsroom client routes', () => {
  it('reads every route back from its address', () => {
    const routes: Route[] = [
      { name: 'stories' },
      { name: 'login' },
      { name: 'new-story' },
      { name: 'story', id: 'newsroom:a b/c' },
      { name: 'revisions', id: '42' },
      { name: 'wire' },
      { name: 'users' },
      { name: 'account' },
    ];
    for (const route of routes) assert.deepEqual(parseRoute(hrefOf(route)), route);
  });

  it('reads every site screen back from its address under /newsroom/site/', () => {
    const routes: Route[] = [
      { name: 'site' },
      { name: 'site-settings' },
      { name: 'callouts' },
      { name: 'sections' },
      { name: 'pages' },
      { name: 'page', slug: 'about' },
      { name: 'redirects' },
      { name: 'authors' },
      { name: 'author', slug: 'jane-doe' },
      { name: 'audit' },
    ];
    for (const route of routes) assert.deepEqual(parseRoute(hrefOf(route)), route);
    assert.equal(hrefOf({ name: 'site-settings' }), '/newsroom/site/settings');
    assert.equal(parseRoute('/newsroom/site/pages/about/extra').name, 'not-found');
    assert.equal(parseRoute('/newsroom/site/nothing').name, 'not-found');
  });

  it('answers not-found for an address of no screen', () => {
    assert.equal(parseRoute('/newsroom/stories/1/unknown').name, 'not-found');
    assert.equal(parseRoute('/newsroom/nothing').name, 'not-found');
  });
});
