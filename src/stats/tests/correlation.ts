/**
 * Mean pairwise residual correlation r̄ for the Kolari & Pynnönen (2010) adjustments, and the
 * AAR / CAAR helpers.
 */
import { InputError } from '../../errors.ts';
import type { ArPanel } from '../types.ts';
import { checkPanel, finiteArray, type Values } from './common.ts';
import { residualCorrelation, type RbarOptions, type ResidualBasis, type ResidualShapes } from '../rbar.ts';

/** One event's estimation residuals keyed by calendar date (YYYY-MM-DD). */
export interface DatedResiduals {
  dates: readonly string[];
  values: Float64Array | readonly number[];
}

export interface MeanCorrelation {
  /** Mean off-diagonal pairwise Pearson correlation, or null when no pair qualifies. */
  rbar: number | null;
  /** Its standard error when estimated from sampled pairs; 0 when exact. */
  se: number | null;
  method: 'exact' | 'sampled';
  /** Pairs used (sampled: qualifying pairs drawn). */
  pairs: number;
  /** Pairs skipped for having fewer than `minCommon` common dates (or zero variance on them). */
  skipped: number;
  note?: string;
}

/**
 * r̄ = mean over event pairs (i < j) of the Pearson correlation of their estimation residuals on
 * their COMMON CALENDAR DATES (not relative days: cross-sectional correlation comes from events
 * sharing market days). Each pair uses only its common dates and their own means there; pairs
 * with fewer than `minCommon` (default 30) common dates are skipped and counted in the note.
 * Non-finite residuals are ignored.
 *
 * Computed by {@link residualCorrelation} (src/stats/rbar.ts): exact through identical-date groups
 * and pairs of groups that overlap, or, above its cost budget, estimated from a seeded sample of
 * pairs with its standard error (`method: 'sampled'`).
 * @example meanPairwiseCorrelation([{ dates, values: e1 }, { dates: dates2, values: e2 }]).rbar
 */
export function meanPairwiseCorrelation(series: readonly DatedResiduals[], minCommon = 30, options: Omit<RbarOptions, 'minCommon'> = {}): MeanCorrelation {
  const n = series.length;
  // One global date axis (sorted distinct dates), then each event is its own one-column basis.
  const all = new Set<string>();
  for (const [i, s] of series.entries()) {
    if (s.dates.length !== s.values.length) throw new InputError(`meanPairwiseCorrelation: event ${i} has ${s.dates.length} dates but ${s.values.length} residuals`);
    for (const d of s.dates) all.add(d);
  }
  const axis = [...all].sort();
  const indexOf = new Map(axis.map((d, k) => [d, k]));
  const bases: ResidualBasis[] = [];
  const shapes: ResidualShapes = { count: 0, basis: new Int32Array(n), from: new Int32Array(n), to: new Int32Array(n), stride: 2, coef: new Float64Array(2 * n) };
  let empty = 0;
  for (const [i, s] of series.entries()) {
    const order = Array.from(s.dates.keys()).sort((a, b) => (indexOf.get(s.dates[a]) as number) - (indexOf.get(s.dates[b]) as number));
    const dates = Int32Array.from(order, (k) => indexOf.get(s.dates[k]) as number);
    for (let k = 1; k < dates.length; k++) {
      if (dates[k] === dates[k - 1]) throw new InputError(`meanPairwiseCorrelation: event ${i} has date ${axis[dates[k]]} twice`);
    }
    if (dates.length === 0) {
      empty++;
      continue;
    }
    const values = Float64Array.from(order, (k) => s.values[k]);
    const e = shapes.count++;
    shapes.basis[e] = bases.length;
    shapes.to[e] = dates.length;
    shapes.coef[2 * e + 1] = 1;
    bases.push({ dates, columns: [values] });
  }
  const r = residualCorrelation(bases, shapes, { ...options, minCommon });
  // Events without any residual pair with nobody.
  const skipped = r.skipped + (empty * (empty - 1)) / 2 + empty * shapes.count;
  const out: MeanCorrelation = { rbar: r.rbar, se: r.se, method: r.method, pairs: r.pairs, skipped };
  if (r.method === 'sampled') out.note = r.note;
  else if (skipped > 0) out.note = `r̄: ${skipped} of ${r.pairs + skipped} event pairs skipped (fewer than ${minCommon} common estimation dates)`;
  else if (n < 2) out.note = 'r̄: needs at least two events';
  return out;
}

/**
 * AAR_t = (1/N_t) Σ_i AR_it for every panel column, over the events with data on that column
 * (NaN where no event has data).
 */
export function aar(panel: ArPanel): Float64Array {
  checkPanel(panel);
  const { n, days, values } = panel;
  const out = new Float64Array(days);
  for (let c = 0; c < days; c++) {
    let s = 0;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i * days + c];
      if (Number.isFinite(v)) {
        s += v;
        k++;
      }
    }
    out[c] = k > 0 ? s / k : NaN;
  }
  return out;
}

/** CAAR = (1/N) Σ_i CAR_i. Throws InputError for no CARs or a non-finite CAR. */
export function caar(cars: Values): number {
  const x = finiteArray(cars, 'caar CARs');
  if (x.length === 0) throw new InputError('caar: no CARs given');
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
}
