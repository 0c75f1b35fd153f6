/**
 * runEventStudy at its edges: Kolari-Pynnönen r̄ on calendar dates (naive twin), missing days,
 * skips with reasons for every kind of bad input, announcement timestamps, the danfo tables,
 * no non-finite number anywhere in a result, and A-share limit-up flags on real prices.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DAYS, seriesFromReturns } from './helpers/series.ts';
import { runEventStudy, normalizeEventSpec } from '../src/study/run.ts';
import { parseFactorCsv } from '../src/study/factors.ts';
import { createRng, randomNormal } from '../src/stats/random.ts';
import { loadSnapshotSeries } from '../src/data/snapshot.ts';
import { InputError } from '../src/errors.ts';
import type { PriceSeries } from '../src/types.ts';




/** Every number in a value that is not finite, with its path (JSON.stringify would hide NaN as null). */
function nonFinite(value: unknown, path = 'result', out: string[] = []): string[] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path} = ${value}`);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) nonFinite(v, `${path}.${k}`, out);
  }
  return out;
}

/** Naive OLS of y on x: alpha, beta. */
function ols(y: number[], x: number[]) {
  const n = y.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  const beta = sxy / sxx;
  return { alpha: my - beta * mx, beta };
}

function pearson(a: number[], b: number[]) {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

// A market and three stocks whose residuals share a common calendar-date shock (correlation ~0.5).
const rng = createRng(11);
const nReturns = DAYS.length - 1;
const rm = Array.from({ length: nReturns }, () => 0.0004 + 0.01 * randomNormal(rng));
const common = Array.from({ length: nReturns }, () => randomNormal(rng));
const stockReturns = [1.2, 0.8, 1.5].map((beta) => rm.map((m, t) => 0.0002 + beta * m + 0.01 * common[t] + 0.01 * randomNormal(rng)));
const market = seriesFromReturns('MKT', rm);
const stocks = stockReturns.map((r, i) => seriesFromReturns(`S${i}`, r));
const loadSeries = (s: string): PriceSeries => {
  if (s === 'MKT') return market;
  const k = Number(s.slice(1));
  if (s.startsWith('S') && stocks[k]) return stocks[k];
  throw new InputError(`unknown symbol '${s}'`);
};
/** Return index of a date: the return on DAYS[k + 1] is at k. */
const retIndex = (date: string) => DAYS.indexOf(date) - 1;

describe('Kolari-Pynnönen r̄ on calendar dates', () => {
  const day0s = ['2025-06-10', '2025-06-24', '2025-07-15'];

  it('equals the mean pairwise correlation of naive OLS residuals matched by date', async () => {
    const res = await runEventStudy({ events: day0s.map((date, i) => ({ symbol: `S${i}`, date })), benchmark: 'MKT', loadSeries, bootstrap: false });
    expect(res.events).toHaveLength(3);
    // Naive twin: residual of each event on each estimation date, keyed by the date.
    const byDate = day0s.map((d0, i) => {
      const k0 = retIndex(d0);
      const idx = Array.from({ length: 240 }, (_, j) => k0 - 250 + j);
      const { alpha, beta } = ols(idx.map((k) => stockReturns[i][k]), idx.map((k) => rm[k]));
      return new Map(idx.map((k) => [DAYS[k + 1], stockReturns[i][k] - alpha - beta * rm[k]]));
    });
    const rs: number[] = [];
    for (let i = 0; i < 3; i++) {
      for (let j = i + 1; j < 3; j++) {
        const dates = [...byDate[i].keys()].filter((d) => byDate[j].has(d));
        rs.push(pearson(dates.map((d) => byDate[i].get(d)!), dates.map((d) => byDate[j].get(d)!)));
      }
    }
    const naive = rs.reduce((a, b) => a + b, 0) / rs.length;
    expect(res.rbar!).toBeCloseTo(naive, 10);
    // The common shock is seen only when residuals are aligned on calendar dates: r̄ near 0.5, while
    // aligning the same residuals on relative days (position in the window) gives roughly nothing.
    expect(res.rbar!).toBeGreaterThan(0.35);
    const relative = [...byDate[0].values()];
    expect(Math.abs(pearson(relative, [...byDate[1].values()]))).toBeLessThan(0.2);
    // The adjusted tests use it: Z_adj = Z / sqrt(1 + (N-1) r̄); t_adj = t sqrt((1-r̄)/(1+(N-1) r̄)).
    for (const a of res.aggregate) {
      const z = a.tests.patellZ.stat!;
      expect(a.tests.adjustedPatellZ.stat!).toBeCloseTo(z / Math.sqrt(1 + 2 * res.rbar!), 10);
      const t = a.tests.bmpT.stat!;
      expect(a.tests.adjustedBmpT.stat!).toBeCloseTo(t * Math.sqrt((1 - res.rbar!) / (1 + 2 * res.rbar!)), 10);
    }
  });

  it('one event: no r̄, adjusted Patell equals Patell, and no number in the result is NaN or infinite', async () => {
    const res = await runEventStudy({ events: [{ symbol: 'S0', date: day0s[0] }], benchmark: 'MKT', loadSeries, bootstrap: { replications: 199, seed: 5 } });
    expect(res.rbar).toBeNull();
    for (const a of res.aggregate) {
      expect(a.N).toBe(1);
      expect(a.tests.adjustedPatellZ.stat).toBe(a.tests.patellZ.stat);
      // Tests that need N >= 2 say so instead of printing NaN.
      expect(a.tests.crossSectionalT.stat).toBeNull();
      expect(a.tests.crossSectionalT.note).toMatch(/N ≥ 2/);
    }
    expect(nonFinite(res)).toEqual([]);
  });
});

describe('missing days', () => {
  it('a missing day 1 leaves days 1 and 2 without a return (day 2 would span two sessions); CARs use the valid days', async () => {
    const d0 = '2025-06-10';
    const i0 = DAYS.indexOf(d0);
    const gappy: PriceSeries = { ...stocks[0], rows: stocks[0].rows.filter((r) => r.date !== DAYS[i0 + 1]) };
    const res = await runEventStudy({
      events: [{ symbol: 'S0', date: d0 }],
      benchmark: 'MKT',
      loadSeries: (s) => (s === 'S0' ? gappy : loadSeries(s)),
      bootstrap: false,
    });
    const e = res.events[0];
    expect(e.flags.missingDays).toEqual([DAYS[i0 + 1], DAYS[i0 + 2]]);
    expect(e.ar.filter((d) => d.ar === null).map((d) => d.rel)).toEqual([1, 2]);
    const c01 = e.car.find((c) => c.window === '[0,+1]')!;
    expect(c01.days).toBe(1);
    expect(c01.car).toBeCloseTo(e.ar.find((d) => d.rel === 0)!.ar!, 14);
    const all = e.car.find((c) => c.window === '[-5,+5]')!;
    expect(all.days).toBe(9);
    expect(all.car).toBeCloseTo(e.ar.reduce((s, d) => s + (d.ar ?? 0), 0), 14);
    expect(nonFinite(res)).toEqual([]);
  });
});

describe('bad input: a clear error or a skip with its reason, never NaN', () => {
  const d0 = '2025-06-10';

  it('benchmark with no dates in common with the windows', async () => {
    const old = seriesFromReturns('OLD', rm.slice(0, 30));
    const res = await runEventStudy({ events: [{ symbol: 'S0', date: d0 }], benchmark: 'OLD', loadSeries: (s) => (s === 'OLD' ? old : loadSeries(s)), bootstrap: false });
    expect(res.events).toHaveLength(0);
    expect(res.skipped).toEqual([{ id: `S0@${d0}`, symbol: 'S0', date: d0, reason: expect.stringMatching(/benchmark OLD has no returns on the dates/) }]);
    expect(res.aggregate).toEqual([]);
    expect(res.notes.join(' ')).toMatch(/no event could be studied/);
  });

  it('an estimation window longer than the data', async () => {
    // Reaches back before 2000, the start of the XNYS holiday table (the data starts in 2024).
    const res = await runEventStudy({ events: [{ symbol: 'S0', date: d0 }], benchmark: 'MKT', loadSeries, estimationWindow: [-7000, -11], bootstrap: false });
    expect(res.events).toHaveLength(0);
    expect(res.skipped[0].reason).toMatch(/outside the XNYS calendar|too few estimation returns/);
  });

  it('fewer valid estimation returns than the minimum names M and the minimum', async () => {
    // The security starts trading 100 sessions before the end of its estimation window.
    const k0 = DAYS.indexOf(d0);
    const start = k0 - 11 - 100;
    const late: PriceSeries = { ...stocks[0], rows: stocks[0].rows.filter((r) => r.date >= DAYS[start]) };
    const res = await runEventStudy({ events: [{ symbol: 'S0', date: d0 }], benchmark: 'MKT', loadSeries: (s) => (s === 'S0' ? late : loadSeries(s)), bootstrap: false });
    // Returns exist from the day after the first price through day -11: 100 of them.
    expect(res.skipped[0].reason).toMatch(/too few estimation returns: M=100 valid days .* minimum 120/);
    const lower = await runEventStudy({ events: [{ symbol: 'S0', date: d0 }], benchmark: 'MKT', loadSeries: (s) => (s === 'S0' ? late : loadSeries(s)), bootstrap: false, minEstimationReturns: 100 });
    expect(lower.events[0].M).toBe(100);
    expect(lower.events[0].flags.droppedEstimationDays).toBe(140);
  });

  it('window options that make no sense are errors before any data is read', async () => {
    const noLoad = () => {
      throw new Error('should not load');
    };
    const run = (opts: object) => runEventStudy({ events: [{ symbol: 'S0', date: d0 }], benchmark: 'MKT', loadSeries: noLoad, ...opts });
    await expect(run({ estimationWindow: [-100, 2] })).rejects.toThrow(/overlaps the event window/);
    await expect(run({ carWindows: [[-6, 0]] })).rejects.toThrow(/outside the event window/);
    await expect(run({ estimationWindow: [-100, -11] })).rejects.toThrow(/fewer than the minimum of 120/);
    await expect(run({ model: 'factor' })).rejects.toThrow(/needs a factor table/);
  });

  it('NaN, Infinity or empty cells in a factors file are refused naming the line', () => {
    expect(() => parseFactorCsv('date,MKT\n2025-01-02,0.01\n2025-01-03,Infinity\n', 'ff.csv')).toThrow(/ff\.csv: line 3, factor 'MKT' on 2025-01-03: 'Infinity' is not a finite number/);
    expect(() => parseFactorCsv('date,MKT\n2025-01-02,-Infinity\n', 'ff.csv')).toThrow(/line 2/);
    expect(() => parseFactorCsv('date,MKT,SMB\n2025-01-02,0.01,\n', 'ff.csv')).toThrow(/line 2, factor 'SMB'/);
  });

  it('factors with no values on the event dates skip the event with the reason', async () => {
    const factors = parseFactorCsv('date,MKT\n2020-01-02,0.01\n2020-01-03,0.02\n', 'old-factors.csv');
    const res = await runEventStudy({ events: [{ symbol: 'S0', date: d0 }], model: 'factor', factors, loadSeries, bootstrap: false });
    expect(res.skipped[0].reason).toMatch(/factor 'MKT' from old-factors\.csv has no values/);
  });
});

describe('announcement timestamps', () => {
  it('a UTC instant after the New York close moves day 0 to the next session', async () => {
    // 2025-06-10 21:30 UTC = 17:30 EDT, after the 16:00 close.
    const res = await runEventStudy({
      events: [
        { symbol: 'S0', timestamp: '2025-06-10T21:30:00Z' },
        { symbol: 'S0', timestamp: '2025-06-10T09:30-04:00', id: 'open' },
        { symbol: 'S0', timestamp: Date.UTC(2025, 5, 10, 13, 0), id: 'epoch' },
      ],
      benchmark: 'MKT',
      loadSeries,
      bootstrap: false,
    });
    expect(res.events.map((e) => [e.id, e.day0])).toEqual([
      ['S0@2025-06-10', '2025-06-11'],
      ['open', '2025-06-10'],
      ['epoch', '2025-06-10'],
    ]);
    expect(res.events[0].announced).toEqual({ date: '2025-06-10', time: '21:30', timeZone: 'UTC' });
    expect(res.events[0].day0Reason).toMatch(/17:30/);
  });

  it('a timestamp without a zone, or together with a date, is an error naming the event', () => {
    expect(() => normalizeEventSpec({ symbol: 'S0', timestamp: '2025-06-10T21:30' }, 2)).toThrow(/event 3 \(S0\): timestamp "2025-06-10T21:30" is not an instant/);
    expect(() => normalizeEventSpec({ symbol: 'S0', timestamp: '2025-06-10T21:30Z', date: '2025-06-10' }, 0)).toThrow(/not both/);
    expect(() => normalizeEventSpec({ symbol: 'S0' }, 0)).toThrow(/needs a date/);
  });
});

describe('danfo tables', () => {
  it("table('car') and table('ar') hold the per-event numbers keyed by event id; JSON stays plain data", async () => {
    const res = await runEventStudy({ events: [{ symbol: 'S0', date: '2025-06-10' }, { symbol: 'S0', date: '2025-09-16' }], benchmark: 'MKT', loadSeries, bootstrap: false });
    const car = res.table('car');
    expect(car.shape).toEqual([2 * 4, 10]);
    expect(car.column('id').values).toEqual(res.events.flatMap((e) => e.car.map(() => e.id)));
    expect(car.column('car').values).toEqual(res.events.flatMap((e) => e.car.map((c) => c.car)));
    const ar = res.table('ar');
    expect(ar.shape[0]).toBe(2 * 11);
    expect(ar.column('ar').values).toEqual(res.events.flatMap((e) => e.ar.map((d) => d.ar)));
    expect(Object.keys(JSON.parse(JSON.stringify(res)))).not.toContain('table');
    expect(() => res.table('nope' as 'car')).toThrow(/unknown table 'nope'/);
  });
});

describe.skipIf(!existsSync('data/manifest.json'))('real prices: A-share limit-up days', () => {
  it('Cambricon in August 2025: limit-up days in the event window match closes at prev × 1.2 rounded to the fen', async () => {
    const res = await runEventStudy({ events: [{ symbol: '688256.SS', date: '2025-08-15' }], benchmark: '000688.SS', bootstrap: false });
    const e = res.events[0];
    // Independent: STAR board ±20%, limit price rounded half-up to 0.01 yuan.
    const rows = loadSnapshotSeries('688256.SS').rows;
    const windowDates = new Set(e.ar.map((d) => d.date));
    const expected: string[] = [];
    for (let i = 1; i < rows.length; i++) {
      if (!windowDates.has(rows[i].date)) continue;
      const limit = Math.round(rows[i - 1].close * 1.2 * 100 + 1e-9) / 100;
      if (Math.abs(rows[i].close - limit) <= 0.005) expected.push(rows[i].date);
    }
    expect(expected).toEqual(['2025-08-12', '2025-08-22']);
    expect(e.flags.limitUpDays).toEqual(expected);
    expect(e.ar.filter((d) => d.limitUp).map((d) => d.date)).toEqual(expected);
  });
});
