/**
 * The claim checker's abnormal return of a day or a stretch of sessions, through the study engine
 * (src/study/engine.ts): the market model fitted on the estimation window relative to the first
 * session of the range, with the engine's rules (one-session returns on the security's calendar;
 * a benchmark return spanning several of its sessions dropped; windows inside the calendar).
 */
import { InputError } from '../errors.ts';
import type { PriceSeries, RelWindow } from '../types.ts';
import { createEngine, computeEventAt, type EventWork } from '../study/engine.ts';
import { pairGrid, planWindows, seriesGrid } from '../study/grid.ts';
import { modelSpec } from '../models/index.ts';
import type { DayAbnormalReturn } from './types.ts';

/** The reading of one range: the last day's AR with its t and p, and the CAR over the whole range. */
export interface ModelReading {
  day: DayAbnormalReturn;
  /** Statistics over the whole event range [startK, endK]. */
  car: number;
  carT: number;
  carP: number;
}

/** Checks a claim's estimation window: whole sessions, ending before the first day, long enough. */
export function checkClaimEstimation(w: RelWindow, minDays: number): RelWindow {
  if (!Array.isArray(w) || w.length !== 2 || !Number.isInteger(w[0]) || !Number.isInteger(w[1])) {
    throw new InputError(`estimation window ${JSON.stringify(w)} must be two whole numbers of sessions, e.g. -250:-11`);
  }
  if (w[0] > w[1]) throw new InputError(`estimation window [${w[0]}, ${w[1]}] starts after it ends`);
  if (w[1] >= 0) throw new InputError(`estimation window [${w[0]}, ${w[1]}] must end before the day measured (e.g. -250:-11)`);
  if (w[1] - w[0] + 1 < minDays) throw new InputError(`estimation window [${w[0]}, ${w[1]}] has ${w[1] - w[0] + 1} sessions, fewer than the ${minDays} valid returns needed`);
  return [w[0], w[1]];
}

/**
 * A function giving the market-model reading of an event range [startK, endK] (calendar indices
 * of the security's calendar, built from its own data days) with `estimation` relative to startK,
 * or a note saying why there is none.
 */
export function claimModelSampler(series: PriceSeries, bench: PriceSeries, estimation: RelWindow, minDays: number): (startK: number, endK: number) => ModelReading | string {
  const security = seriesGrid(series, { offCalendar: 'drop' });
  const benchmark = seriesGrid(bench, { offCalendar: 'drop' });
  const spec = modelSpec('market');
  const pair = pairGrid(0, security, benchmark, spec, {});
  return (startK, endK) => {
    const L = endK - startK + 1;
    const last = L - 1;
    const plan = planWindows(estimation, [0, last], L === 1 ? [[0, 0]] : [[0, last], [last, last]], 0);
    const engine = createEngine({
      model: 'market',
      modelOptions: {},
      plan,
      minM: minDays,
      day0Rule: 'next',
      loadSeries: () => {
        throw new InputError('the claim checker loads no series here');
      },
    });
    const cal = security.calendar;
    const out: EventWork | { reason: string } = computeEventAt(engine, pair, { symbol: series.info.symbol, date: cal.days[startK] }, series.info.symbol, startK, '');
    if ('reason' in out) {
      const m = /too few estimation returns: M=(\d+)/.exec(out.reason);
      if (m) return `only ${m[1]} valid estimation days in [${estimation[0]}, ${estimation[1]}] (need ${minDays})`;
      if (out.reason.startsWith('no valid returns in CAR window')) return 'no security or benchmark return that day';
      return out.reason;
    }
    const { fit, car } = out;
    if (!Number.isFinite(fit.ar[last])) return 'no security or benchmark return that day';
    const day: DayAbnormalReturn = {
      ar: fit.ar[last],
      expected: fit.expected[last],
      alpha: fit.alpha,
      beta: fit.betas[0],
      M: fit.M,
      t: fit.ar[last] / Math.sqrt(fit.predictionVariance[last]),
      df: fit.df,
      p: car[L === 1 ? 0 : 1].p,
    };
    return { day, car: car[0].car, carT: car[0].t, carP: car[0].p };
  };
}
