/**
 * The multi-event stage, one event at a time: what every test of the battery needs is gathered as
 * each event is studied, then the BATTERY table (src/stats/battery.ts) runs per CAR window and per
 * event day. Nothing of size N × days is kept:
 *
 * - per CAR window: each event's CAR, SCAR and valid days (the Wilcoxon, sign, skewness and
 *   bootstrap tests need the values themselves);
 * - per event: its df, share of positive estimation residuals, and a compact record (pair, first
 *   session, coefficients) from which its estimation residuals are recomputed when GRANK and r̄
 *   ask for them (src/study/engine.ts replayResiduals: the same arithmetic, the same numbers);
 * - per estimation column: Σ AR and counts (Brown–Warner's daily AAR); per panel column: Corrado's
 *   standardized-rank sums; per estimation column: GRANK's base rank sums;
 * - per event day: the moments and counts of the one-day tests;
 * - the bootstrap's residual pools only up to BOOTSTRAP_MAX_EVENTS events (then it is skipped,
 *   with a note).
 * About 150 bytes per event for four CAR windows.
 */
import type { RelWindow } from '../types.ts';
import type { ModelName } from '../models/index.ts';
import { dayNumber } from '../calendar/dates.ts';
import { BATTERY, type BatteryTest, type DayInputs, type TestName, type WindowInputs } from '../stats/battery.ts';
import { createPanelRanker, grankTWindows } from '../stats/tests/rank.ts';
import { createMomentsAccumulator } from '../stats/tests/common.ts';
import { floatColumn, intColumn } from '../stats/column.ts';
import { residualCorrelation, type ResidualBasis, type ResidualShapes } from '../stats/rbar.ts';
import type { ArPanelRows, RankedPanel, TestResult } from '../stats/types.ts';
import type { AggregateRow, DailyAggregateRow } from './types.ts';
import type { OverlapRecords } from './overlaps.ts';
import type { EventWork } from './engine.ts';
import { replayResiduals } from './engine.ts';
import type { PairGrid, WindowPlan } from './grid.ts';
import { windowLabel } from './windows.ts';
import { BOOTSTRAP_MAX_EVENTS } from './options.ts';
import { MEASURES, type Measure, type MeasureSpec } from './measures.ts';
import { unavailable } from '../stats/tests/common.ts';

export interface AggregateOptions {
  plan: WindowPlan;
  tests: readonly TestName[];
  bootstrap: { replications: number; seed: number } | false;
  rbar?: { maxExactCost?: number; samplePairs?: number; seed?: number };
  /** Most events whose residuals the bootstrap keeps (default BOOTSTRAP_MAX_EVENTS). */
  bootstrapMaxEvents?: number;
  /** Events expected (sizes the per-event columns once; more are fine). */
  expectedEvents?: number;
  /** Filled with milliseconds per stage ('r̄', 'window tests', 'daily tests') when given. */
  timings?: Record<string, number>;
  /** The study's model: with 'garch' the GARCH-standardized values are gathered for Savickas' test. */
  model?: ModelName;
  /** What the study measures (default 'return'): tests whose null does not hold for it give stat null with the reason. */
  measure?: Measure;
}

export interface AggregateOutput {
  /** Each event's security, day 0 and windows as day numbers, for the overlap flags (from the per-event records). */
  overlapRecords: OverlapRecords;
  aggregate: AggregateRow[];
  daily: DailyAggregateRow[];
  rbar: number | null;
  rbarSe: number | null;
  rbarMethod: 'exact' | 'sampled';
  rbarPairs: number;
  notes: string[];
}

/** Gathers events one at a time (`add`), then computes the battery (`finish`). */
export interface Aggregator {
  add(work: EventWork): void;
  /** Events added so far. */
  count(): number;
  /** The aggregate over the events added; `pairs` are the engine's (for replaying residuals). */
  finish(pairs: readonly PairGrid[]): AggregateOutput;
}

export function createAggregator(opts: AggregateOptions): Aggregator {
  const { plan } = opts;
  const want = new Set(opts.tests);
  const estLength = plan.estimation[1] - plan.estimation[0];
  const evtLength = plan.event[1] - plan.event[0];
  const days = estLength + evtLength;
  const W = plan.carWindows.length;
  const cap = opts.expectedEvents;
  const cars = Array.from({ length: W }, () => floatColumn(cap));
  const scars = Array.from({ length: W }, () => floatColumn(cap));
  // Valid days per CAR window feed only the bootstrap (its CAR* sums as many residuals).
  const keepDays = Boolean(opts.bootstrap) && want.has('bootstrap');
  const carDays = Array.from({ length: W }, () => intColumn(keepDays ? cap : 16));
  const dfs = floatColumn(cap);
  const shares = floatColumn(cap);
  // The compact record of each event, for replaying its residuals.
  const pairOf = intColumn(cap);
  const startOf = intColumn(cap);
  let coefs: ReturnType<typeof floatColumn> | null = null;
  let stride = -1;
  let sumM = 0;
  const estSum = new Float64Array(estLength);
  const estCount = new Float64Array(estLength);
  // One sort per event serves Corrado and GRANK.
  const ranker = want.has('corradoRank') || want.has('grank') ? createPanelRanker({ days, estimation: [0, estLength], event: [estLength, days] }, cap) : null;
  const row = new Float64Array(days);
  const day = Array.from({ length: evtLength }, () => ({
    n: 0,
    arSum: 0,
    ar: createMomentsAccumulator(),
    sar: createMomentsAccumulator(),
    patell: { n: 0, sum: 0, varianceSum: 0, minDf: Infinity },
    sign: { n: 0, positive: 0, shareSum: 0 },
  }));
  const bootstrapMax = opts.bootstrapMaxEvents ?? BOOTSTRAP_MAX_EVENTS;
  let pools: Float64Array[] | null = opts.bootstrap && want.has('bootstrap') ? [] : null;
  // Savickas: the GARCH-fitted events' standardized CARs per window and SARs per day (an event
  // that fell back to OLS is counted, not mixed in).
  const savickas = opts.model === 'garch' && want.has('savickasT');
  const garchScars = Array.from({ length: savickas ? W : 0 }, () => floatColumn(cap));
  const garchSar = Array.from({ length: savickas ? evtLength : 0 }, () => createMomentsAccumulator());
  let fellBack = 0;
  let poolsDropped = false;
  let n = 0;

  return {
    count: () => n,
    add(work) {
      const { fit, car } = work;
      const res = fit.estimationResiduals;
      n++;
      for (let k = 0; k < W; k++) {
        cars[k].push(car[k].car);
        scars[k].push(car[k].scar);
        if (keepDays) carDays[k].push(car[k].days);
      }
      dfs.push(fit.df);
      sumM += fit.M;
      let positive = 0;
      let valid = 0;
      for (let t = 0; t < estLength; t++) {
        const v = res[t];
        if (v - v !== 0) continue;
        valid++;
        if (v > 0) positive++;
        estSum[t] += v;
        estCount[t]++;
      }
      const share = valid ? positive / valid : 0.5;
      shares.push(share);
      if (stride < 0) {
        stride = fit.coef.length;
        coefs = floatColumn(cap === undefined ? undefined : cap * stride);
      }
      pairOf.push(work.pair.id);
      startOf.push(work.start);
      for (let k = 0; k < stride; k++) (coefs as NonNullable<typeof coefs>).push(fit.coef[k] ?? 0);
      if (ranker) {
        row.set(res, 0);
        row.set(fit.ar, estLength);
        ranker.add(row, 0, fit.df);
      }
      for (let j = 0; j < evtLength; j++) {
        const ar = fit.ar[j];
        if (ar - ar !== 0) continue;
        const d = day[j];
        const sar = fit.sar[j];
        d.n++;
        d.arSum += ar;
        d.ar.add(ar);
        d.sar.add(sar);
        d.patell.n++;
        d.patell.sum += sar;
        d.patell.varianceSum += fit.df / (fit.df - 2);
        if (fit.df < d.patell.minDf) d.patell.minDf = fit.df;
        d.sign.n++;
        d.sign.shareSum += share;
        if (ar > 0) d.sign.positive++;
      }
      if (savickas) {
        if (fit.model === 'garch') {
          for (let k = 0; k < W; k++) garchScars[k].push(car[k].scar);
          for (let j = 0; j < evtLength; j++) if (fit.sar[j] - fit.sar[j] === 0) garchSar[j].add(fit.sar[j]);
        } else fellBack++;
      }
      if (pools) {
        if (n > bootstrapMax) {
          pools = null;
          poolsDropped = true;
        } else pools.push(Float64Array.from(res)); // NaN kept: lined up with the event's estimation dates at the end
      }
    },
    finish(pairs) {
      const notes: string[] = [];
      const none = new Int32Array(0);
      const empty: AggregateOutput = { overlapRecords: { symbol: none, day0: none, estFrom: none, estTo: none, evtFrom: none, evtTo: none }, aggregate: [], daily: [], rbar: null, rbarSe: null, rbarMethod: 'exact', rbarPairs: 0, notes };
      if (n === 0) return empty;
      const dfArray = dfs.view();
      const shareArray = shares.view();
      const pairArray = pairOf.view();
      const startArray = startOf.view();
      const coefArray = (coefs as NonNullable<typeof coefs>).view();
      const aarList: number[] = [];
      for (let t = 0; t < estLength; t++) if (estCount[t] > 0) aarList.push(estSum[t] / estCount[t]);
      const estimationAar = Float64Array.from(aarList);
      const meanM = sumM / n;

      // r̄ on calendar dates, from every event's residuals (replayed through their pairs' columns).
      let rbar: number | null = null;
      let rbarSe: number | null = null;
      let rbarMethod: 'exact' | 'sampled' = 'exact';
      let rbarPairs = 0;
      if (n >= 2) {
        const t0 = performance.now();
        const r = rbarOf(pairs, plan, n, pairArray, startArray, coefArray, stride, opts.rbar ?? {});
        if (opts.timings) opts.timings['r̄'] = performance.now() - t0;
        rbar = r.rbar;
        rbarSe = r.se;
        rbarMethod = r.method;
        rbarPairs = r.pairs;
        if (r.note) notes.push(r.note);
      }

      let ranked: RankedPanel | undefined;
      const rankedPanel = () => (ranked ??= (ranker as NonNullable<typeof ranker>).corrado());
      let grankResults: TestResult[] | undefined;
      // GRANK of every window in one pass over the events (each replayed once).
      const grankAll = () =>
        (grankResults ??= grankTWindows(
          grankRows,
          plan.carPositions.map(([a, b]) => [estLength + a, estLength + b] as [number, number]),
          { scars: plan.carWindows.map((_, k) => scarOf(k)), dfs: dfArray, ranks: (ranker as NonNullable<typeof ranker>).grank(dfArray) },
        ));
      const grankRows: ArPanelRows = {
        n,
        days,
        estimation: [0, estLength],
        event: [estLength, days],
        row(i, out) {
          const pair = pairs[pairArray[i]];
          const from = startArray[i] + plan.estimation[0];
          replayResiduals(pair, from, from + estLength, coefArray.subarray(i * stride, (i + 1) * stride), out, 0);
          out.fill(NaN, estLength, days);
        },
      };
      const scarOf = (k: number) => scars[k].view();
      // Events sharing day 0 are resampled jointly on their common estimation dates (clusters).
      const clustering = pools ? bootstrapClusters(pairs, plan, pairArray, startArray) : null;
      const bootstrapNote = poolsDropped
        ? `bootstrap skipped: it resamples every event's residuals, kept for at most ${bootstrapMax.toLocaleString('en-US')} events (this study has ${n.toLocaleString('en-US')})`
        : 'bootstrap off';
      if (poolsDropped) notes.push(bootstrapNote);

      const invalidTests: MeasureSpec['invalidTests'] = (MEASURES[opts.measure ?? 'return'] as MeasureSpec).invalidTests;
      const notGarch = `needs the GARCH model (model 'garch'; this study uses '${opts.model ?? 'market'}'): the abnormal returns must be standardized by their conditional variance`;
      const t1 = performance.now();
      const aggregate: AggregateRow[] = plan.carWindows.map((w: RelWindow, k) => {
        const carArray = cars[k].view();
        const inputs: WindowInputs = {
          n,
          cars: carArray,
          scars: scarOf(k),
          dfs: dfArray,
          caar: meanOf(carArray),
          windowLength: w[1] - w[0] + 1,
          estimationAar,
          meanM,
          positiveShare: shareArray,
          rbar,
          columns: [estLength + plan.carPositions[k][0], estLength + plan.carPositions[k][1]],
          ranked: rankedPanel,
          grank: () => grankAll()[k],
          bootstrap: () => {
            if (!opts.bootstrap || !pools) return bootstrapNote;
            const lengths = carDays[k].view();
            return {
              residuals: pools,
              windowLengths: Array.from(lengths),
              b: opts.bootstrap.replications,
              seed: opts.bootstrap.seed,
              statistic: n === 1 ? 'car' : 'caar',
              ...(clustering && n > 1 ? clustering : {}),
            };
          },
          savickas: () => (savickas ? { values: garchScars[k].view(), fellBack } : notGarch),
          done: {},
        };
        const tests: Record<string, TestResult> = {};
        for (const name of opts.tests) {
          if (name === 'bootstrap' && !opts.bootstrap) continue;
          const invalid = invalidTests[name];
          const result = invalid ? unavailable(BATTERY[name].id, BATTERY[name].label, n, 'normal', invalid) : BATTERY[name].window(inputs);
          inputs.done[name] = result;
          tests[name] = result;
        }
        return { window: windowLabel(w), from: w[0], to: w[1], N: n, caar: inputs.caar, tests };
      });

      const t2 = performance.now();
      if (opts.timings) opts.timings['window tests'] = t2 - t1;
      const daily: DailyAggregateRow[] = [];
      let cumulative = 0;
      for (let j = 0; j < evtLength; j++) {
        const d = day[j];
        const aar = d.n > 0 ? d.arSum / d.n : 0;
        cumulative += aar;
        const tests: Record<string, TestResult> = {};
        if (d.n > 0) {
          const inputs: DayInputs = { n: d.n, ar: d.ar.moments(), sar: d.sar.moments(), patell: d.patell, sign: d.sign, column: estLength + j, ranked: rankedPanel, savickas: savickas ? { moments: garchSar[j].moments(), fellBack } : notGarch };
          for (const name of opts.tests) {
            const test = BATTERY[name] as BatteryTest;
            if (test.day) tests[name] = invalidTests[name] ? unavailable(test.id, test.label, d.n, 'normal', invalidTests[name]) : test.day(inputs);
          }
        }
        daily.push({ rel: plan.eventWindow[0] + j, N: d.n, aar, caar: cumulative, tests });
      }
      if (opts.timings) opts.timings['daily tests'] = performance.now() - t2;
      const overlapRecords = recordsOf(pairs, plan, pairArray, startArray);
      return { overlapRecords, aggregate, daily, rbar, rbarSe, rbarMethod, rbarPairs, notes };
    },
  };
}

/**
 * r̄ of the studied events (src/stats/rbar.ts): each pair's columns (R, then the model's design
 * columns) on one global date axis, each event's estimation range and coefficients
 * (residual = −coef[0] + R − Σ coef[k]·design_k).
 */
function rbarOf(
  pairs: readonly PairGrid[],
  plan: WindowPlan,
  n: number,
  pairArray: Int32Array,
  startArray: Int32Array,
  coefArray: Float64Array,
  stride: number,
  options: { maxExactCost?: number; samplePairs?: number; seed?: number },
) {
  // One axis of calendar dates over every security's calendar (cross-exchange pairs meet on dates).
  const calendars = [...new Set(pairs.map((p) => p.security.calendar))];
  const numbers = new Set<number>();
  const dayNumbers = new Map<object, Int32Array>();
  for (const cal of calendars) {
    const nums = Int32Array.from(cal.days, (d) => dayNumber(d));
    dayNumbers.set(cal, nums);
    for (const v of nums) numbers.add(v);
  }
  const axis = Int32Array.from([...numbers].sort((a, b) => a - b));
  const globalIndex = (v: number): number => {
    let lo = 0;
    let hi = axis.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (axis[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const indexByCalendar = new Map<object, Int32Array>();
  for (const cal of calendars) indexByCalendar.set(cal, Int32Array.from(dayNumbers.get(cal) as Int32Array, globalIndex));
  const squared = pairs.length > 0 && MEASURES[pairs[0].measure].transform === 'squared-standardized';
  const bases: ResidualBasis[] = pairs.map((p) => ({
    dates: indexByCalendar.get(p.security.calendar) as Int32Array,
    columns: squared ? squaredBasis([p.y, ...p.design]) : [p.y, ...p.design],
  }));
  // The fits' coefficients as they are (form 'fitted'): no per-event copy at a million events.
  // Abnormal volatility is quadratic in them: its residuals are spelled out on the products of the columns.
  const shapes: ResidualShapes = squared
    ? { count: n, basis: pairArray, from: new Int32Array(n), to: new Int32Array(n), ...squaredCoefficients(coefArray, stride, n) }
    : { count: n, basis: pairArray, from: new Int32Array(n), to: new Int32Array(n), stride, coef: coefArray, form: 'fitted' };
  for (let i = 0; i < n; i++) {
    shapes.from[i] = startArray[i] + plan.estimation[0];
    shapes.to[i] = startArray[i] + plan.estimation[1];
  }
  return residualCorrelation(bases, shapes, options);
}

/**
 * The columns on which a squared residual is linear: with u = (y, d_1..d_k) the pair's columns,
 * [u_a for each a] then [u_a·u_b for a ≤ b]. (e = u·w − c₀ with w = (1, −c₁..−c_k), so
 * e² = c₀² − 2c₀ Σ_a w_a u_a + Σ_{a≤b} (2 − δ_ab) w_a w_b u_a u_b.) A product is missing where a
 * factor is, so the valid days are the residual's.
 */
function squaredBasis(u: Float64Array[]): Float64Array[] {
  const out = [...u];
  for (let a = 0; a < u.length; a++) {
    for (let b = a; b < u.length; b++) out.push(Float64Array.from(u[a], (v, t) => v * u[b][t]));
  }
  return out;
}

/**
 * Residual-form coefficients (rbar.ts ResidualShapes, form 'residual') of e² on squaredBasis, per
 * event, from the stored [c₀, c₁..c_k, s²] of a volatility fit. r̄ is a correlation, so the
 * event's scale 1/s² and shift −1 (u_t = e²/s² − 1) change nothing and are left out.
 */
function squaredCoefficients(coef: Float64Array, stride: number, n: number): { stride: number; coef: Float64Array; form: 'residual' } {
  const p = stride - 1; // columns u: y and the k design columns (the last stored number is s²)
  const width = 1 + p + (p * (p + 1)) / 2;
  const out = new Float64Array(n * width);
  const w = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const c = coef.subarray(i * stride, (i + 1) * stride);
    const c0 = c[0];
    w[0] = 1;
    for (let a = 1; a < p; a++) w[a] = -c[a];
    const o = i * width;
    out[o] = c0 * c0;
    for (let a = 0; a < p; a++) out[o + 1 + a] = -2 * c0 * w[a];
    let q = o + 1 + p;
    for (let a = 0; a < p; a++) for (let b = a; b < p; b++) out[q++] = (a === b ? 1 : 2) * w[a] * w[b];
  }
  return { stride: width, coef: out, form: 'residual' };
}

/**
 * The bootstrap's cluster of each event and the calendar dates of its estimation residuals
 * (src/stats/tests/bootstrap.ts): events with the same day-0 date share calendar time, so they
 * are resampled jointly by estimation date (Hein & Westfall 2004), which keeps the
 * cross-correlation the Kolari–Pynnönen tests adjust for. Each event's residual dates are its
 * calendar's days over the estimation window (shared strings, no copies of the dates).
 */
function bootstrapClusters(
  pairs: readonly PairGrid[],
  plan: WindowPlan,
  pairArray: Int32Array,
  startArray: Int32Array,
): { clusters: string[]; residualDates: string[][] } {
  const n = pairArray.length;
  const clusters: string[] = new Array(n);
  const residualDates: string[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const days = pairs[pairArray[i]].security.calendar.days;
    const s = startArray[i];
    clusters[i] = days[s - plan.first];
    residualDates[i] = days.slice(s + plan.estimation[0], s + plan.estimation[1]);
  }
  return { clusters, residualDates };
}

function meanOf(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** The overlap records of every event, from its pair and first session: day numbers through each calendar once. */
function recordsOf(pairs: readonly PairGrid[], plan: WindowPlan, pairArray: Int32Array, startArray: Int32Array): OverlapRecords {
  const n = pairArray.length;
  const numbers = new Map<object, Int32Array>();
  const symbols = new Map<string, number>();
  const symbolOf = new Int32Array(pairs.length);
  const calOf: Int32Array[] = [];
  for (const p of pairs) {
    const cal = p.security.calendar;
    let nums = numbers.get(cal);
    if (!nums) {
      nums = Int32Array.from(cal.days, (d) => dayNumber(d));
      numbers.set(cal, nums);
    }
    calOf[p.id] = nums;
    const sym = p.security.series.info.symbol;
    let k = symbols.get(sym);
    if (k === undefined) symbols.set(sym, (k = symbols.size));
    symbolOf[p.id] = k;
  }
  const r: OverlapRecords = {
    symbol: new Int32Array(n),
    day0: new Int32Array(n),
    estFrom: new Int32Array(n),
    estTo: new Int32Array(n),
    evtFrom: new Int32Array(n),
    evtTo: new Int32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const nums = calOf[pairArray[i]];
    const s = startArray[i];
    r.symbol[i] = symbolOf[pairArray[i]];
    r.day0[i] = nums[s - plan.first];
    r.estFrom[i] = nums[s + plan.estimation[0]];
    r.estTo[i] = nums[s + plan.estimation[1] - 1];
    r.evtFrom[i] = nums[s + plan.event[0]];
    r.evtTo[i] = nums[s + plan.event[1] - 1];
  }
  return r;
}
