import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../../schema.js';

const channel = 'lede_events';
const firstRetryMs = 500;
const maxRetryMs = 30_000;

/** Sent inside the write transaction: PostgreSQL delivers it only if the transaction commits. */
export async function notifyPostgres(db: Kysely<Database>, eventId: number): Promise<void> {
  await sql`SELECT pg_notify(${channel}, ${String(eventId)})`.execute(db);
}

/**
 * One dedicated connection LISTENs. When it drops, it is closed and exactly one reconnect is
 * scheduled, with backoff; the change feed polls meanwhile and again once reconnected. (A
 * client may report several errors, and `error` and `end` both: each used to start another
 * connection, doubling them at every drop.)
 */
export function createPostgresListener(config: pg.ClientConfig) {
  return async (onSignal: () => void): Promise<() => Promise<void>> => {
    let client: pg.Client | undefined;
    let stopped = false;
    let retry: NodeJS.Timeout | undefined;
    let delay = firstRetryMs;

    const schedule = () => {
      if (stopped || retry) return;
      retry = setTimeout(() => {
        retry = undefined;
        void connect();
      }, delay);
      retry.unref();
      delay = Math.min(delay * 2, maxRetryMs);
    };

    const drop = (lost: pg.Client) => {
      if (client !== lost) return;
      client = undefined;
      lost.removeAllListeners('notification');
      void lost.end().catch(() => {});
      schedule();
    };

    const connect = async () => {
      if (stopped || client) return;
      const next = new pg.Client(config);
      next.on('notification', () => onSignal());
      next.on('error', () => drop(next));
      next.on('end', () => drop(next));
      client = next;
      try {
        await next.connect();
        await next.query(`LISTEN ${channel}`);
        delay = firstRetryMs;
        onSignal();
      } catch {
        drop(next);
      }
    };

    await connect();
    return async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      const last = client;
      client = undefined;
      await last?.end().catch(() => {});
    };
  };
}
