/**
 * Multiple-testing control for reports that show many p-values at once (every day of a window,
 * several CAR windows, every event's t): Holm's family-wise and Benjamini–Hochberg's
 * false-discovery-rate adjusted p-values, and the "k of n reject" count a report sentence uses.
 */
import { InputError } from '../errors.ts';

/** The adjustments offered: Holm (1979) step-down FWER, Benjamini & Hochberg (1995) step-up FDR. */
export type PAdjustMethod = 'holm' | 'bh';

/** Raw p-values; null (a test that could not be computed) stays null and is not counted in n. */
export type PValues = readonly (number | null)[];

function checked(p: PValues, what: string): { index: number[]; value: number[] } {
  const index: number[] = [];
  const value: number[] = [];
  p.forEach((v, i) => {
    if (v === null) return;
    if (!(typeof v === 'number' && v >= 0 && v <= 1)) throw new InputError(`${what}: p-value at index ${i} is ${String(v)}, expected a number in [0, 1] or null`);
    index.push(i);
    value.push(v);
  });
  return { index, value };
}

/**
 * Holm (1979) adjusted p-values. With the n non-null p-values sorted, p_(1) ≤ … ≤ p_(n):
 *
 *   p̃_(i) = max_{j ≤ i} min(1, (n − j + 1)·p_(j)),
 *
 * so that rejecting every p̃ ≤ α is Holm's step-down procedure (reject H_(1), H_(2), … while
 * p_(i) ≤ α/(n − i + 1)), which controls the family-wise error rate at α under any dependence.
 * Same as R's p.adjust(p, "holm"). Ties keep their input order (the adjusted values are equal).
 * Reference: Holm, S. (1979) Scand. J. Statistics 6(2), 65–70.
 * @example holmAdjust([0.01, 0.02, 0.03, 0.04, 0.05]) // [0.05, 0.08, 0.09, 0.09, 0.09]
 */
export function holmAdjust(p: PValues): (number | null)[] {
  const { index, value } = checked(p, 'holmAdjust');
  const n = value.length;
  const order = value.map((_, i) => i).sort((a, b) => value[a] - value[b] || a - b);
  const out: (number | null)[] = p.map(() => null);
  let running = 0;
  order.forEach((o, rank) => {
    running = Math.max(running, Math.min(1, (n - rank) * value[o]));
    out[index[o]] = running;
  });
  return out;
}

/**
 * Benjamini & Hochberg (1995) adjusted p-values ("q-values" of the step-up procedure). With the
 * n non-null p-values sorted ascending:
 *
 *   p̃_(i) = min_{j ≥ i} min(1, n·p_(j)/j),
 *
 * so that rejecting every p̃ ≤ q rejects H_(1..k) for the largest k with p_(k) ≤ k·q/n, which
 * controls the false discovery rate at q for independent (or positively dependent, Benjamini &
 * Yekutieli 2001) tests. Same as R's p.adjust(p, "BH").
 * Reference: Benjamini, Y. & Hochberg, Y. (1995) JRSS B 57(1), 289–300.
 * @example bhAdjust([0.01, 0.04, 0.03, 0.2]) // [0.04, 0.0533…, 0.0533…, 0.2]
 */
export function bhAdjust(p: PValues): (number | null)[] {
  const { index, value } = checked(p, 'bhAdjust');
  const n = value.length;
  const order = value.map((_, i) => i).sort((a, b) => value[a] - value[b] || a - b);
  const out: (number | null)[] = p.map(() => null);
  let running = 1;
  for (let rank = n - 1; rank >= 0; rank--) {
    const o = order[rank];
    running = Math.min(running, Math.min(1, (n * value[o]) / (rank + 1)));
    out[index[o]] = running;
  }
  return out;
}

/** Adjusted p-values by the named method. */
export function adjustPValues(p: PValues, method: PAdjustMethod): (number | null)[] {
  if (method === 'holm') return holmAdjust(p);
  if (method === 'bh') return bhAdjust(p);
  throw new InputError(`unknown p-value adjustment '${String(method)}'; expected holm or bh`);
}

/** Raw and adjusted p-values of a family of tests, and how many reject at level α on each. */
export interface MultipleTestingSummary {
  /** Tests with a p-value (nulls are not counted). */
  n: number;
  alpha: number;
  raw: (number | null)[];
  holm: (number | null)[];
  bh: (number | null)[];
  /** Rejections at α: raw p ≤ α, Holm-adjusted ≤ α, BH-adjusted ≤ α. */
  rejected: { raw: number; holm: number; bh: number };
  /** The report sentence, based on the adjusted values, e.g. '2 of 11 reject at 5% after Holm (FWER); 3 of 11 after Benjamini–Hochberg (FDR); 4 unadjusted'. */
  sentence: string;
}

/**
 * Everything a report or the CLI needs to show adjusted p beside raw p for one family of tests
 * (every day of a window, every CAR window, or every event's t) and to word its conclusion on the
 * adjusted values.
 * @example
 * const s = multipleTesting(result.daily.map((d) => d.tests.patellZ.p));
 * s.holm[i]; s.bh[i]; s.sentence; // '1 of 11 reject at 5% after Holm (FWER); ...'
 */
export function multipleTesting(p: PValues, alpha = 0.05): MultipleTestingSummary {
  if (!(alpha > 0 && alpha < 1)) throw new InputError(`multipleTesting: alpha must be in (0, 1), got ${alpha}`);
  const holm = holmAdjust(p);
  const bh = bhAdjust(p);
  const count = (v: (number | null)[]) => v.filter((x) => x !== null && x <= alpha).length;
  const raw = [...p];
  const n = raw.filter((x) => x !== null).length;
  const rejected = { raw: count(raw), holm: count(holm), bh: count(bh) };
  const level = `${+(alpha * 100).toFixed(4)}%`;
  const sentence = `${rejected.holm} of ${n} reject at ${level} after Holm (FWER); ${rejected.bh} of ${n} after Benjamini–Hochberg (FDR); ${rejected.raw} unadjusted`;
  return { n, alpha, raw, holm, bh, rejected, sentence };
}
