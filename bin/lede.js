#!/usr/bin/env node
// The `lede` command runs the compiled CLI; `npm install` builds it (the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(main)) {
  console.error('lede: dist/ is missing; run `npm run build` first');
  process.exit(1);
}
await import(main);
