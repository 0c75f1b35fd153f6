/**
 * Plain input records for the chart builders. Each chart is a pure function from one of these
 * to a Vega-Lite spec, so the study code only has to fill in obvious fields.
 * Returns, ARs, CARs and bands are fractions (0.05 = 5%); axes format them as percent.
 * Dates are ISO 'YYYY-MM-DD' strings (exchange-local trading dates).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { IsoDate } from '../types.ts';

/** A Vega-Lite top-level spec (plain JSON). */
export type VegaLiteSpec = TopLevelSpec;

/** A labelled date marker (announcement, earnings, product launch). */
export interface ChartEvent {
  date: IsoDate;
  label: string;
}

/** Input of {@link pricePathChart}. */
export interface PricePathInput {
  title: string;
  subtitle?: string;
  symbol: string;
  /** ISO currency code for the y-axis title, e.g. 'USD', 'CNY'. */
  currency: string;
  prices: { date: IsoDate; close: number }[];
  /** Model-implied price path across the event window (what the price would have been). */
  counterfactual?: { date: IsoDate; value: number }[];
  events: ChartEvent[];
  /** Event window, shaded. Both ends inclusive. */
  eventWindow?: { from: IsoDate; to: IsoDate };
}

/** One event-window day of {@link abnormalReturnBars}. */
export interface AbnormalReturnRow {
  date: IsoDate;
  /** Trading days relative to day 0. */
  rel: number;
  /** Abnormal return (fraction); null when the day has no return (`missing`). */
  ar: number | null;
  /** Half-width of the 95% prediction band, 1.96·S_t, same units as `ar`. */
  band: number;
  /** Closed at the limit-up price: the observed return is censored. */
  limitUp?: boolean;
  limitDown?: boolean;
  /** No trade / no price this day. */
  missing?: boolean;
}

/** Input of {@link abnormalReturnBars}. */
export interface AbnormalReturnInput {
  title: string;
  subtitle?: string;
  rows: AbnormalReturnRow[];
  /** Fixed y-axis range [low, high] (fractions), so small multiples share one scale (see sharedYDomain). */
  yDomain?: [number, number];
}

/** Input of {@link carPath}. */
export interface CarPathInput {
  title: string;
  subtitle?: string;
  /** CAR from the start of the window through day `rel`, with its 95% confidence bounds. */
  rows: { rel: number; car: number; lower: number; upper: number }[];
  /** Fixed y-axis range [low, high] (fractions), so small multiples share one scale. */
  yDomain?: [number, number];
}

/** Input of {@link caarPanel}. */
export interface CaarPanelInput {
  title: string;
  subtitle?: string;
  /** Cumulative abnormal return path of each event, identified by `id` (e.g. 'NVDA 2025-01-27'). */
  perEvent: { id: string; rel: number; car: number }[];
  /** Cross-event average path, optionally with 95% bounds. */
  caar: { rel: number; caar: number; lower?: number; upper?: number }[];
  /** Fixed y-axis range [low, high] (fractions), so small multiples share one scale. */
  yDomain?: [number, number];
}

/** One trading day of {@link claimEvidence}. */
export interface ClaimEvidenceRow {
  date: IsoDate;
  /** Close-to-close return (fraction). */
  ret: number;
  /** Intraday high / low as a move from the previous close (fractions). */
  high?: number;
  low?: number;
  limitUp?: boolean;
  limitDown?: boolean;
}

/** Input of {@link claimEvidence}. */
export interface ClaimEvidenceInput {
  title: string;
  subtitle?: string;
  rows: ClaimEvidenceRow[];
  /** The move the claim states, as a fraction (0.2 for "jumped 20%", -0.17 for "fell 17%"). */
  claimedMove: number;
  /** Daily price-limit fraction (0.2 for STAR board), null/absent when the market has none. */
  limit?: number | null;
  /** The trading day whose move the claim best matches; highlighted. */
  matchedDate?: IsoDate;
}

/** Distribution a test statistic is referred to. */
export type TestDistribution = 'normal' | 't' | 'exact' | 'bootstrap';

/** One test of {@link testBattery}. */
export interface TestBatteryRow {
  label: string;
  stat: number;
  distribution: TestDistribution;
  df?: number | null;
  /** Two-sided 5% critical value (positive), computed by the caller for this distribution. */
  critical: number;
  /** Two-sided p-value. */
  p: number;
}

/** Input of {@link testBattery}. */
export interface TestBatteryInput {
  title: string;
  subtitle?: string;
  rows: TestBatteryRow[];
}
