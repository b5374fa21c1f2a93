import type { PubStatus } from './ninjs.js';

/** What the versioning rule needs to know about a stored or incoming version. */
export interface VersionStamp {
  version?: string;
  versioncreated?: string;
  contentHash: string;
  pubstatus: PubStatus;
}

export type VersionOrder = 'newer' | 'same' | 'older';

const decimalInteger = /^\d+$/;

/**
 * Orders an incoming version against the stored one (INGEST-CONTRACT §3, DESIGN "Lifecycle
 * rules"): decimal versions compare as integers; otherwise, or for sources with non-sequential
 * versions, the later `versioncreated` wins, then a different content hash counts as newer so
 * that an edited RSS item without dates is not lost.
 */
export function compareVersions(
  stored: VersionStamp,
  incoming: VersionStamp,
  options: { sequentialVersions?: boolean } = {},
): VersionOrder {
  const sequential = options.sequentialVersions ?? true;
  if (sequential && stored.version && incoming.version && decimalInteger.test(stored.version) && decimalInteger.test(incoming.version)) {
    const a = BigInt(stored.version);
    const b = BigInt(incoming.version);
    if (b !== a) return b > a ? 'newer' : 'older';
    return 'same';
  }
  const a = stored.versioncreated ? Date.parse(stored.versioncreated) : Number.NaN;
  const b = incoming.versioncreated ? Date.parse(incoming.versioncreated) : Number.NaN;
  if (!Number.isNaN(a) && !Number.isNaN(b) && a !== b) return b > a ? 'newer' : 'older';
  if (stored.version === undefined && incoming.version === undefined && stored.contentHash !== incoming.contentHash) {
    return 'newer';
  }
  return 'same';
}

export type VersionDecision =
  | { action: 'insert' }
  | { action: 'replace' }
  | { action: 'ignore'; reason: 'older' | 'same' | 'killed' | 'editor-killed' };

/**
 * Decides what an incoming version does to the stored story.
 * A kill is final: nothing after it brings the story back. A kill wins a tie.
 */
export function decideVersion(
  stored: (VersionStamp & { editorKilled?: boolean }) | undefined,
  incoming: VersionStamp,
  options: { sequentialVersions?: boolean } = {},
): VersionDecision {
  if (!stored) return { action: 'insert' };
  if (stored.pubstatus === 'canceled') return { action: 'ignore', reason: 'killed' };
  if (stored.editorKilled && incoming.pubstatus !== 'canceled') return { action: 'ignore', reason: 'editor-killed' };
  const order = compareVersions(stored, incoming, options);
  if (order === 'newer') return { action: 'replace' };
  if (order === 'same' && incoming.pubstatus === 'canceled') return { action: 'replace' };
  return { action: 'ignore', reason: order === 'older' ? 'older' : 'same' };
}
