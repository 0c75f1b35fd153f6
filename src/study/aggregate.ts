/**
 * The multi-event stage: CAAR and the full test battery per CAR window, and AAR
 * with the one-day tests per event day. Every test is one function in src/stats;
 * this file only gathers each test's inputs from the per-event work.
 */
import type { IsoDate, RelWindow } from '../types.ts';
import * as stats from '../stats/index.ts';
import type { ArPanel, TestResult } from '../stats/types.ts';
import type { AggregateRow, DailyAggregateRow, TestName } from './types.ts';
import type { EventWork } from './run.ts';
import { windowLabel } from './windows.ts';

export interface AggregateOptions {
  estimationWindow: RelWindow;
  eventWindow: RelWindow;
  carWindows: RelWindow[];
  tests: TestName[];
  bootstrap: { replications: number; seed: number } | false;
}

export interface AggregateOutput {
  aggregate: AggregateRow[];
  daily: DailyAggregateRow[];
  rbar: number | null;
  notes: string[];
}

/**
 * Computes per-window and per-day aggregates over the studied events.
 * With fewer than two events the cross-sectional tests report why they are empty.
 */
export function aggregateStudy(works: EventWork[], opts: AggregateOptions): AggregateOutput {
  const notes: string[] = [];
  if (works.length === 0) return { aggregate: [], daily: [], rbar: null, notes };
  const n = works.length;
  const estLength = opts.estimationWindow[1] - opts.estimationWindow[0] + 1;
  const evtLength = opts.eventWindow[1] - opts.eventWindow[0] + 1;

  const panel = buildArPanel(works, estLength, evtLength);
  const rbar = n >= 2 ? residualCorrelation(works, notes) : null;
  const dfs = works.map((w) => w.result.df);
  const positiveShare = Float64Array.from(works, (w) => shareOfPositive(w.estimationResiduals));
  const estimationAar = averageByColumn(works.map((w) => w.estimationResiduals), estLength);
  const meanM = works.reduce((s, w) => s + w.result.M, 0) / n;
  const want = new Set(opts.tests);
  // Rank once per panel; every window and day reuses the ranking.
  let ranked: ReturnType<typeof stats.standardizedRanks> | undefined;
  const corradoPanel = () => (ranked ??= stats.standardizedRanks(panel));
  let grankRanked: ReturnType<typeof stats.grankRanks> | undefined;
  const grankPanel = () => (grankRanked ??= stats.grankRanks(panel, dfs));

  const aggregate: AggregateRow[] = opts.carWindows.map((w, k) => {
    const cars = Float64Array.from(works, (x) => x.result.car[k].car);
    const scars = Float64Array.from(works, (x) => x.result.car[k].scar);
    const caar = mean(cars);
    const window: [number, number] = [w[0] - opts.eventWindow[0] + estLength, w[1] - opts.eventWindow[0] + estLength];
    const tests: Record<string, TestResult> = {};
    const add = (name: TestName, f: () => TestResult) => {
      if (want.has(name)) tests[name] = f();
    };
    add('crossSectionalT', () => stats.crossSectionalT(cars));
    add('brownWarnerT', () => stats.brownWarnerT({ caar, estimationAar, windowLength: w[1] - w[0] + 1, meanM, n }));
    const patell = stats.patellZ(scars, dfs);
    add('patellZ', () => patell);
    // With one event the Kolari-Pynnönen factor sqrt(1 + (N - 1) r̄) is exactly 1, whatever r̄.
    add('adjustedPatellZ', () =>
      n === 1 ? { ...stats.adjustedPatellZ(patell, 1, 0), note: 'one event: the factor is 1, the same as Patell Z' } : stats.adjustedPatellZ(patell, n, rbar),
    );
    const bmp = stats.bmpT(scars);
    add('bmpT', () => bmp);
    add('adjustedBmpT', () => stats.adjustedBmpT(bmp, n, rbar));
    add('skewnessCorrectedT', () => stats.skewnessCorrectedT(cars));
    add('corradoRank', () => stats.corradoRankT(corradoPanel(), window));
    add('generalizedSign', () => stats.generalizedSignZ(cars, positiveShare));
    add('sign', () => stats.signZ(cars));
    add('wilcoxon', () => stats.wilcoxonSignedRank(cars));
    add('grank', () => stats.grankT(panel, window, { scars, dfs, ranks: grankPanel() }));
    if (opts.bootstrap) {
      const boot = opts.bootstrap;
      add('bootstrap', () =>
        stats.bootstrapCarTest({
          residuals: works.map((x) => finiteValues(x.estimationResiduals)),
          cars,
          windowLengths: works.map((x) => x.carDays[k]),
          b: boot.replications,
          seed: boot.seed,
          statistic: n === 1 ? 'car' : 'caar',
        }),
      );
    }
    return { window: windowLabel(w), from: w[0], to: w[1], N: n, caar, tests };
  });

  const daily: DailyAggregateRow[] = [];
  let cumulative = 0;
  for (let j = 0; j < evtLength; j++) {
    const ars: number[] = [];
    const sars: number[] = [];
    const dayDfs: number[] = [];
    const shares: number[] = [];
    for (const [i, x] of works.entries()) {
      const ar = x.eventAr[j];
      if (!Number.isFinite(ar)) continue;
      ars.push(ar);
      sars.push(x.eventSar[j]);
      dayDfs.push(dfs[i]);
      shares.push(positiveShare[i]);
    }
    const aar = ars.length ? mean(Float64Array.from(ars)) : 0;
    cumulative += aar;
    const tests: Record<string, TestResult> = {};
    if (ars.length > 0) {
      const arArr = Float64Array.from(ars);
      const sarArr = Float64Array.from(sars);
      tests.crossSectionalT = stats.crossSectionalT(arArr);
      tests.patellZ = stats.patellZ(sarArr, dayDfs);
      tests.bmpT = stats.bmpT(sarArr);
      tests.corradoRank = stats.corradoRankT(corradoPanel(), [estLength + j, estLength + j]);
      tests.generalizedSign = stats.generalizedSignZ(arArr, Float64Array.from(shares));
    }
    daily.push({ rel: opts.eventWindow[0] + j, N: ars.length, aar, caar: cumulative, tests });
  }
  return { aggregate, daily, rbar, notes };
}

/** N × (estimation + event) panel of ARs in relative time, NaN for missing days. */
export function buildArPanel(works: EventWork[], estLength: number, evtLength: number): ArPanel {
  const days = estLength + evtLength;
  const values = new Float64Array(works.length * days);
  works.forEach((w, i) => {
    values.set(w.estimationResiduals, i * days);
    values.set(w.eventAr, i * days + estLength);
  });
  return { n: works.length, days, values, estimation: [0, estLength], event: [estLength, days] };
}

/** Kolari-Pynnönen r̄ from estimation residuals aligned on calendar dates (not relative days). */
function residualCorrelation(works: EventWork[], notes: string[]): number | null {
  const series = works.map((w) => {
    const dates: IsoDate[] = [];
    const values: number[] = [];
    w.estimationResiduals.forEach((v, i) => {
      if (Number.isFinite(v)) {
        dates.push(w.estimationDates[i]);
        values.push(v);
      }
    });
    return { dates, values: Float64Array.from(values) };
  });
  const r = stats.meanPairwiseCorrelation(series);
  if (r.note) notes.push(r.note);
  return r.rbar;
}

function shareOfPositive(values: Float64Array): number {
  let pos = 0;
  let valid = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    valid++;
    if (v > 0) pos++;
  }
  return valid ? pos / valid : 0.5;
}

function averageByColumn(rows: Float64Array[], length: number): Float64Array {
  const sums = new Float64Array(length);
  const counts = new Float64Array(length);
  for (const row of rows) {
    for (let t = 0; t < length; t++) {
      const v = row[t];
      if (Number.isFinite(v)) {
        sums[t] += v;
        counts[t]++;
      }
    }
  }
  const out: number[] = [];
  for (let t = 0; t < length; t++) if (counts[t] > 0) out.push(sums[t] / counts[t]);
  return Float64Array.from(out);
}

function finiteValues(values: Float64Array): Float64Array {
  return values.filter((v) => Number.isFinite(v));
}

function mean(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}
