/**
 * The one set of escapers: HTML text, HTML attributes, XML, and JSON inside `<script>`.
 * HTML that our own code builds (escaped text, search snippets with `<mark>`, JSON-LD) is
 * `TrustedHtml`, and only this module makes it; a story body is `SanitizedHtml`
 * (core/story.ts), which only the sanitiser makes. Neither is a plain string, so a template
 * cannot be handed raw outside text by mistake.
 */
declare const trusted: unique symbol;

/** HTML made by our own code from escaped text (never outside markup). */
export type TrustedHtml = string & { readonly [trusted]: 'TrustedHtml' };

const textEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const attributeEntities: Record<string, string> = { ...textEntities, '"': '&quot;', "'": '&#39;' };

/**
 * Text inside an element: `&`, `<` and `>`. Quotes stay as they are, as sanitize-html writes
 * text, so a body reads the same whichever way it was built.
 */
export function escapeHtmlText(text: string): TrustedHtml {
  return text.replace(/[&<>]/g, (ch) => textEntities[ch] ?? ch) as TrustedHtml;
}

/** Safe inside a quoted attribute value (either quote) and anywhere in text. */
export function escapeHtmlAttribute(text: string): TrustedHtml {
  return text.replace(/[&<>"']/g, (ch) => attributeEntities[ch] ?? ch) as TrustedHtml;
}

const xmlForbidden =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML forbids.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const xmlEntities: Record<string, string> = { ...textEntities, '"': '&quot;', "'": '&apos;' };

/**
 * XML 1.0 text or attribute value. Characters XML forbids (§2.2: C0 controls other than tab,
 * LF, CR; lone surrogates; U+FFFE/U+FFFF) are dropped, since no entity may stand for them.
 */
export function escapeXml(text: string): string {
  return text.replace(xmlForbidden, '').replace(/[&<>"']/g, (ch) => xmlEntities[ch] ?? ch);
}

/**
 * JSON as the content of a `<script>` element (JSON-LD): `<`, `>` and `&` become \u escapes so
 * the text cannot close the element or open a comment, and U+2028/2029 are escaped for older
 * JavaScript parsers. `JSON.stringify` already writes lone surrogates as \u escapes.
 */
export function escapeScriptJson(value: unknown): TrustedHtml {
  return (JSON.stringify(value) ?? 'null')
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029') as TrustedHtml;
}

/**
 * Builds TrustedHtml from markup written in our source: every interpolated value is escaped
 * (for text and attributes alike), so only the literal parts can be markup.
 * `` trustedHtml`<mark>${term}</mark>` ``.
 */
export function trustedHtml(strings: TemplateStringsArray, ...values: Array<string | number>): TrustedHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += escapeHtmlAttribute(String(values[i])) + (strings[i + 1] ?? '');
  return out as TrustedHtml;
}

/** Joins pieces that are each TrustedHtml. */
export function joinTrustedHtml(parts: readonly TrustedHtml[], separator: TrustedHtml = '' as TrustedHtml): TrustedHtml {
  return parts.join(separator) as TrustedHtml;
}
