/**
 * What an event study measures, as data: the MEASURES table says which series of a symbol's grid
 * the engine models (its returns, or its log volume), whether the abnormal values are transformed
 * after the fit (abnormal volatility), which models make sense for it and which is the default.
 * The engine (src/study/engine.ts) is the same for every measure; only these rows differ.
 *
 * - **return** (default): AR_t = R_t − E[R_t] with the study's model (STATISTICS.md).
 * - **volume**: the series is v_t = ln(1 + V_t), V_t the shares traded (or, with
 *   `volumeBasis: 'turnover'`, ln(100·V_t/S_t + 0.000255), the turnover in percent of the shares
 *   outstanding S_t with Campbell & Wasley's constant). The abnormal log volume is
 *   AV_t = v_t − v̄ with v̄ the estimation-window mean (mean-adjusted model, the default), or
 *   AV_t = v_t − (a + b·v_mt) on the benchmark's log volume v_mt (market model). Cumulated over a
 *   window and tested like CARs, with the same battery.
 *   Reference: Campbell, C. J. & Wasley, C. E. (1996) "Measuring abnormal daily trading volume
 *   for samples of NYSE/ASE and NASDAQ securities using parametric and nonparametric test
 *   statistics", Review of Quantitative Finance and Accounting 6(3), 309–326; Ajinkya, B. B. &
 *   Jain, P. C. (1989) "The behavior of daily stock market trading volume", Journal of
 *   Accounting and Economics 11(4), 331–359.
 *   Sessions without trading (no price row on an exchange session: a suspension; or a volume of
 *   0) have no value and are flagged (`noTradeDays`), never counted as zero volume; A-share
 *   limit-locked sessions (close at the daily limit with high = low: one price all day, the
 *   queue on one side, so the volume is censored) keep their volume and are flagged
 *   (`limitLockedDays`).
 * - **volatility**: the series is the squared standardized abnormal return of the study's return
 *   model, U_t = AR_t²/s² (Beaver 1968's U statistic), s² the model's estimation residual
 *   variance. The abnormal volatility is AV_t = U_t − 1 (0 in expectation under the null, up to
 *   O(1/M)), cumulated over a window, CAV = Σ_t AV_t; each event's CAV is tested against the
 *   time-series variance of AV over its own estimation window, s_v² = Σ(u_t − ū)²/(M − 1) with
 *   u_t = e_t²/s² − 1: t = CAV/√(L·s_v²), Student t with M − 1 df (independent days). Across
 *   events the battery runs on the CAVs, but not the tests whose null fails for a skewed
 *   measure bounded below (AV ≥ −1; χ²₁ − 1 for normal returns): the sign and Wilcoxon tests
 *   (symmetry about zero), the generalized sign test and GRANK (each compares the window's value
 *   with single estimation days; under the null GRANK rejects about half the time at 5%).
 *   The parametric tests over-reject mildly with N = 50 (6–8% at 5%, the skewness); the
 *   skewness-corrected t and Corrado's rank test come closest (bench/methods-size.ts).
 *   References: Beaver, W. H. (1968) "The information content of annual earnings
 *   announcements", Journal of Accounting Research 6 (Supplement), 67–92; Landsman, W. R. &
 *   Maydew, E. L. (2002) "Has the information content of quarterly earnings announcements
 *   declined in the past three decades?", Journal of Accounting Research 40(3), 797–808.
 */
import type { ModelName } from '../models/types.ts';
import type { TestName } from '../stats/battery.ts';

/** What a study measures: abnormal returns, abnormal (log) volume, or abnormal volatility. */
export type Measure = 'return' | 'volume' | 'volatility';

/** How volume enters the volume measure: shares traded, or turnover (percent of shares outstanding). */
export type VolumeBasis = 'shares' | 'turnover';

/** One row of the MEASURES table. */
export interface MeasureSpec {
  /** One line for help text and reports. */
  summary: string;
  /** The series of the security's grid the model is fitted to, and of the benchmark's grid it regresses on. */
  series: 'returns' | 'logVolume';
  /** After the fit, abnormal values become AR²/s² − 1 ('squared-standardized') or stay as they are. */
  transform: 'none' | 'squared-standardized';
  /** The model when the study names none. */
  defaultModel: ModelName;
  /** The models that can be fitted for this measure (null: every model). */
  models: readonly ModelName[] | null;
  /** What the values are called in messages ('returns', 'log volumes'). */
  noun: string;
  /** Buy-and-hold abnormal returns exist (returns only). */
  bhar: boolean;
  /**
   * Tests of the battery whose null does not hold for this measure, with the reason: left out of
   * the default tests, and `stat: null` with the reason when named.
   */
  invalidTests: Partial<Record<TestName, string>>;
}

const SKEWED = 'assumes CARs distributed symmetrically about zero; abnormal volatility AR²/s² − 1 is skewed (χ²₁ − 1 for normal returns), so its median is below zero';
const WINDOW_VS_DAYS =
  "compares the window's cumulative value with single estimation days, which for a skewed measure have another distribution (the share of positive values, or the ranks, differ under the null); its size under the null is far above 5% for abnormal volatility (bench/methods-size.ts)";

/** Every measure the engine knows. */
export const MEASURES = {
  return: {
    summary: 'abnormal returns AR = R − E[R] (default)',
    series: 'returns',
    transform: 'none',
    defaultModel: 'market',
    models: null,
    noun: 'returns',
    bhar: true,
    invalidTests: {},
  },
  volume: {
    summary: 'abnormal log volume ln(1 + V) against its estimation mean (mean-adjusted) or the benchmark’s log volume (market model; Campbell & Wasley 1996)',
    series: 'logVolume',
    transform: 'none',
    defaultModel: 'mean-adjusted',
    models: ['mean-adjusted', 'market'],
    noun: 'log volumes',
    bhar: false,
    invalidTests: {},
  },
  volatility: {
    summary: 'abnormal volatility AR²/s² − 1 of the return model (Beaver 1968), cumulated over the window',
    series: 'returns',
    transform: 'squared-standardized',
    defaultModel: 'market',
    // A constant estimation variance s²: every model but GARCH (whose variance changes every day; use Savickas' test).
    models: ['mean-adjusted', 'market-adjusted', 'market', 'factor', 'scholes-williams', 'dimson'],
    noun: 'returns',
    bhar: false,
    invalidTests: { sign: SKEWED, wilcoxon: SKEWED, generalizedSign: WINDOW_VS_DAYS, grank: WINDOW_VS_DAYS },
  },
} as const satisfies Record<Measure, MeasureSpec>;

/** Every measure, in documentation order (CLI validation and help). */
export const MEASURE_NAMES = Object.keys(MEASURES) as Measure[];

/** Constant of Campbell & Wasley (1996) added to the turnover in percent before the log (a zero turnover stays finite). */
export const TURNOVER_LOG_CONSTANT = 0.000255;
