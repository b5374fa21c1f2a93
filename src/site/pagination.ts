/** Stories per list and search page. */
export const pageSize = 20;

/** `?page=N`: 1 when absent, undefined when not a plain positive integer (the route answers 400). */
export function parsePage(value: unknown): number | undefined {
  if (value === undefined) return 1;
  if (typeof value !== 'string' || !/^[1-9]\d{0,5}$/.test(value)) return undefined;
  return Number(value);
}

export function pageCount(total: number, size = pageSize): number {
  return Math.max(1, Math.ceil(total / size));
}
