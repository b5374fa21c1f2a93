import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { access, mkdir, readdir, rename, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { LedeError } from '../core/errors.js';

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

/** The one error for a wire file over its size limit, wherever the limit is checked. */
export function fileTooLarge(filename: string, size: number, maxBytes: number): LedeError {
  return new LedeError('LEDE_INGEST_TOO_LARGE', `${filename}: ${size} bytes is more than the limit of ${maxBytes} bytes per file`, {
    details: { file: filename, size, limit: maxBytes },
  });
}

/**
 * Reads a whole wire file, refusing one over `maxBytes` before reading it. Synchronous: it runs
 * in a parse worker, or for one file at a time, where a thread-pool round trip per file cost
 * more than the read itself.
 */
export function readWireFileSync(path: string, maxBytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size > maxBytes) throw fileTooLarge(path, size, maxBytes);
    const bytes = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const read = readSync(fd, bytes, at, size - at, at);
      if (read === 0) break;
      at += read;
    }
    return at === size ? bytes : bytes.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}
