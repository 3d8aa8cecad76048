/**
 * A small cache of aggregate results (indicators, summaries, rankings, cohort and impact reports), keyed by the
 * query and the caller's scope and dropped whenever the data changes. Aggregates change only when records are
 * imported or generated, while dashboards ask for the same few hundred of them over and over.
 */
export interface ResultCache {
  get<T>(key: string, compute: () => Promise<T>): Promise<T>;
  readonly size: number;
}

/**
 * `version` says what the data is now (SQLite's data_version, or a clock bucket as a fallback); a new version
 * empties the cache. Entries are evicted least-recently-used beyond `max`.
 */
export function resultCache(version: () => Promise<string> | string, max = 2_000): ResultCache {
  const entries = new Map<string, Promise<unknown>>();
  let seen: string | null = null;
  return {
    async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const now = await version();
      if (now !== seen) {
        entries.clear();
        seen = now;
      }
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);
        return hit as Promise<T>;
      }
      const value = compute();
      entries.set(key, value);
      // A failure is not cached: the next request tries again.
      value.catch(() => entries.delete(key));
      if (entries.size > max) entries.delete(entries.keys().next().value as string);
      return value;
    },
    get size() {
      return entries.size;
    },
  };
}
