import { LedeError } from '../../../core/errors.js';

/** Turns PostgreSQL SQLSTATEs into Lede's codes, so no layer above sees them. */
export function translatePostgresError(error: unknown): unknown {
  const code = (error as { code?: string } | undefined)?.code;
  if (code === '23505') return new LedeError('LEDE_STORE_CONFLICT', (error as Error).message, { cause: error });
  // A deadlock victim, a serialization failure or a lock timeout: the transaction is tried again.
  if (code === '40P01' || code === '40001' || code === '55P03') {
    return new LedeError('LEDE_STORE_BUSY', (error as Error).message, { cause: error });
  }
  if (code === 'ECONNREFUSED' || code === '57P01' || code === '3D000') {
    return new LedeError('LEDE_STORE_UNAVAILABLE', (error as Error).message, { cause: error });
  }
  return error;
}
