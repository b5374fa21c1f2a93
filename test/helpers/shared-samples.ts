import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { skipReason } from './skips.js';

/**
 * The folder of wire samples kept outside the repository (their licence keeps them out, GPL):
 * LEDE_TEST_SHARED_DIR, or `../shared` next to the checkout. Tests that read them skip with
 * the declared reason `no-shared-samples` when the files are not there; the repository's own
 * fixtures (test/fixtures/) never depend on this folder.
 */
export function sharedSamplesDir(): string {
  const configured = process.env.LEDE_TEST_SHARED_DIR;
  if (configured !== undefined && configured !== '') return configured;
  return fileURLToPath(new URL('../../../shared', import.meta.url));
}

/** `undefined` when every file is there under `sharedSamplesDir()/subdir`, else the skip reason naming what is missing. */
export function missingSharedSamples(subdir: string, files: string[]): string | undefined {
  const dir = join(sharedSamplesDir(), subdir);
  const missing = files.filter((file) => !existsSync(join(dir, file)));
  if (missing.length === 0) return undefined;
  return skipReason('no-shared-samples', `${missing.join(', ')} not found in ${dir} (set LEDE_TEST_SHARED_DIR)`);
}
