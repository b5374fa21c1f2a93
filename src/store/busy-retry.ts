import { isLedeError, LedeError } from '../core/errors.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writers take turns: work that found another writer holding the database (SQLite's write
 * lock; a PostgreSQL deadlock victim), translated to LEDE_STORE_BUSY, is tried again after a
 * short random pause, without blocking the event loop, until `waitMs` — far above one ingest
 * batch — and only then fails with LEDE_STORE_BUSY, for the caller to report and retry (push
 * answers 503 with Retry-After).
 */
export async function retryWhileBusy<T>(
  work: () => Promise<T>,
  options: { translate: (error: unknown) => unknown; waitMs: number },
): Promise<T> {
  const deadline = Date.now() + options.waitMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (caught) {
      const error = options.translate(caught);
      if (!isLedeError(error, 'LEDE_STORE_BUSY')) throw error;
      if (Date.now() >= deadline) {
        throw new LedeError('LEDE_STORE_BUSY', `the database stayed busy for ${options.waitMs} ms (${error.message}); try again`, {
          cause: error,
        });
      }
      await sleep(Math.min(5 * attempt, 50) * (0.5 + Math.random()));
    }
  }
}
