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
  /**
   * Two-sided 5% critical value of |stat| read from the test's own null distribution, where no
   * textbook distribution gives it: for the bootstrap the 95th percentile of |T*| / se, so a
   * chart can draw the bootstrap z against its own interval. Absent for normal, t and exact tests.
   */
  critical?: number;
  /**
   * false when the result ignores a dependence the data has and so overstates significance (a
   * bootstrap that could not resample clustered events jointly): it is reported with its note
   * but never counted among the tests that reject (significantTests). Absent means countable.
   */
  countable?: boolean;
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

/**
 * An AR panel handed over one event row at a time, for callers whose ARs live in another layout
 * (e.g. a model kernel's estimation residuals and event-window ARs in two arrays). Ranking reads
 * one row at a time, so no n × days copy is needed. Column ranges as in {@link ArPanel}.
 */
export interface ArPanelRows {
  n: number;
  days: number;
  /** Estimation columns [start, end). */
  estimation: [number, number];
  /** Event-window columns [start, end). */
  event: [number, number];
  /** Writes event i's ARs on columns 0..days-1 into `out[0..days)` (NaN = missing). */
  row(i: number, out: Float64Array): void;
}

/**
 * Corrado–Zivney standardized ranks of a panel, reduced to what the Corrado test needs for any
 * window (built once by `standardizedRanks`, reused for every day and CAR window).
 *
 * U_it = rank_it / (1 + n_i) over event i's estimation + event columns; per column t,
 * Ū_t = (1/N_t) Σ_i (U_it − ½) over the N_t events with data; S_U = √((1/L) Σ_t Ū_t²) over the L
 * columns with data.
 */
export interface RankedPanel {
  n: number;
  days: number;
  estimation: [number, number];
  event: [number, number];
  /** Ū_t per column (length days); NaN where no event has data or the column is unused. */
  meanRank: Float64Array;
  /** N_t per column: events with a finite AR there (0 on unused columns). */
  rankCount: Float64Array;
  /** S_U, the root mean square of Ū_t over the columns with data (NaN when there are none). */
  rankSd: number;
  /** L, the number of estimation + event columns with data. */
  rankDays: number;
  /** n × (event[1] − event[0]), row-major: 1 where event i has a finite AR on that event column. */
  eventHasData: Uint8Array;
}
