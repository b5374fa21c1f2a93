/** How two stories are linked: the same story (another agency's or version's copy) or the same event. */
export type ClusterLink = 'duplicate' | 'event';

export interface ClusterGraph {
  link(a: string, b: string, kind: ClusterLink): void;
  /** Drops a story and its links; the rest of its cluster may fall apart, as it should. */
  remove(id: string): void;
  /** Every story linked to `id` through links of the given kinds (itself included). */
  component(id: string, kinds?: readonly ClusterLink[]): string[];
}

/**
 * Story clusters as a graph: an edge for each pair found alike, a cluster is a connected
 * component. Kept as edges, not as labels, so that a kill splits what it alone held together
 * and a cluster is the same whatever order its stories came in.
 */
export function createClusterGraph(): ClusterGraph {
  const edges = new Map<string, Map<string, ClusterLink>>();
  const neighbours = (id: string) => {
    let map = edges.get(id);
    if (!map) {
      map = new Map();
      edges.set(id, map);
    }
    return map;
  };
  return {
    link(a, b, kind) {
      if (a === b) return;
      // A duplicate link is the stronger one: it never turns back into an event link.
      const kept = neighbours(a).get(b) === 'duplicate' ? 'duplicate' : kind;
      neighbours(a).set(b, kept);
      neighbours(b).set(a, kept);
    },
    remove(id) {
      for (const other of edges.get(id)?.keys() ?? []) edges.get(other)?.delete(id);
      edges.delete(id);
    },
    component(id, kinds = ['duplicate', 'event']) {
      const seen = new Set([id]);
      const queue = [id];
      for (let i = 0; i < queue.length; i++) {
        for (const [other, kind] of edges.get(queue[i]!) ?? []) {
          if (seen.has(other) || !kinds.includes(kind)) continue;
          seen.add(other);
          queue.push(other);
        }
      }
      return [...seen];
    },
  };
}
