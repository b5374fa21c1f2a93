import { escapeHtmlAttribute, escapeHtmlText } from '../../core/escape.js';
import type { Story } from '../../core/story.js';

/** Bot API limits, counted after entity parsing (what the reader sees), in UTF-16 units. */
export const captionLimit = 1024;
export const messageLimit = 4096;

/** Cuts `text` to at most `max` UTF-16 units at a word boundary, with an ellipsis; never splits a surrogate pair. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '';
  let cut = '';
  for (const ch of text) {
    if (cut.length + ch.length > max - 1) break;
    cut += ch;
  }
  const space = cut.lastIndexOf(' ');
  const words = space > cut.length / 2 ? cut.slice(0, space) : cut;
  return `${words.replace(/[\s,;:.–—-]+$/u, '')}…`;
}

/** "Photo: Jane Roe / AFP", "Photo: AFP", or nothing when the picture has no credit. */
export function photoCredit(story: Pick<Story, 'hero'>): string | undefined {
  const names = [story.hero?.photographer, story.hero?.creditSource].filter((n): n is string => Boolean(n?.trim()));
  return names.length > 0 ? `Photo: ${names.join(' / ')}` : undefined;
}

/** Shown decoded (a non-Latin slug reads as words), linked encoded. */
const displayUrl = (url: string) => {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
};

/**
 * The post's HTML: bold headline, standfirst, photo credit, link to the canonical URL.
 * Only the standfirst is cut to fit `limit` (then the headline, if it alone is too long);
 * the link is never cut.
 */
export function renderTelegramPost(input: { headline: string; standfirst?: string; credit?: string; url: string; limit: number }): string {
  const link = displayUrl(input.url);
  const tail = [input.credit, link].filter(Boolean).join('\n');
  const separators = 2 + (input.standfirst ? 2 : 0);
  const headroom = input.limit - tail.length - separators;
  const headline = truncateText(input.headline, Math.max(1, Math.min(input.headline.length, headroom - (input.standfirst ? 1 : 0))));
  const standfirst = input.standfirst ? truncateText(input.standfirst, headroom - headline.length) : '';
  // Bot API "HTML style" reads the named entities of `<`, `>`, `&`, `"` and every numeric one.
  const parts = [`<b>${escapeHtmlText(headline)}</b>`];
  if (standfirst) parts.push(escapeHtmlText(standfirst));
  const linkHtml = `<a href="${escapeHtmlAttribute(input.url)}">${escapeHtmlText(link)}</a>`;
  parts.push(input.credit ? `${escapeHtmlText(input.credit)}\n${linkHtml}` : linkHtml);
  return parts.join('\n\n');
}

/** What a post is edited to when Telegram no longer lets us delete it (older than 48 hours). */
export const withdrawnHtml = '<b>Withdrawn</b>\nThis story has been withdrawn.';
