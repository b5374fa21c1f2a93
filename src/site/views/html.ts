import { escapeHtmlAttribute } from '../../core/escape.js';

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

/**
 * Marks a string as trusted HTML. Only for sanitised story bodies, search snippets from the
 * store, JSON-LD after `escapeScriptJson`, and fragments we built ourselves.
 */
export function raw(value: string): SafeHtml {
  return { [brand]: true, value, toString: () => value };
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
  return raw(out);
}

/** Joins fragments (escaping plain strings) with an optional separator. */
export function join(values: readonly HtmlValue[], separator: HtmlValue = ''): SafeHtml {
  return raw(values.map(render).join(render(separator)));
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
