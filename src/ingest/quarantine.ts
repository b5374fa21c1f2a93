import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

/**
 * Keeps a copy of a bad file with its reason next to it, so nothing is lost unread.
 * The caller's file is left where it was.
 */
export async function quarantineCopy(input: { dataDir: string; file: string; reason: string; now: Date }): Promise<string> {
  const dir = join(input.dataDir, 'quarantine');
  await mkdir(dir, { recursive: true });
  const stamp = input.now.toISOString().replace(/[:.]/g, '-');
  const target = join(dir, `${stamp}-${basename(input.file)}`);
  await copyFile(input.file, target);
  await writeFile(`${target}.reason`, `${input.reason}\n`);
  return target;
}
