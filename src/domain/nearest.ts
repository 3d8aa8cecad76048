/**
 * The few candidates closest to a mistyped value, for error messages that suggest instead of listing
 * everything ("¿quiso decir …?"). Distance: optimal string alignment (Levenshtein plus adjacent
 * transpositions), compared without case.
 */

/** Edit distance between a and b: insertions, deletions, substitutions and swaps of two neighbours. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  // Three rows: two back for transpositions, one back, current.
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/**
 * Up to `count` candidates nearest to `value`, nearest first (ties in the candidates' order). Candidates that
 * share a prefix of three or more characters with the value count as one edit away at most, so "09DPT" finds the
 * campuses whose CCT starts with it. Candidates farther than half the value's length (at least 2) are left out
 * unless nothing is closer: then the `count` nearest are given anyway.
 */
export function nearest(value: string, candidates: readonly string[], count = 3): string[] {
  const v = value.toLowerCase();
  const scored = candidates.map((c, i) => {
    const lc = c.toLowerCase();
    let d = editDistance(v, lc);
    if (v.length >= 3 && lc.startsWith(v)) d = Math.min(d, 1);
    return { c, d, i };
  });
  scored.sort((x, y) => x.d - y.d || x.i - y.i);
  const limit = Math.max(2, Math.floor(v.length / 2));
  const close = scored.filter((s) => s.d <= limit);
  return (close.length > 0 ? close : scored).slice(0, count).map((s) => s.c);
}
