/**
 * Mean pairwise residual correlation r̄ for the Kolari & Pynnönen (2010) adjustments, and the
 * AAR / CAAR helpers.
 */
import { InputError } from '../../errors.ts';
import type { ArPanel } from '../types.ts';
import { checkPanel, finiteArray, type Values } from './common.ts';

/** One event's estimation residuals keyed by calendar date (YYYY-MM-DD). */
export interface DatedResiduals {
  dates: readonly string[];
  values: Float64Array | readonly number[];
}

export interface MeanCorrelation {
  /** Mean off-diagonal pairwise Pearson correlation, or null when no pair qualifies. */
  rbar: number | null;
  /** Pairs used. */
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
 */
export function meanPairwiseCorrelation(series: readonly DatedResiduals[], minCommon = 30): MeanCorrelation {
  const n = series.length;
  // Dense matrix over the union of dates, NaN where an event has no residual.
  const dateIndex = new Map<string, number>();
  for (const [i, s] of series.entries()) {
    if (s.dates.length !== s.values.length) throw new InputError(`meanPairwiseCorrelation: event ${i} has ${s.dates.length} dates but ${s.values.length} residuals`);
    for (const d of s.dates) if (!dateIndex.has(d)) dateIndex.set(d, dateIndex.size);
  }
  const D = dateIndex.size;
  const grid = new Float64Array(n * D).fill(NaN);
  for (const [i, s] of series.entries()) {
    for (let k = 0; k < s.dates.length; k++) {
      const col = dateIndex.get(s.dates[k]) as number;
      if (!Number.isNaN(grid[i * D + col])) throw new InputError(`meanPairwiseCorrelation: event ${i} has date ${s.dates[k]} twice`);
      const v = s.values[k];
      grid[i * D + col] = Number.isFinite(v) ? v : NaN;
    }
  }
  // Columns each event has, to loop over only those.
  const cols: Int32Array[] = [];
  for (let i = 0; i < n; i++) {
    const list: number[] = [];
    for (let c = 0; c < D; c++) if (Number.isFinite(grid[i * D + c])) list.push(c);
    cols.push(Int32Array.from(list));
  }
  let sum = 0;
  let pairs = 0;
  let skipped = 0;
  for (let i = 0; i < n; i++) {
    const ci = cols[i];
    for (let j = i + 1; j < n; j++) {
      let m = 0;
      let sx = 0;
      let sy = 0;
      for (let k = 0; k < ci.length; k++) {
        const y = grid[j * D + ci[k]];
        if (!Number.isFinite(y)) continue;
        m++;
        sx += grid[i * D + ci[k]];
        sy += y;
      }
      if (m < minCommon) {
        skipped++;
        continue;
      }
      const mx = sx / m;
      const my = sy / m;
      let sxx = 0;
      let syy = 0;
      let sxy = 0;
      for (let k = 0; k < ci.length; k++) {
        const y = grid[j * D + ci[k]];
        if (!Number.isFinite(y)) continue;
        const dx = grid[i * D + ci[k]] - mx;
        const dy = y - my;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
      }
      if (!(sxx > 0 && syy > 0)) {
        skipped++;
        continue;
      }
      sum += sxy / Math.sqrt(sxx * syy);
      pairs++;
    }
  }
  const out: MeanCorrelation = { rbar: pairs > 0 ? sum / pairs : null, pairs, skipped };
  if (skipped > 0) out.note = `r̄: ${skipped} of ${pairs + skipped} event pairs skipped (fewer than ${minCommon} common estimation dates)`;
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
