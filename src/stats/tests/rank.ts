/**
 * Rank tests on an AR panel (STATISTICS.md tests 8 and 11): Corrado (1989) with Corrado &
 * Zivney (1992) standardized ranks and Cowan's (1992) window form, and Kolari & Pynnönen's (2011)
 * generalized rank test GRANK.
 */
import { InputError } from '../../errors.ts';
import { normalTwoSidedP, studentTTwoSidedP } from '../distributions.ts';
import type { ArPanel, TestResult } from '../types.ts';
import { checkPanel, checkWindow, finiteArray, unavailable, type Values } from './common.ts';

/**
 * Average ranks (1-based, ties get the mean of their positions) of the finite entries of
 * `values`; non-finite entries get NaN. Sorts a typed index array, no per-value objects.
 * @example averageRanks(Float64Array.of(3, 1, 3, NaN)) // [2.5, 1, 2.5, NaN]
 */
export function averageRanks(values: Float64Array): Float64Array {
  const m = values.length;
  const ranks = new Float64Array(m).fill(NaN);
  const idx = new Uint32Array(m);
  let k = 0;
  for (let i = 0; i < m; i++) if (Number.isFinite(values[i])) idx[k++] = i;
  const order = idx.subarray(0, k).sort((a, b) => values[a] - values[b]);
  for (let i = 0; i < k; ) {
    let j = i + 1;
    while (j < k && values[order[j]] === values[order[i]]) j++;
    const avg = (i + 1 + j) / 2; // mean of positions i+1 .. j
    for (let q = i; q < j; q++) ranks[order[q]] = avg;
    i = j;
  }
  return ranks;
}

/**
 * Corrado (1989) rank test with Corrado & Zivney (1992) standardized ranks (test 8).
 *
 * Each event's ARs over its estimation + event columns are ranked (ties averaged) and scaled
 * U_it = rank_it / (1 + n_i), n_i = that event's non-missing days. With Ū_t = (1/N_t) Σ_i (U_it − ½)
 * over the events with data on day t, S_U = √((1/L) Σ_t Ū_t²) over the L days (estimation + event
 * columns) that have data, and the window statistic (Cowan 1992)
 *   T = Σ_{t∈window} Ū_t / (√L2 · S_U),  L2 = window days with data.  Standard normal.
 * A one-day test is the window [t, t].
 *
 * @param window inclusive panel column range [first, last], inside the event columns.
 */
export function corradoRankT(panel: ArPanel, window: readonly [number, number]): TestResult {
  checkPanel(panel);
  checkWindow(panel, window);
  const test = 'corrado-rank';
  const label = 'Corrado rank Z (Corrado–Zivney 1992)';
  const { n, days, values } = panel;
  const cols = usedColumns(panel);
  const sumU = new Float64Array(days);
  const countU = new Float64Array(days);
  const row = new Float64Array(cols.length);
  const eventsInWindow = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < cols.length; c++) row[c] = values[i * days + cols[c]];
    const ranks = averageRanks(row);
    let ni = 0;
    for (let c = 0; c < cols.length; c++) if (Number.isFinite(row[c])) ni++;
    for (let c = 0; c < cols.length; c++) {
      if (!Number.isFinite(ranks[c])) continue;
      const col = cols[c];
      sumU[col] += ranks[c] / (ni + 1) - 0.5;
      countU[col]++;
      if (col >= window[0] && col <= window[1]) eventsInWindow[i] = 1;
    }
  }
  const nUsed = eventsInWindow.reduce((s, v) => s + v, 0);
  let ss = 0;
  let L = 0;
  for (const col of cols) {
    if (countU[col] === 0) continue;
    const u = sumU[col] / countU[col];
    ss += u * u;
    L++;
  }
  let windowSum = 0;
  let L2 = 0;
  for (let col = window[0]; col <= window[1]; col++) {
    if (countU[col] === 0) continue;
    windowSum += sumU[col] / countU[col];
    L2++;
  }
  if (L2 === 0) return unavailable(test, label, 0, 'normal', 'no event has data in the window');
  const sU = Math.sqrt(ss / L);
  if (!(sU > 0)) return unavailable(test, label, nUsed, 'normal', 'zero variance of mean ranks');
  const se = Math.sqrt(L2) * sU;
  const stat = windowSum / se;
  return { test, label, stat, p: normalTwoSidedP(stat), n: nUsed, df: null, distribution: 'normal', se };
}

/** Estimation columns then event columns (ascending). */
function usedColumns(panel: ArPanel): Uint32Array {
  const [e0, e1] = panel.estimation;
  const [v0, v1] = panel.event;
  const out = new Uint32Array(e1 - e0 + v1 - v0);
  let k = 0;
  const first = e0 < v0 ? [e0, e1, v0, v1] : [v0, v1, e0, e1];
  for (let c = first[0]; c < first[1]; c++) out[k++] = c;
  for (let c = first[2]; c < first[3]; c++) out[k++] = c;
  return out;
}

export interface GrankOptions {
  /**
   * SCAR_i of the tested window (CAR over its sd including estimation error). When absent,
   * SCAR_i = CAR_i / (s_i √L2_i) from the panel (no estimation-error term).
   */
  scars?: Values;
  /**
   * Residual df per event (M_i − k − 1); s_i² = Σ_est (AR − mean)² / df_i, matching the model's
   * s². When absent the sample variance (M_i − 1) is used.
   */
  dfs?: Values;
}

/**
 * Kolari & Pynnönen (2011) generalized rank test GRANK for a CAR window (test 11).
 *
 * 1. SAR_it = AR_it / s_i on the estimation days (s_i from the estimation ARs).
 * 2. The CAR window is collapsed into one day "0" carrying SCAR_i, re-standardized by its
 *    cross-sectional sd for event-induced volatility: SCAR*_i = SCAR_i / sd_i(SCAR_i).
 * 3. Generalized SARs GSAR_it = SAR_it (estimation days), SCAR*_i (day 0); each event's GSARs are
 *    ranked (ties averaged): U_it = rank_it / (T_i + 1) − ½, T_i its non-missing days.
 * 4. Ū_t = (1/N_t) Σ_i U_it, S_Ū² = (1/T) Σ_t (N_t/N) Ū_t² over the T days (estimation + day 0)
 *    (the N_t/N weight accounts for missing days, KP 2011 eq. for unequal N_t),
 *    Z = Ū_0 / S_Ū,  t_grank = Z √((T − 2)/(T − 1 − Z²)) ~ Student t with T − 2 df.
 * Event-window days outside the CAR window are not used. One-day windows work the same.
 *
 * @param window inclusive panel column range [first, last] of the CAR window, inside the event columns.
 */
export function grankT(panel: ArPanel, window: readonly [number, number], options: GrankOptions = {}): TestResult {
  checkPanel(panel);
  checkWindow(panel, window);
  const test = 'grank';
  const label = 'GRANK t (Kolari–Pynnönen 2011)';
  const { n, days, values } = panel;
  const [e0, e1] = panel.estimation;
  const M = e1 - e0;
  const scarsIn = options.scars === undefined ? null : finiteArray(options.scars, 'grankT SCARs');
  const dfs = options.dfs === undefined ? null : finiteArray(options.dfs, 'grankT dfs');
  if (scarsIn && scarsIn.length !== n) throw new InputError(`grankT: ${scarsIn.length} SCARs for ${n} events`);
  if (dfs && dfs.length !== n) throw new InputError(`grankT: ${dfs.length} dfs for ${n} events`);

  // GSAR matrix: n rows × (M + 1) columns, last column the collapsed CAR day.
  const T = M + 1;
  const gsar = new Float64Array(n * T).fill(NaN);
  const scar = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let m = 0;
    for (let c = e0; c < e1; c++) {
      const v = values[i * days + c];
      if (Number.isFinite(v)) {
        sum += v;
        m++;
      }
    }
    const mean = m > 0 ? sum / m : 0;
    let ss = 0;
    for (let c = e0; c < e1; c++) {
      const v = values[i * days + c];
      if (Number.isFinite(v)) ss += (v - mean) * (v - mean);
    }
    const denom = dfs ? dfs[i] : m - 1;
    const s = denom > 0 ? Math.sqrt(ss / denom) : NaN;
    if (!(s > 0)) continue; // no usable estimation variance: the event drops out
    for (let c = e0; c < e1; c++) {
      const v = values[i * days + c];
      if (Number.isFinite(v)) gsar[i * T + (c - e0)] = v / s;
    }
    if (scarsIn) {
      scar[i] = scarsIn[i];
    } else {
      let car = 0;
      let l2 = 0;
      for (let c = window[0]; c <= window[1]; c++) {
        const v = values[i * days + c];
        if (Number.isFinite(v)) {
          car += v;
          l2++;
        }
      }
      if (l2 > 0) scar[i] = car / (s * Math.sqrt(l2));
    }
  }
  // Cross-sectional re-standardization of SCAR (event-induced volatility).
  let k = 0;
  let sMean = 0;
  const usable = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let any = false;
    for (let c = 0; c < M; c++) if (Number.isFinite(gsar[i * T + c])) { any = true; break; }
    if (any && Number.isFinite(scar[i])) {
      usable[i] = 1;
      sMean += scar[i];
      k++;
    }
  }
  if (k < 2) return unavailable(test, label, k, 't', 'needs N ≥ 2 events with estimation data and a CAR', T - 2);
  sMean /= k;
  let sVar = 0;
  for (let i = 0; i < n; i++) if (usable[i]) sVar += (scar[i] - sMean) ** 2;
  const sdScar = Math.sqrt(sVar / (k - 1));
  if (!(sdScar > 0)) return unavailable(test, label, k, 't', 'zero cross-sectional variance of SCARs', T - 2);
  for (let i = 0; i < n; i++) gsar[i * T + M] = usable[i] ? scar[i] / sdScar : NaN;

  // Standardized ranks per event, then day means.
  const sumU = new Float64Array(T);
  const countU = new Float64Array(T);
  for (let i = 0; i < n; i++) {
    if (!usable[i]) continue;
    const row = gsar.subarray(i * T, (i + 1) * T);
    const ranks = averageRanks(row);
    let ti = 0;
    for (let c = 0; c < T; c++) if (Number.isFinite(row[c])) ti++;
    for (let c = 0; c < T; c++) {
      if (!Number.isFinite(ranks[c])) continue;
      sumU[c] += ranks[c] / (ti + 1) - 0.5;
      countU[c]++;
    }
  }
  let ss = 0;
  let tDays = 0;
  for (let c = 0; c < T; c++) {
    if (countU[c] === 0) continue;
    const u = sumU[c] / countU[c];
    ss += (countU[c] / k) * u * u;
    tDays++;
  }
  const sU = Math.sqrt(ss / tDays);
  if (!(sU > 0) || tDays < 3) return unavailable(test, label, k, 't', 'too few days or zero rank variance', tDays - 2);
  const u0 = sumU[M] / countU[M];
  const z = u0 / sU;
  const df = tDays - 2;
  const denom = tDays - 1 - z * z;
  if (!(denom > 0)) return unavailable(test, label, k, 't', `|Z| = ${Math.abs(z).toPrecision(4)} ≥ √(T − 1): t transform undefined`, df);
  const stat = z * Math.sqrt(df / denom);
  return { test, label, stat, p: studentTTwoSidedP(stat, df), n: k, df, distribution: 't', note: `Z = ${z.toPrecision(6)}` };
}
