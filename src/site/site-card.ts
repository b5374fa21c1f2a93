import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { escapeXml } from '../core/escape.js';
import type { MediaStorage } from '../store/media-storage.js';

/** The share picture of pages without one of their own: the site's name on a card (Open Graph's 1.91:1). */
export const siteCardSize = { width: 1200, height: 630 } as const;

/** Bump when the drawing changes: the hash in the URL then changes too. */
const cardRecipe = 'card-1';

const cardHash = (siteName: string) => createHash('sha256').update(`${cardRecipe}\n${siteName}`).digest('hex').slice(0, 12);

/** `/assets/card.<hash>.jpg`: the hash follows the site name and the drawing, so the URL can be cached forever. */
export function siteCardPath(siteName: string): string {
  return `/assets/card.${cardHash(siteName)}.jpg`;
}

/** The hash of a card asset file name (`card.<hash>.jpg`), or undefined for any other file. */
export function parseSiteCardFile(file: string): string | undefined {
  return /^card\.([0-9a-f]{12})\.jpg$/.exec(file)?.[1];
}

/** Draws the card: the site name in white on the site's ink, over a band of its accent red. */
export async function drawSiteCard(siteName: string): Promise<Buffer> {
  const { width, height } = siteCardSize;
  const name = [...siteName.trim()];
  // About 0.55 em per character of DejaVu Serif: one line within 1040 px, between 48 and 120 px.
  const fontSize = Math.round(Math.max(48, Math.min(120, 1040 / (Math.max(1, name.length) * 0.55))));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#1a1a1a"/>
    <rect y="${height - 48}" width="100%" height="48" fill="#a30d1f"/>
    <rect x="80" y="120" width="96" height="96" rx="12" fill="#ffffff"/>
    <text x="128" y="192" font-family="DejaVu Serif, Georgia, serif" font-size="72" font-weight="700" fill="#1a1a1a" text-anchor="middle">${escapeXml(name[0] ?? 'L')}</text>
    <text x="80" y="${360 + fontSize / 3}" font-family="DejaVu Serif, Georgia, serif" font-size="${fontSize}" font-weight="700" fill="#ffffff">${escapeXml(name.join(''))}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85, progressive: true }).toBuffer();
}

/**
 * The card of the current site name, drawn once and kept in media storage (`site/card.<hash>.jpg`),
 * so a restart or another process does not draw it again. Requests at the same moment share one drawing.
 */
export function createSiteCards(deps: { storage: MediaStorage }) {
  const inFlight = new Map<string, Promise<Buffer>>();
  return {
    /** The card's bytes when `hash` is the current name's, else undefined (an old name's card is gone). */
    async get(input: { siteName: string; hash: string }): Promise<Buffer | undefined> {
      if (input.hash !== cardHash(input.siteName)) return undefined;
      const key = `site/card.${input.hash}.jpg`;
      const running = inFlight.get(key);
      if (running) return running;
      const work = (async () => {
        const stored = await deps.storage.read(key);
        if (stored) return stored;
        const drawn = await drawSiteCard(input.siteName);
        await deps.storage.put(key, drawn);
        return drawn;
      })().finally(() => inFlight.delete(key));
      inFlight.set(key, work);
      return work;
    },
  };
}

export type SiteCards = ReturnType<typeof createSiteCards>;
