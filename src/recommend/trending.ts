/** Views in an hour lose half their weight every `halfLifeHours` ("Most read" with time decay). */
export const trendingHalfLifeHours = 6;
/** Hours of counts that trending looks at. */
export const trendingWindowHours = 48;

export interface Trending {
  /** Decayed views by story id. */
  scores: Map<string, number>;
  /** Ids by score, highest first (ties: id). */
  order: string[];
  /** The same per section slug. */
  bySection: Map<string, string[]>;
}

/** Decayed view totals from hourly counts: each hour weighs 2^(−age/half-life) at `now`. */
export function computeTrending(
  rows: ReadonlyArray<{ storyId: string; hour: string; count: number; section?: string }>,
  now: Date,
): Trending {
  const scores = new Map<string, number>();
  const sectionOf = new Map<string, string>();
  for (const row of rows) {
    const hourStart = Date.parse(`${row.hour}:00:00Z`);
    if (Number.isNaN(hourStart)) continue;
    // The middle of the hour, so the current hour's views do not count more than they should.
    const ageHours = Math.max(0, (now.getTime() - hourStart) / 3_600_000 - 0.5);
    scores.set(row.storyId, (scores.get(row.storyId) ?? 0) + row.count * 2 ** (-ageHours / trendingHalfLifeHours));
    if (row.section) sectionOf.set(row.storyId, row.section);
  }
  const order = [...scores.keys()].sort((a, b) => (scores.get(b) as number) - (scores.get(a) as number) || (a < b ? -1 : 1));
  const bySection = new Map<string, string[]>();
  for (const id of order) {
    const section = sectionOf.get(id);
    if (!section) continue;
    const list = bySection.get(section) ?? [];
    list.push(id);
    bySection.set(section, list);
  }
  return { scores, order, bySection };
}
