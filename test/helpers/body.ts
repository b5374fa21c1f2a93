import type { SanitizedHtml } from '../../src/core/story.js';
import { toSanitizedHtml } from '../../src/ingest/sanitize.js';

/**
 * A test story's body, through the real sanitiser: a body already in the allowlist's form
 * passes unchanged, anything else is sanitised. Tests never cast a string to the body type.
 */
export function sanitized(html: string): SanitizedHtml {
  return toSanitizedHtml(html);
}
