import { LedeError } from '../core/errors.js';
import type { Ninjs } from '../core/ninjs.js';
import { cleanItems } from './clean-items.js';
import { formats } from './formats/registry.js';
import type { Format, ParseContext } from './formats/types.js';

/** Picks the format from the content, never from the file name (INGEST-CONTRACT §1). */
export function detectFormat(bytes: Buffer, filename: string): Format {
  let best: { format: Format; score: number } | undefined;
  for (const format of formats) {
    const score = format.detect(bytes, filename);
    if (score > (best?.score ?? 0)) best = { format, score };
  }
  if (!best || best.score < 0.2) {
    throw new LedeError(
      'LEDE_INGEST_FORMAT_UNKNOWN',
      `${filename}: not in any supported wire format (${formats.map((f) => f.name).join(', ')})`,
      {
        details: { file: filename },
      },
    );
  }
  return best.format;
}

/** Parses a wire file into items, cleaned at the ingest boundary (clean-items.ts): every transport comes through here. */
export function parseWireFile(bytes: Buffer, context: ParseContext): Ninjs[] {
  return cleanItems(detectFormat(bytes, context.filename).parse(bytes, context), context);
}
