/**
 * runEventStudy end to end: synthetic series with a naive OLS twin written here, the identities
 * of issue 4, a panel where one security has several events, skips with reasons, and real data.
 */
import { describe, expect, it } from 'vitest';
import { DAYS, XNYS, seriesFromReturns } from './helpers/series.ts';
import { runEventStudy } from '../src/study/run.ts';
import { createRng, randomNormal } from '../src/stats/random.ts';
import { studentTTwoSidedP } from '../src/stats/distributions.ts';
import type { PriceSeries } from '../src/types.ts';
import { parseFactorCsv } from '../src/study/factors.ts';
import { InputError } from '../src/errors.ts';




/** Seeded market and stock returns: R = a + b Rm + e, with a shock on one date. */
function synthetic(seed: number, opts: { alpha: number; beta: number; shockDate?: string; shock?: number }) {
  const rng = createRng(seed);
  const n = DAYS.length - 1;
  const rm: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < n; i++) {
    const m = 0.0004 + 0.01 * randomNormal(rng);
    rm.push(m);
    const date = DAYS[i + 1];
    r.push(opts.alpha + opts.beta * m + 0.015 * randomNormal(rng) + (date === opts.shockDate ? (opts.shock ?? 0) : 0));
  }
  return { rm, r };
}

/** Naive OLS market model on plain arrays, written independently of src/models. */
function naiveMarketModel(r: number[], rm: number[], est: [number, number], evt: [number, number]) {
  const ys = r.slice(est[0], est[1]);
  const xs = rm.slice(est[0], est[1]);
  const M = ys.length;
  const mx = xs.reduce((a, b) => a + b, 0) / M;
  const my = ys.reduce((a, b) => a + b, 0) / M;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < M; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  const beta = sxy / sxx;
  const alpha = my - beta * mx;
  let sse = 0;
  for (let i = 0; i < M; i++) sse += (ys[i] - alpha - beta * xs[i]) ** 2;
  const s2 = sse / (M - 2);
  const ar: number[] = [];
  const evtRm: number[] = [];
  for (let i = evt[0]; i < evt[1]; i++) {
    ar.push(r[i] - alpha - beta * rm[i]);
    evtRm.push(rm[i]);
  }
  const carStats = (from: number, to: number) => {
    const L = to - from + 1;
    let car = 0;
    let dev = 0;
    for (let j = from; j <= to; j++) {
      car += ar[j];
      dev += evtRm[j] - mx;
    }
    const variance = s2 * (L + (L * L) / M + (dev * dev) / sxx);
    const t = car / Math.sqrt(variance);
    return { car, t, p: studentTTwoSidedP(t, M - 2) };
  };
  return { alpha, beta, s2, M, ar, carStats };
}

describe('runEventStudy on synthetic series (naive twin)', () => {
  const shockDate = '2025-03-12';
  const { rm, r } = synthetic(7, { alpha: 0.0003, beta: 1.3, shockDate, shock: -0.08 });
  const market = seriesFromReturns('MKT', rm);
  const stock = seriesFromReturns('STK', r);
  const loadSeries = (s: string): PriceSeries => {
    if (s === 'MKT') return market;
    if (s === 'STK') return stock;
    throw new InputError(`unknown symbol '${s}'`);
  };

  it('alpha, beta, ARs and CAR statistics equal a naive OLS on plain arrays to 1e-10', async () => {
    const res = await runEventStudy({ events: [{ symbol: 'STK', date: shockDate }], benchmark: 'MKT', loadSeries, bootstrap: false });
    const e = res.events[0];
    expect(e.day0).toBe(shockDate);
    // Return index k is the return on DAYS[k + 1].
    const k0 = DAYS.indexOf(shockDate) - 1;
    const naive = naiveMarketModel(r, rm, [k0 - 250, k0 - 10], [k0 - 5, k0 + 6]);
    expect(e.M).toBe(240);
    expect(e.alpha).toBeCloseTo(naive.alpha, 10);
    expect(e.beta!).toBeCloseTo(naive.beta, 10);
    expect(e.sigma).toBeCloseTo(Math.sqrt(naive.s2), 10);
    e.ar.forEach((d, j) => expect(d.ar!).toBeCloseTo(naive.ar[j], 10));
    for (const c of e.car) {
      const n = naive.carStats(c.from + 5, c.to + 5);
      expect(c.car).toBeCloseTo(n.car, 10);
      expect(c.t).toBeCloseTo(n.t, 8);
      expect(c.p).toBeCloseTo(n.p, 8);
      // Identity: Σ AR over the window equals CAR.
      const sum = e.ar.filter((d) => d.rel >= c.from && d.rel <= c.to).reduce((a, d) => a + d.ar!, 0);
      expect(c.car).toBeCloseTo(sum, 12);
    }
    // The -8% shock is found: day-0 AR near -8%, strongly significant.
    const d0 = e.car.find((c) => c.window === '[0,0]')!;
    expect(d0.car).toBeLessThan(-0.05);
    expect(Math.abs(d0.t)).toBeGreaterThan(3);
  });

  it('BHAR equals CAR to first order for small returns', async () => {
    const small = seriesFromReturns('SMALL', r.map((x) => x / 50));
    const mkt = seriesFromReturns('M2', rm.map((x) => x / 50));
    const res = await runEventStudy({ events: [{ symbol: 'SMALL', date: shockDate }], benchmark: 'M2', loadSeries: (s) => (s === 'SMALL' ? small : mkt), bootstrap: false });
    for (const c of res.events[0].car) expect(Math.abs(c.bhar - c.car)).toBeLessThan(1e-4 * Math.max(1, Math.abs(c.car) * 100));
  });

  it('shifting the benchmark returns by a constant changes alpha, not beta', async () => {
    const shifted = seriesFromReturns('MKT+', rm.map((x) => x + 0.001));
    const a = await runEventStudy({ events: [{ symbol: 'STK', date: shockDate }], benchmark: 'MKT', loadSeries, bootstrap: false });
    const b = await runEventStudy({ events: [{ symbol: 'STK', date: shockDate }], benchmark: 'MKT+', loadSeries: (s) => (s === 'MKT+' ? shifted : loadSeries(s)), bootstrap: false });
    expect(b.events[0].beta!).toBeCloseTo(a.events[0].beta!, 9);
    expect(b.events[0].alpha).toBeCloseTo(a.events[0].alpha - 0.001 * a.events[0].beta!, 9);
    b.events[0].ar.forEach((d, j) => expect(d.ar!).toBeCloseTo(a.events[0].ar[j].ar!, 9));
  });

  it('a factor model with the market as its only factor equals the market model', async () => {
    const csv = ['date,MKT', ...DAYS.slice(1, rm.length + 1).map((d, i) => `${d},${rm[i]}`)].join('\n');
    const factors = parseFactorCsv(csv, 'market-only.csv');
    const a = await runEventStudy({ events: [{ symbol: 'STK', date: shockDate }], benchmark: 'MKT', loadSeries, bootstrap: false });
    const f = await runEventStudy({ events: [{ symbol: 'STK', date: shockDate }], model: 'factor', factors, loadSeries, bootstrap: false });
    expect(f.events[0].alpha).toBeCloseTo(a.events[0].alpha, 10);
    expect(f.events[0].betas[0]).toBeCloseTo(a.events[0].beta!, 10);
    f.events[0].car.forEach((c, i) => {
      expect(c.car).toBeCloseTo(a.events[0].car[i].car, 10);
      expect(c.t).toBeCloseTo(a.events[0].car[i].t, 8);
    });
  });

  it('one security, several events: each keyed by its own id, N counts events, not symbols', async () => {
    const dates = ['2025-03-12', '2025-06-10', '2025-09-16'];
    const res = await runEventStudy({ events: dates.map((date) => ({ symbol: 'STK', date })), benchmark: 'MKT', loadSeries, bootstrap: false });
    expect(res.events.map((e) => e.id)).toEqual(dates.map((d) => `STK@${d}`));
    expect(res.aggregate.every((a) => a.N === 3)).toBe(true);
    // Each event's numbers are its own: the naive twin per date.
    for (const e of res.events) {
      const k0 = DAYS.indexOf(e.day0) - 1;
      const naive = naiveMarketModel(r, rm, [k0 - 250, k0 - 10], [k0 - 5, k0 + 6]);
      expect(e.car.find((c) => c.window === '[0,0]')!.car).toBeCloseTo(naive.ar[5], 10);
    }
    // CAAR is the mean over the three events.
    const caar0 = res.aggregate.find((a) => a.window === '[0,0]')!.caar;
    expect(caar0).toBeCloseTo(res.events.reduce((s, e) => s + e.car.find((c) => c.window === '[0,0]')!.car, 0) / 3, 12);
    // A later event's estimation window [-250,-11] contains every earlier day 0 of the same security within a year.
    expect(res.events[1].flags.estimationOverlaps).toEqual(['STK@2025-03-12']);
    expect(res.events[2].flags.estimationOverlaps).toEqual(['STK@2025-03-12', 'STK@2025-06-10']);
    // Same date twice: ids get a suffix, nothing is merged.
    const twice = await runEventStudy({ events: [{ symbol: 'STK', date: shockDate }, { symbol: 'STK', date: shockDate }], benchmark: 'MKT', loadSeries, bootstrap: false });
    expect(twice.events.map((e) => e.id)).toEqual([`STK@${shockDate}`, `STK@${shockDate}#2`]);
  });

  it('a weekend or holiday announcement moves day 0 and both windows with it', async () => {
    const res = await runEventStudy({ events: [{ symbol: 'STK', date: '2025-01-20' }, { symbol: 'STK', date: '2025-03-15' }], benchmark: 'MKT', loadSeries, bootstrap: false });
    expect(res.events.map((e) => e.day0)).toEqual(['2025-01-21', '2025-03-17']);
    expect(res.events[0].day0Reason).toMatch(/holiday/);
    const prev = await runEventStudy({ events: [{ symbol: 'STK', date: '2025-03-15' }], benchmark: 'MKT', loadSeries, bootstrap: false, day0Rule: 'previous' });
    expect(prev.events[0].day0).toBe('2025-03-14');
    const after = await runEventStudy({ events: [{ symbol: 'STK', date: '2025-03-12', time: '16:30', timeZone: 'America/New_York' }], benchmark: 'MKT', loadSeries, bootstrap: false });
    expect(after.events[0].day0).toBe('2025-03-13');
    expect(after.events[0].estimation.to).toBe(XNYS.days[XNYS.days.indexOf('2025-03-13') - 11]);
  });

  it('never drops an event silently: skips carry the reason; bad options are clear errors', async () => {
    const res = await runEventStudy({
      events: [
        { symbol: 'STK', date: '2024-03-01' }, // too early: no 250-day history
        { symbol: 'STK', date: '2030-01-02' }, // outside the data
        { symbol: 'STK', date: shockDate, benchmark: 'NOPE' }, // unknown benchmark
        { symbol: 'STK', date: shockDate },
      ],
      benchmark: 'MKT',
      loadSeries: (s) => { if (s === 'NOPE') throw new InputError(`unknown symbol '${s}'`); return loadSeries(s); },
      bootstrap: false,
    });
    expect(res.events).toHaveLength(1);
    expect(res.skipped.map((s) => s.id)).toEqual(['STK@2024-03-01', 'STK@2030-01-02', `STK@${shockDate}`]);
    expect(res.skipped[0].reason).toMatch(/too few estimation returns|outside/);
    expect(res.skipped[1].reason).toMatch(/outside/);
    expect(res.skipped[2].reason).toMatch(/NOPE/);
    await expect(runEventStudy({ events: [{ symbol: 'STK', date: shockDate }], benchmark: 'MKT', loadSeries, estimationWindow: [-250, -3] })).rejects.toThrow(/overlap/);
    await expect(runEventStudy({ events: [], benchmark: 'MKT', loadSeries })).rejects.toThrow(/no events/);
    // A constant benchmark has no variance: a clear skip, never NaN.
    const flat = seriesFromReturns('FLAT', rm.map(() => 0));
    const c = await runEventStudy({ events: [{ symbol: 'STK', date: shockDate }], benchmark: 'FLAT', loadSeries: (s) => (s === 'FLAT' ? flat : loadSeries(s)), bootstrap: false });
    expect(c.events).toHaveLength(0);
    expect(c.skipped[0].reason).toMatch(/variance|constant/i);
    expect(JSON.stringify(c)).not.toMatch(/NaN/);
  });
});

describe('runEventStudy on the bundled snapshot', () => {
  it('NVDA vs SPY on 2025-01-27: day-0 AR below -10% with |t| > 4', async () => {
    const res = await runEventStudy({ events: [{ symbol: 'NVDA', date: '2025-01-27' }], benchmark: 'SPY', bootstrap: false });
    const e = res.events[0];
    const d0 = e.ar.find((d) => d.rel === 0)!;
    // Independent: the day's return from the two adjusted closes, and the AR from the fitted line.
    expect(d0.ret).toBeCloseTo(118.38121032714844 / 142.5732879638672 - 1, 12);
    expect(d0.ar!).toBeCloseTo(d0.ret! - (e.alpha + e.beta! * d0.marketRet!), 12);
    expect(d0.ar!).toBeLessThan(-0.1);
    const c0 = e.car.find((c) => c.window === '[0,0]')!;
    expect(Math.abs(c0.t)).toBeGreaterThan(4);
    expect(e.M).toBe(240);
  });

  it('Hygon around its 2025 suspension: the return bridging the gap is not a daily return', async () => {
    const res = await runEventStudy({ events: [{ symbol: '688041.SS', date: '2025-08-22' }], benchmark: '000688.SS', bootstrap: false });
    // 10 suspended sessions + the first return after them = 11 estimation days without a return.
    expect(res.events[0].flags.droppedEstimationDays).toBe(11);
    expect(res.events[0].M).toBe(229);
  });

  it('an A-share event in the Spring Festival closure maps to the first session after it', async () => {
    const res = await runEventStudy({ events: [{ symbol: '688256.SS', date: '2025-01-29', timeZone: 'Asia/Shanghai' }], benchmark: '000688.SS', bootstrap: false });
    expect(res.events[0].day0).toBe('2025-02-05');
  });
});
