/** `list` in slices of at most `size` (none for an empty list): one multi-row statement each, under the engines' limits on parameters. */
export function chunksOf<T>(list: T[], size: number): T[][] {
  if (list.length === 0) return [];
  if (list.length <= size) return [list];
  return Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
}
