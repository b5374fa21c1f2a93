/** DESIGN/issue 11: 5 failed logins per account or 20 per address in 15 minutes, then 429. */
export const loginLimits = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 20 } as const;

/**
 * Seconds until another login may be tried, or undefined when one may be tried now, from the
 * times of the recent failures (newest first). A limit of N lifts when the N-th newest failure
 * leaves the window: then fewer than N remain in it.
 */
export function loginRetryAfter(input: { byEmail: string[]; byAddress: string[]; now: Date }): number | undefined {
  const waits: number[] = [];
  const wait = (failures: string[], limit: number) => {
    const nth = failures[limit - 1];
    if (nth === undefined) return;
    const until = Date.parse(nth) + loginLimits.windowMs;
    if (until > input.now.getTime()) waits.push(Math.max(1, Math.ceil((until - input.now.getTime()) / 1000)));
  };
  wait(input.byEmail, loginLimits.perAccount);
  wait(input.byAddress, loginLimits.perAddress);
  return waits.length > 0 ? Math.max(...waits) : undefined;
}
