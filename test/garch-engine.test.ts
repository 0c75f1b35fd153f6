/**
 * GARCH as a model of the one engine (`model: 'garch'`): the engine's numbers are those of
 * fitGarchMarketModel on the same arrays built independently from the price files; a fit that
 * cannot be used falls back to the OLS market model with the reason in the event's flags; and
 * Savickas' test in the battery is the cross-sectional t of the GARCH-standardized CARs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEventStudy } from '../src/study/run.ts';
import { fitGarchMarketModel } from '../src/models/garch-event.ts';
import { fitMarketModel } from '../src/models/market.ts';
import { MODEL_NAMES, MODELS } from '../src/models/index.ts';
import { ALL_TESTS, defaultTests } from '../src/stats/battery.ts';
import { garchStandardizedCar } from '../src/stats/tests/savickas.ts';
import { studentTTwoSidedP } from '../src/stats/distributions.ts';
import { DAYS, seriesFromReturns } from './helpers/series.ts';

const ROOT = join(import.meta.dirname, '..');

/** date → adjusted close of a snapshot file, read as text (independent of the data store). */
function closes(symbol: string): { dates: string[]; adj: number[] } {
  const lines = readFileSync(join(ROOT, 'data/prices', `${symbol}.csv`), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const d = header.indexOf('date');
  const a = header.indexOf('adjClose');
  const rows = lines.slice(1).map((l) => l.split(','));
  return { dates: rows.map((r) => r[d]), adj: rows.map((r) => Number(r[a])) };
}

describe("model 'garch' through the engine", () => {
  it('is a row of MODELS and a model name', () => {
    expect(MODEL_NAMES).toContain('garch');
    expect(MODELS.garch.needsBenchmark).toBe(true);
    expect(MODELS.garch.padding({})).toBe(0);
    expect(defaultTests('garch')).toContain('savickasT');
    expect(defaultTests('market')).not.toContain('savickasT');
    expect(ALL_TESTS).toContain('savickasT');
  });

  it('NVDA vs SPY on 2025-01-27 equals fitGarchMarketModel on the same returns, built from the CSV files', async () => {
    const res = await runEventStudy({ events: [{ symbol: 'NVDA', date: '2025-01-27' }], benchmark: 'SPY', model: 'garch', bootstrap: false });
    const e = res.events[0];
    expect(e.model).toBe('garch');
    expect(e.flags.modelFallback).toBeNull();

    // Independent arrays: NVDA's sessions from day 0 − 250 to day 0 + 5, SPY's return on the same dates.
    const nvda = closes('NVDA');
    const spy = closes('SPY');
    const spyReturn = new Map<string, number>();
    for (let i = 1; i < spy.dates.length; i++) spyReturn.set(spy.dates[i], spy.adj[i] / spy.adj[i - 1] - 1);
    const i0 = nvda.dates.indexOf('2025-01-27');
    const from = i0 - 250;
    const r = new Float64Array(256);
    const rm = new Float64Array(256);
    for (let k = 0; k < 256; k++) {
      const i = from + k;
      r[k] = nvda.adj[i] / nvda.adj[i - 1] - 1;
      rm[k] = spyReturn.get(nvda.dates[i]) ?? NaN;
    }
    const direct = fitGarchMarketModel({ model: 'garch', r, x: [rm], estimation: [0, 240], event: [245, 256] });
    expect(direct.fallbackReason).toBeNull();
    expect(e.estimation).toEqual({ from: nvda.dates[from], to: nvda.dates[from + 239] });
    expect(e.M).toBe(direct.M);
    expect(e.alpha).toBeCloseTo(direct.alpha, 12);
    expect(e.beta).toBeCloseTo(direct.betas[0], 10);
    expect(e.sigma).toBeCloseTo(direct.sigma, 12);
    for (let j = 0; j < 11; j++) {
      expect(e.ar[j].ar).toBeCloseTo(direct.ar[j], 12);
      expect(e.ar[j].sar).toBeCloseTo(direct.sar[j], 9);
      expect(e.ar[j].sd).toBeCloseTo(Math.sqrt(direct.predictionVariance[j]), 12);
    }
    // The event's CAR t is the GARCH-standardized CAR: Σ AR / √Σ h (ARs conditionally uncorrelated).
    const c = e.car.find((x) => x.window === '[-1,+1]')!;
    expect(c.t).toBeCloseTo(garchStandardizedCar(direct.ar.subarray(4, 7), direct.predictionVariance.subarray(4, 7)), 9);
    expect(c.df).toBe(direct.M - 2);
    // Day 0: NVDA's −17% against a GARCH variance.
    const d0 = e.ar.find((d) => d.rel === 0)!;
    expect(d0.ar!).toBeLessThan(-0.1);
  });

  it('a fit that cannot be used falls back to the OLS market model, the reason in the flags and the model named', async () => {
    // The series of the garch-event test: a deterministic ±1% alternation around 1.2·R_m, on which
    // GARCH(1,1) does not converge to an interior optimum.
    const rm = Array.from({ length: 300 }, (_, t) => 0.01 * Math.sin(t));
    const r = rm.map((m, t) => 1.2 * m + (t % 2 === 0 ? 0.01 : -0.01));
    const series: Record<string, ReturnType<typeof seriesFromReturns>> = { MKT: seriesFromReturns('MKT', rm), ODD: seriesFromReturns('ODD', r) };
    const day0 = DAYS[280];
    const res = await runEventStudy({ events: [{ symbol: 'ODD', date: day0 }], benchmark: 'MKT', model: 'garch', bootstrap: false, loadSeries: (s) => series[s] });
    const e = res.events[0];
    expect(e.model).toBe('market');
    expect(e.flags.modelFallback).toMatch(/^GARCH\(1,1\) not used \(.+\); market model \(OLS\) instead$/);
    // Same numbers as a market-model study of the same event.
    const ols = await runEventStudy({ events: [{ symbol: 'ODD', date: day0 }], benchmark: 'MKT', model: 'market', bootstrap: false, loadSeries: (s) => series[s] });
    expect(e.ar.map((d) => d.ar)).toEqual(ols.events[0].ar.map((d) => d.ar));
    expect(e.car).toEqual(ols.events[0].car);
    expect(ols.events[0].flags.modelFallback).toBeNull();
    // Savickas leaves the fallen-back event out and says so.
    const sav = res.aggregate[0].tests.savickasT;
    expect(sav.stat).toBeNull();
    expect(sav.note).toMatch(/needs N ≥ 2 events; 1 event fell back to the OLS market model and is left out/);
  });

  it('Savickas in the battery: the cross-sectional t of the GARCH-standardized CARs, per window and per day (hand computation)', async () => {
    const symbols = ['NVDA', 'AMD', 'AVGO', 'MSFT'];
    const res = await runEventStudy({ events: symbols.map((symbol) => ({ symbol, date: '2025-01-27' })), benchmark: 'SPY', model: 'garch', bootstrap: false });
    expect(res.parameters.tests).toContain('savickasT');
    const garchEvents = res.events.filter((e) => e.model === 'garch');
    expect(garchEvents.length).toBeGreaterThanOrEqual(2);
    const tOf = (xs: number[]) => {
      const n = xs.length;
      const m = xs.reduce((s, v) => s + v, 0) / n;
      const sd = Math.sqrt(xs.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1));
      return m / (sd / Math.sqrt(n));
    };
    for (const a of res.aggregate) {
      // S_i = CAR_i / √Σ_t h_it, from the event rows: CAR over the window, h = sd².
      const s = garchEvents.map((e) => {
        const days = e.ar.filter((d) => d.rel >= a.from && d.rel <= a.to && d.ar !== null);
        return days.reduce((x, d) => x + d.ar!, 0) / Math.sqrt(days.reduce((x, d) => x + d.sd! ** 2, 0));
      });
      const sav = a.tests.savickasT;
      expect(sav.stat).toBeCloseTo(tOf(s), 9);
      expect(sav.df).toBe(s.length - 1);
      expect(sav.p).toBeCloseTo(studentTTwoSidedP(tOf(s), s.length - 1), 12);
    }
    const day0 = res.daily.find((d) => d.rel === 0)!;
    const sar0 = garchEvents.map((e) => e.ar.find((d) => d.rel === 0)!.sar!);
    expect(day0.tests.savickasT.stat).toBeCloseTo(tOf(sar0), 9);
  });

  it('GRANK and r̄ replay a GARCH event’s residuals from its linear mean (coef = [μ, β] on the benchmark column)', async () => {
    const { createEngine, studyEvent, replayResiduals } = await import('../src/study/engine.ts');
    const { planWindows } = await import('../src/study/grid.ts');
    const { openDataStore } = await import('../src/data/store.ts');
    const store = openDataStore({ dataDir: null });
    const plan = planWindows([-250, -11], [-5, 5], [[0, 0]], 0);
    const engine = createEngine({ model: 'garch', modelOptions: {}, plan, minM: 120, day0Rule: 'next', loadSeries: (s) => store.loadSeries(s) });
    const work = await studyEvent(engine, { symbol: 'NVDA', date: '2025-01-27' }, 'NVDA', 'SPY');
    if ('reason' in work) throw new Error(work.reason);
    expect(work.fit.model).toBe('garch');
    const from = work.start + plan.estimation[0];
    const out = new Float64Array(240);
    replayResiduals(work.pair, from, from + 240, work.fit.coef, out);
    for (let t = 0; t < 240; t++) expect(out[t]).toBeCloseTo(work.fit.estimationResiduals[t], 13);
  });

  it('asked for under another model, Savickas is stat null with a note', async () => {
    const res = await runEventStudy({ events: [{ symbol: 'NVDA', date: '2025-01-27' }, { symbol: 'AMD', date: '2025-01-27' }], benchmark: 'SPY', tests: ['bmpT', 'savickasT'], bootstrap: false });
    const sav = res.aggregate[0].tests.savickasT;
    expect(sav).toMatchObject({ stat: null, p: null, test: 'savickas-t' });
    expect(sav.note).toMatch(/needs the GARCH model/);
  });

  it('the fallback path of fitGarchMarketModel is the one the engine uses (same reason text)', () => {
    const rm = Float64Array.from({ length: 300 }, (_, t) => 0.01 * Math.sin(t));
    const r = Float64Array.from(rm, (m, t) => 1.2 * m + (t % 2 === 0 ? 0.01 : -0.01));
    const fit = fitGarchMarketModel({ model: 'garch', r, x: [rm], estimation: [0, 240], event: [245, 256] });
    expect(fit.model).toBe('market');
    expect(fit.fallbackReason).not.toBeNull();
    expect(fit.betas).toEqual(fitMarketModel({ model: 'market', r, x: [rm], estimation: [0, 240], event: [245, 256] }).betas);
  });
});
