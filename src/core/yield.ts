/**
 * Lets the event loop run (timers, sockets, Fastify's start-up) before the caller goes on. A
 * loop of awaits on SQLite never does: better-sqlite3 answers at once, so every `await` resolves
 * as a microtask and a load of 100,000 stories would hold the process until it is done.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
