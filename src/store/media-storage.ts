import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Readable } from 'node:stream';

/** A stored file opened for sending. */
export interface StoredFile {
  stream: Readable;
  size: number;
  modifiedAt: Date;
}

/**
 * Where picture files live, by key (`ab/abc123.jpg`, `renditions/ab/abc123/r1-640.avif`):
 * local disk today (`createLocalMediaStorage`), object storage later behind the same four
 * calls. Keys are relative paths of letters, digits, `-`, `_`, `.` and `/`; a key that could
 * step outside the storage is refused (undefined for reads, an error for writes).
 */
export interface MediaStorage {
  /** Writes the file whole or not at all (a reader never sees half a file). */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The file's bytes, or undefined when there is none. */
  read(key: string): Promise<Buffer | undefined>;
  /** The file as a stream with its size, or undefined when there is none. */
  open(key: string): Promise<StoredFile | undefined>;
  remove(key: string): Promise<void>;
}

const keyPattern = /^[A-Za-z0-9_-][A-Za-z0-9._/-]*$/;

/** Media storage in a folder on local disk (LEDE_DATA_DIR/media by default). */
export function createLocalMediaStorage(deps: { dir: string }): MediaStorage {
  const root = resolve(deps.dir);
  /** The file of `key` inside the folder, or undefined if the key is malformed or would leave it. */
  const fileOf = (key: string): string | undefined => {
    if (!keyPattern.test(key) || key.split('/').some((part) => part === '..' || part === '.' || part === '')) return undefined;
    const file = resolve(root, key);
    const rel = relative(root, file);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? file : undefined;
  };
  const mustFileOf = (key: string): string => {
    const file = fileOf(key);
    if (!file) throw new Error(`media storage key ${JSON.stringify(key)} is not a plain relative path`);
    return file;
  };
  const isMissing = (error: unknown) => ['ENOENT', 'ENOTDIR', 'EISDIR'].includes((error as NodeJS.ErrnoException).code ?? '');
  return {
    async put(key, bytes) {
      const file = mustFileOf(key);
      await mkdir(dirname(file), { recursive: true });
      // Written aside and renamed: two processes making the same file never show a torn one.
      const temporary = `${file}.${randomUUID().slice(0, 8)}.tmp`;
      try {
        await writeFile(temporary, bytes);
        await rename(temporary, file);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async read(key) {
      const file = fileOf(key);
      if (!file) return undefined;
      try {
        return await readFile(file);
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async open(key) {
      const file = fileOf(key);
      const info = file ? await stat(file).catch(() => undefined) : undefined;
      if (!file || !info?.isFile()) return undefined;
      return { stream: createReadStream(file), size: info.size, modifiedAt: info.mtime };
    },
    async remove(key) {
      const file = fileOf(key);
      if (file) await rm(file, { force: true });
    },
  };
}
