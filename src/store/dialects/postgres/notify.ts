import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../../schema.js';

const channel = 'lede_events';

/** Sent inside the write transaction: PostgreSQL delivers it only if the transaction commits. */
export async function notifyPostgres(db: Kysely<Database>, eventId: number): Promise<void> {
  await sql`SELECT pg_notify(${channel}, ${String(eventId)})`.execute(db);
}

/** One dedicated connection LISTENs; it reconnects after a drop, and the feed polls meanwhile. */
export function createPostgresListener(config: pg.ClientConfig) {
  return async (onSignal: () => void): Promise<() => Promise<void>> => {
    let client: pg.Client | undefined;
    let stopped = false;
    let retry: NodeJS.Timeout | undefined;
    const connect = async () => {
      if (stopped) return;
      const next = new pg.Client(config);
      next.on('notification', () => onSignal());
      next.on('error', () => {
        if (stopped) return;
        client = undefined;
        retry = setTimeout(connect, 1000);
        retry.unref();
      });
      try {
        await next.connect();
        await next.query(`LISTEN ${channel}`);
        client = next;
        onSignal();
      } catch {
        await next.end().catch(() => {});
        retry = setTimeout(connect, 1000);
        retry.unref();
      }
    };
    await connect();
    return async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => {});
    };
  };
}
