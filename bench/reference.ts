/**
 * The straightforward version the library is compared with: what an analyst would write with
 * plain objects and simple-statistics, with no attention to memory layout. One array of
 * { date, r, rm } objects per event, one simple-statistics call per quantity, per-event result
 * objects. Same numbers as the numpy anchor (market model, AR, SAR, CAR[-1,+1] with its exact
 * variance, and per event day + CAR: cross-sectional t, Patell Z, BMP t, generalized sign Z,
 * Corrado rank Z); test/bench-reference.test.ts checks them against the library to 1e-8.
 * Idiomatic, not deliberately slowed: each statistic is computed once and reused.
 */
import { linearRegression, mean, sampleStandardDeviation, sum } from 'simple-statistics';
import { DAYS, ESTIMATION_DAYS, type SyntheticPanel } from './synthetic.ts';

/** One trading day of one event, in event time. */
export interface DayRow {
  /** Relative day (day 0 = event day). */
  date: number;
  r: number;
  rm: number;
}

/** One event's fitted market model and event-window numbers. */
export interface ReferenceEvent {
  alpha: number;
  beta: number;
  s2: number;
  ar: number[];
  sar: number[];
  car: number;
  carVariance: number;
  scar: number;
  /** Share of positive estimation residuals (generalized sign). */
  positiveShare: number;
  /** Corrado–Zivney standardized ranks rank/(n + 1) - 1/2 over all 261 days. */
  u: number[];
}

/** The five anchor statistics for one day or window. */
export interface ReferenceTests {
  crossSectionalT: number;
  patellZ: number;
  bmpT: number;
  generalizedSignZ: number;
  corradoZ: number;
}

export interface ReferenceOutput {
  events: ReferenceEvent[];
  /** Per event day (-5..+5). */
  days: ReferenceTests[];
  /** CAR window. */
  car: ReferenceTests;
}

/** The panel as arrays of day objects (the layout the straightforward version starts from). */
export function toDayRows(panel: SyntheticPanel): DayRow[][] {
  const events: DayRow[][] = [];
  for (let i = 0; i < panel.n; i++) {
    const rows: DayRow[] = [];
    for (let d = 0; d < panel.t; d++) {
      rows.push({ date: d - ESTIMATION_DAYS - 5, r: panel.r[i * panel.t + d], rm: panel.rm[i * panel.t + d] });
    }
    events.push(rows);
  }
  return events;
}

/** Average ranks (ties share the mean position), by sorting {value, index} objects. */
function ranksOf(values: number[]): number[] {
  const sorted = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1].value === sorted[i].value) j++;
    for (let k = i; k <= j; k++) ranks[sorted[k].index] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}

/** Market model, ARs, SARs, CAR and ranks of one event. `carWindow` = positions in the event window. */
export function referenceEvent(rows: DayRow[], carWindow: [number, number]): ReferenceEvent {
  const estimation = rows.slice(0, ESTIMATION_DAYS);
  const eventRows = rows.slice(ESTIMATION_DAYS);
  const M = estimation.length;
  const { m: beta, b: alpha } = linearRegression(estimation.map((d) => [d.rm, d.r]));
  const residuals = estimation.map((d) => d.r - alpha - beta * d.rm);
  const s2 = sum(residuals.map((e) => e * e)) / (M - 2);
  const rmMean = mean(estimation.map((d) => d.rm));
  const sxx = sum(estimation.map((d) => (d.rm - rmMean) ** 2));
  const ar = eventRows.map((d) => d.r - alpha - beta * d.rm);
  const sar = eventRows.map((d, k) => ar[k] / Math.sqrt(s2 * (1 + 1 / M + (d.rm - rmMean) ** 2 / sxx)));
  const inWindow = (k: number): boolean => k >= carWindow[0] && k <= carWindow[1];
  const L2 = carWindow[1] - carWindow[0] + 1;
  const car = sum(ar.filter((_, k) => inWindow(k)));
  const sumDev = sum(eventRows.filter((_, k) => inWindow(k)).map((d) => d.rm - rmMean));
  const carVariance = s2 * (L2 + (L2 * L2) / M + (sumDev * sumDev) / sxx);
  const ranks = ranksOf([...residuals, ...ar]);
  return {
    alpha,
    beta,
    s2,
    ar,
    sar,
    car,
    carVariance,
    scar: car / Math.sqrt(carVariance),
    positiveShare: residuals.filter((e) => e > 0).length / M,
    u: ranks.map((r) => r / (ranks.length + 1) - 0.5),
  };
}

/** The five tests on per-event values x (AR or CAR) and standardized values z (SAR or SCAR). */
function tests(events: ReferenceEvent[], x: number[], z: number[], corradoZ: number): ReferenceTests {
  const N = events.length;
  const df = ESTIMATION_DAYS - 2;
  const pHat = mean(events.map((e) => e.positiveShare));
  const positives = x.filter((v) => v > 0).length;
  return {
    crossSectionalT: mean(x) / (sampleStandardDeviation(x) / Math.sqrt(N)),
    patellZ: sum(z) / Math.sqrt(N * (df / (df - 2))),
    bmpT: mean(z) / (sampleStandardDeviation(z) / Math.sqrt(N)),
    generalizedSignZ: (positives - N * pHat) / Math.sqrt(N * pHat * (1 - pHat)),
    corradoZ,
  };
}

/**
 * The whole straightforward event study on day-object rows: per-event fits, then the five
 * tests for each event day and for `carWindow` (positions in the event window, inclusive).
 */
export function referenceEventStudy(rows: DayRow[][], carWindow: [number, number] = [4, 6]): ReferenceOutput {
  const events = rows.map((r) => referenceEvent(r, carWindow));
  // Corrado: mean standardized rank per day over events, its RMS over all days.
  const meanU = Array.from({ length: DAYS }, (_, t) => mean(events.map((e) => e.u[t])));
  const sU = Math.sqrt(mean(meanU.map((u) => u * u)));
  const eventDays = DAYS - ESTIMATION_DAYS;
  const days = Array.from({ length: eventDays }, (_, k) =>
    tests(
      events,
      events.map((e) => e.ar[k]),
      events.map((e) => e.sar[k]),
      meanU[ESTIMATION_DAYS + k] / sU,
    ),
  );
  const windowU = sum(meanU.slice(ESTIMATION_DAYS + carWindow[0], ESTIMATION_DAYS + carWindow[1] + 1));
  const L2 = carWindow[1] - carWindow[0] + 1;
  const car = tests(
    events,
    events.map((e) => e.car),
    events.map((e) => e.scar),
    windowU / (Math.sqrt(L2) * sU),
  );
  return { events, days, car };
}
