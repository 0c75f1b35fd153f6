/**
 * Chart inputs from study results: the glue a study would otherwise repeat. Each function takes
 * plain result records (StudyResult, EventResult, PriceRow[]) and returns a Vega-Lite spec.
 */
import { normalQuantile, studentTQuantile } from '../stats/distributions.ts';
import type { TestResult } from '../stats/types.ts';
import type { EventResult, StudyResult } from '../study/types.ts';
import type { PriceRow } from '../types.ts';
import { abnormalReturnBars, caarPanel, carPath } from './abnormal-returns.ts';
import { pricePathChart } from './price-path.ts';
import { countedTests } from '../study/summaries.ts';
import { shortName } from '../format.ts';
import { testBattery } from './test-battery.ts';
import type { TestDistribution, VegaLiteSpec } from './types.ts';

const Z975 = normalQuantile(0.975);

/** Short label of an event for titles and legends: 'NVDA 2025-01-27'. */
export function eventLabel(e: EventResult): string {
  return `${e.symbol} ${e.day0}`;
}

/**
 * Price path around an event with the model's counterfactual: from the close before the event
 * window, P*_t = P*_{t-1} × (1 + E[R_t]) — what the price would have been without the abnormal
 * part. `padDays` trading days are shown on each side of the event window.
 */
export function eventPricePath(e: EventResult, prices: readonly PriceRow[], opts: { currency: string; padDays?: number; title?: string }): VegaLiteSpec {
  const pad = opts.padDays ?? 20;
  const first = e.ar[0]?.date;
  const last = e.ar[e.ar.length - 1]?.date;
  const i0 = prices.findIndex((p) => p.date >= first);
  const i1 = prices.findIndex((p) => p.date > last);
  const lo = Math.max(0, i0 - pad);
  const hi = i1 < 0 ? prices.length : Math.min(prices.length, i1 + pad);
  const shown = prices.slice(lo, hi).map((p) => ({ date: p.date, close: p.close }));
  const counterfactual: { date: string; value: number }[] = [];
  const start = i0 > 0 ? prices[i0 - 1] : undefined;
  if (start) {
    let level = start.close;
    counterfactual.push({ date: start.date, value: level });
    for (const d of e.ar) {
      if (d.expected === null) break;
      level *= 1 + d.expected;
      counterfactual.push({ date: d.date, value: level });
    }
  }
  return pricePathChart({
    title: opts.title ?? `${shortName(e.name)}: close price around ${e.day0}`,
    subtitle: `${e.symbol}, ${e.model} model vs ${e.market ?? 'no benchmark'}; dashed: expected path without the abnormal return`,
    symbol: e.symbol,
    currency: opts.currency,
    prices: shown,
    counterfactual: counterfactual.length > 1 ? counterfactual : undefined,
    events: [{ date: e.day0, label: `day 0 (${e.day0})` }],
    eventWindow: first && last ? { from: first, to: last } : undefined,
  });
}

/**
 * One y-range for small multiples of one quantity: [min, max] over the finite values (zero
 * included, so bars keep their base), widened by `pad` of the span on each side for markers.
 * @example sharedYDomain([-0.05, 0.02]) // [-0.0556, 0.0256]
 */
export function sharedYDomain(values: Iterable<number | null | undefined>, pad = 0.08): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (hi === lo) return [lo - 0.01, hi + 0.01];
  const span = hi - lo;
  return [lo - pad * span, hi + pad * span];
}

/**
 * The y-range shared by the daily-AR charts of several events (eventArBars small multiples): every
 * AR and every ±1.96·S_t band edge of every event fits.
 */
export function arBarsDomain(events: readonly EventResult[]): [number, number] {
  return sharedYDomain(events.flatMap((e) => e.ar.flatMap((d) => [d.ar, d.sd === null ? null : Z975 * d.sd, d.sd === null ? null : -Z975 * d.sd])));
}

/**
 * Daily abnormal returns of one event with the ±1.96·S_t band and limit days marked. Charts of
 * several events shown side by side should share `yDomain` (arBarsDomain), so equal bars look equal.
 */
export function eventArBars(e: EventResult, title?: string, opts: { yDomain?: [number, number] } = {}): VegaLiteSpec {
  return abnormalReturnBars({
    ...(opts.yDomain ? { yDomain: opts.yDomain } : {}),
    title: title ?? `${eventLabel(e)}: daily abnormal returns`,
    subtitle: `${e.model} model vs ${e.market ?? '–'}, estimation ${e.estimation.from}..${e.estimation.to} (M = ${e.M}); band ±1.96·S`,
    rows: e.ar.map((d) => ({
      date: d.date,
      rel: d.rel,
      ar: d.ar,
      band: d.sd === null ? 0 : Z975 * d.sd,
      limitUp: d.limitUp,
      limitDown: d.limitDown,
      missing: d.ar === null,
    })),
  });
}

/**
 * CAR path over the event window with a 95% band. The band uses Var(CAR) ≈ Σ S_t² over the days
 * so far (the diagonal of the prediction-error covariance; the off-diagonal estimation-error terms
 * are of order 1/M and are included in the CAR table's SE, not here).
 */
export function eventCarPath(e: EventResult, title?: string): VegaLiteSpec {
  let car = 0;
  let variance = 0;
  const rows: { rel: number; car: number; lower: number; upper: number }[] = [];
  for (const d of e.ar) {
    if (d.ar === null || d.sd === null) continue;
    car += d.ar;
    variance += d.sd * d.sd;
    const half = Z975 * Math.sqrt(variance);
    rows.push({ rel: d.rel, car, lower: car - half, upper: car + half });
  }
  return carPath({ title: title ?? `${eventLabel(e)}: cumulative abnormal return`, subtitle: 'CAR from the first day of the event window; band: 95%', rows });
}

/**
 * One faint CAR line per event and the CAAR across the panel, with a 95% band from the
 * cross-sectional spread of the events' CARs through each day: CAAR ± 1.96 · sd(CAR_i) / √N
 * (no band with fewer than two events).
 */
export function panelCaarChart(result: StudyResult, title: string): VegaLiteSpec {
  const perEvent: { id: string; rel: number; car: number }[] = [];
  const byRel = new Map<number, number[]>();
  for (const e of result.events) {
    let car = 0;
    for (const d of e.ar) {
      if (d.ar === null) continue;
      car += d.ar;
      perEvent.push({ id: `${e.id}`, rel: d.rel, car });
      byRel.set(d.rel, [...(byRel.get(d.rel) ?? []), car]);
    }
  }
  const caar = result.daily.map((d) => {
    const cars = byRel.get(d.rel) ?? [];
    if (cars.length < 2) return { rel: d.rel, caar: d.caar };
    const m = cars.reduce((a, b) => a + b, 0) / cars.length;
    const sd = Math.sqrt(cars.reduce((a, b) => a + (b - m) ** 2, 0) / (cars.length - 1));
    const half = Z975 * (sd / Math.sqrt(cars.length));
    return { rel: d.rel, caar: d.caar, lower: d.caar - half, upper: d.caar + half };
  });
  return caarPanel({ title, subtitle: `N = ${result.events.length} events; thin lines: each event's CAR, thick: CAAR with its 95% band (cross-sectional)`, perEvent, caar });
}

/**
 * Two-sided 5% critical value of a test's statistic: from the test's own null distribution when
 * it carries one (the bootstrap's `critical`), else from its reference distribution (t with its
 * df, otherwise the standard normal).
 */
export function criticalValue(t: TestResult): number {
  if (t.critical !== undefined && Number.isFinite(t.critical) && t.critical > 0) return t.critical;
  if (t.distribution === 't' && t.df !== null && t.df > 0) return studentTQuantile(0.975, t.df);
  return Z975;
}

/**
 * The test battery of one CAR window as a dot plot: every test the study text counts in
 * "k of N tests reject" (countedTests: a p-value, and not marked uncountable), the bootstrap
 * against its own resampled critical value. Null when no test counts.
 */
export function batteryChart(result: StudyResult, window: string, title?: string): VegaLiteSpec | null {
  const row = result.aggregate.find((a) => a.window === window);
  if (!row) return null;
  const excluded = Object.values(row.tests).filter((t) => t.p !== null && t.countable === false);
  const rows = countedTests(row.tests)
    .map((t) => ({
      // Short labels keep the row axis readable at 800 px; the table beside the chart has the full names.
      label: t.label.replace('Kolari–Pynnönen', 'K–P').replace('Corrado–Zivney', 'C–Z'),
      stat: t.stat,
      distribution: t.distribution as TestDistribution,
      df: t.df,
      critical: criticalValue(t),
      p: t.p,
    }));
  if (rows.length === 0) return null;
  const left = excluded.length === 0 ? '' : `; not shown or counted: ${excluded.map((t) => t.label).join(', ')} (see the table)`;
  return testBattery({ title: title ?? `Tests of CAAR${window}`, subtitle: `N = ${row.N} events, ${rows.length} tests; grey: ±5% critical values; dots coloured when p < 0.05${left}`, rows });
}
