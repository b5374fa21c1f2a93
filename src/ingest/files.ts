import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Files under the given paths: folders recursively in name order, hidden entries skipped. */
export async function listWireFiles(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (path: string) => {
    const info = await stat(path);
    if (!info.isDirectory()) {
      out.push(path);
      return;
    }
    const names = (await readdir(path)).filter((n) => !n.startsWith('.')).sort();
    for (const name of names) await walk(join(path, name));
  };
  for (const path of paths) await walk(path);
  return out;
}
