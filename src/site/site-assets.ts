import { createHash } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type ContentCoding, compressBody } from '../http/response-cache.js';
import { loadSiteFonts } from './site-fonts.js';

export interface SiteAsset {
  /** `/assets/site.<contenthash>.css`: a new content gets a new URL, so it can be cached forever. */
  path: string;
  body: Buffer;
  contentType: string;
  etag: string;
  /** Compressed once at start, at the top levels (the files never change while the process runs). */
  encoded?: Partial<Record<ContentCoding, Buffer>>;
}

export interface SiteAssets {
  css: SiteAsset;
  js: SiteAsset;
  logo: SiteAsset;
  avatar: SiteAsset;
  byPath: Map<string, SiteAsset>;
}

const files = {
  css: { file: 'site.css', stem: 'site', ext: 'css', contentType: 'text/css; charset=utf-8' },
  js: { file: 'site.js', stem: 'site', ext: 'js', contentType: 'text/javascript; charset=utf-8' },
  logo: { file: 'logo.svg', stem: 'logo', ext: 'svg', contentType: 'image/svg+xml' },
  avatar: { file: 'avatar.svg', stem: 'avatar', ext: 'svg', contentType: 'image/svg+xml' },
} as const;

/**
 * `tsc` compiles `src/site` to `dist/site` but does not copy the asset files, so a compiled
 * build reads them from the source tree next to `dist/`.
 */
const candidateDirs = [new URL('./assets/', import.meta.url), new URL('../../src/site/assets/', import.meta.url)];

async function findAssetDir(): Promise<URL> {
  for (const dir of candidateDirs) {
    try {
      await access(fileURLToPath(new URL('site.css', dir)));
      return dir;
    } catch {
      // try the next location
    }
  }
  throw new Error(`site assets not found in ${candidateDirs.map((d) => fileURLToPath(d)).join(' or ')}`);
}

export async function loadSiteAssets(): Promise<SiteAssets> {
  const [dir, fonts] = await Promise.all([findAssetDir(), loadSiteFonts()]);
  const load = async (spec: (typeof files)[keyof typeof files], prefix = ''): Promise<SiteAsset> => {
    // The fonts' @font-face rules lead the stylesheet: one request, and its hash covers them.
    const body = Buffer.concat([Buffer.from(prefix), await readFile(fileURLToPath(new URL(spec.file, dir)))]);
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    return {
      path: `/assets/${spec.stem}.${hash}.${spec.ext}`,
      body,
      contentType: spec.contentType,
      etag: `"${hash}"`,
      encoded: compressBody(body, spec.contentType),
    };
  };
  const [css, js, logo, avatar] = await Promise.all([load(files.css, fonts.css), load(files.js), load(files.logo), load(files.avatar)]);
  // woff2 is compressed already: sent as it is.
  const fontAssets: SiteAsset[] = fonts.files.map((f) => ({ ...f, contentType: 'font/woff2' }));
  return { css, js, logo, avatar, byPath: new Map([css, js, logo, avatar, ...fontAssets].map((a) => [a.path, a])) };
}
