/**
 * The measures of the one engine (src/study/measures.ts): abnormal log volume (mean-adjusted and
 * Campbell–Wasley market model, shares or turnover), abnormal volatility AR²/s² − 1, each checked
 * against a computation by hand from the price files or from naive twins; days without trading
 * and limit-locked days flagged, never zero volume.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEventStudy } from '../src/study/run.ts';
import { buildCalendar } from '../src/calendar/index.ts';
import { studentTTwoSidedP } from '../src/stats/distributions.ts';
import type { PriceRow, PriceSeries } from '../src/types.ts';
import { run, expectOneLineError } from './helpers/cli.ts';
import { DAYS, info, seriesFromReturns } from './helpers/series.ts';
import { mulberry32, normals } from './helpers/rng.ts';

const ROOT = join(import.meta.dirname, '..');

/** The rows of a snapshot price file, read as text (independent of the data store). */
function csvRows(symbol: string): Record<string, string>[] {
  const lines = readFileSync(join(ROOT, 'data/prices', `${symbol}.csv`), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  return lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, j) => [header[j], v])));
}

const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
const sampleVar = (xs: number[]) => {
  const m = mean(xs);
  return xs.reduce((s, v) => s + (v - m) ** 2, 0) / (xs.length - 1);
};
/** Naive OLS y = a + b x. */
function ols(y: number[], x: number[]) {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < y.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  const b = sxy / sxx;
  const a = my - b * mx;
  const e = y.map((v, i) => v - a - b * x[i]);
  return { a, b, e, s2: e.reduce((s, v) => s + v * v, 0) / (y.length - 2), mx, sxx };
}
function pearson(x: number[], y: number[]) {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('abnormal log volume', () => {
  it('done-when: impact event NVDA --market SPY --date 2025-01-27 --measure volume --json reports ln(1+V₀) − mean over the estimation window of ln(1+V_t)', async () => {
    const r = await run('event', 'NVDA', '--market', 'SPY', '--date', '2025-01-27', '--measure', 'volume', '--json', '--bootstrap', '0');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.parameters.measure).toBe('volume');
    expect(json.parameters.model).toBe('mean-adjusted');
    const e = json.events[0];
    const day0 = e.ar.find((d: { rel: number }) => d.rel === 0);
    // By hand from data/prices/NVDA.csv: day 0 is the row of 2025-01-27; the estimation window
    // [−250, −11] is the 240 rows from 250 to 11 rows before it (NVDA trades every XNAS session).
    const rows = csvRows('NVDA');
    const i0 = rows.findIndex((x) => x.date === '2025-01-27');
    const logV = (i: number) => Math.log(1 + Number(rows[i].volume));
    const est: number[] = [];
    for (let i = i0 - 250; i <= i0 - 11; i++) est.push(logV(i));
    expect(est).toHaveLength(240);
    expect(e.estimation).toEqual({ from: rows[i0 - 250].date, to: rows[i0 - 11].date });
    const expected = logV(i0) - mean(est);
    expect(day0.date).toBe('2025-01-27');
    expect(day0.ret).toBeCloseTo(logV(i0), 12);
    expect(day0.expected).toBeCloseTo(mean(est), 12);
    expect(day0.ar).toBeCloseTo(expected, 12);
    // The volume that day was about 2.4 times its usual level.
    expect(expected).toBeGreaterThan(0.8);
    expect(expected).toBeLessThan(1);
    // Its test: the mean-adjusted prediction variance s²(1 + 1/M), df M − 1.
    const s2 = sampleVar(est);
    const c0 = e.car.find((c: { window: string }) => c.window === '[0,0]');
    expect(c0.se).toBeCloseTo(Math.sqrt(s2 * (1 + 1 / 240)), 12);
    expect(c0.t).toBeCloseTo(expected / Math.sqrt(s2 * (1 + 1 / 240)), 10);
    expect(c0.df).toBe(239);
    expect(c0.p).toBeCloseTo(studentTTwoSidedP(c0.t, 239), 12);
    expect(c0.bhar).toBeNull(); // no buy-and-hold abnormal "return" of a volume
    expect(e.flags.noTradeDays).toEqual([]);
  });

  it('market model on the benchmark log volume (Campbell & Wasley 1996) equals a naive OLS of ln(1+V) on ln(1+V_SPY)', async () => {
    const res = await runEventStudy({ events: [{ symbol: 'NVDA', date: '2025-01-27' }], benchmark: 'SPY', measure: 'volume', model: 'market', bootstrap: false });
    const e = res.events[0];
    const nv = csvRows('NVDA');
    const spyByDate = new Map(csvRows('SPY').map((x) => [x.date, Math.log(1 + Number(x.volume))]));
    const i0 = nv.findIndex((x) => x.date === '2025-01-27');
    const y: number[] = [];
    const x: number[] = [];
    for (let i = i0 - 250; i <= i0 - 11; i++) {
      y.push(Math.log(1 + Number(nv[i].volume)));
      x.push(spyByDate.get(nv[i].date)!);
    }
    const fit = ols(y, x);
    expect(e.alpha).toBeCloseTo(fit.a, 9);
    expect(e.beta).toBeCloseTo(fit.b, 10);
    const d0 = e.ar.find((d) => d.rel === 0)!;
    const x0 = spyByDate.get('2025-01-27')!;
    expect(d0.marketRet).toBeCloseTo(x0, 12);
    expect(d0.ar).toBeCloseTo(Math.log(1 + Number(nv[i0].volume)) - fit.a - fit.b * x0, 10);
    expect(d0.sd).toBeCloseTo(Math.sqrt(fit.s2 * (1 + 1 / 240 + (x0 - fit.mx) ** 2 / fit.sxx)), 10);
  });

  it('the cumulative abnormal log volume goes through the same battery; r̄ is the correlation of log-volume residuals', async () => {
    const symbols = ['NVDA', 'AMD', 'AVGO'];
    const res = await runEventStudy({ events: symbols.map((symbol) => ({ symbol, date: '2025-01-27' })), benchmark: 'SPY', measure: 'volume', bootstrap: false });
    const a = res.aggregate.find((w) => w.window === '[0,0]')!;
    const cars = res.events.map((e) => e.car.find((c) => c.window === '[0,0]')!.car);
    expect(a.caar).toBeCloseTo(mean(cars), 12);
    const t = mean(cars) / Math.sqrt(sampleVar(cars) / 3);
    expect(a.tests.crossSectionalT.stat).toBeCloseTo(t, 10);
    expect(Object.keys(a.tests)).toContain('wilcoxon');
    // r̄ by hand: all three share the estimation dates; residual = ln(1+V) − its mean.
    const series = symbols.map((s) => {
      const rows = csvRows(s);
      const i0 = rows.findIndex((x) => x.date === '2025-01-27');
      const v: number[] = [];
      for (let i = i0 - 250; i <= i0 - 11; i++) v.push(Math.log(1 + Number(rows[i].volume)));
      const m = mean(v);
      return v.map((z) => z - m);
    });
    const rbar = (pearson(series[0], series[1]) + pearson(series[0], series[2]) + pearson(series[1], series[2])) / 3;
    expect(res.rbar).toBeCloseTo(rbar, 10);
  });

  it('a suspension is flagged, not a zero volume: Hygon (688041.SS), suspended 2025-05-26..06-09', async () => {
    const res = await runEventStudy({ events: [{ symbol: '688041.SS', date: '2025-06-10' }], measure: 'volume', bootstrap: false, eventWindow: [-5, 5], carWindows: [[0, 0], [-5, 5]] });
    const e = res.events[0];
    expect(e.day0).toBe('2025-06-10');
    const suspended = e.ar.filter((d) => d.rel < 0).map((d) => d.date);
    expect(e.flags.noTradeDays).toEqual(suspended);
    expect(e.flags.missingDays).toEqual(suspended);
    for (const d of e.ar.filter((x) => x.rel < 0)) {
      expect(d.ret).toBeNull();
      expect(d.ar).toBeNull();
    }
    // The window's cumulative abnormal volume counts only the traded days.
    expect(e.car.find((c) => c.window === '[-5,+5]')!.days).toBe(6);
  });

  it('a zero volume is no trade, and an A-share session at the limit with high = low is flagged limit-locked (volume kept)', async () => {
    const cal = buildCalendar('XSHG').days.filter((d) => d >= '2024-01-02' && d <= '2025-06-30');
    const rand = mulberry32(7);
    const rets = normals(rand, 300, 0.02);
    let close = 50;
    const rows: PriceRow[] = [];
    for (let i = 0; i < 301; i++) {
      const date = cal[i];
      let r = i === 0 ? 0 : rets[i - 1];
      if (i === 280) r = 0.2; // a STAR board limit-up (+20%)
      const prev = close;
      close = i === 280 ? Math.round(prev * 1.2 * 100) / 100 : Math.round(prev * (1 + r) * 100) / 100;
      const locked = i === 280;
      rows.push({ date, open: locked ? close : prev, high: locked ? close : Math.max(prev, close) * 1.01, low: locked ? close : Math.min(prev, close) * 0.99, close, adjClose: close, volume: i === 282 ? 0 : Math.round(1e6 * Math.exp(0.3 * rets[(i + 7) % 300])) });
    }
    const star: PriceSeries = { info: { ...info('688999.SS'), exchange: 'XSHG', currency: 'CNY', timeZone: 'Asia/Shanghai' }, rows, source: 'synthetic 688999.SS' };
    const res = await runEventStudy({ events: [{ symbol: '688999.SS', date: cal[280] }], measure: 'volume', bootstrap: false, loadSeries: () => star });
    const e = res.events[0];
    expect(e.flags.limitUpDays).toEqual([cal[280]]);
    expect(e.flags.limitLockedDays).toEqual([cal[280]]);
    expect(e.flags.noTradeDays).toEqual([cal[282]]);
    const locked = e.ar.find((d) => d.rel === 0)!;
    expect(locked.ret).toBeCloseTo(Math.log1p(rows[280].volume!), 12);
    expect(e.ar.find((d) => d.rel === 2)!.ar).toBeNull();
  });

  it("turnover basis: the snapshot's A-share turnoverPct, ln(turnover% + 0.000255)", async () => {
    const res = await runEventStudy({ events: [{ symbol: '688256.SS', date: '2025-08-22' }], measure: 'volume', volumeBasis: 'turnover', bootstrap: false });
    const e = res.events[0];
    expect(res.parameters.volumeBasis).toBe('turnover');
    const rows = csvRows('688256.SS');
    const i0 = rows.findIndex((x) => x.date === '2025-08-22');
    const lt = (i: number) => Math.log(Number(rows[i].turnoverPct) + 0.000255);
    const est: number[] = [];
    for (let i = i0 - 250; i <= i0 - 11; i++) est.push(lt(i));
    expect(e.ar.find((d) => d.rel === 0)!.ar).toBeCloseTo(lt(i0) - mean(est), 10);
    // No share count for NVDA in the snapshot: no turnover, the event is skipped with the reason.
    const us = await runEventStudy({ events: [{ symbol: 'NVDA', date: '2025-01-27' }], measure: 'volume', volumeBasis: 'turnover', bootstrap: false });
    expect(us.events).toHaveLength(0);
    expect(us.skipped[0].reason).toMatch(/too few estimation log volumes: M=0/);
  });

  it('options: a model the measure cannot use, a volume basis without the volume measure, an unknown measure', async () => {
    await expect(runEventStudy({ events: [{ symbol: 'NVDA', date: '2025-01-27' }], benchmark: 'SPY', measure: 'volume', model: 'dimson' })).rejects.toThrow(/the volume measure is modelled by mean-adjusted, market, not 'dimson'/);
    await expect(runEventStudy({ events: [{ symbol: 'NVDA', date: '2025-01-27' }], benchmark: 'SPY', volumeBasis: 'turnover' })).rejects.toThrow(/volumeBasis applies to the volume measure only/);
    await expect(runEventStudy({ events: [{ symbol: 'NVDA', date: '2025-01-27' }], benchmark: 'SPY', measure: 'volatility', model: 'garch' })).rejects.toThrow(/volatility measure is modelled by/);
    expectOneLineError(await run('event', 'NVDA', '--market', 'SPY', '--date', '2025-01-27', '--measure', 'turnover'), /unknown --measure 'turnover'; choose one of return, volume, volatility/);
    expectOneLineError(await run('event', 'NVDA', '--market', 'SPY', '--date', '2025-01-27', '--volume-basis', 'turnover'), /--volume-basis goes with --measure volume/);
  });
});

describe('abnormal volatility', () => {
  it('AV_t = AR_t²/s² − 1 of the market model, CAV with t = CAV/√(L·s_v²), df M − 1 (naive twin on the CSV files)', async () => {
    const res = await runEventStudy({ events: [{ symbol: 'NVDA', date: '2025-01-27' }], benchmark: 'SPY', measure: 'volatility', bootstrap: false });
    const e = res.events[0];
    expect(res.parameters.measure).toBe('volatility');
    expect(e.model).toBe('market');
    const nv = csvRows('NVDA');
    const spy = csvRows('SPY');
    const spyRet = new Map(spy.slice(1).map((x, i) => [x.date, Number(x.adjClose) / Number(spy[i].adjClose) - 1]));
    const ret = (i: number) => Number(nv[i].adjClose) / Number(nv[i - 1].adjClose) - 1;
    const i0 = nv.findIndex((x) => x.date === '2025-01-27');
    const y: number[] = [];
    const x: number[] = [];
    for (let i = i0 - 250; i <= i0 - 11; i++) {
      y.push(ret(i));
      x.push(spyRet.get(nv[i].date)!);
    }
    const fit = ols(y, x);
    const u = fit.e.map((v) => (v * v) / fit.s2 - 1);
    const sv2 = sampleVar(u);
    const av = (i: number) => (ret(i) - fit.a - fit.b * spyRet.get(nv[i].date)!) ** 2 / fit.s2 - 1;
    for (const d of e.ar) {
      expect(d.ar).toBeCloseTo(av(i0 + d.rel), 8);
      expect(d.ret).toBeCloseTo(av(i0 + d.rel) + 1, 8);
      expect(d.expected).toBe(1);
      expect(d.sd).toBeCloseTo(Math.sqrt(sv2), 8);
      expect(d.marketRet).toBeNull();
    }
    const w = e.car.find((c) => c.window === '[-1,+1]')!;
    const cav = av(i0 - 1) + av(i0) + av(i0 + 1);
    expect(w.car).toBeCloseTo(cav, 8);
    expect(w.se).toBeCloseTo(Math.sqrt(3 * sv2), 8);
    expect(w.t).toBeCloseTo(cav / Math.sqrt(3 * sv2), 8);
    expect(w.df).toBe(239);
    expect(w.p).toBeCloseTo(studentTTwoSidedP(cav / Math.sqrt(3 * sv2), 239), 10);
    expect(w.bhar).toBeNaN();
    // Day 0 of the R1 sell-off: NVDA's squared standardized AR, about 25 times its usual variance.
    expect(av(i0)).toBeGreaterThan(20);
  });

  it('hand-checkable case: residuals c, −c, 2c, −2c repeating, then an AR of 3c on day 0', async () => {
    // Mean-adjusted returns 0.001 + c·(1, −1, 2, −2, ...) over the 240 estimation days: every
    // residual is ±c or ±2c, Σe² = 60·10c² = 600c², s² = 600c²/239, so u = 239/600 − 1 on the
    // ±c days and 956/600 − 1 on the ±2c days (mean −1/240), and day 0's AR of 3c gives
    // AV = 9·239/600 − 1 = 2.585.
    const c = 0.01;
    const pattern = [1, -1, 2, -2];
    const d = 260; // day 0 = DAYS[260]; its return is returns[259]; estimation returns[9..248]
    const returns = Array.from({ length: 280 }, (_, i) => 0.001 + c * pattern[(((i - 9) % 4) + 4) % 4]);
    returns[d - 1] = 0.001 + 3 * c;
    const series = { S: seriesFromReturns('S', returns) };
    const res = await runEventStudy({ events: [{ symbol: 'S', date: DAYS[d] }], model: 'mean-adjusted', measure: 'volatility', bootstrap: false, loadSeries: (s) => series[s as 'S'] });
    const e = res.events[0];
    expect(e.M).toBe(240);
    const d0 = e.ar.find((x) => x.rel === 0)!;
    expect(d0.ar).toBeCloseTo((9 * 239) / 600 - 1, 9);
    const u1 = 239 / 600 - 1;
    const u2 = 956 / 600 - 1;
    const ubar = -1 / 240;
    const sv2 = (120 * (u1 - ubar) ** 2 + 120 * (u2 - ubar) ** 2) / 239;
    expect(d0.sd).toBeCloseTo(Math.sqrt(sv2), 9);
    const c0 = e.car.find((x) => x.window === '[0,0]')!;
    expect(c0.t).toBeCloseTo(((9 * 239) / 600 - 1) / Math.sqrt(sv2), 8);
    // The day after follows the pattern: u of a ±c or ±2c residual.
    expect([u1, u2].some((u) => Math.abs(e.ar.find((x) => x.rel === 1)!.ar! - u) < 1e-9)).toBe(true);
  });

  it('the sign, Wilcoxon, generalized sign and GRANK tests are not run on abnormal volatility (skewed, bounded below); r̄ is the correlation of the u_t', async () => {
    const symbols = ['NVDA', 'AMD', 'AVGO', 'MSFT'];
    const res = await runEventStudy({ events: symbols.map((symbol) => ({ symbol, date: '2025-01-27' })), benchmark: 'SPY', measure: 'volatility', bootstrap: false });
    expect(res.parameters.tests).not.toContain('sign');
    expect(res.parameters.tests).not.toContain('wilcoxon');
    expect(res.parameters.tests).not.toContain('generalizedSign');
    expect(res.parameters.tests).not.toContain('grank');
    expect(res.parameters.tests).toContain('corradoRank');
    expect(res.parameters.tests).toContain('skewnessCorrectedT');
    const named = await runEventStudy({ events: symbols.map((symbol) => ({ symbol, date: '2025-01-27' })), benchmark: 'SPY', measure: 'volatility', bootstrap: false, tests: ['sign', 'crossSectionalT'] });
    expect(named.aggregate[0].tests.sign).toMatchObject({ stat: null, p: null });
    expect(named.aggregate[0].tests.sign.note).toMatch(/skewed/);
    // r̄ by hand: u_t = e_t²/s² − 1 of each market-model fit, on the common estimation dates.
    const spy = csvRows('SPY');
    const spyRet = new Map(spy.slice(1).map((x, i) => [x.date, Number(x.adjClose) / Number(spy[i].adjClose) - 1]));
    const us = symbols.map((s) => {
      const rows = csvRows(s);
      const i0 = rows.findIndex((x) => x.date === '2025-01-27');
      const y: number[] = [];
      const x: number[] = [];
      for (let i = i0 - 250; i <= i0 - 11; i++) {
        y.push(Number(rows[i].adjClose) / Number(rows[i - 1].adjClose) - 1);
        x.push(spyRet.get(rows[i].date)!);
      }
      const f = ols(y, x);
      return f.e.map((v) => (v * v) / f.s2 - 1);
    });
    let sum = 0;
    let pairs = 0;
    for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) {
      sum += pearson(us[i], us[j]);
      pairs++;
    }
    expect(res.rbar).toBeCloseTo(sum / pairs, 9);
    // The events' CAVs feed the cross-sectional t like CARs.
    const a = res.aggregate.find((w) => w.window === '[0,0]')!;
    const cavs = res.events.map((e) => e.car.find((c) => c.window === '[0,0]')!.car);
    expect(a.tests.crossSectionalT.stat).toBeCloseTo(mean(cavs) / Math.sqrt(sampleVar(cavs) / 4), 9);
  });
});

describe('replayed residuals (GRANK and r̄ recompute them from the pair and the coefficients)', () => {
  it('equal the fit’s own estimation residuals for volume and volatility', async () => {
    const { createEngine, studyEvent, replayResiduals } = await import('../src/study/engine.ts');
    const { planWindows } = await import('../src/study/grid.ts');
    const { openDataStore } = await import('../src/data/store.ts');
    const store = openDataStore({ dataDir: null });
    const plan = planWindows([-250, -11], [-5, 5], [[0, 0]], 0);
    for (const [measure, model] of [['volume', 'market'], ['volume', 'mean-adjusted'], ['volatility', 'market'], ['volatility', 'mean-adjusted']] as const) {
      const engine = createEngine({ model, modelOptions: {}, plan, minM: 120, day0Rule: 'next', loadSeries: (s) => store.loadSeries(s), measure: { measure } });
      const work = await studyEvent(engine, { symbol: 'AMD', date: '2025-01-27' }, 'AMD', 'SPY');
      if ('reason' in work) throw new Error(work.reason);
      const from = work.start + plan.estimation[0];
      const out = new Float64Array(240);
      replayResiduals(work.pair, from, from + 240, work.fit.coef, out);
      for (let t = 0; t < 240; t++) expect(out[t]).toBeCloseTo(work.fit.estimationResiduals[t], 12);
    }
  });
});

describe('size simulation through the engine for the measures (bench/methods-size.ts runs it large)', () => {
  it('volume, volatility and the GARCH model run as real events; the per-event test keeps its size', async () => {
    const { simulateNullRejectionRates } = await import('../src/study/size.ts');
    const volume = simulateNullRejectionRates({ panels: 20, n: 30, seed: 5, bootstrapB: 0, measure: 'volume', eventTest: true });
    expect(volume['event-t'].panels).toBe(600);
    // 600 events: a 5% test rejects 30 ± 11 (2 s.e.) of them.
    expect(volume['event-t'].rate).toBeGreaterThan(0.015);
    expect(volume['event-t'].rate).toBeLessThan(0.09);
    expect(Object.keys(volume)).toContain('wilcoxon');
    const vol = simulateNullRejectionRates({ panels: 20, n: 30, seed: 6, bootstrapB: 0, measure: 'volatility', errors: 't5', eventTest: true });
    expect(Object.keys(vol)).not.toContain('sign');
    expect(Object.keys(vol)).not.toContain('grank');
    expect(vol['event-t'].rate).toBeLessThan(0.09);
    const garch = simulateNullRejectionRates({ panels: 4, n: 10, seed: 7, bootstrapB: 0, model: 'garch', errors: 'garch' });
    expect(garch['savickas-t'].panels).toBe(4);
  });
});
