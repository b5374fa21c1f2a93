import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type ErrorCode, type ErrorDetails, LedeError } from '../core/errors.js';
import type { Ninjs } from '../core/ninjs.js';
import { parseWireFile } from './detect.js';
import { readWireFileSync } from './files.js';
import type { ParseContext } from './formats/types.js';

/** A file's bytes (a Buffer here, a plain Uint8Array once posted to a worker), or its path and the largest size to read. */
export type WireInput = { bytes: Uint8Array } | { path: string; maxBytes: number };

/** What a worker is asked: the input and everything of the context but the callback. */
export interface ParseTask {
  id: number;
  input: WireInput;
  context: Omit<ParseContext, 'warn'>;
}

export type ParseReply = { id: number; warnings: string[] } & (
  | { items: Ninjs[] }
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

function spawnWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./parse-worker.js', import.meta.url));
  // Under tsx (tests, benchmarks) the worker is TypeScript too, and Node 20 does not hand
  // tsx's loader on to worker threads: the worker registers it before importing its module.
  const entry = new URL('./parse-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`, {
    eval: true,
  });
}

interface Pending {
  resolve: (items: Ninjs[]) => void;
  reject: (error: unknown) => void;
  warn?: (message: string) => void;
}

/**
 * A fixed set of worker threads running the format parsers. A parse error comes back as the
 * same LedeError the parser threw; a worker that dies fails only its own files and is
 * replaced. Workers hold the process open only while they have work.
 */
export function createParsePool(size = defaultParseWorkers()): ParsePool {
  let nextId = 1;
  let closed = false;
  const slots: Array<{ worker: Worker; pending: Map<number, Pending> }> = [];

  const start = (index: number) => {
    const pending = new Map<number, Pending>();
    const worker = spawnWorker();
    worker.unref();
    worker.on('message', (reply: ParseReply) => {
      const task = pending.get(reply.id);
      if (!task) return;
      pending.delete(reply.id);
      if (pending.size === 0) worker.unref();
      for (const message of reply.warnings) task.warn?.(message);
      if ('items' in reply) task.resolve(reply.items);
      else if ('error' in reply) task.reject(new LedeError(reply.error.code, reply.error.message, reply.error));
      else task.reject(Object.assign(new Error(reply.crash.message), { code: reply.crash.code }));
    });
    const fail = (error: unknown) => {
      for (const task of pending.values()) task.reject(error);
      pending.clear();
      if (!closed) start(index);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!closed && slots[index]?.worker === worker) fail(new Error(`parse worker stopped with exit code ${code}`));
    });
    slots[index] = { worker, pending };
  };
  for (let i = 0; i < size; i++) start(i);

  return {
    parse(input, context) {
      if (closed) return Promise.reject(new Error('parse pool is closed'));
      // The least busy worker takes the file.
      const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const { warn, ...rest } = context;
      const id = nextId++;
      return new Promise<Ninjs[]>((resolve, reject) => {
        if (slot.pending.size === 0) slot.worker.ref();
        slot.pending.set(id, { resolve, reject, warn });
        slot.worker.postMessage({ id, input, context: rest } satisfies ParseTask);
      });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
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
