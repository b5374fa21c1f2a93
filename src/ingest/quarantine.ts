import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { freePath, moveInto } from './files.js';

/**
 * Bad files are kept with their reason next to them (`NAME.reason`), never deleted unread.
 * Two places hold them: `LEDE_DATA_DIR/quarantine/` (copies made by `lede ingest`, whose
 * caller keeps the original) and each watch folder's `quarantine/` (files moved there).
 * One listing reads both.
 */
export interface QuarantineEntry {
  file: string;
  reason: string;
  source?: string;
  at: string;
  /** Where the file was delivered. */
  from?: string;
  /**
   * `lede ingest` of a file over the size limit: only its reason is kept (copying gigabytes
   * into quarantine helps nobody), and `file` is the caller's path.
   */
  isRecordOnly?: true;
}

const reasonText = (entry: Omit<QuarantineEntry, 'file'>) =>
  [
    entry.reason,
    `at: ${entry.at}`,
    entry.source ? `source: ${entry.source}` : '',
    entry.from ? `from: ${entry.from}` : '',
    entry.isRecordOnly ? 'copied: no' : '',
  ]
    .filter(Boolean)
    .join('\n')
    .concat('\n');

/** Reads `NAME.reason`: the reason on the first line, then `key: value` lines. */
export function parseReason(text: string): Omit<QuarantineEntry, 'file'> {
  const [reason = '', ...rest] = text.split('\n');
  const meta = Object.fromEntries(
    rest
      .map((line) => /^(\w+): (.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m[2]]),
  );
  return { reason, at: meta.at ?? '', source: meta.source, from: meta.from, ...(meta.copied === 'no' ? { isRecordOnly: true } : {}) };
}

export const dataQuarantineDir = (dataDir: string) => join(dataDir, 'quarantine');
export const watchQuarantineDir = (watchDir: string) => join(watchDir, 'quarantine');

/** A bad file of `lede ingest`, with why it is bad. */
interface DataQuarantineInput {
  dataDir: string;
  file: string;
  reason: string;
  source?: string;
  now: Date;
}

/** The data folder's quarantine, made when missing. */
async function dataQuarantine(dataDir: string): Promise<string> {
  const dir = dataQuarantineDir(dataDir);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** `lede ingest`: keeps a copy of a bad file with its reason; the caller's file stays where it was. */
export async function quarantineCopy(input: DataQuarantineInput): Promise<string> {
  const dir = await dataQuarantine(input.dataDir);
  const target = await freePath(dir, basename(input.file));
  await copyFile(input.file, target);
  await writeFile(
    `${target}.reason`,
    reasonText({ reason: input.reason, at: input.now.toISOString(), source: input.source, from: input.file }),
  );
  return target;
}

/** `lede ingest` of a file too large to copy: records it by its path, with the reason, and copies nothing. */
export async function quarantineRecord(input: DataQuarantineInput): Promise<string> {
  const dir = await dataQuarantine(input.dataDir);
  const record = `${await freePath(dir, basename(input.file))}.reason`;
  const from = resolve(input.file);
  await writeFile(
    record,
    reasonText({ reason: input.reason, at: input.now.toISOString(), source: input.source, from, isRecordOnly: true }),
  );
  return record;
}

/** Watch folder: moves a bad file from `processing/` into the folder's `quarantine/`, with its reason. */
export async function quarantineMove(input: {
  watchDir: string;
  file: string;
  reason: string;
  source?: string;
  now: Date;
}): Promise<string> {
  const target = await moveInto(input.file, watchQuarantineDir(input.watchDir));
  const from = join(input.watchDir, basename(input.file));
  await writeFile(`${target}.reason`, reasonText({ reason: input.reason, at: input.now.toISOString(), source: input.source, from }));
  return target;
}

/** Every quarantined file (one with a `.reason` next to it) in the given quarantine folders, oldest first. */
export async function listQuarantine(dirs: string[]): Promise<QuarantineEntry[]> {
  const entries: QuarantineEntry[] = [];
  for (const dir of [...new Set(dirs)]) {
    const names = await readdir(dir).catch(() => [] as string[]);
    const present = new Set(names);
    for (const name of names.filter((n) => n.endsWith('.reason')).sort()) {
      const file = join(dir, name.slice(0, -'.reason'.length));
      const entry = parseReason(await readFile(join(dir, name), 'utf8'));
      if (entry.isRecordOnly && entry.from) entries.push({ file: entry.from, ...entry });
      else if (present.has(basename(file))) entries.push({ file, ...entry });
    }
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at) || a.file.localeCompare(b.file));
}

/** After a successful replay: the file moves to `done/` next to its quarantine folder, its reason goes. */
export async function releaseFromQuarantine(file: string): Promise<string> {
  const target = await moveInto(file, join(dirname(dirname(file)), 'done'));
  await rm(`${file}.reason`, { force: true });
  return target;
}

/** A replay failed again: the reason says why, now. */
export async function updateReason(entry: QuarantineEntry, reason: string, now: Date): Promise<void> {
  await writeFile(`${entry.file}.reason`, reasonText({ ...entry, reason, at: now.toISOString() }));
}
