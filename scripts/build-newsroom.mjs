#!/usr/bin/env node
// Builds the newsroom client (src/newsroom/app/) with esbuild into dist/newsroom-app/:
// content-hashed file names (`main.3F2A….js`, `main.9C1D….css`) and a manifest.json that
// maps each entry to its file, which the server reads (src/newsroom/client-routes.ts). Run by
// `npm run build`; the output is not committed. No CDN: every byte is served by Lede.
//
//   node scripts/build-newsroom.mjs [--out DIR] [--dev]
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
export const defaultOutDir = join(root, 'dist', 'newsroom-app');

/** Builds the client into `outDir` (emptied first) and returns the manifest it wrote. */
export async function buildNewsroom({ outDir = defaultOutDir, isDev = false } = {}) {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: 'src/newsroom/app/main.tsx' },
    bundle: true,
    format: 'esm',
    splitting: false,
    target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: !isDev,
    sourcemap: isDev ? 'inline' : false,
    outdir: join(outDir, 'assets'),
    entryNames: '[name].[hash]',
    assetNames: '[name].[hash]',
    loader: { '.svg': 'file', '.woff2': 'file' },
    metafile: true,
    legalComments: 'linked',
    define: { 'process.env.NODE_ENV': JSON.stringify(isDev ? 'development' : 'production') },
    logLevel: 'warning',
  });
  const manifest = { entries: {}, files: [] };
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    const path = relative(join(outDir, 'assets'), resolve(root, file)).split('\\').join('/');
    manifest.files.push(path);
    if (output.entryPoint && file.endsWith('.js')) manifest.entries['main.js'] = path;
    if (output.cssBundle) manifest.entries['main.css'] = relative(join(outDir, 'assets'), resolve(root, output.cssBundle));
  }
  manifest.files.sort();
  if (!manifest.entries['main.js'] || !manifest.entries['main.css'])
    throw new Error(`newsroom build: no main.js or main.css in ${JSON.stringify(manifest.files)}`);
  await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] && basename(process.argv[1]) === 'build-newsroom.mjs') {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const outDir = outIndex >= 0 ? resolve(args[outIndex + 1] ?? '') : defaultOutDir;
  const manifest = await buildNewsroom({ outDir, isDev: args.includes('--dev') });
  console.log(`newsroom client: ${manifest.entries['main.js']}, ${manifest.entries['main.css']} in ${relative(root, outDir) || '.'}`);
}
