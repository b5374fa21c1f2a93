import type { Ninjs } from '../../core/ninjs.js';

export interface ParseContext {
  /** Name of the file or request, for error messages. */
  filename: string;
  /** Time zone for source times without an offset (INGEST-CONTRACT §4); UTC when absent. */
  timezone?: string;
  embedHosts?: string[];
  /** Largest file a parser reads, in bytes; each format has its default (XML: 20 MB). */
  maxBytes?: number;
  /** Told about what was skipped but is no error (an empty NewsML-G2 packageItem). */
  warn?: (message: string) => void;
}

/** A wire format: pure, throws only LedeError, listed in `registry.ts`. */
export interface Format {
  name: string;
  /** How sure this format is that the bytes are its own, from 0 to 1. */
  detect(bytes: Buffer, filename: string): number;
  parse(bytes: Buffer, context: ParseContext): Ninjs[];
}
