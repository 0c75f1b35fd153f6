/**
 * The library path the benchmark times: D1's typed-array kernel (marketModelPanel) for the
 * market model, ARs, SARs and CARs, then D2's test functions (src/stats) on its outputs, per event
 * day and per CAR window. Every layout conversion the test APIs need (column extraction, the
 * combined n×261 AR panel for the rank tests, p̂ shares, daily AARs) is done here and timed as
 * its own stage, because it is part of what a caller pays.
 */
import { marketModelPanel, type PanelResult } from '../src/study/panel.ts';
import {
  adjustedBmpT,
  adjustedPatellZ,
  bmpT,
  brownWarnerT,
  corradoRankT,
  crossSectionalT,
  generalizedSignZ,
  grankT,
  patellZ,
  signZ,
  skewnessCorrectedT,
  wilcoxonSignedRank,
  type ArPanel,
  type TestResult,
} from '../src/stats/index.ts';
import { ESTIMATION_DAYS, EVENT_DAYS, type SyntheticPanel } from './synthetic.ts';

/** CAR window as positions inside the event window (day -5 = 0), inclusive. */
export type EventWindow = [number, number];

/** CAR[-1,+1]: the only window of the numpy anchor. */
export const NUMPY_WINDOWS: EventWindow[] = [[4, 6]];
/** STATISTICS.md default CAR windows [-1,+1], [0,0], [0,+1], [-5,+5]. */
export const DEFAULT_WINDOWS: EventWindow[] = [
  [4, 6],
  [5, 5],
  [5, 6],
  [0, 10],
];

/** The tests numpy_event_study.py computes. */
export const NUMPY_TESTS = ['cross-sectional-t', 'patell', 'bmp', 'generalized-sign', 'corrado-rank'] as const;
/** Every closed-form test of the battery (the bootstrap is timed on its own). */
export const CLOSED_FORM_TESTS = [
  'cross-sectional-t',
  'brown-warner-t',
  'patell',
  'adjusted-patell',
  'bmp',
  'adjusted-bmp',
  'skewness-corrected-t',
  'corrado-rank',
  'generalized-sign',
  'sign',
  'wilcoxon',
  'grank',
] as const;
export type TestId = (typeof CLOSED_FORM_TESTS)[number];

export interface BatteryOptions {
  windows: EventWindow[];
  tests: readonly TestId[];
  /** Mean pairwise residual correlation for the Kolari–Pynnönen adjustments (computed elsewhere). */
  rbar?: number | null;
  /** Called between stages (used to sample the resident set size). */
  probe?: () => void;
}

/** Per event day (11) and per CAR window: test id → result. */
export interface BatteryOutput {
  fit: PanelResult;
  days: Record<string, TestResult>[];
  windows: Record<string, TestResult>[];
  /** Milliseconds per stage: 'kernel', 'layout', then one entry per test id. */
  stageMs: Record<string, number>;
}

/** Column j of an n×L row-major array (a strided copy: the test APIs take one value per event). */
function column(values: Float64Array, n: number, width: number, j: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = values[i * width + j];
  return out;
}

/**
 * Runs the market model and the requested tests on every event day and CAR window.
 * The panel has no missing days, so every event enters every test (as in the numpy anchor).
 */
export function runLibraryBattery(panel: SyntheticPanel, options: BatteryOptions): BatteryOutput {
  const { n, t } = panel;
  const want = new Set<string>(options.tests);
  const probe = options.probe ?? (() => {});
  const rbar = options.rbar ?? null;
  const stageMs: Record<string, number> = {};
  const timed = <T>(stage: string, f: () => T): T => {
    const t0 = performance.now();
    const out = f();
    stageMs[stage] = (stageMs[stage] ?? 0) + performance.now() - t0;
    return out;
  };

  const fit = timed('kernel', () =>
    marketModelPanel({ n, t, r: panel.r, rm: panel.rm, estimation: [0, ESTIMATION_DAYS], event: [ESTIMATION_DAYS, t] }, options.windows),
  );
  probe();

  // Layout conversion: the per-event inputs the test functions take.
  const M = ESTIMATION_DAYS;
  const L = EVENT_DAYS;
  const layout = timed('layout', () => {
    const res = fit.estimationResiduals;
    const dfs = new Float64Array(n);
    const share = new Float64Array(n);
    const estimationAar = new Float64Array(M);
    for (let i = 0; i < n; i++) {
      dfs[i] = fit.M[i] - 2;
      let pos = 0;
      for (let d = 0; d < M; d++) {
        const e = res[i * M + d];
        if (e > 0) pos++;
        estimationAar[d] += e;
      }
      share[i] = pos / M;
    }
    for (let d = 0; d < M; d++) estimationAar[d] /= n;
    const dayAr: Float64Array[] = [];
    const daySar: Float64Array[] = [];
    for (let j = 0; j < L; j++) {
      dayAr.push(column(fit.ar, n, L, j));
      daySar.push(column(fit.sar, n, L, j));
    }
    // The rank tests take one n×(estimation + event) AR panel.
    let arPanel: ArPanel | null = null;
    if (want.has('corrado-rank') || want.has('grank')) {
      const values = new Float64Array(n * t);
      for (let i = 0; i < n; i++) {
        values.set(res.subarray(i * M, (i + 1) * M), i * t);
        values.set(fit.ar.subarray(i * L, (i + 1) * L), i * t + M);
      }
      arPanel = { n, days: t, values, estimation: [0, M], event: [M, t] };
    }
    return { dfs, share, estimationAar, dayAr, daySar, arPanel };
  });
  probe();

  const battery = (ar: Float64Array, scar: Float64Array, col: [number, number], length: number): Record<string, TestResult> => {
    const out: Record<string, TestResult> = {};
    const run = (id: TestId, f: () => TestResult): void => {
      if (want.has(id)) out[id] = timed(id, f);
    };
    run('cross-sectional-t', () => crossSectionalT(ar));
    run('brown-warner-t', () => {
      let caar = 0;
      for (let i = 0; i < n; i++) caar += ar[i];
      return brownWarnerT({ caar: caar / n, estimationAar: layout.estimationAar, windowLength: length, meanM: M, n });
    });
    run('patell', () => patellZ(scar, layout.dfs));
    run('adjusted-patell', () => adjustedPatellZ(out.patell ?? patellZ(scar, layout.dfs), n, rbar));
    run('bmp', () => bmpT(scar));
    run('adjusted-bmp', () => adjustedBmpT(out.bmp ?? bmpT(scar), n, rbar));
    run('skewness-corrected-t', () => skewnessCorrectedT(ar));
    run('corrado-rank', () => corradoRankT(layout.arPanel as ArPanel, col));
    run('generalized-sign', () => generalizedSignZ(ar, layout.share));
    run('sign', () => signZ(ar));
    run('wilcoxon', () => wilcoxonSignedRank(ar));
    run('grank', () => grankT(layout.arPanel as ArPanel, col, { scars: scar, dfs: layout.dfs }));
    return out;
  };

  const days: Record<string, TestResult>[] = [];
  for (let j = 0; j < L; j++) days.push(battery(layout.dayAr[j], layout.daySar[j], [M + j, M + j], 1));
  probe();
  const windows = options.windows.map(([a, b], k) => battery(fit.car[k], fit.scar[k], [M + a, M + b], b - a + 1));
  probe();
  return { fit, days, windows, stageMs };
}
