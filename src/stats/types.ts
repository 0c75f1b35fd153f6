/**
 * Plain-data contracts of the statistics stage (STATISTICS.md "Multi-event tests").
 */

/** Reference distribution a p-value was read from. */
export type TestDistribution = 'normal' | 't' | 'exact' | 'bootstrap';

/**
 * One multi-event test result. Every statistic the project prints carries its value, standard
 * error (where defined), df or distribution, two-sided p-value and the N used.
 *
 * A test that cannot be computed (too few events, zero variance) has `stat: null, p: null` and a
 * `note` saying why: never NaN.
 */
export interface TestResult {
  /** Machine id, e.g. 'patell', 'bmp', 'corrado-rank'. */
  test: string;
  /** Human label, e.g. 'Patell (1976) Z'. */
  label: string;
  /** The test statistic, or null when it cannot be computed (see note). */
  stat: number | null;
  /** Two-sided p-value, or null when the statistic cannot be computed. */
  p: number | null;
  /** Number of events used. */
  n: number;
  /** Degrees of freedom for 't'; null for normal, exact and bootstrap references. */
  df: number | null;
  distribution: TestDistribution;
  /** Standard error of the quantity tested, where the test defines one. */
  se?: number;
  /** Why a result is null, or which variant/approximation was used. */
  note?: string;
}

/**
 * Abnormal returns of N events on a common grid of relative days, row-major.
 *
 * Row i holds event i's AR on `days` relative-day columns; NaN marks a missing day. Column ranges
 * are half-open [start, end) column indices, not relative day numbers: `estimation` selects the
 * estimation-window columns, `event` the event-window columns (the two must not overlap).
 *
 * @example
 * // 2 events, 5 columns: 3 estimation days then 2 event days
 * { n: 2, days: 5, values: Float64Array.from([...]), estimation: [0, 3], event: [3, 5] }
 */
export interface ArPanel {
  n: number;
  days: number;
  /** n * days values, row-major (event i, column j at i * days + j), NaN = missing. */
  values: Float64Array;
  /** Estimation columns [start, end). */
  estimation: [number, number];
  /** Event-window columns [start, end). */
  event: [number, number];
}
