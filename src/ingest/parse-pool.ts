import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type ErrorCode, type ErrorDetails, LedeError } from '../core/errors.js';
import type { Ninjs } from '../core/ninjs.js';
import { parseWireFile } from './detect.js';
import { readWireFileSync } from './files.js';
import type { ParseContext } from './formats/types.js';
import { type ItemFacts, rememberItemFacts } from './to-story.js';

/** A file's bytes (a Buffer here, a plain Uint8Array once posted to a worker), or its path and the largest size to read. */
export type WireInput = { bytes: Uint8Array } | { path: string; maxBytes: number };

/** What a worker is asked: the input and everything of the context but the callback. */
export interface ParseTask {
  id: number;
  input: WireInput;
  context: Omit<ParseContext, 'warn'>;
}

/** The items, with each one's facts (to-story.ts) computed there so that the storing thread only stores. */
type Parsed = { items: Ninjs[]; facts?: ItemFacts[] };

export type ParseReply = { id: number; warnings: string[] } & (
  | Parsed
  | { error: { code: ErrorCode; message: string; details: ErrorDetails; help?: string } }
  /** Anything else, such as a file that cannot be read: its message and system code. */
  | { crash: { message: string; code?: string } }
);

/** Reads (for a path) and parses like `parseWireFile`, here or on another thread. */
export type ParseWire = (input: WireInput, context: ParseContext) => Promise<Ninjs[]>;

export interface ParsePool {
  parse: ParseWire;
  close(): Promise<void>;
}

/** One core is left for the store, which writes while the workers parse. */
export const defaultParseWorkers = () => Math.max(1, Math.min(availableParallelism() - 1, 4));

export const bytesOf = (input: WireInput): Buffer =>
  'bytes' in input
    ? Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength)
    : readWireFileSync(input.path, input.maxBytes);

/** Parses on the calling thread: for a single file a worker would only add its start-up. */
export const parseInline: ParseWire = async (input, context) => parseWireFile(bytesOf(input), context);

/** Heap per parse worker: a 19 MB file needs a few hundred MB; a file that needs more is refused, not the process. */
export const defaultParseMemoryMb = 1024;

function spawnWorker(maxMemoryMb: number): Worker {
  // The young generation is part of the bound: without it a worker may grow well past the old one.
  const resourceLimits = { maxOldGenerationSizeMb: maxMemoryMb };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./parse-worker.js', import.meta.url), { resourceLimits });
  // Under tsx (tests, benchmarks) the worker is TypeScript too, and Node 20 does not hand
  // tsx's loader on to worker threads: the worker registers it before importing its module.
  const entry = new URL('./parse-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`, {
    eval: true,
    resourceLimits,
  });
}

interface Pending {
  task: ParseTask;
  resolve: (items: Ninjs[]) => void;
  reject: (error: unknown) => void;
  warn?: (message: string) => void;
}

export interface ParsePoolOptions {
  /** Worker threads (started at the first parse, not before). */
  size?: number;
  /** Heap bound of each worker, in MB: a parse that needs more fails its file with LEDE_INGEST_TOO_LARGE. */
  maxMemoryMb?: number;
}

/**
 * A fixed set of worker threads running the format parsers and, beside them, computing each
 * item's facts (hash, body check, text fingerprint: to-story.ts), the CPU work of storing it
 * that depends on the item alone, so that a 19 MB push holds the storing thread only to store.
 * A parse error comes back as the same LedeError the parser threw. A worker that dies (out of its memory bound, a crash) fails
 * only the file it was parsing (a worker parses one file at a time, in the order posted) and
 * is replaced; the files queued behind it go to its replacement. Workers start at the first
 * parse and hold the process open only while they have work.
 */
export function createParsePool(options: ParsePoolOptions = {}): ParsePool {
  const size = options.size ?? defaultParseWorkers();
  const maxMemoryMb = options.maxMemoryMb ?? defaultParseMemoryMb;
  let nextId = 1;
  let closed = false;
  const slots: Array<{ worker: Worker; pending: Map<number, Pending> }> = [];

  const post = (slot: (typeof slots)[number], entry: Pending) => {
    if (slot.pending.size === 0) slot.worker.ref();
    slot.pending.set(entry.task.id, entry);
    slot.worker.postMessage(entry.task);
  };

  const start = (index: number, queued: Pending[] = []) => {
    const pending = new Map<number, Pending>();
    const worker = spawnWorker(maxMemoryMb);
    worker.unref();
    worker.on('message', (reply: ParseReply) => {
      const task = pending.get(reply.id);
      if (!task) return;
      pending.delete(reply.id);
      if (pending.size === 0) worker.unref();
      for (const message of reply.warnings) task.warn?.(message);
      if ('items' in reply) {
        for (const [n, facts] of (reply.facts ?? []).entries()) rememberItemFacts(reply.items[n]!, facts);
        task.resolve(reply.items);
      } else if ('error' in reply) task.reject(new LedeError(reply.error.code, reply.error.message, reply.error));
      else task.reject(Object.assign(new Error(reply.crash.message), { code: reply.crash.code }));
    });
    let hasFailed = false;
    const fail = (error: unknown) => {
      if (hasFailed) return;
      hasFailed = true;
      const [running, ...waiting] = [...pending.values()];
      pending.clear();
      if (running) running.reject(failureOf(error, running.task, maxMemoryMb));
      if (closed) for (const task of waiting) task.reject(new Error('parse pool is closed'));
      else start(index, waiting);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!closed && slots[index]?.worker === worker) fail(new Error(`parse worker stopped with exit code ${code}`));
    });
    slots[index] = { worker, pending };
    for (const entry of queued) post(slots[index], entry);
  };

  return {
    parse(input, context) {
      if (closed) return Promise.reject(new Error('parse pool is closed'));
      if (slots.length === 0) for (let i = 0; i < size; i++) start(i);
      // The least busy worker takes the file.
      const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const { warn, ...rest } = context;
      const task: ParseTask = { id: nextId++, input, context: rest };
      return new Promise<Ninjs[]>((resolve, reject) => post(slot, { task, resolve, reject, warn }));
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

/** Why a worker died, as its file's error: past its memory bound is the file's own fault (too large to parse). */
function failureOf(error: unknown, task: ParseTask, maxMemoryMb: number): unknown {
  if ((error as NodeJS.ErrnoException)?.code !== 'ERR_WORKER_OUT_OF_MEMORY') return error;
  const file = task.context.filename;
  return new LedeError('LEDE_INGEST_TOO_LARGE', `${file}: parsing it needs more than the ${maxMemoryMb} MB of memory allowed per file`, {
    details: { file, limit: maxMemoryMb },
    cause: error,
  });
}

/** Runs `work` with a parser: a worker pool for many files, this thread for one (a pool's start-up would cost more). */
export async function withParser<T>(fileCount: number, work: (parse: ParseWire) => Promise<T>): Promise<T> {
  if (fileCount < 2) return work(parseInline);
  const pool = createParsePool();
  try {
    return await work(pool.parse);
  } finally {
    await pool.close();
  }
}
