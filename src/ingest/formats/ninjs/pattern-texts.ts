import { plainText } from '../paragraphs.js';

type Raw = Record<string, unknown>;

const markup = /<\/?(?:p|br|div|span|b|i|em|strong|a|ul|ol|li|h[1-6]|blockquote|table)\b[^>]*>/i;

/** Whether a string delivered as text is in fact HTML (a ninjs 1.x `body_richtext`, a 2.x `richtext` description). */
export const looksLikeHtml = (value: string) => markup.test(value);

/**
 * The ninjs 1.5+ pattern properties `headline_*`, `body_*` and `description_*`, in document
 * order: the suffix names the format or purpose (`headline_main`, `body_richtext`), so any
 * suffix is read, not only the `_text`/`_html`/`_xhtml` of 1.0–1.4. IPTC's own 1.6 examples
 * carry their only headline and body this way.
 */
export function patternTexts(raw: Raw, prefix: 'headline' | 'body' | 'description'): Array<{ suffix: string; value: string }> {
  return Object.entries(raw).flatMap(([key, value]) =>
    key.startsWith(`${prefix}_`) && typeof value === 'string' && value.trim() !== ''
      ? [{ suffix: key.slice(prefix.length + 1), value }]
      : [],
  );
}

/** `headline_main`, else the first other `headline_*`: a main headline when `headline(s)` is missing. */
export function patternHeadline(raw: Raw): string | undefined {
  const all = patternTexts(raw, 'headline');
  return plainText((all.find((h) => h.suffix === 'main') ?? all[0])?.value);
}

/** The HTML body (`body_html`, `body_xhtml`, then any `body_*` holding markup) and the plain one (`body_text`, then any other). */
export function patternBodies(raw: Raw): { html?: string; text?: string } {
  const all = patternTexts(raw, 'body');
  const html = all.find((b) => b.suffix === 'html') ?? all.find((b) => b.suffix === 'xhtml') ?? all.find((b) => looksLikeHtml(b.value));
  const text = all.find((b) => b.suffix === 'text') ?? all.find((b) => b !== html && !looksLikeHtml(b.value));
  return { html: html?.value, text: text?.value };
}

/** One description from `description_text`, else the first other `description_*`, as plain text. */
export function patternDescription(raw: Raw): string | undefined {
  const all = patternTexts(raw, 'description');
  return plainText((all.find((d) => d.suffix === 'text') ?? all.find((d) => !looksLikeHtml(d.value)) ?? all[0])?.value);
}
