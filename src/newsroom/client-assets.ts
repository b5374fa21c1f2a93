import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where `npm run build` (scripts/build-newsroom.mjs) writes the client: `dist/newsroom-app/` at
 * the package root. The same relative path works from `src/newsroom/` (tsx) and
 * `dist/newsroom/` (compiled).
 */
export const defaultClientDir = fileURLToPath(new URL('../../dist/newsroom-app/', import.meta.url));

export interface ClientAsset {
  body: Buffer;
  contentType: string;
  etag: string;
}

export interface NewsroomClient {
  /** The HTML shell every client route answers: the hashed stylesheet and module script, nothing inline. */
  shell: string;
  /** By file name under `/newsroom/assets/`. */
  assets: Map<string, ClientAsset>;
}

interface Manifest {
  entries: { 'main.js': string; 'main.css': string };
  files: string[];
}

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const escapeAttribute = (text: string) => text.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderShell(options: { assetBase: string; script: string; stylesheet: string }): string {
  const href = (file: string) => escapeAttribute(`${options.assetBase}${encodeURIComponent(file)}`);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    '<title>Newsroom · Lede</title>',
    `<link rel="stylesheet" href="${href(options.stylesheet)}">`,
    `<script type="module" src="${href(options.script)}"></script>`,
    '</head>',
    '<body>',
    '<noscript>The newsroom needs JavaScript.</noscript>',
    '<div id="app"></div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * Reads the built client (its manifest and every file it lists), or `undefined` when it was
 * not built: the routes then answer 503 saying how to build it.
 */
export async function loadNewsroomClient(options: { dir?: string; assetBase: string }): Promise<NewsroomClient | undefined> {
  const dir = options.dir ?? defaultClientDir;
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`the newsroom client manifest in ${dir} cannot be read`, { cause: error });
  }
  const assets = new Map<string, ClientAsset>();
  for (const file of manifest.files) {
    const body = await readFile(join(dir, 'assets', file));
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    assets.set(file, { body, etag, contentType: contentTypes[extname(file)] ?? 'application/octet-stream' });
  }
  return {
    shell: renderShell({ assetBase: options.assetBase, script: manifest.entries['main.js'], stylesheet: manifest.entries['main.css'] }),
    assets,
  };
}
