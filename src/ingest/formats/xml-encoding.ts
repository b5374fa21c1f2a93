import { isUtf8 } from 'node:buffer';
import { LedeError } from '../../core/errors.js';

function encodingError(file: string, reason: string, details: Record<string, unknown> = {}, cause?: unknown): LedeError {
  return new LedeError('LEDE_INGEST_ENCODING', `${file}: ${reason}`, { details: { file, ...details }, cause });
}

/** The encoding named by a BOM, by the UTF-16 form of `<?`, or by the XML declaration (XML 1.0 Appendix F). */
function sniffEncoding(bytes: Buffer): { label: string; skip: number; declared: boolean } {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { label: 'utf-8', skip: 3, declared: false };
  if (a === 0xff && b === 0xfe) return { label: 'utf-16le', skip: 2, declared: false };
  if (a === 0xfe && b === 0xff) return { label: 'utf-16be', skip: 2, declared: false };
  if (a === 0x3c && b === 0x00) return { label: 'utf-16le', skip: 0, declared: false };
  if (a === 0x00 && b === 0x3c) return { label: 'utf-16be', skip: 0, declared: false };
  const head = bytes.subarray(0, 256).toString('latin1');
  const declared = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']*)["']/.exec(head)?.[1]?.trim().toLowerCase();
  // A declaration we could read byte by byte is not UTF-16, whatever it says.
  if (!declared || declared.startsWith('utf-16') || declared === 'utf16') return { label: 'utf-8', skip: 0, declared: Boolean(declared) };
  return { label: declared, skip: 0, declared: true };
}

// XML 1.0 §2.2 forbids these; old wire systems still leak them (e.g. IPTC 7901 control codes).
// They carry no text, so they are dropped rather than making the whole file bad.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to remove
const forbiddenControls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const latinLabels = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'windows-1252', 'cp1252', 'us-ascii', 'ascii', 'iso-8859-15']);
const isAscii = (bytes: Buffer) => !bytes.some((b) => b >= 0x80);

// Node 20's TextDecoder reads 0x80-0x9F of windows-1252 as C1 controls; WHATWG (and every
// agency that writes "ISO-8859-1") means these characters.
const cp1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * Decodes the bytes of an XML file to a string: BOM first, then the declaration, UTF-8 by
 * default. ISO-8859-1 is read as Windows-1252, as TextDecoder (WHATWG) does and as agencies
 * mean it. Bytes that are not valid in that encoding make the file bad (LEDE_INGEST_ENCODING).
 */
export function decodeXmlBytes(bytes: Buffer, file: string): string {
  const sniffed = sniffEncoding(bytes);
  const { skip } = sniffed;
  // Some AFP and NTB files say ISO-8859-1 but carry UTF-8 (converted without updating the
  // declaration): Latin-1 text almost never forms valid multi-byte UTF-8, so such bytes are UTF-8.
  const label = latinLabels.has(sniffed.label) && !isAscii(bytes) && isUtf8(bytes.subarray(skip)) ? 'utf-8' : sniffed.label;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  } catch (error) {
    throw encodingError(file, `encoding "${label}" in the XML declaration is not supported`, { encoding: label }, error);
  }
  try {
    const text = decoder.decode(bytes.subarray(skip));
    const fixed = decoder.encoding === 'windows-1252' ? text.replace(/[\u0080-\u009f]/g, (c) => cp1252[c.charCodeAt(0) - 0x80]!) : text;
    return fixed.replace(forbiddenControls, '');
  } catch (error) {
    const lenient = new TextDecoder(label).decode(bytes.subarray(skip));
    const at = lenient.indexOf('\uFFFD');
    const line = at < 0 ? undefined : lenient.slice(0, at).split('\n').length;
    throw encodingError(
      file,
      `bytes are not valid ${decoder.encoding.toUpperCase()}${line ? ` at line ${line}` : ''} (declare the real encoding in <?xml … encoding="…"?>)`,
      { encoding: decoder.encoding, ...(line ? { line } : {}) },
      error,
    );
  }
}
