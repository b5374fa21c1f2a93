import type { EventKind } from './lifecycle.js';
import { compareVersions } from './versioning.js';

/** What `lede verify` knows of one story: its stored columns, its version rows and its events, oldest first. */
export interface StoryRecord {
  id: string;
  state: string;
  version?: string;
  pubstatus: string;
  revision: number;
  /** `isEditorial`: an editor's save, which records the agency version it was based on again. */
  versions: Array<{ revision?: number; version?: string; pubstatus: string; isEditorial?: boolean }>;
  events: Array<{ id: number; kind: EventKind }>;
}

/**
 * Rebuilds a story's state from its versions and events and says every way the stored state
 * differs from it, or the history breaks a lifecycle rule (DESIGN "Lifecycle rules"): nothing
 * accepted after a kill, one row per version, the story showing its last accepted version,
 * visible exactly when its events say so. An empty list means the story is consistent.
 */
export function auditStory(record: StoryRecord): string[] {
  const problems: string[] = [];
  const { versions, events } = record;

  const seen = new Set<string>();
  let killedAt: number | undefined;
  versions.forEach((v, index) => {
    const key = `${v.version ?? ''}:${v.pubstatus}`;
    if (v.version !== undefined && !v.isEditorial && seen.has(key)) {
      problems.push(`version ${v.version} (${v.pubstatus}) is recorded more than once`);
    }
    if (!v.isEditorial) seen.add(key);
    if (killedAt !== undefined) problems.push(`version ${v.version ?? '?'} (${v.pubstatus}) was accepted after the kill`);
    const previous = versions[index - 1];
    if (previous && killedAt === undefined && previous.version !== undefined && v.version !== undefined) {
      const stamp = (x: typeof v) => ({ version: x.version, pubstatus: x.pubstatus as 'usable', contentHash: '' });
      if (compareVersions(stamp(previous), stamp(v)) === 'older') {
        problems.push(`version ${v.version} was accepted after the newer version ${previous.version}`);
      }
    }
    if (v.pubstatus === 'canceled') killedAt ??= index;
    if (v.revision !== undefined && v.revision > record.revision) {
      problems.push(`version ${v.version ?? '?'} made revision ${v.revision}, beyond the story's revision ${record.revision}`);
    }
  });

  const last = versions.at(-1);
  if (last && (last.version ?? undefined) !== record.version) {
    problems.push(`stored version is ${record.version ?? 'none'}, but the last accepted version is ${last.version ?? 'none'}`);
  }
  if (killedAt !== undefined && record.state !== 'killed') problems.push(`a kill was accepted, but the story is ${record.state}`);

  // Replay the events: what every surface was told.
  let visibility: 'visible' | 'hidden' | 'killed' | undefined;
  for (const event of events) {
    if (visibility === 'killed' && event.kind !== 'kill' && event.kind !== 'store') {
      problems.push(`event ${event.id} (${event.kind}) came after the kill`);
    }
    if (event.kind === 'publish' && visibility === 'visible') problems.push(`event ${event.id} published a story that was already live`);
    if (event.kind === 'kill') visibility = 'killed';
    else if (visibility === 'killed') continue;
    else if (event.kind === 'publish' || event.kind === 'update') visibility = 'visible';
    else if (event.kind === 'withhold') visibility = 'hidden';
  }
  const expected = visibility ?? 'hidden';
  const actual = record.state === 'killed' ? 'killed' : record.state === 'published' ? 'visible' : 'hidden';
  if (events.length > 0 && expected !== actual) {
    problems.push(`the story is ${record.state}, but its events leave it ${expected}`);
  }
  return problems;
}
