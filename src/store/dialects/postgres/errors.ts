import { LedeError } from '../../../core/errors.js';

/** A lost or refused connection: the same request may succeed once the server is back. */
const connectionLost = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);
/** A database that does not exist or refuses our credentials: the URL is wrong, retrying cannot help. */
const badUrl = new Set(['3D000', '28000', '28P01']);

/** Turns PostgreSQL SQLSTATEs into Lede's codes, so no layer above sees them. */
export function translatePostgresError(error: unknown): unknown {
  const code = (error as { code?: string } | undefined)?.code;
  if (code === '23505') return new LedeError('LEDE_STORE_CONFLICT', (error as Error).message, { cause: error });
  // A deadlock victim, a serialization failure or a lock timeout: the transaction is tried again.
  if (code === '40P01' || code === '40001' || code === '55P03') {
    return new LedeError('LEDE_STORE_BUSY', (error as Error).message, { cause: error });
  }
  if (code !== undefined && connectionLost.has(code)) {
    return new LedeError('LEDE_STORE_UNAVAILABLE', (error as Error).message, { cause: error });
  }
  if (code !== undefined && badUrl.has(code)) {
    return new LedeError('LEDE_CONFIG_INVALID', `DATABASE_URL: ${(error as Error).message}`, {
      details: { field: 'DATABASE_URL' },
      cause: error,
    });
  }
  return error;
}
