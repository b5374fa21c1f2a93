/**
 * A worker thread of the parse pool (parse-pool.ts): parses wire files off the main thread,
 * so that a bulk ingest parses on one core while the store writes on another. Parsers are
 * pure functions of the bytes, so nothing else is shared. Each item's facts (to-story.ts) are
 * computed here too: what storing it costs in CPU that depends on the item alone.
 */
import { parentPort } from 'node:worker_threads';
import { isLedeError } from '../core/errors.js';
import type { Ninjs } from '../core/ninjs.js';
import { parseWireFile } from './detect.js';
import { bytesOf, type ParseReply, type ParseTask } from './parse-pool.js';
import { type ItemFacts, itemFactsOf } from './to-story.js';

/** The items' facts; none if computing them fails, so that the storing thread computes them as it would without a worker. */
function factsOf(items: Ninjs[]): ItemFacts[] | undefined {
  try {
    return items.map(itemFactsOf);
  } catch {
    return undefined;
  }
}

parentPort?.on('message', (task: ParseTask) => {
  const warnings: string[] = [];
  let reply: ParseReply;
  try {
    const items = parseWireFile(bytesOf(task.input), { ...task.context, warn: (message) => warnings.push(message) });
    reply = { id: task.id, items, facts: factsOf(items), warnings };
  } catch (error) {
    reply = isLedeError(error)
      ? { id: task.id, warnings, error: { code: error.code, message: error.message, details: error.details, help: error.help } }
      : {
          id: task.id,
          warnings,
          crash: { message: String((error as Error)?.message ?? error), code: (error as NodeJS.ErrnoException)?.code },
        };
  }
  parentPort?.postMessage(reply);
});
