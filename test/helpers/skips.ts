import { declaredSkipOf } from '../../scripts/declared-skips.mjs';

/** The names in scripts/declared-skips.mjs, the one list of skips a run may contain. */
export type DeclaredSkipName = 'no-postgres' | 'no-chromium' | 'no-shared-samples';

/**
 * The reason to give `t.skip()` or `{ skip }` for a declared skip: `name: detail`.
 * Throws when the name is not in the list, so a typo cannot turn into an undeclared skip.
 */
export function skipReason(name: DeclaredSkipName, detail: string): string {
  const reason = `${name}: ${detail}`;
  if (declaredSkipOf(reason)?.name !== name) throw new Error(`${name} is not a declared skip (scripts/declared-skips.mjs)`);
  return reason;
}
