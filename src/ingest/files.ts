import { access, mkdir, readdir, rename, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

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

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** `dir/name`, or `dir/name-2.ext`, `-3`… when taken: a delivery never overwrites an earlier one. */
export async function freePath(dir: string, name: string): Promise<string> {
  const ext = extname(name);
  const stem = ext ? name.slice(0, -ext.length) : name;
  for (let n = 1; ; n++) {
    const candidate = join(dir, n === 1 ? name : `${stem}-${n}${ext}`);
    if (!(await exists(candidate)) && !(await exists(`${candidate}.reason`))) return candidate;
  }
}

/** Moves a file into `dir` (created if needed) under a free name; returns the new path. */
export async function moveInto(file: string, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const target = await freePath(dir, basename(file));
  await rename(file, target);
  return target;
}
