/**
 * The recipe of a picture's responsive renditions: which widths and formats are made, once per
 * picture, and where each one is served. Templates ask here for `srcset` without a database
 * query: the widths follow from the picture's own width alone.
 *
 * The recipe's name (`r1`) is part of every rendition URL, so the URLs can be cached forever
 * (`immutable`): a picture's id never changes its bytes (an agency picture is fetched once,
 * an upload's id is a hash of its content), and a new recipe (other widths, formats or
 * qualities) gets new URLs. Change anything below and bump `renditionRecipe`.
 */
export const renditionRecipe = 'r1';

/** Widths made for a 1600 px picture; narrower pictures get those below their own width. */
export const renditionWidths = [320, 480, 640, 960, 1280, 1600] as const;
const maxRenditionWidth = 1600;

export type RenditionFormat = 'avif' | 'webp' | 'jpeg';

/** In the order a `<picture>` offers them: the smallest first, JPEG as the fallback `<img>`. */
export const renditionFormats: readonly RenditionFormat[] = ['avif', 'webp', 'jpeg'];

export const renditionContentTypes: Record<RenditionFormat, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
};

const extensions: Record<RenditionFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg' };

/** One stored rendition, as the media repository records it. */
export interface Rendition {
  format: RenditionFormat;
  width: number;
  height: number;
  bytes: number;
  /** Site path: `/media/{id}/r1-640.avif`. */
  url: string;
}

/**
 * The widths made for a picture `width` px wide, never upscaled: the recipe's widths below it,
 * plus the picture's own width when it is narrower than the widest (a 1000 px picture gets
 * 320…960 and 1000; a 192 px avatar gets 192 alone).
 */
export function widthsFor(width: number): number[] {
  if (!Number.isFinite(width) || width <= 0) return [];
  const widest = Math.min(Math.round(width), maxRenditionWidth);
  return [...renditionWidths.filter((w) => w < widest), widest];
}

/** The height of a rendition `width` px wide of a `original.width`×`original.height` picture. */
export function heightFor(original: { width: number; height: number }, width: number): number {
  return Math.max(1, Math.round((original.height * width) / original.width));
}

/** `/media/{id}/r1-640.avif`: the site path of one rendition. */
export function renditionPath(mediaId: string, width: number, format: RenditionFormat): string {
  return `/media/${encodeURIComponent(mediaId)}/${renditionRecipe}-${width}.${extensions[format]}`;
}

/** The file name part of a rendition path (`r1-640.avif`) read back, or undefined when it is none of ours. */
export function parseRenditionFile(file: string): { recipe: string; width: number; format: RenditionFormat } | undefined {
  const match = /^(r\d+)-(\d{1,5})\.(avif|webp|jpg)$/.exec(file);
  if (!match) return undefined;
  const format = (Object.keys(extensions) as RenditionFormat[]).find((f) => extensions[f] === match[3]);
  return format ? { recipe: match[1]!, width: Number(match[2]), format } : undefined;
}

/** `"/media/x/r1-320.webp 320w, /media/x/r1-640.webp 640w"` for a picture `width` px wide. */
export function srcsetFor(mediaId: string, width: number, format: RenditionFormat): string {
  return widthsFor(width)
    .map((w) => `${renditionPath(mediaId, w, format)} ${w}w`)
    .join(', ');
}
