/**
 * Gradient-boosted decision trees for binary classification (log-loss), histogram-based, in the manner
 * of LightGBM and scikit-learn's HistGradientBoostingClassifier:
 *
 * - features are binned once (binning.ts: ≤ 255 value bins + a missing bin);
 * - each round fits a regression tree to the gradient g = p − y and hessian h = p(1 − p) of the log-loss
 *   (second-order / Newton boosting): split gain ½[G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)], leaf value
 *   −G/(H+λ) × learning rate;
 * - trees grow best-first (leaf-wise) up to `maxLeaves` leaves and `maxDepth` levels, with
 *   `minSamplesLeaf` rows per leaf; a child's histogram is the parent's minus its sibling's;
 * - missing values (NaN) go to the side that gains more at each split;
 * - rows are subsampled per round without replacement (`subsample`), features per tree (`colsample`);
 * - optional early stopping on an internal stratified validation split (log-loss, `patience` rounds),
 *   the model being cut back to its best round.
 *
 * Deterministic for a given seed. Trees store raw thresholds (x ≤ threshold goes left), so prediction
 * needs no binning. Per-prediction explanations use Saabas path attribution: along the path of a row,
 * each split's change in node value is credited to the split feature; bias + Σ contributions equals the
 * log-odds exactly.
 */
import { applyBins, fitBins, MISSING_BIN, type BinnedData } from './binning.js';
import { createRng, type Rng } from './random.js';

export interface GbtOptions {
  /** Boosting rounds (the maximum when early stopping). Default 300. */
  rounds?: number;
  /** Shrinkage. Default 0.05. */
  learningRate?: number;
  /** Maximum leaves per tree. Default 15. */
  maxLeaves?: number;
  /** Maximum depth (root = 0). Default 6. */
  maxDepth?: number;
  /** Minimum rows in a leaf. Default 20. */
  minSamplesLeaf?: number;
  /** Minimum hessian sum in a leaf. Default 1e-3. */
  minHessianLeaf?: number;
  /** L2 penalty λ on leaf values. Default 1. */
  l2?: number;
  /** Fraction of training rows drawn (without replacement) per round. Default 0.8. */
  subsample?: number;
  /** Fraction of features offered to each tree. Default 0.5. */
  colsample?: number;
  /** Value bins per feature (2..255). Default 255. */
  maxBins?: number;
  /**
   * Early stopping: hold out `validationFraction` of the rows (stratified) and stop after `patience`
   * rounds without a lower validation log-loss. `false` (default) trains all `rounds` on all rows.
   */
  earlyStopping?: false | { validationFraction?: number; patience?: number };
  /** Non-negative weight per row. */
  sampleWeights?: Float64Array;
  /** Seed for subsampling and the validation split. Default 1. */
  seed?: number;
}

/** One tree as flat arrays; node 0 is the root; leaves have feature −1. */
export interface GbtTree {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  /** 1 when missing values (NaN) go left. */
  readonly missingLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Node value on the log-odds scale (already multiplied by the learning rate). */
  readonly value: Float64Array;
}

export interface GbtModel {
  readonly nFeatures: number;
  /** Log-odds of the weighted training base rate. */
  readonly baseScore: number;
  readonly trees: readonly GbtTree[];
  /** Total split gain per feature (importance). */
  readonly gainImportance: Float64Array;
  /** Rounds actually kept (after early stopping). */
  readonly rounds: number;
  predictMargin(x: ArrayLike<number>): number;
  predictProba(x: ArrayLike<number>): number;
}

/** Serializable form of a model (plain arrays), for storage as JSON. */
export interface GbtModelData {
  readonly nFeatures: number;
  readonly baseScore: number;
  readonly gainImportance: number[];
  readonly trees: {
    feature: number[];
    threshold: number[];
    missingLeft: number[];
    left: number[];
    right: number[];
    value: number[];
  }[];
}

const sigmoid = (t: number): number => {
  if (t >= 0) return 1 / (1 + Math.exp(-t));
  const e = Math.exp(t);
  return e / (1 + e);
};

function leafOf(tree: GbtTree, x: ArrayLike<number>): number {
  let node = 0;
  for (;;) {
    const f = tree.feature[node] ?? -1;
    if (f < 0) return node;
    const v = x[f] ?? NaN;
    const goLeft = Number.isNaN(v) ? tree.missingLeft[node] === 1 : v <= (tree.threshold[node] ?? 0);
    node = goLeft ? (tree.left[node] ?? 0) : (tree.right[node] ?? 0);
  }
}

function makeModel(
  nFeatures: number,
  baseScore: number,
  trees: readonly GbtTree[],
  gainImportance: Float64Array,
): GbtModel {
  const predictMargin = (x: ArrayLike<number>): number => {
    let s = baseScore;
    for (const t of trees) s += t.value[leafOf(t, x)] ?? 0;
    return s;
  };
  return {
    nFeatures,
    baseScore,
    trees,
    gainImportance,
    rounds: trees.length,
    predictMargin,
    predictProba: (x) => sigmoid(predictMargin(x)),
  };
}

export function gbtToData(model: GbtModel): GbtModelData {
  return {
    nFeatures: model.nFeatures,
    baseScore: model.baseScore,
    gainImportance: Array.from(model.gainImportance),
    trees: model.trees.map((t) => ({
      feature: Array.from(t.feature),
      threshold: Array.from(t.threshold),
      missingLeft: Array.from(t.missingLeft),
      left: Array.from(t.left),
      right: Array.from(t.right),
      value: Array.from(t.value),
    })),
  };
}

export function gbtFromData(data: GbtModelData): GbtModel {
  const trees = data.trees.map((t) => ({
    feature: Int32Array.from(t.feature),
    threshold: Float64Array.from(t.threshold),
    missingLeft: Uint8Array.from(t.missingLeft),
    left: Int32Array.from(t.left),
    right: Int32Array.from(t.right),
    value: Float64Array.from(t.value),
  }));
  return makeModel(data.nFeatures, data.baseScore, trees, Float64Array.from(data.gainImportance));
}

/**
 * Saabas contributions of one prediction on the log-odds scale: `bias` is the base score plus each
 * tree's root value; `values[f]` sums, over trees, the value changes at splits on feature f along the
 * row's path. bias + Σ values = predictMargin(x).
 */
export function gbtContributions(
  model: GbtModel,
  x: ArrayLike<number>,
): { bias: number; values: Float64Array } {
  const values = new Float64Array(model.nFeatures);
  let bias = model.baseScore;
  for (const tree of model.trees) {
    let node = 0;
    bias += tree.value[0] ?? 0;
    for (;;) {
      const f = tree.feature[node] ?? -1;
      if (f < 0) break;
      const v = x[f] ?? NaN;
      const goLeft = Number.isNaN(v) ? tree.missingLeft[node] === 1 : v <= (tree.threshold[node] ?? 0);
      const child = goLeft ? (tree.left[node] ?? 0) : (tree.right[node] ?? 0);
      values[f] = (values[f] ?? 0) + (tree.value[child] ?? 0) - (tree.value[node] ?? 0);
      node = child;
    }
  }
  return { bias, values };
}

interface Split {
  gain: number;
  feature: number;
  bin: number;
  missingLeft: boolean;
  gl: number;
  hl: number;
  cl: number;
}

interface OpenLeaf {
  node: number;
  start: number;
  end: number;
  depth: number;
  g: number;
  h: number;
  hist: Float64Array;
  split: Split | null;
}

/** Adds the rows rows[start..start+m) of one feature column into its histogram slots (g, h, count). */
function accumulate(
  hist: Float64Array,
  col: Uint8Array,
  rows: Int32Array,
  start: number,
  m: number,
  gOrd: Float64Array,
  hOrd: Float64Array,
  base: number,
  missingSlot: number,
): void {
  for (let k = 0; k < m; k++) {
    const b = col[rows[start + k] ?? 0] ?? 0;
    const o = (base + (b === MISSING_BIN ? missingSlot : b)) * 3;
    hist[o] = (hist[o] ?? 0) + (gOrd[k] ?? 0);
    hist[o + 1] = (hist[o + 1] ?? 0) + (hOrd[k] ?? 0);
    hist[o + 2] = (hist[o + 2] ?? 0) + 1;
  }
}

/** Stratified random split of 0..n-1 into training and validation indices. */
function stratifiedHoldout(
  y: Uint8Array,
  fraction: number,
  rng: Rng,
): { train: Int32Array; valid: Int32Array } {
  const train: number[] = [];
  const valid: number[] = [];
  for (const cls of [0, 1]) {
    const idx: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === cls) idx.push(i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = idx[i] ?? 0;
      idx[i] = idx[j] ?? 0;
      idx[j] = t;
    }
    const nv = Math.round(idx.length * fraction);
    // A loop, not push(...slice): spreading 100k+ arguments overflows the call stack.
    for (let k = 0; k < idx.length; k++) (k < nv ? valid : train).push(idx[k] ?? 0);
  }
  train.sort((a, b) => a - b);
  valid.sort((a, b) => a - b);
  return { train: Int32Array.from(train), valid: Int32Array.from(valid) };
}

/** Fits the model; throws (a broken invariant, not user input) on mismatched shapes. */
export function fitGbt(X: readonly Float64Array[], y: Uint8Array, options: GbtOptions = {}): GbtModel {
  const n = X.length;
  if (n !== y.length) throw new Error(`fitGbt: ${n} rows but ${y.length} labels`);
  if (n === 0) throw new Error('fitGbt: no rows');
  const p = X[0]?.length ?? 0;
  const rounds = options.rounds ?? 300;
  const lr = options.learningRate ?? 0.05;
  const maxLeaves = Math.max(2, options.maxLeaves ?? 15);
  const maxDepth = options.maxDepth ?? 6;
  const minLeaf = Math.max(1, options.minSamplesLeaf ?? 20);
  const minHess = options.minHessianLeaf ?? 1e-3;
  const lambda = options.l2 ?? 1;
  const subsample = options.subsample ?? 0.8;
  const colsample = options.colsample ?? 0.5;
  const w = options.sampleWeights ?? new Float64Array(n).fill(1);
  if (w.length !== n) throw new Error(`fitGbt: ${n} rows but ${w.length} weights`);
  const rng = createRng(options.seed ?? 1);

  let trainIdx: Int32Array;
  let validIdx: Int32Array = new Int32Array(0);
  let patience = Infinity;
  if (options.earlyStopping) {
    const split = stratifiedHoldout(y, options.earlyStopping.validationFraction ?? 0.1, rng);
    trainIdx = split.train;
    validIdx = split.valid;
    patience = options.earlyStopping.patience ?? 20;
  } else {
    trainIdx = new Int32Array(n);
    for (let i = 0; i < n; i++) trainIdx[i] = i;
  }
  const nt = trainIdx.length;

  const bins = fitBins(X, options.maxBins ?? 255, trainIdx);
  const binned: BinnedData = applyBins(X, bins);
  const cols = binned.columns;
  // Histogram layout: per feature, (value bins + missing) slots × (g, h, count).
  const nBins = bins.edges.map((e) => e.length + 1);
  const offset = new Int32Array(p + 1);
  for (let f = 0; f < p; f++) offset[f + 1] = (offset[f] ?? 0) + (nBins[f] ?? 1) + 1;
  const histSize = (offset[p] ?? 0) * 3;
  const slot = (f: number, b: number) => (offset[f] ?? 0) + (b === MISSING_BIN ? (nBins[f] ?? 1) : b);

  let sumW = 0;
  let sumWy = 0;
  for (let k = 0; k < nt; k++) {
    const i = trainIdx[k] ?? 0;
    sumW += w[i] ?? 0;
    sumWy += (w[i] ?? 0) * (y[i] ?? 0);
  }
  const prior = Math.min(1 - 1e-12, Math.max(1e-12, sumWy / sumW));
  const baseScore = Math.log(prior / (1 - prior));

  const margin = new Float64Array(n).fill(baseScore);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const rows = new Int32Array(nt);
  const scratch = new Int32Array(nt);
  const nSub = subsample >= 1 ? nt : Math.min(nt, Math.max(2 * minLeaf, Math.round(nt * subsample)));
  // 1 for the rows of this round's subsample (their leaf is known from the partition).
  const inSub = new Uint8Array(n);
  const features = new Int32Array(p);
  for (let f = 0; f < p; f++) features[f] = f;
  const nFeat = p === 0 ? 0 : Math.max(1, Math.round(p * Math.min(1, colsample)));
  const gainImportance = new Float64Array(p);

  const trees: GbtTree[] = [];
  const treeGains: Float64Array[] = [];
  let bestLoss = Infinity;
  let bestRounds = 0;

  const histPool: Float64Array[] = [];
  const gOrd = new Float64Array(nt);
  const hOrd = new Float64Array(nt);
  const buildHist = (start: number, end: number): Float64Array => {
    // Buffers are recycled across leaves and trees (at most maxLeaves are live): no garbage per node.
    const pooled = histPool.pop();
    const hist = pooled ? pooled.fill(0) : new Float64Array(histSize);
    // Gradients gathered in row order once, then one sequential pass per feature.
    const m = end - start;
    for (let k = 0; k < m; k++) {
      const i = rows[start + k] ?? 0;
      gOrd[k] = grad[i] ?? 0;
      hOrd[k] = hess[i] ?? 0;
    }
    for (let fi = 0; fi < nFeat; fi++) {
      const f = features[fi] ?? 0;
      accumulate(hist, cols[f] as Uint8Array, rows, start, m, gOrd, hOrd, offset[f] ?? 0, nBins[f] ?? 1);
    }
    return hist;
  };

  const score = (g: number, h: number) => (g * g) / (h + lambda);

  const findSplit = (leaf: OpenLeaf): Split | null => {
    if (leaf.depth >= maxDepth || leaf.end - leaf.start < 2 * minLeaf) return null;
    const count = leaf.end - leaf.start;
    const parent = score(leaf.g, leaf.h);
    const hist = leaf.hist;
    let best: Split | null = null;
    for (let fi = 0; fi < nFeat; fi++) {
      const f = features[fi] ?? 0;
      const nb = nBins[f] ?? 1;
      if (nb < 2) continue;
      const mo = slot(f, MISSING_BIN) * 3;
      const mg = hist[mo] ?? 0;
      const mh = hist[mo + 1] ?? 0;
      const mc = hist[mo + 2] ?? 0;
      let gl = 0;
      let hl = 0;
      let cl = 0;
      const base = (offset[f] ?? 0) * 3;
      for (let b = 0; b < nb - 1; b++) {
        const o = base + b * 3;
        gl += hist[o] ?? 0;
        hl += hist[o + 1] ?? 0;
        cl += hist[o + 2] ?? 0;
        // Missing values right, then (when any) missing values left.
        for (let side = 0; side < (mc > 0 ? 2 : 1); side++) {
          const GL = side === 0 ? gl : gl + mg;
          const HL = side === 0 ? hl : hl + mh;
          const CL = side === 0 ? cl : cl + mc;
          const CR = count - CL;
          if (CL < minLeaf || CR < minLeaf) continue;
          const HR = leaf.h - HL;
          if (HL < minHess || HR < minHess) continue;
          const gain = 0.5 * (score(GL, HL) + score(leaf.g - GL, HR) - parent);
          if (gain > 1e-12 && (!best || gain > best.gain)) {
            best = { gain, feature: f, bin: b, missingLeft: side === 1, gl: GL, hl: HL, cl: CL };
          }
        }
      }
    }
    return best;
  };

  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < nt; k++) {
      const i = trainIdx[k] ?? 0;
      const pi = sigmoid(margin[i] ?? 0);
      const wi = w[i] ?? 0;
      grad[i] = wi * (pi - (y[i] ?? 0));
      hess[i] = wi * Math.max(pi * (1 - pi), 1e-16);
    }
    // Row subsample by selection sampling (Knuth's algorithm S): exactly nSub rows, in index order.
    if (nSub < nt) {
      let need = nSub;
      let m = 0;
      for (let k = 0; k < nt; k++) {
        const i = trainIdx[k] ?? 0;
        if (rng.next() * (nt - k) < need) {
          rows[m++] = i;
          inSub[i] = 1;
          need--;
        } else inSub[i] = 0;
      }
    } else {
      rows.set(trainIdx);
      for (let k = 0; k < nt; k++) inSub[trainIdx[k] ?? 0] = 1;
    }
    if (nFeat < p) {
      for (let k = 0; k < nFeat; k++) {
        const j = k + rng.int(p - k);
        const t = features[k] ?? 0;
        features[k] = features[j] ?? 0;
        features[j] = t;
      }
    }

    const feature: number[] = [-1];
    const threshold: number[] = [0];
    const binThreshold: number[] = [0];
    const missingLeft: number[] = [0];
    const left: number[] = [-1];
    const right: number[] = [-1];
    const gsum: number[] = [0];
    const hsum: number[] = [0];
    let g0 = 0;
    let h0 = 0;
    for (let k = 0; k < nSub; k++) {
      const i = rows[k] ?? 0;
      g0 += grad[i] ?? 0;
      h0 += hess[i] ?? 0;
    }
    gsum[0] = g0;
    hsum[0] = h0;
    const root: OpenLeaf = {
      node: 0,
      start: 0,
      end: nSub,
      depth: 0,
      g: g0,
      h: h0,
      hist: buildHist(0, nSub),
      split: null,
    };
    root.split = findSplit(root);
    const open: OpenLeaf[] = [root];
    let leaves = 1;
    const gains = new Float64Array(p);
    while (leaves < maxLeaves) {
      let bi = -1;
      for (let k = 0; k < open.length; k++) {
        const s = open[k]?.split;
        if (s && (bi < 0 || s.gain > (open[bi]?.split?.gain ?? -Infinity))) bi = k;
      }
      if (bi < 0) break;
      const leaf = open[bi] as OpenLeaf;
      const s = leaf.split as Split;
      open.splice(bi, 1);
      // Stable in-place partition of the leaf's rows.
      const col = cols[s.feature] as Uint8Array;
      let nl = 0;
      let nr = 0;
      for (let k = leaf.start; k < leaf.end; k++) {
        const i = rows[k] ?? 0;
        const b = col[i] ?? 0;
        const goLeft = b === MISSING_BIN ? s.missingLeft : b <= s.bin;
        if (goLeft) rows[leaf.start + nl++] = i;
        else scratch[nr++] = i;
      }
      rows.set(scratch.subarray(0, nr), leaf.start + nl);
      const li = feature.length;
      const ri = li + 1;
      feature[leaf.node] = s.feature;
      threshold[leaf.node] = bins.edges[s.feature]?.[s.bin] ?? 0;
      binThreshold[leaf.node] = s.bin;
      missingLeft[leaf.node] = s.missingLeft ? 1 : 0;
      left[leaf.node] = li;
      right[leaf.node] = ri;
      gains[s.feature] = (gains[s.feature] ?? 0) + s.gain;
      const gr = leaf.g - s.gl;
      const hr = leaf.h - s.hl;
      for (const [g, h] of [
        [s.gl, s.hl],
        [gr, hr],
      ] as const) {
        feature.push(-1);
        threshold.push(0);
        binThreshold.push(0);
        missingLeft.push(0);
        left.push(-1);
        right.push(-1);
        gsum.push(g);
        hsum.push(h);
      }
      const L: OpenLeaf = {
        node: li,
        start: leaf.start,
        end: leaf.start + nl,
        depth: leaf.depth + 1,
        g: s.gl,
        h: s.hl,
        hist: leaf.hist,
        split: null,
      };
      const R: OpenLeaf = {
        node: ri,
        start: leaf.start + nl,
        end: leaf.end,
        depth: leaf.depth + 1,
        g: gr,
        h: hr,
        hist: leaf.hist,
        split: null,
      };
      const small = nl <= nr ? L : R;
      const large = nl <= nr ? R : L;
      small.hist = buildHist(small.start, small.end);
      // The larger child's histogram is the parent's minus the smaller's, reusing the parent's buffer.
      const ph = leaf.hist;
      const sh = small.hist;
      for (let fi = 0; fi < nFeat; fi++) {
        const f = features[fi] ?? 0;
        const end = (offset[f + 1] ?? 0) * 3;
        for (let k = (offset[f] ?? 0) * 3; k < end; k++) ph[k] = (ph[k] ?? 0) - (sh[k] ?? 0);
      }
      large.hist = ph;
      leaves++;
      for (const child of [L, R]) {
        child.split = leaves < maxLeaves ? findSplit(child) : null;
        open.push(child);
      }
    }
    for (const leaf of open) histPool.push(leaf.hist);
    const m = feature.length;
    const value = new Float64Array(m);
    for (let k = 0; k < m; k++) value[k] = (-(gsum[k] ?? 0) / ((hsum[k] ?? 0) + lambda)) * lr;
    const tree: GbtTree = {
      feature: Int32Array.from(feature),
      threshold: Float64Array.from(threshold),
      missingLeft: Uint8Array.from(missingLeft),
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      value,
    };
    trees.push(tree);
    treeGains.push(gains);

    // Update margins: subsampled rows by the leaf ranges of the partition, the others by walking the
    // tree on their bins (the same partition the tree was grown on).
    for (const leaf of open) {
      const v = value[leaf.node] ?? 0;
      for (let k = leaf.start; k < leaf.end; k++) {
        const i = rows[k] ?? 0;
        margin[i] = (margin[i] ?? 0) + v;
      }
    }
    const bt = Int32Array.from(binThreshold);
    for (let i = 0; i < n; i++) {
      if (inSub[i] === 1) continue;
      let node = 0;
      for (;;) {
        const f = tree.feature[node] ?? -1;
        if (f < 0) break;
        const b = (cols[f] as Uint8Array)[i] ?? 0;
        const goLeft = b === MISSING_BIN ? tree.missingLeft[node] === 1 : b <= (bt[node] ?? 0);
        node = goLeft ? (tree.left[node] ?? 0) : (tree.right[node] ?? 0);
      }
      margin[i] = (margin[i] ?? 0) + (value[node] ?? 0);
    }

    if (validIdx.length > 0) {
      let loss = 0;
      for (let k = 0; k < validIdx.length; k++) {
        const i = validIdx[k] ?? 0;
        const t = margin[i] ?? 0;
        const sp = t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
        loss += (w[i] ?? 0) * (sp - (y[i] ?? 0) * t);
      }
      if (loss < bestLoss - 1e-12) {
        bestLoss = loss;
        bestRounds = trees.length;
      } else if (trees.length - bestRounds >= patience) break;
    } else bestRounds = trees.length;
  }

  const kept = trees.slice(0, bestRounds);
  for (const g of treeGains.slice(0, bestRounds))
    for (let f = 0; f < p; f++) gainImportance[f] = (gainImportance[f] ?? 0) + (g[f] ?? 0);
  return makeModel(p, baseScore, kept, gainImportance);
}
