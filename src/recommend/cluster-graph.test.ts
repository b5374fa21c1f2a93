import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createClusterGraph } from './cluster-graph.js';

const order: Record<string, number> = { a: 1, b: 2, c: 3, d: 4 };
const graph = () => createClusterGraph((id) => order[id] ?? 99);

describe('createClusterGraph', () => {
  it('names a cluster by its earliest story, whatever order the links came in', () => {
    const g = graph();
    g.link('c', 'b', 'event');
    g.link('b', 'a', 'duplicate');
    for (const id of ['a', 'b', 'c']) assert.equal(g.clusterOf(id), 'a');
    assert.equal(g.clusterSize('c'), 3);
    assert.equal(g.clusterOf('d'), 'd');
  });

  it('splits a cluster that a removed story alone held together', () => {
    const g = graph();
    g.link('a', 'b', 'event');
    g.link('b', 'c', 'event');
    g.link('c', 'd', 'event');
    g.remove('b');
    assert.equal(g.clusterOf('a'), 'a');
    assert.equal(g.clusterOf('c'), 'c');
    assert.equal(g.clusterOf('d'), 'c');
    assert.equal(g.clusterSize('d'), 2);
  });

  it('follows duplicate links alone for the copies of a story', () => {
    const g = graph();
    g.link('a', 'b', 'duplicate');
    g.link('b', 'c', 'event');
    g.link('a', 'b', 'event');
    assert.deepEqual(g.duplicatesOf('a'), ['b']);
    assert.deepEqual(g.duplicatesOf('c'), []);
  });
});
