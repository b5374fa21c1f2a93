/** How two stories are linked: the same story (another agency's or version's copy) or the same event. */
export type ClusterLink = 'duplicate' | 'event';

export interface ClusterGraph {
  link(a: string, b: string, kind: ClusterLink): void;
  /** Drops a story and its links; the rest of its cluster may fall apart, as it should. */
  remove(id: string): void;
  /** The cluster's key: its earliest story (by `orderOf`); the story itself when it stands alone. */
  clusterOf(id: string): string;
  clusterSize(id: string): number;
  /** The other copies of the same story: linked to `id` through duplicate links alone. */
  duplicatesOf(id: string): string[];
}

/**
 * Story clusters as a graph: an edge for each pair found alike, a cluster is a connected
 * component. A union-find over the edges answers "which cluster" in near-constant time (the
 * home page and every "Read also" ask it for dozens of stories); the edges are kept too, so
 * that a kill splits what it alone held together, and a cluster is the same whatever order its
 * stories came in. `orderOf` ranks stories (publication time) to name each cluster by its first.
 */
export function createClusterGraph(orderOf: (id: string) => number): ClusterGraph {
  const edges = new Map<string, Map<string, ClusterLink>>();
  const parent = new Map<string, string>();
  const size = new Map<string, number>();
  const key = new Map<string, string>();

  const find = (id: string): string => {
    let root = id;
    for (let up = parent.get(root); up !== undefined && up !== root; up = parent.get(root)) root = up;
    // Path compression: every story on the way now points at the root.
    for (let node = id; node !== root; ) {
      const up = parent.get(node)!;
      parent.set(node, root);
      node = up;
    }
    return root;
  };
  const earlier = (a: string, b: string) => {
    const x = orderOf(a);
    const y = orderOf(b);
    return x < y || (x === y && a < b) ? a : b;
  };
  const union = (a: string, b: string) => {
    let ra = find(a);
    let rb = find(b);
    if (ra === rb) return;
    if ((size.get(ra) ?? 1) < (size.get(rb) ?? 1)) [ra, rb] = [rb, ra];
    parent.set(rb, ra);
    size.set(ra, (size.get(ra) ?? 1) + (size.get(rb) ?? 1));
    key.set(ra, earlier(key.get(ra) ?? ra, key.get(rb) ?? rb));
    size.delete(rb);
    key.delete(rb);
  };
  const neighbours = (id: string) => {
    let map = edges.get(id);
    if (!map) {
      map = new Map();
      edges.set(id, map);
    }
    return map;
  };
  const component = (from: string, kinds: readonly ClusterLink[]) => {
    const seen = new Set([from]);
    const queue = [from];
    for (let i = 0; i < queue.length; i++) {
      for (const [other, kind] of edges.get(queue[i]!) ?? []) {
        if (seen.has(other) || !kinds.includes(kind)) continue;
        seen.add(other);
        queue.push(other);
      }
    }
    return queue;
  };

  return {
    link(a, b, kind) {
      if (a === b) return;
      // A duplicate link is the stronger one: it never turns back into an event link.
      const kept = neighbours(a).get(b) === 'duplicate' ? 'duplicate' : kind;
      neighbours(a).set(b, kept);
      neighbours(b).set(a, kept);
      for (const id of [a, b]) if (!parent.has(id)) parent.set(id, id);
      union(a, b);
    },
    remove(id) {
      const former = edges.get(id);
      edges.delete(id);
      for (const other of former?.keys() ?? []) edges.get(other)?.delete(id);
      parent.delete(id);
      size.delete(id);
      key.delete(id);
      // A story without links was alone (clusters follow links). Otherwise rebuild what its
      // cluster is now: every story still reachable from one of its former neighbours.
      if (!former || former.size === 0) return;
      const members = new Set<string>();
      for (const other of former.keys()) for (const member of component(other, ['duplicate', 'event'])) members.add(member);
      for (const member of members) {
        parent.set(member, member);
        size.delete(member);
        key.delete(member);
      }
      for (const member of members) for (const other of edges.get(member)?.keys() ?? []) union(member, other);
    },
    clusterOf(id) {
      if (!parent.has(id)) return id;
      const root = find(id);
      return key.get(root) ?? root;
    },
    clusterSize: (id) => (parent.has(id) ? (size.get(find(id)) ?? 1) : 1),
    duplicatesOf: (id) => component(id, ['duplicate']).slice(1),
  };
}
