/**
 * The library path the benchmark times: D1's typed-array kernel (marketModelPanel) for the
 * market model, ARs, SARs and CARs, then D2's test functions (src/stats) on its outputs, per event
 * day and per CAR window. Every layout conversion the test APIs need (column extraction, the
 * combined n×261 AR panel for GRANK, p̂ shares, daily AARs) is done here and timed as its own
 * stage, because it is part of what a caller pays. The rank tests rank each panel once
 * (standardizedRanks for Corrado, grankRanks for GRANK, timed as their own stages) and reuse the
 * ranking for every day and window.
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
  grankRanks,
  grankT,
  patellZ,
  signZ,
  skewnessCorrectedT,
  standardizedRanks,
  wilcoxonSignedRank,
  type ArPanel,
  type ArPanelRows,
  type GrankRanks,
  type RankedPanel,
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
  /** Milliseconds per stage: 'kernel', 'layout', the once-per-panel ranking stages, then one entry per test id. */
  stageMs: Record<string, number>;
}

/** Column j of an n×L row-major array (a strided copy: the test APIs take one value per event). */
function column(values: Float64Array, n: number, width: number, j: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = values[i * width + j];
  return out;
}

/**
 * Share of positive estimation residuals per event (the p̂_i of the generalized sign test), from
 * n×m row-major residuals. Branch-free count: a residual's sign is a coin flip, so an `if` here
 * mispredicts half the time (measured 8× slower).
 */
function positiveShares(res: Float64Array, n: number, m: number): Float64Array {
  const share = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let pos = 0;
    const o = i * m;
    for (let d = 0; d < m; d++) pos += +(res[o + d] > 0);
    share[i] = pos / m;
  }
  return share;
}

/** Mean residual per estimation day over the n events (Brown–Warner's estimation AAR series). */
function estimationAars(res: Float64Array, n: number, m: number): Float64Array {
  const aar = new Float64Array(m);
  for (let i = 0; i < n; i++) for (let d = 0; d < m; d++) aar[d] += res[i * m + d];
  for (let d = 0; d < m; d++) aar[d] /= n;
  return aar;
}

/** The kernel's estimation residuals (n×E) and event ARs (n×L) seen as one n×(E+L) AR panel, row by row. */
function kernelRows(fit: PanelResult): ArPanelRows {
  const { E, L, estimationResiduals: res, ar } = fit;
  return {
    n: fit.n,
    days: E + L,
    estimation: [0, E],
    event: [E, E + L],
    row(i: number, out: Float64Array): void {
      const eo = i * E;
      for (let d = 0; d < E; d++) out[d] = res[eo + d];
      const ao = i * L;
      for (let d = 0; d < L; d++) out[E + d] = ar[ao + d];
    },
  };
}

/** The same panel copied into one n×(E+L) array. */
function kernelPanel(fit: PanelResult): ArPanel {
  const { n, E, L, estimationResiduals: res, ar } = fit;
  const t = E + L;
  const values = new Float64Array(n * t);
  for (let i = 0; i < n; i++) {
    values.set(res.subarray(i * E, (i + 1) * E), i * t);
    values.set(ar.subarray(i * L, (i + 1) * L), i * t + E);
  }
  return { n, days: t, values, estimation: [0, E], event: [E, E + L] };
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
    for (let i = 0; i < n; i++) dfs[i] = fit.M[i] - 2;
    const share = positiveShares(res, n, M);
    // Estimation-window AARs: only Brown–Warner uses them.
    const estimationAar = want.has('brown-warner-t') ? estimationAars(res, n, M) : new Float64Array(M);
    const dayAr: Float64Array[] = [];
    const daySar: Float64Array[] = [];
    for (let j = 0; j < L; j++) {
      dayAr.push(column(fit.ar, n, L, j));
      daySar.push(column(fit.sar, n, L, j));
    }
    // GRANK takes one n×(estimation + event) AR panel (it reads the estimation ARs again per window).
    const arPanel = want.has('grank') ? kernelPanel(fit) : null;
    return { dfs, share, estimationAar, dayAr, daySar, arPanel };
  });
  probe();

  // Rank once per panel (real work, timed), then every day and window reuses the ranking.
  // Corrado reads the kernel's residuals and event ARs row by row: no n×261 copy when GRANK is off.
  const ranked = want.has('corrado-rank') ? timed('corrado-rank: ranking', () => standardizedRanks(layout.arPanel ?? kernelRows(fit))) : null;
  const grankEstimationRanks = want.has('grank') ? timed('grank: ranking', () => grankRanks(layout.arPanel as ArPanel, layout.dfs)) : null;
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
    run('corrado-rank', () => corradoRankT(ranked as RankedPanel, col));
    run('generalized-sign', () => generalizedSignZ(ar, layout.share));
    run('sign', () => signZ(ar));
    run('wilcoxon', () => wilcoxonSignedRank(ar));
    run('grank', () => grankT(layout.arPanel as ArPanel, col, { scars: scar, dfs: layout.dfs, ranks: grankEstimationRanks as GrankRanks }));
    return out;
  };

  const days: Record<string, TestResult>[] = [];
  for (let j = 0; j < L; j++) days.push(battery(layout.dayAr[j], layout.daySar[j], [M + j, M + j], 1));
  probe();
  const windows = options.windows.map(([a, b], k) => battery(fit.car[k], fit.scar[k], [M + a, M + b], b - a + 1));
  probe();
  return { fit, days, windows, stageMs };
}
