import { escapeHtmlAttribute, type TrustedHtml } from '../../core/escape.js';
import type { SanitizedHtml } from '../../core/story.js';
import { topLevelParagraphEnds } from './paragraph-ends.js';

/**
 * Escape by default, `raw()` by exception (STYLE.md §9.10, after hono's html helper).
 * Every interpolation in an `html` template is escaped unless it is already SafeHtml.
 */
const brand = Symbol('SafeHtml');

export interface SafeHtml {
  readonly [brand]: true;
  readonly value: string;
  toString(): string;
}

export function isSafeHtml(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && (value as { [brand]?: unknown })[brand] === true;
}

function safe(value: string): SafeHtml {
  return { [brand]: true, value, toString: () => value };
}

/**
 * HTML that is not ours to escape: a story body (only the sanitiser makes SanitizedHtml) or
 * HTML our own code built from escaped text (core/escape.ts: search snippets, JSON-LD).
 * A plain string is a type error: it goes in a template, which escapes it.
 */
export function raw(value: SanitizedHtml | TrustedHtml): SafeHtml {
  return safe(value);
}

/**
 * A sanitised body with our own blocks after some of its top-level paragraphs: `plan` gets
 * the number of paragraphs and gives the blocks after paragraph n (1-based). The body is cut
 * only here, just after a top-level `</p>`, so a block can never land inside a tag.
 */
export function insertAfterParagraphs(
  body: SanitizedHtml,
  plan: (paragraphs: number) => ReadonlyMap<number, readonly SafeHtml[]>,
): SafeHtml {
  const ends = topLevelParagraphEnds(body);
  const blocksAfter = plan(ends.length);
  let out = '';
  let from = 0;
  ends.forEach((end, i) => {
    const blocks = blocksAfter.get(i + 1);
    if (!blocks) return;
    out += body.slice(from, end) + blocks.map((block) => block.value).join('');
    from = end;
  });
  return safe(out + body.slice(from));
}

/**
 * `leadIn` at the start of the body's first paragraph (a dateline, as newspapers set it), or
 * as a paragraph of its own when the body has none.
 */
export function withLeadIn(body: SafeHtml, leadIn: SafeHtml): SafeHtml {
  const first = /<p(\s[^>]*)?>/.exec(body.value);
  if (!first) return safe(`<p>${leadIn.value}</p>${body.value}`);
  const at = first.index + first[0].length;
  return safe(`${body.value.slice(0, at)}${leadIn.value} ${body.value.slice(at)}`);
}

/** Values that may appear in a template: nothing, false and true render as nothing. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || typeof value === 'boolean') return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (isSafeHtml(value)) return value.value;
  // A template cannot tell text from an attribute value: escape for both.
  return escapeHtmlAttribute(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return safe(out);
}

/** Joins fragments (escaping plain strings) with an optional separator. */
export function join(values: readonly HtmlValue[], separator: HtmlValue = ''): SafeHtml {
  return safe(values.map(render).join(render(separator)));
}

/**
 * Editors type call-out links into a setting; only web, mail and site-relative links pass,
 * so a `javascript:` URL never reaches an href.
 */
export function safeHref(href: string): string {
  const trimmed = href.trim();
  if (/^\/(?!\/)/.test(trimmed)) return trimmed;
  if (/^(https?:|mailto:|tg:)/i.test(trimmed)) return trimmed;
  return '#';
}
