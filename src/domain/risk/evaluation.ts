/**
 * Evaluation of an early-warning method at a given capacity, and its fairness audit.
 *
 * Capacity: each campus can follow k_c students (its tutors' capacity). Three ways to spend the same total
 * capacity K = Σ k_c are compared on outcomes that are known:
 * - individual scoring: in each campus, its k_c students with the highest predicted risk;
 * - campus-level targeting: whole campuses, highest mean predicted risk first, until K students are covered
 *   (what a programme aimed at "high-dropout campuses" does);
 * - rules: in each campus, k_c students ordered by the rules' flag (rojo first) and their number of signals.
 *
 * Fairness: with the students flagged by a method, the false-positive rate (flagged among those who stayed)
 * and false-negative rate (not flagged among those who left) per group (sex, state, campus size), and the
 * gap between the highest and lowest group rate. Sensitive attributes are used here only, never as inputs.
 */

export interface Confusion {
  readonly n: number;
  readonly positives: number;
  readonly flagged: number;
  readonly truePositives: number;
  /** Flagged among positives (recall). */
  readonly recall: number | null;
  /** Positives among flagged. */
  readonly precision: number | null;
  /** Flagged among negatives. */
  readonly fpr: number | null;
  /** Not flagged among positives. */
  readonly fnr: number | null;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

export function confusion(
  y: ArrayLike<number>,
  flagged: ArrayLike<number>,
  rows?: ArrayLike<number>,
): Confusion {
  let n = 0;
  let pos = 0;
  let fl = 0;
  let tp = 0;
  const m = rows ? rows.length : y.length;
  for (let k = 0; k < m; k++) {
    const i = rows ? (rows[k] ?? 0) : k;
    n++;
    const yi = y[i] === 1;
    const fi = flagged[i] === 1;
    if (yi) pos++;
    if (fi) fl++;
    if (yi && fi) tp++;
  }
  const neg = n - pos;
  return {
    n,
    positives: pos,
    flagged: fl,
    truePositives: tp,
    recall: ratio(tp, pos),
    precision: ratio(tp, fl),
    fpr: ratio(fl - tp, neg),
    fnr: ratio(pos - tp, pos),
  };
}

/** Per-campus capacity: ⌈share × students⌉ (at least 1 for a campus with students). */
export function capacities(groupOf: ArrayLike<number>, share: number): Map<number, number> {
  const count = new Map<number, number>();
  for (let i = 0; i < groupOf.length; i++) {
    const g = groupOf[i] ?? 0;
    count.set(g, (count.get(g) ?? 0) + 1);
  }
  const out = new Map<number, number>();
  for (const [g, c] of count) out.set(g, Math.max(1, Math.ceil(share * c)));
  return out;
}

/** Flags, in each group, its `capacity` rows with the highest score (ties by lower row index). */
export function topKPerGroup(
  scores: ArrayLike<number>,
  groupOf: ArrayLike<number>,
  capacity: ReadonlyMap<number, number>,
): Uint8Array {
  const n = scores.length;
  const byGroup = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const g = groupOf[i] ?? 0;
    let list = byGroup.get(g);
    if (!list) byGroup.set(g, (list = []));
    list.push(i);
  }
  const flagged = new Uint8Array(n);
  for (const [g, rows] of byGroup) {
    rows.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
    const k = Math.min(rows.length, capacity.get(g) ?? 0);
    for (let r = 0; r < k; r++) flagged[rows[r] ?? 0] = 1;
  }
  return flagged;
}

/**
 * Campus-level targeting with `total` places: campuses by descending mean score; each chosen campus has all
 * its students flagged; the last campus is filled partly (its students in row order, i.e. at random with
 * respect to risk) so that exactly `total` are flagged.
 */
export function campusTargeting(
  scores: ArrayLike<number>,
  groupOf: ArrayLike<number>,
  total: number,
): Uint8Array {
  const n = scores.length;
  const sum = new Map<number, number>();
  const rowsOf = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const g = groupOf[i] ?? 0;
    sum.set(g, (sum.get(g) ?? 0) + (scores[i] ?? 0));
    let list = rowsOf.get(g);
    if (!list) rowsOf.set(g, (list = []));
    list.push(i);
  }
  const campuses = [...rowsOf.keys()].sort((a, b) => {
    const ma = (sum.get(a) ?? 0) / (rowsOf.get(a)?.length ?? 1);
    const mb = (sum.get(b) ?? 0) / (rowsOf.get(b)?.length ?? 1);
    return mb - ma || a - b;
  });
  const flagged = new Uint8Array(n);
  let left = total;
  for (const c of campuses) {
    if (left <= 0) break;
    for (const i of rowsOf.get(c) ?? []) {
      if (left <= 0) break;
      flagged[i] = 1;
      left--;
    }
  }
  return flagged;
}

export interface GroupRates {
  readonly group: string;
  readonly n: number;
  readonly positives: number;
  readonly flaggedRate: number | null;
  readonly fpr: number | null;
  readonly fnr: number | null;
  readonly precision: number | null;
}

export interface FairnessDimension {
  readonly dimension: string;
  readonly groups: readonly GroupRates[];
  /** Highest minus lowest rate over groups with at least `minGroup` negatives (FPR) / positives (FNR). */
  readonly fprGap: number | null;
  readonly fnrGap: number | null;
  readonly fprGapGroups: readonly [string, string] | null;
  readonly fnrGapGroups: readonly [string, string] | null;
}

/** Error rates per group of one dimension and their gaps (small groups listed but left out of the gaps). */
export function fairness(
  dimension: string,
  y: ArrayLike<number>,
  flagged: ArrayLike<number>,
  groupOf: readonly string[],
  minGroup = 30,
): FairnessDimension {
  const rowsOf = new Map<string, number[]>();
  groupOf.forEach((g, i) => {
    let list = rowsOf.get(g);
    if (!list) rowsOf.set(g, (list = []));
    list.push(i);
  });
  const groups: GroupRates[] = [...rowsOf.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([group, rows]) => {
      const c = confusion(y, flagged, rows);
      return {
        group,
        n: c.n,
        positives: c.positives,
        flaggedRate: ratio(c.flagged, c.n),
        fpr: c.fpr,
        fnr: c.fnr,
        precision: c.precision,
      };
    });
  const gap = (key: 'fpr' | 'fnr') => {
    const eligible = groups.filter(
      (g) => g[key] !== null && (key === 'fpr' ? g.n - g.positives : g.positives) >= minGroup,
    );
    if (eligible.length < 2) return { gap: null, between: null };
    let lo = eligible[0] as GroupRates;
    let hi = lo;
    for (const g of eligible) {
      if ((g[key] ?? 0) < (lo[key] ?? 0)) lo = g;
      if ((g[key] ?? 0) > (hi[key] ?? 0)) hi = g;
    }
    return { gap: (hi[key] ?? 0) - (lo[key] ?? 0), between: [hi.group, lo.group] as const };
  };
  const f = gap('fpr');
  const r = gap('fnr');
  return {
    dimension,
    groups,
    fprGap: f.gap,
    fnrGap: r.gap,
    fprGapGroups: f.between,
    fnrGapGroups: r.between,
  };
}

/** Size class of a campus by enrollment terciles over campuses: 'chico' | 'mediano' | 'grande'. */
export function sizeClasses(sizes: ReadonlyMap<number, number>): Map<number, string> {
  const sorted = [...sizes.values()].sort((a, b) => a - b);
  const q1 = sorted[Math.floor(sorted.length / 3)] ?? 0;
  const q2 = sorted[Math.floor((2 * sorted.length) / 3)] ?? 0;
  const out = new Map<number, string>();
  for (const [c, s] of sizes) out.set(c, s < q1 ? 'chico' : s < q2 ? 'mediano' : 'grande');
  return out;
}
