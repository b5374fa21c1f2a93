import { hash, verify } from '@node-rs/argon2';
import { LedeError } from '../../core/errors.js';

/** argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane): about 30 ms a hash here. */
// `algorithm: 2` is the package's `Algorithm.Argon2id`, a const enum that isolated modules cannot read.
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const minPasswordLength = 10;

/** Refuses a password too short to be one (LEDE_NEWSROOM_INVALID naming `password`). */
export function checkPassword(password: string): void {
  if ([...password].length < minPasswordLength) {
    throw new LedeError('LEDE_NEWSROOM_INVALID', `password: must be at least ${minPasswordLength} characters`, {
      details: { field: 'password' },
    });
  }
  if ([...password].length > 1024) {
    throw new LedeError('LEDE_NEWSROOM_INVALID', 'password: must be at most 1024 characters', { details: { field: 'password' } });
  }
}

export const hashPassword = (password: string) => hash(password, options);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
