import { describe, expect, it } from 'vitest';
import { bootstrapCarTest, createRng, fillNormal, randomNormal } from '../src/stats/index.ts';
import { simulateNullRejectionRates } from '../src/study/size.ts';
import { InputError } from '../src/errors.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

describe('seeded random numbers', () => {
  it('are deterministic per seed and differ across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xa = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xa);
  });

  it('give uniform and normal draws with the right moments', () => {
    const rng = createRng(7);
    let s = 0;
    let s2 = 0;
    const N = 200000;
    let outside = 0;
    for (let k = 0; k < N; k++) {
      const u = rng.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      s += u;
      s2 += u * u;
    }
    expect(outside).toBe(0);
    expect(Math.abs(s / N - 0.5)).toBeLessThan(0.003);
    expect(Math.abs(s2 / N - 1 / 3)).toBeLessThan(0.003);
    const z = fillNormal(createRng(8), new Float64Array(N));
    const m = z.reduce((a, v) => a + v, 0) / N;
    const v = z.reduce((a, x) => a + (x - m) ** 2, 0) / N;
    const k4 = z.reduce((a, x) => a + (x - m) ** 4, 0) / N / (v * v);
    expect(Math.abs(m)).toBeLessThan(0.01);
    expect(Math.abs(v - 1)).toBeLessThan(0.015);
    expect(Math.abs(k4 - 3)).toBeLessThan(0.06);
    expect(Number.isFinite(randomNormal(rng))).toBe(true);
    // int(n) is uniform over 0..n-1
    const counts = new Array(6).fill(0);
    for (let k = 0; k < 60000; k++) counts[rng.int(6)]++;
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(400);
  });
});

describe('bootstrapCarTest', () => {
  it('matches a naive twin drawing from the same stream', () => {
    const rng0 = createRng(99);
    const residuals = Array.from({ length: 4 }, (_, i) => fillNormal(rng0, new Float64Array(50 + i), 0.001, 0.02));
    const cars = [0.03, -0.01, 0.05, 0.02];
    const windowLengths = [3, 3, 1, 2];
    const r = bootstrapCarTest({ residuals, cars, windowLengths, b: 499, seed: 5 });
    // naive: same generator, same draw order, centered residuals, plain arrays
    const rng = createRng(5);
    const centered = residuals.map((x) => {
      const m = x.reduce((a, v) => a + v, 0) / x.length;
      return Array.from(x, (v) => v - m);
    });
    const obs = cars.reduce((a, b) => a + b, 0) / 4;
    let exceed = 0;
    const stats: number[] = [];
    for (let rep = 0; rep < 499; rep++) {
      let t = 0;
      centered.forEach((x, i) => {
        for (let k = 0; k < windowLengths[i]; k++) t += x[rng.int(x.length)];
      });
      t /= 4;
      stats.push(t);
      if (Math.abs(t) >= Math.abs(obs)) exceed++;
    }
    expect(r.p).toBe((1 + exceed) / 500);
    const mean = stats.reduce((a, b) => a + b, 0) / 499;
    const sd = Math.sqrt(stats.reduce((a, v) => a + (v - mean) ** 2, 0) / 498);
    expect(r.se).toBeCloseTo(sd, 12);
    expect(r.stat).toBeCloseTo(obs / sd, 10);
    expect(r.distribution).toBe('bootstrap');
    // deterministic
    expect(bootstrapCarTest({ residuals, cars, windowLengths, b: 499, seed: 5 })).toEqual(r);
  });

  it('single-event CAR: p near the analytic normal p for Gaussian residuals', () => {
    const res = fillNormal(createRng(3), new Float64Array(2000), 0, 0.01);
    const r = bootstrapCarTest({ residuals: [res], cars: [0.01 * Math.sqrt(3) * 1.96], windowLengths: [3], b: 9999, seed: 1, statistic: 'car' });
    expect(Math.abs((r.p as number) - 0.05)).toBeLessThan(0.012);
    expect(() => bootstrapCarTest({ residuals: [res, res], cars: [0, 0], windowLengths: [3, 3], statistic: 'car' })).toThrow(InputError);
  });

  it('runs B = 9999 on 100 events × 250 residuals × L2 = 3 quickly', () => {
    const rng = createRng(11);
    const residuals = Array.from({ length: 100 }, () => fillNormal(rng, new Float64Array(250), 0, 0.02));
    const cars = Array.from({ length: 100 }, () => 0.01);
    const t0 = performance.now();
    const r = bootstrapCarTest({ residuals, cars, windowLengths: cars.map(() => 3), b: 9999, seed: 1 });
    const ms = performance.now() - t0;
    expect(r.p).toBeGreaterThan(0);
    expect(ms).toBeLessThan(3000);
  });
});

describe('size of the test battery under the null (small run)', () => {
  it('every test rejects between 1% and 11% at the 5% level', () => {
    const rates = simulateNullRejectionRates({ panels: 200, n: 30, seed: 2024, bootstrapB: 99 });
    const expected = [
      'cross-sectional-t', 'brown-warner-t', 'patell', 'adjusted-patell', 'bmp', 'adjusted-bmp', 'skewness-corrected-t',
      'corrado-rank', 'generalized-sign', 'sign', 'wilcoxon', 'grank', 'bootstrap',
    ];
    expect(Object.keys(rates).sort()).toEqual([...expected].sort());
    for (const t of expected) {
      expect(rates[t].panels).toBe(200);
      expect(rates[t].rate, t).toBeGreaterThanOrEqual(0.01);
      expect(rates[t].rate, t).toBeLessThanOrEqual(0.11);
    }
  });
});

// ---- clustered resampling (#11.4) ------------------------------------------------------------

/** ISO dates 2024-01-01 + k days (any distinct labels do; the bootstrap only matches them). */
const dayLabel = (k: number) => new Date(Date.UTC(2024, 0, 1 + k)).toISOString().slice(0, 10);

/**
 * N events on one day sharing a common factor: e_it = f_t + u_it with var f = var u, so the
 * pairwise residual correlation is 1/2. Returns residuals with dates, and an event-day CAR per
 * event drawn from the same process (H0 true).
 */
function commonFactorPanel(rng: ReturnType<typeof createRng>, n: number, m: number) {
  const f = fillNormal(rng, new Float64Array(m + 1), 0, 0.01);
  const residuals = Array.from({ length: n }, () => {
    const u = fillNormal(rng, new Float64Array(m), 0, 0.01);
    return Float64Array.from(u, (v, t) => v + f[t]);
  });
  const dates = Array.from({ length: n }, () => Array.from({ length: m }, (_, t) => dayLabel(t)));
  const cars = fillNormal(rng, new Float64Array(n), 0, 0.01).map((u) => u + f[m]);
  return { residuals, dates, cars };
}

describe('bootstrapCarTest with clusters', () => {
  it('resamples the dates of a cluster jointly: a naive twin drawing from the same stream', () => {
    const rng0 = createRng(21);
    const { residuals, dates } = commonFactorPanel(rng0, 3, 60);
    // Event 2 misses two dates, event 3 is alone in its cluster; event 1 has the longest window.
    residuals[1][5] = NaN;
    residuals[1][17] = NaN;
    const extra = fillNormal(rng0, new Float64Array(40), 0, 0.02);
    const allResiduals = [...residuals, extra];
    const allDates = [...dates, Array.from({ length: 40 }, (_, t) => dayLabel(100 + t))];
    const cars = [0.02, 0.015, -0.01, 0.03];
    const windowLengths = [3, 2, 2, 1];
    const clusters = ['2025-01-27', '2025-01-27', '2025-01-27', '2025-02-03'];
    const r = bootstrapCarTest({ residuals: allResiduals, residualDates: allDates, clusters, cars, windowLengths, b: 299, seed: 9 });

    // naive: common dates of the cluster = all but 5 and 17; each event centered on them.
    const common = Array.from({ length: 60 }, (_, t) => t).filter((t) => t !== 5 && t !== 17);
    const cols = [0, 1, 2].map((i) => {
      const x = common.map((t) => residuals[i][t]);
      const m = x.reduce((a, v) => a + v, 0) / x.length;
      return x.map((v) => v - m);
    });
    const lone = Array.from(extra, (v) => v - extra.reduce((a, x) => a + x, 0) / extra.length);
    const rng = createRng(9);
    const obs = cars.reduce((a, b) => a + b, 0) / 4;
    let exceed = 0;
    const draws: number[] = [];
    for (let rep = 0; rep < 299; rep++) {
      let t = 0;
      for (let k = 0; k < 3; k++) {
        const row = rng.int(common.length);
        cols.forEach((col, i) => {
          if (k < windowLengths[i]) t += col[row];
        });
      }
      t += lone[rng.int(lone.length)];
      t /= 4;
      draws.push(t);
      if (Math.abs(t) >= Math.abs(obs)) exceed++;
    }
    expect(r.p).toBe((1 + exceed) / 300);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const sd = Math.sqrt(draws.reduce((a, v) => a + (v - mean) ** 2, 0) / (draws.length - 1));
    expect(r.se).toBeCloseTo(sd, 12);
    const sorted = draws.map(Math.abs).sort((a, b) => a - b);
    expect(r.critical).toBeCloseTo(sorted[Math.ceil(0.95 * 300) - 1] / sd, 10);
    expect(r.countable).toBeUndefined();
    expect(r.note).toMatch(/resampled jointly by estimation date.*Hein & Westfall 2004.*2025-01-27: 3 events on 58 common dates/);
  });

  it('holds its size under cross-correlation, where independent resampling does not', () => {
    // Seven events on one day, pairwise residual correlation 1/2 (Kolari–Pynnönen inflation
    // 1 + 6 × 0.5 = 4): resampling each event alone understates the spread of CAAR by half.
    const rng = createRng(2025);
    const sims = 300;
    let independent = 0;
    let clustered = 0;
    for (let s = 0; s < sims; s++) {
      const { residuals, dates, cars } = commonFactorPanel(rng, 7, 120);
      const base = { residuals, cars, windowLengths: Array.from(cars, () => 1), b: 199, seed: s + 1 };
      if ((bootstrapCarTest(base).p as number) < 0.05) independent++;
      if ((bootstrapCarTest({ ...base, residualDates: dates, clusters: Array.from(cars, () => 'day0') }).p as number) < 0.05) clustered++;
    }
    expect(independent / sims).toBeGreaterThan(0.2); // about P(|Z| > 0.98) = 0.33
    expect(clustered / sims).toBeGreaterThan(0.02);
    expect(clustered / sims).toBeLessThan(0.09);
  });

  it('says so, and is not countable, when a cluster cannot be resampled jointly', () => {
    const rng = createRng(4);
    const a = fillNormal(rng, new Float64Array(50), 0, 0.01);
    const b = fillNormal(rng, new Float64Array(50), 0, 0.01);
    const cars = [0.05, 0.04];
    // Two events in one cluster whose estimation windows share only 10 dates.
    const dates = [Array.from({ length: 50 }, (_, t) => dayLabel(t)), Array.from({ length: 50 }, (_, t) => dayLabel(40 + t))];
    const r = bootstrapCarTest({ residuals: [a, b], residualDates: dates, clusters: ['x', 'x'], cars, windowLengths: [1, 1], b: 199 });
    expect(r.countable).toBe(false);
    expect(r.note).toMatch(/clustered resampling not reproducible for x \(2 events, 10 common estimation dates, need 30\).*not counted among the tests that reject/);
    // The fallback is the independent bootstrap, draw for draw.
    expect(r.p).toBe(bootstrapCarTest({ residuals: [a, b], cars, windowLengths: [1, 1], b: 199 }).p);
    // Cluster ids without dates cannot be lined up either.
    const noDates = bootstrapCarTest({ residuals: [a, b], clusters: ['x', 'x'], cars, windowLengths: [1, 1], b: 199 });
    expect(noDates.countable).toBe(false);
    expect(noDates.note).toMatch(/x \(2 events: no residual dates given\)/);
    // Every event alone in its cluster: independent, and countable.
    const alone = bootstrapCarTest({ residuals: [a, b], residualDates: dates, clusters: ['x', 'y'], cars, windowLengths: [1, 1], b: 199 });
    expect(alone.countable).toBeUndefined();
    expect(alone.note).toMatch(/every event in its own cluster/);
    expect(() => bootstrapCarTest({ residuals: [a, b], clusters: ['x'], cars, windowLengths: [1, 1] })).toThrow(/2 CARs but 1 cluster ids/);
    expect(() => bootstrapCarTest({ residuals: [a, b], residualDates: [dates[0], dates[1].slice(1)], cars, windowLengths: [1, 1] })).toThrow(/event 1 has 50 residuals but 49 dates/);
  });

  it('gives a critical value that splits significant from not as its p does', () => {
    const res = fillNormal(createRng(3), new Float64Array(500), 0, 0.01);
    for (const car of [0.005, 0.015, 0.019, 0.02, 0.021, 0.03]) {
      const r = bootstrapCarTest({ residuals: [res], cars: [car], windowLengths: [1], b: 1999, seed: 2, statistic: 'car' });
      expect(Math.abs(r.stat as number) > (r.critical as number), `CAR ${car}`).toBe((r.p as number) < 0.05);
    }
  });
});

describe.skipIf(!existsSync(join(import.meta.dirname, '../data/manifest.json')))('clustered bootstrap on the seven US AI names of 27 January 2025', () => {
  it('agrees with the dependence-adjusted Brown–Warner test where the independent bootstrap overstated', async () => {
    const { runEventStudy, loadSnapshotSeries, buildCalendar, simpleReturns, withoutMultiDayReturns, alignOnCalendar, fitEventModel, tradingDayIndex } = await import('../src/index.ts');
    const NAMES = ['NVDA', 'AMD', 'AVGO', 'TSM', 'MSFT', 'META', 'GOOGL'];
    const DAY0 = '2025-01-27';
    const study = await runEventStudy({ events: NAMES.map((symbol) => ({ symbol, date: DAY0 })), benchmark: 'SPY', bootstrap: false });
    // Each event's market-model residuals on [-250, -11] with their dates, fitted independently of the engine.
    const spy = simpleReturns(loadSnapshotSeries('SPY'));
    const residuals: Float64Array[] = [];
    const residualDates: string[][] = [];
    for (const symbol of NAMES) {
      const series = loadSnapshotSeries(symbol);
      const cal = buildCalendar(series.info.exchange, { extraTradingDays: series.rows.map((r) => r.date) });
      const [r, rm] = alignOnCalendar(cal, cal.days, withoutMultiDayReturns(simpleReturns(series, { calendar: cal, offCalendar: 'drop' })), spy);
      const k = tradingDayIndex(cal, DAY0);
      const fit = fitEventModel({ model: 'market', r, x: [rm], estimation: [k - 250, k - 10], event: [k, k + 1], label: symbol });
      residuals.push(fit.estimationResiduals);
      residualDates.push(cal.days.slice(k - 250, k - 10));
    }
    for (const row of study.aggregate) {
      const cars = study.events.map((e) => e.car.find((c) => c.window === row.window)!.car);
      const windowLengths = cars.map(() => row.to - row.from + 1);
      const base = { cars, windowLengths, b: 9999, seed: 20250127 };
      const independent = bootstrapCarTest({ ...base, residuals: residuals.map((r) => r.filter(Number.isFinite)) });
      const clustered = bootstrapCarTest({ ...base, residuals, residualDates, clusters: cars.map(() => DAY0) });
      const bw = row.tests.brownWarnerT.p as number;
      // One cluster = the resampling twin of Brown–Warner's portfolio (time-series) variance.
      expect(Math.abs((clustered.p as number) - bw), row.window).toBeLessThan(0.01 + 0.1 * bw);
      expect(clustered.p as number, row.window).toBeGreaterThanOrEqual(independent.p as number);
      expect(clustered.note).toContain(`${DAY0}: 7 events on 240 common dates`);
      if (row.window === '[-1,+1]') {
        expect(independent.p as number).toBeLessThan(0.02); // "significant" only by ignoring the correlation
        expect(clustered.p as number).toBeGreaterThan(0.05);
      }
    }
  });
});
