/**
 * `once(key, load)` runs `load` for the first call with a key and gives later calls the same
 * value (a promise, for lookups): for what holds for one batch or run, such as a source.
 */
export function keyedOnce<V>(): (key: string, load: () => V) => V {
  const values = new Map<string, V>();
  return (key, load) => {
    if (values.has(key)) return values.get(key) as V;
    const value = load();
    values.set(key, value);
    return value;
  };
}
