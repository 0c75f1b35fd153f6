/**
 * The multi-event test battery as one table: each test's name, machine id, label, and how it is
 * computed from what the study gathered, for a CAR window and (where the test has one) for a
 * single event day. Every list of tests in the project — the study's default `tests`, the CLI's
 * and JSON's test list, the size simulation, the report's battery — is this table's keys, in this
 * order; the compiler holds it to {@link TestName}.
 *
 * The inputs are plain data; the costly ones (ranks, the bootstrap) are functions the table calls
 * only for the tests asked for.
 */
import type { RankedPanel, TestResult } from './types.ts';
import { adjustedBmpT, adjustedPatellZ, bmpT, brownWarnerT, crossSectionalT, patellZ, skewnessCorrectedT, type PatellSums } from './tests/parametric.ts';
import { corradoRankT } from './tests/rank.ts';
import { generalizedSignZ, signZ, wilcoxonSignedRank, type SignCounts } from './tests/sign.ts';
import { bootstrapCarTest, type BootstrapInput } from './tests/bootstrap.ts';
import { unavailable, type Moments } from './tests/common.ts';
import { SAVICKAS_ID, SAVICKAS_LABEL, savickasT } from './tests/savickas.ts';
import type { ModelName } from '../models/types.ts';

/** The names of every multi-event test, as keys of results (`aggregate[k].tests.<name>`). */
export type TestName =
  | 'crossSectionalT'
  | 'brownWarnerT'
  | 'patellZ'
  | 'adjustedPatellZ'
  | 'bmpT'
  | 'adjustedBmpT'
  | 'savickasT'
  | 'skewnessCorrectedT'
  | 'corradoRank'
  | 'generalizedSign'
  | 'sign'
  | 'wilcoxon'
  | 'grank'
  | 'bootstrap';

/** What the window form of every test reads: one CAR window of N events. */
export interface WindowInputs {
  /** N, the events in the window. */
  n: number;
  /** Per event: CAR_i, SCAR_i and the residual df d_i, in event order. */
  cars: Float64Array;
  scars: Float64Array;
  dfs: Float64Array;
  caar: number;
  /** L2, relative days in the window. */
  windowLength: number;
  /** Brown–Warner: the daily AAR over the estimation days and M̄. */
  estimationAar: Float64Array;
  meanM: number;
  /** Per event: share of positive estimation residuals (generalized sign). */
  positiveShare: Float64Array;
  /** Kolari–Pynnönen r̄ (null when unavailable). */
  rbar: number | null;
  /** The window as inclusive columns of the rank panels. */
  columns: [number, number];
  /** Corrado's ranked panel (built once per study). */
  ranked(): RankedPanel;
  /**
   * GRANK of this window: the study computes it for every window in one pass over the events
   * (grankTWindows on its panel and estimation ranks) and hands each window its result.
   */
  grank(): TestResult;
  /** The bootstrap's inputs for this window, or why it is not run. */
  bootstrap(): Omit<BootstrapInput, 'cars'> | string;
  /**
   * Savickas: the GARCH-standardized CARs, CAR_i/√Σ_t ĥ_it, of the events the GARCH model fitted
   * (`fellBack` more fell back to OLS and are not among them), or why there are none.
   */
  savickas(): { values: Float64Array; fellBack: number } | string;
  /** Results of the tests already computed for this window (the adjusted tests reuse Patell and BMP). */
  done: Partial<Record<TestName, TestResult>>;
}

/** What the one-day form reads: the events with an AR on that day, reduced to moments and counts. */
export interface DayInputs {
  n: number;
  ar: Moments;
  sar: Moments;
  patell: PatellSums;
  sign: SignCounts;
  /** The day as a column of the rank panel. */
  column: number;
  ranked(): RankedPanel;
  /** Savickas: moments of AR_it/√ĥ_it over the GARCH-fitted events with an AR that day, or why there are none. */
  savickas?: { moments: Moments; fellBack: number } | string;
}

/** One row of the battery. */
export interface BatteryTest {
  /** Machine id, as in TestResult.test. */
  id: string;
  /** Human label, as in TestResult.label. */
  label: string;
  /** The test of CAAR over a window. */
  window(w: WindowInputs): TestResult;
  /** The test of AAR on one day, where the test has a one-day form. */
  day?(d: DayInputs): TestResult;
  /**
   * The models whose results the test is made for; absent = every model. A study runs the tests
   * made for its model unless it names its tests ({@link defaultTests}); a test named under
   * another model gives `stat: null` with a note.
   */
  models?: readonly ModelName[];
}

const NOT_GARCH = "needs the GARCH model (model 'garch'): the abnormal returns must be standardized by their conditional variance";

/** Savickas' result from its inputs, or `stat: null` with the reason; names the events that fell back to OLS. */
function savickasOf<T extends { fellBack: number }>(input: T | string, n: number, run: (v: T) => TestResult): TestResult {
  if (typeof input === 'string') return unavailable(SAVICKAS_ID, SAVICKAS_LABEL, n, 't', input);
  const r = run(input);
  if (input.fellBack === 0) return r;
  const left = `${input.fellBack} event${input.fellBack === 1 ? '' : 's'} fell back to the OLS market model and ${input.fellBack === 1 ? 'is' : 'are'} left out`;
  return { ...r, note: r.note ? `${r.note}; ${left}` : left };
}

const patellOf = (w: WindowInputs) => (w.done.patellZ ??= patellZ(w.scars, w.dfs));
const bmpOf = (w: WindowInputs) => (w.done.bmpT ??= bmpT(w.scars));

/** Every test of STATISTICS.md "Multi-event tests", in the order they are printed. */
export const BATTERY = {
  crossSectionalT: {
    id: 'cross-sectional-t',
    label: 'Cross-sectional t',
    window: (w) => crossSectionalT(w.cars),
    day: (d) => crossSectionalT(d.ar),
  },
  brownWarnerT: {
    id: 'brown-warner-t',
    label: 'Brown–Warner (1985) t',
    window: (w) => brownWarnerT({ caar: w.caar, estimationAar: w.estimationAar, windowLength: w.windowLength, meanM: w.meanM, n: w.n }),
  },
  patellZ: {
    id: 'patell',
    label: 'Patell (1976) Z',
    window: patellOf,
    day: (d) => patellZ(d.patell),
  },
  adjustedPatellZ: {
    id: 'adjusted-patell',
    label: 'Adjusted Patell Z (Kolari–Pynnönen 2010)',
    // With one event the Kolari-Pynnönen factor sqrt(1 + (N − 1) r̄) is exactly 1, whatever r̄.
    window: (w) =>
      w.n === 1 ? { ...adjustedPatellZ(patellOf(w), 1, 0), note: 'one event: the factor is 1, the same as Patell Z' } : adjustedPatellZ(patellOf(w), w.n, w.rbar),
  },
  bmpT: {
    id: 'bmp',
    label: 'BMP (1991) t',
    window: bmpOf,
    day: (d) => bmpT(d.sar),
  },
  adjustedBmpT: {
    id: 'adjusted-bmp',
    label: 'Adjusted BMP t (Kolari–Pynnönen 2010)',
    window: (w) => adjustedBmpT(bmpOf(w), w.n, w.rbar),
  },
  // Savickas (2003, J. Financial Research 26(2)): BMP's t on ARs standardized by their GARCH
  // conditional variance, CAR_i/√Σ_t ĥ_it (src/stats/tests/savickas.ts); GARCH studies only.
  savickasT: {
    id: SAVICKAS_ID,
    label: SAVICKAS_LABEL,
    models: ['garch'],
    window: (w) => savickasOf(w.savickas(), w.n, (v) => savickasT(v.values)),
    day: (d) => savickasOf(d.savickas ?? NOT_GARCH, d.n, (v) => savickasT(v.moments)),
  },
  skewnessCorrectedT: {
    id: 'skewness-corrected-t',
    label: 'Skewness-corrected t (Hall 1992)',
    window: (w) => skewnessCorrectedT(w.cars),
  },
  corradoRank: {
    id: 'corrado-rank',
    label: 'Corrado rank Z (Corrado–Zivney 1992)',
    window: (w) => corradoRankT(w.ranked(), w.columns),
    day: (d) => corradoRankT(d.ranked(), [d.column, d.column]),
  },
  generalizedSign: {
    id: 'generalized-sign',
    label: 'Generalized sign Z (Cowan 1992)',
    window: (w) => generalizedSignZ(w.cars, w.positiveShare),
    day: (d) => generalizedSignZ(d.sign),
  },
  sign: {
    id: 'sign',
    label: 'Sign Z',
    window: (w) => signZ(w.cars),
  },
  wilcoxon: {
    id: 'wilcoxon',
    label: 'Wilcoxon signed-rank',
    window: (w) => wilcoxonSignedRank(w.cars),
  },
  grank: {
    id: 'grank',
    label: 'GRANK t (Kolari–Pynnönen 2011)',
    window: (w) => w.grank(),
  },
  bootstrap: {
    id: 'bootstrap',
    label: 'Bootstrap CAAR',
    window: (w) => {
      const input = w.bootstrap();
      if (typeof input === 'string') return unavailable('bootstrap', w.n === 1 ? 'Bootstrap CAR' : 'Bootstrap CAAR', w.n, 'bootstrap', input);
      return bootstrapCarTest({ ...input, cars: w.cars });
    },
  },
} satisfies Record<TestName, BatteryTest>;

/** Every test name, in the battery's order. */
export const ALL_TESTS = Object.keys(BATTERY) as TestName[];

/**
 * The tests a study of `model` runs when it names none: every test made for the model (see
 * BatteryTest.models), in the battery's order.
 * @example defaultTests('market').includes('savickasT') // false; defaultTests('garch') includes it
 */
export function defaultTests(model: ModelName): TestName[] {
  return ALL_TESTS.filter((name) => {
    const only = (BATTERY[name] as BatteryTest).models;
    return only === undefined || only.includes(model);
  });
}

/** The tests with a one-day form, in the battery's order. */
export const DAY_TESTS = ALL_TESTS.filter((name) => (BATTERY[name] as BatteryTest).day !== undefined);

/** The battery row of a test name. */
export function batteryTest(name: TestName): BatteryTest {
  return BATTERY[name];
}
