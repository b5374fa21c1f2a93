import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The site's own type, so that pages do not depend on the reader's installed fonts: Source
 * Serif 4 for headlines and reading, IBM Plex Sans Arabic (Latin and Arabic) for the rest, both
 * under the SIL Open Font Licence from `@fontsource`. Only the weights the stylesheet uses, as
 * woff2 subsets split by `unicode-range` (a page loads only the subsets its text needs), with
 * `font-display: swap` so text shows at once in a fallback.
 */
const faces = [
  { pkg: '@fontsource/source-serif-4', weights: ['400', '700'] },
  { pkg: '@fontsource/ibm-plex-sans-arabic', weights: ['400', '600', '700'] },
];

/** Subsets worth serving for the site's languages (Latin, Arabic); others fall back to the system font. */
const subsets = /-(latin|latin-ext|arabic)-\d{3}-normal\.woff2$/;

export interface FontFile {
  path: string;
  body: Buffer;
  etag: string;
}

/** `@font-face` rules pointing at hashed `/assets/` paths, and the files to serve there. */
export async function loadSiteFonts(): Promise<{ css: string; files: FontFile[] }> {
  const require = createRequire(import.meta.url);
  const files: FontFile[] = [];
  let css = '';
  for (const face of faces) {
    for (const weight of face.weights) {
      const cssPath = require.resolve(`${face.pkg}/${weight}.css`);
      const source = await readFile(cssPath, 'utf8');
      for (const rule of source.match(/@font-face\s*{[^}]*}/g) ?? []) {
        const woff2 = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(rule)?.[1];
        if (!woff2 || !subsets.test(woff2)) continue;
        const body = await readFile(join(dirname(cssPath), 'files', woff2));
        const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
        const path = `/assets/${woff2.replace(/\.woff2$/, '')}.${hash}.woff2`;
        files.push({ path, body, etag: `"${hash}"` });
        css += `${rule.replace(/src:[^;]+;/, `src: url(${path}) format('woff2');`)}\n`;
      }
    }
  }
  return { css, files };
}
