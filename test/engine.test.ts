/**
 * The one per-event engine (src/study/engine.ts, grid.ts, aggregate.ts): its numbers against a
 * naive plain-array OLS twin written here (1e-10), residual replay identical to every model's own
 * residuals, the streaming entry giving runEventStudy's numbers, r̄ of a study against a naive
 * pairwise twin (1e-12) and its sampled estimate within its standard error, the overlap flags
 * against an O(N²) twin, the MODELS and BATTERY tables, and one bad event never sinking a study.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DAYS, seriesFromReturns } from './helpers/series.ts';
import { runEventStudy, streamEventStudy } from '../src/study/run.ts';
import { markOverlaps } from '../src/study/overlaps.ts';
import { createEngine, computeEvent, replayResiduals } from '../src/study/engine.ts';
import { planWindows } from '../src/study/grid.ts';
import { parseFactorCsv } from '../src/study/factors.ts';
import { MODELS, MODEL_NAMES } from '../src/models/index.ts';
import { ALL_TESTS, BATTERY, DAY_TESTS } from '../src/stats/battery.ts';
import { createRng, randomNormal } from '../src/stats/random.ts';
import { DataError, InputError } from '../src/errors.ts';
import { writeFolderSeries } from '../src/data/folder.ts';
import { sha256OfBytes } from '../src/data/manifest.ts';
import type { EventResult } from '../src/study/types.ts';
import type { PriceSeries } from '../src/types.ts';

const tmp = mkdtempSync(join(tmpdir(), 'impact-engine-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// A market and eight stocks sharing a common shock; stock 3 misses a few days (NaN returns from a
// gap in its prices), so some events have fewer than 240 estimation days.
const rng = createRng(42);
const nReturns = DAYS.length - 1;
const rm = Array.from({ length: nReturns }, () => 0.0004 + 0.01 * randomNormal(rng));
const common = Array.from({ length: nReturns }, () => randomNormal(rng));
const betas = [1.2, 0.8, 1.5, 0.9, 1.1, 0.6, 1.3, 1.0];
const stockReturns = betas.map((b) => rm.map((m, t) => 0.0002 + b * m + 0.006 * common[t] + 0.012 * randomNormal(rng)));
const market = seriesFromReturns('MKT', rm);
const stocks = stockReturns.map((r, i) => seriesFromReturns(`S${i}`, r));
// Drop five price rows of S3 (a suspension): the returns spanning them are not daily returns.
stocks[3] = { ...stocks[3], rows: stocks[3].rows.filter((_, k) => ![120, 121, 300, 301, 302].includes(k)) };
const loadSeries = (s: string): PriceSeries => {
  if (s === 'MKT') return market;
  const k = Number(s.slice(1));
  if (s.startsWith('S') && stocks[k]) return stocks[k];
  throw new InputError(`unknown symbol '${s}'`);
};
const day0s = ['2025-03-10', '2025-04-22', '2025-05-14', '2025-06-03', '2025-06-17', '2025-07-09', '2025-08-20', '2025-09-30', '2025-10-15'];
const events = day0s.flatMap((date, k) => [0, 1, 2, 3].map((j) => ({ symbol: `S${(k + j) % 8}`, date })));

/** The returns the engine should see for a symbol: one-session simple returns keyed by date. */
function returnsByDate(series: PriceSeries): Map<string, number> {
  const out = new Map<string, number>();
  const idx = new Map(DAYS.map((d, i) => [d, i]));
  for (let i = 1; i < series.rows.length; i++) {
    const a = series.rows[i - 1];
    const b = series.rows[i];
    if ((idx.get(b.date) as number) - (idx.get(a.date) as number) !== 1) continue; // spans a gap
    out.set(b.date, b.adjClose / a.adjClose - 1);
  }
  return out;
}

/** Naive market model of one event: plain arrays, textbook formulas. */
function naiveEvent(symbol: string, day0: string, est: [number, number], evt: [number, number], windows: [number, number][]) {
  const r = returnsByDate(loadSeries(symbol));
  const m = returnsByDate(market);
  const k0 = DAYS.indexOf(day0);
  const xs: number[] = [];
  const ys: number[] = [];
  const dates: string[] = [];
  for (let rel = est[0]; rel <= est[1]; rel++) {
    const d = DAYS[k0 + rel];
    if (r.has(d) && m.has(d)) {
      xs.push(m.get(d)!);
      ys.push(r.get(d)!);
      dates.push(d);
    }
  }
  const M = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / M;
  const my = ys.reduce((a, b) => a + b, 0) / M;
  let sxx = 0;
  let sxy = 0;
  for (let j = 0; j < M; j++) {
    sxx += (xs[j] - mx) ** 2;
    sxy += (xs[j] - mx) * (ys[j] - my);
  }
  const beta = sxy / sxx;
  const alpha = my - beta * mx;
  const residuals = ys.map((y, j) => y - alpha - beta * xs[j]);
  const s2 = residuals.reduce((a, e) => a + e * e, 0) / (M - 2);
  const ar: (number | null)[] = [];
  const sar: (number | null)[] = [];
  const dev: number[] = [];
  for (let rel = evt[0]; rel <= evt[1]; rel++) {
    const d = DAYS[k0 + rel];
    if (!r.has(d) || !m.has(d)) {
      ar.push(null);
      sar.push(null);
      dev.push(0);
      continue;
    }
    const a = r.get(d)! - alpha - beta * m.get(d)!;
    const dx = m.get(d)! - mx;
    ar.push(a);
    sar.push(a / Math.sqrt(s2 * (1 + 1 / M + (dx * dx) / sxx)));
    dev.push(dx);
  }
  const cars = windows.map(([a, b]) => {
    let car = 0;
    let sd = 0;
    let L = 0;
    for (let t = a - evt[0]; t <= b - evt[0]; t++) {
      if (ar[t] === null) continue;
      car += ar[t]!;
      sd += dev[t];
      L++;
    }
    return { car, variance: s2 * (L + (L * L) / M + (sd * sd) / sxx), days: L };
  });
  return { M, alpha, beta, s2, ar, sar, cars, residuals, dates };
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);

describe('the engine against a naive plain-array OLS twin', () => {
  it('α, β, s², AR, SAR, CAR and Var(CAR) of every event to 1e-10, missing days included', async () => {
    const res = await runEventStudy({ events, benchmark: 'MKT', loadSeries, bootstrap: false });
    expect(res.skipped).toEqual([]);
    let partial = 0;
    for (const e of res.events) {
      const want = naiveEvent(e.symbol, e.day0, [-250, -11], [-5, 5], [[-1, 1], [0, 0], [0, 1], [-5, 5]]);
      if (want.M < 240) partial++;
      expect(e.M).toBe(want.M);
      expect(Math.abs(e.alpha - want.alpha)).toBeLessThan(1e-14);
      expect(rel(e.beta as number, want.beta)).toBeLessThan(1e-10);
      expect(rel(e.sigma ** 2, want.s2)).toBeLessThan(1e-10);
      e.ar.forEach((d, j) => {
        if (want.ar[j] === null) expect(d.ar).toBeNull();
        else {
          expect(Math.abs((d.ar as number) - want.ar[j]!)).toBeLessThan(1e-14);
          expect(rel(d.sar as number, want.sar[j]!)).toBeLessThan(1e-10);
        }
      });
      e.car.forEach((c, k) => {
        expect(c.days).toBe(want.cars[k].days);
        expect(Math.abs(c.car - want.cars[k].car)).toBeLessThan(1e-14);
        expect(rel(c.se ** 2, want.cars[k].variance)).toBeLessThan(1e-10);
      });
    }
    expect(partial).toBeGreaterThan(0); // the suspension's NaN branches were exercised
  });
});

describe('residual replay (what GRANK and r̄ read instead of keeping residuals)', () => {
  const factors = parseFactorCsv(
    ['date,MKT,F2', ...DAYS.slice(1).map((d, i) => `${d},${rm[i]},${(0.001 * Math.sin(i)).toFixed(6)}`)].join('\n'),
    'factors.csv',
  );
  for (const model of MODEL_NAMES) {
    it(`${model}: recomputing the estimation residuals from coef gives the fit's own numbers bit for bit`, async () => {
      const estimationWindow: [number, number] = [-250, -11];
      const plan = planWindows(estimationWindow, [-5, 5], [[-1, 1]], MODELS[model].padding({ dimsonLags: 2 }));
      const engine = createEngine({ model, modelOptions: { dimsonLags: 2 }, plan, minM: 120, day0Rule: 'next', factors, loadSeries });
      for (const [symbol, date] of [['S0', '2025-06-03'], ['S3', '2025-03-10'], ['S5', '2025-10-15']]) {
        const pair = await engine.pair(symbol, 'MKT');
        const work = computeEvent(engine, pair, { symbol, date }, symbol);
        if ('reason' in work) throw new Error(work.reason);
        const out = new Float64Array(plan.estimation[1] - plan.estimation[0]);
        replayResiduals(pair, work.start + plan.estimation[0], work.start + plan.estimation[1], work.fit.coef, out);
        expect(Array.from(out)).toEqual(Array.from(work.fit.estimationResiduals));
      }
    });
  }
});

describe('streamEventStudy', () => {
  it('gives runEventStudy\'s aggregate, daily tests and r̄ exactly, and hands over every event in order', async () => {
    const all = await runEventStudy({ events, benchmark: 'MKT', loadSeries, bootstrap: { replications: 199, seed: 4 } });
    const seen: EventResult[] = [];
    const s = await streamEventStudy(
      (async function* () {
        yield* events;
      })(),
      { benchmark: 'MKT', loadSeries, bootstrap: { replications: 199, seed: 4 }, onEvent: (e) => void seen.push(e) },
    );
    expect(JSON.stringify(s.aggregate)).toBe(JSON.stringify(all.aggregate));
    expect(JSON.stringify(s.daily)).toBe(JSON.stringify(all.daily));
    expect(s.rbar).toBe(all.rbar);
    expect(seen.map((e) => e.id)).toEqual(all.events.map((e) => e.id));
    expect(s.counts).toMatchObject({ events: events.length, studied: events.length, skipped: 0 });
  });
});

describe('r̄ of a study', () => {
  /** Naive twin: each event's residuals (naive OLS) by date, Pearson on common dates, pairs with ≥ 30. */
  function naiveRbar(list: { symbol: string; day0: string }[]): number {
    const res = list.map((e) => {
      const n = naiveEvent(e.symbol, e.day0, [-250, -11], [-5, 5], []);
      return new Map(n.dates.map((d, j) => [d, n.residuals[j]]));
    });
    let sum = 0;
    let pairs = 0;
    for (let i = 0; i < res.length; i++) {
      for (let j = i + 1; j < res.length; j++) {
        const x: number[] = [];
        const y: number[] = [];
        for (const [d, v] of res[i]) if (res[j].has(d)) (x.push(v), y.push(res[j].get(d)!));
        if (x.length < 30) continue;
        const mx = x.reduce((a, b) => a + b, 0) / x.length;
        const my = y.reduce((a, b) => a + b, 0) / y.length;
        let sxy = 0;
        let sxx = 0;
        let syy = 0;
        x.forEach((v, k) => {
          sxy += (v - mx) * (y[k] - my);
          sxx += (v - mx) ** 2;
          syy += (y[k] - my) ** 2;
        });
        sum += sxy / Math.sqrt(sxx * syy);
        pairs++;
      }
    }
    return sum / pairs;
  }

  it('the exact value equals the naive pairwise twin to 1e-12 (repeated events included)', async () => {
    const withRepeats = [...events, events[0], events[5], events[5]];
    const res = await runEventStudy({ events: withRepeats, benchmark: 'MKT', loadSeries, bootstrap: false });
    expect(res.rbarMethod).toBe('exact');
    expect(res.rbarSe).toBe(0);
    expect(Math.abs((res.rbar as number) - naiveRbar(res.events))).toBeLessThan(1e-12);
  });

  it('above the cost budget it is estimated from sampled pairs, within its standard error, and says so', async () => {
    const exact = await runEventStudy({ events, benchmark: 'MKT', loadSeries, bootstrap: false });
    const sampled = await runEventStudy({ events, benchmark: 'MKT', loadSeries, bootstrap: false, rbar: { maxExactCost: 1, samplePairs: 20_000, seed: 7 } });
    expect(sampled.rbarMethod).toBe('sampled');
    expect(sampled.rbarSe).toBeGreaterThan(0);
    expect(Math.abs((sampled.rbar as number) - (exact.rbar as number))).toBeLessThan(3 * (sampled.rbarSe as number));
    expect(sampled.notes.join(' ')).toMatch(/r̄ estimated from 20000 event pairs drawn at random \(seed 7/);
  });
});

describe('overlap flags', () => {
  it('counts and capped ids equal an O(N²) twin', async () => {
    const res = await runEventStudy({ events: [...events, ...events.slice(0, 6)], benchmark: 'MKT', loadSeries, bootstrap: false });
    const ev = res.events;
    for (const a of ev) {
      const est = ev.filter((b) => b !== a && b.symbol === a.symbol && b.day0 >= a.estimation.from && b.day0 <= a.estimation.to);
      const win = ev.filter((b) => b !== a && a.ar[0].date <= b.ar[b.ar.length - 1].date && b.ar[0].date <= a.ar[a.ar.length - 1].date);
      expect(a.flags.estimationOverlapCount).toBe(est.length);
      expect(a.flags.eventWindowOverlapCount).toBe(win.length);
      expect(new Set(a.flags.estimationOverlaps)).toEqual(new Set(est.slice(0, 20).length === est.length ? est.map((b) => b.id) : a.flags.estimationOverlaps));
      expect(a.flags.eventWindowOverlaps.every((id) => win.some((b) => b.id === id))).toBe(true);
      expect(a.flags.eventWindowOverlaps.length).toBe(Math.min(20, win.length));
    }
  });

  it('markOverlaps on results gives the same flags', async () => {
    const res = await runEventStudy({ events, benchmark: 'MKT', loadSeries, bootstrap: false });
    const copy = JSON.parse(JSON.stringify(res.events)) as EventResult[];
    for (const e of copy) e.flags.eventWindowOverlaps = [];
    markOverlaps(copy);
    expect(copy.map((e) => e.flags)).toEqual(res.events.map((e) => e.flags));
  });
});

describe('the MODELS and BATTERY tables', () => {
  it('every test of the battery is named once; ids and labels are the functions\' own', async () => {
    expect(ALL_TESTS).toEqual(Object.keys(BATTERY));
    expect(new Set(Object.values(BATTERY).map((t) => t.id)).size).toBe(ALL_TESTS.length);
    expect(DAY_TESTS).toEqual(['crossSectionalT', 'patellZ', 'bmpT', 'savickasT', 'corradoRank', 'generalizedSign']);
    const res = await runEventStudy({ events, benchmark: 'MKT', loadSeries, bootstrap: { replications: 99, seed: 1 } });
    // A market-model study runs every test but Savickas', which is made for the GARCH model.
    const marketTests = ALL_TESTS.filter((t) => t !== 'savickasT');
    expect(res.parameters.tests).toEqual(marketTests);
    for (const a of res.aggregate) {
      expect(Object.keys(a.tests)).toEqual(marketTests);
      for (const name of marketTests) {
        expect(a.tests[name].test).toBe(BATTERY[name].id);
        if (name !== 'bootstrap') expect(a.tests[name].label).toBe(BATTERY[name].label);
      }
    }
    for (const d of res.daily) expect(Object.keys(d.tests)).toEqual(DAY_TESTS.filter((t) => t !== 'savickasT'));
  });

  it('every model has its row: benchmark or factors, padding, design; the CLI lists every model', async () => {
    expect(MODEL_NAMES).toEqual(Object.keys(MODELS));
    expect(MODELS.dimson.padding({ dimsonLags: 3 })).toBe(3);
    expect(MODELS['scholes-williams'].padding({})).toBe(1);
    expect(MODELS.market.padding({})).toBe(0);
    expect(MODEL_NAMES.filter((m) => MODELS[m].needsBenchmark)).toEqual(['market-adjusted', 'market', 'scholes-williams', 'dimson', 'garch']);
    const { eventCommand } = await import('../src/cli/commands/event.ts');
    for (const m of MODEL_NAMES) expect(eventCommand.usage).toContain(m);
  });
});

describe('one bad event never sinks a study (issue 11.5)', () => {
  it('a constant price (zero residual variance) is skipped with its reason; the others are studied', async () => {
    const flat = seriesFromReturns('FLAT', rm.map(() => 0));
    const res = await runEventStudy({
      events: [{ symbol: 'S0', date: '2025-06-03' }, { symbol: 'FLAT', date: '2025-06-03' }, { symbol: 'S1', date: '2025-06-03' }],
      benchmark: 'MKT',
      loadSeries: (s) => (s === 'FLAT' ? flat : loadSeries(s)),
      bootstrap: false,
    });
    expect(res.events.map((e) => e.symbol)).toEqual(['S0', 'S1']);
    expect(res.skipped).toHaveLength(1);
    expect(res.skipped[0].reason).toMatch(/FLAT 2025-06-03.*zero variance over the estimation window/);
    for (const a of res.aggregate) for (const t of Object.values(a.tests)) expect(t.stat === null || Number.isFinite(t.stat)).toBe(true);
  });

  it('a tiny estimation window (df = 2): Patell and its adjustment are null with a note, the rest is computed', async () => {
    const res = await runEventStudy({
      events: [{ symbol: 'S0', date: '2025-06-03' }, { symbol: 'S1', date: '2025-06-03' }, { symbol: 'S2', date: '2025-06-03' }],
      benchmark: 'MKT',
      loadSeries,
      estimationWindow: [-14, -11],
      minEstimationReturns: 4,
      bootstrap: false,
    });
    expect(res.events.every((e) => e.df === 2)).toBe(true);
    const a = res.aggregate[0];
    expect(a.tests.patellZ.stat).toBeNull();
    expect(a.tests.patellZ.note).toMatch(/df = 2; Patell needs every df > 2/);
    expect(a.tests.adjustedPatellZ.stat).toBeNull();
    expect(a.tests.bmpT.stat).not.toBeNull();
    expect(res.daily[5].tests.patellZ.stat).toBeNull();
  });

  it('runEventStudy() with no argument, and a loader that returns no rows, are input errors, not bugs', async () => {
    await expect((runEventStudy as unknown as () => Promise<unknown>)()).rejects.toThrow(InputError);
    await expect(runEventStudy(null as never)).rejects.toThrow(/needs an options object/);
    const empty = await runEventStudy({ events: [{ symbol: 'S0', date: '2025-06-03' }], benchmark: 'MKT', loadSeries: (s) => (s === 'S0' ? { ...stocks[0], rows: [] } : loadSeries(s)), bootstrap: false });
    expect(empty.events).toEqual([]);
    expect(empty.skipped[0].reason).toMatch(/S0: synthetic S0 has no price rows/);
    const nothing = await runEventStudy({ events: [{ symbol: 'S0', date: '2025-06-03' }], benchmark: 'MKT', loadSeries: () => undefined as never, bootstrap: false });
    expect(nothing.skipped[0].reason).toMatch(/the price loader returned no series for S0/);
  });

  it('a header-only price file in a data folder: the event is skipped naming the file, via dataDir', async () => {
    const dir = join(tmp, 'header-only');
    const header = 'date,open,high,low,close,adjClose,volume,turnoverPct';
    writeFolderSeries(dir, { symbol: 'HOLLOW', name: 'Hollow', aliases: [], exchange: 'XNAS', currency: 'USD', timeZone: 'America/New_York', kind: 'stock', adjustment: 'none', notes: [] }, `${header}\n2025-01-02,,,,10,10,,\n2025-01-03,,,,11,11,,\n`);
    writeFileSync(join(dir, 'prices', 'HOLLOW.csv'), `${header}\n`);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    // A manifest that agrees with the file (0 rows), so the data layer's integrity check passes and
    // the engine meets the empty series itself.
    Object.assign(manifest.symbols.HOLLOW, { sha256: sha256OfBytes(`${header}\n`), rows: 0, first: '', last: '' });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const res = await runEventStudy({ events: [{ symbol: 'HOLLOW', date: '2025-06-03' }], benchmark: 'SPY', dataDir: dir, bootstrap: false });
    expect(res.events).toEqual([]);
    expect(res.skipped[0].reason).toMatch(/HOLLOW/);
    expect(res.skipped[0].reason).toMatch(/no price rows|header/);
  });
});

describe('bounded, validated options (issue 11.6)', () => {
  const base = { events: [{ symbol: 'S0', date: '2025-06-03' }], benchmark: 'MKT', loadSeries };
  const cases: [string, object, RegExp][] = [
    ['unknown test', { tests: ['nonsense'] }, /unknown test 'nonsense'/],
    ['near-miss test', { tests: ['patelZ'] }, /did you mean patellZ/],
    ['NaN minimum', { minEstimationReturns: NaN }, /minEstimationReturns must be a whole number/],
    ['fractional window', { estimationWindow: [-250.5, -11] }, /estimationWindow .* must be whole trading days/],
    ['fractional CAR window', { carWindows: [[-1, 0.5]] }, /carWindows\[0\] .* must be whole trading days/],
    ['NaN Dimson lags', { model: 'dimson', dimsonLags: NaN }, /dimsonLags must be a whole number/],
    ['unknown model', { model: 'capm' }, /unknown model 'capm'/],
    ['bad bootstrap', { bootstrap: { replications: 0, seed: 1 } }, /bootstrap.replications must be a whole number ≥ 1/],
    ['bad day-0 rule', { day0Rule: 'later' }, /day0Rule must be/],
    ['duplicate CAR window', { carWindows: [[0, 0], [0, 0]] }, /CAR window \[0,0\] is given twice/],
  ];
  for (const [name, opts, pattern] of cases) {
    it(`${name} is an InputError naming the option`, async () => {
      const err = await runEventStudy({ ...base, ...opts } as never).catch((e) => e);
      expect(err).toBeInstanceOf(InputError);
      expect(err.message).toMatch(pattern);
    });
  }

  it('bootstrap replications above 1,000,000 are capped, and the result says so', async () => {
    const res = await runEventStudy({
      events: [{ symbol: 'S0', date: '2025-06-03' }, { symbol: 'S1', date: '2025-06-03' }],
      benchmark: 'MKT',
      loadSeries,
      carWindows: [[0, 0]],
      bootstrap: { replications: 1e20, seed: 1 },
    });
    expect(res.parameters.bootstrap).toEqual({ replications: 1_000_000, seed: 1 });
    expect(res.notes.join(' ')).toMatch(/bootstrap replications capped at 1,000,000 \(asked for 100,000,000,000,000,000,000\)/);
    expect(res.aggregate[0].tests.bootstrap.p).not.toBeNull();
  });
});

describe('messages name the series that lacks data (issue 9.5)', () => {
  it('a benchmark without returns in the estimation window is named, not the security', async () => {
    const late = seriesFromReturns('LATE', rm.slice(300), DAYS.slice(300));
    const res = await runEventStudy({ events: [{ symbol: 'S0', date: '2025-06-03' }], benchmark: 'LATE', loadSeries: (s) => (s === 'LATE' ? late : loadSeries(s)), bootstrap: false });
    expect(res.skipped[0].reason).toMatch(/benchmark LATE has (no returns|returns on only \d+ of those days)/);
  });

  it('a benchmark that cannot be loaded is named as the benchmark', async () => {
    const res = await runEventStudy({ events: [{ symbol: 'S0', date: '2025-06-03' }], benchmark: 'GONE', loadSeries: (s) => (s === 'GONE' ? (() => { throw new DataError('GONE.csv is missing'); })() : loadSeries(s)), bootstrap: false });
    expect(res.skipped[0].reason).toMatch(/^benchmark GONE: GONE\.csv is missing/);
  });

  it('a factor with too few values is named with its file', async () => {
    const factors = parseFactorCsv(['date,MKT,SPARSE', ...DAYS.slice(1).map((d, i) => `${d},${rm[i]},${i % 3 === 0 ? 0.001 : 0.002}`)].join('\n'), 'ff.csv');
    // Only the last 100 days of the factor file: the security has 240 estimation days, the factors fewer.
    const short = { ...factors, dates: factors.dates.slice(-150), columns: Object.fromEntries(Object.entries(factors.columns).map(([k, v]) => [k, v.slice(-150)])) };
    const res = await runEventStudy({ events: [{ symbol: 'S0', date: '2025-10-15' }], model: 'factor', factors: short, loadSeries, bootstrap: false });
    expect(res.skipped[0].reason).toMatch(/factor '(MKT|SPARSE)' from ff\.csv has values on only \d+ of those days/);
  });
});

describe('data folders (issue 9.2)', () => {
  it('runEventStudy({ dataDir }) finds a user series first; bundled benchmarks stay available', async () => {
    const dir = join(tmp, 'myco');
    const amd = readFileSync(join(import.meta.dirname, '..', 'data', 'prices', 'AMD.csv'), 'utf8');
    writeFolderSeries(dir, { symbol: 'MYCO', name: 'My Co', aliases: [], exchange: 'XNAS', currency: 'USD', timeZone: 'America/New_York', kind: 'stock', adjustment: 'as AMD', notes: [] }, amd);
    const mine = await runEventStudy({ events: [{ symbol: 'MYCO', date: '2025-01-27' }], benchmark: 'SPY', dataDir: dir, bootstrap: false });
    const amdRes = await runEventStudy({ events: [{ symbol: 'AMD', date: '2025-01-27' }], benchmark: 'SPY', bootstrap: false });
    expect(mine.events[0].alpha).toBe(amdRes.events[0].alpha);
    expect(mine.events[0].beta).toBe(amdRes.events[0].beta);
    expect(mine.events[0].ar.find((d) => d.rel === 0)?.ar).toBe(amdRes.events[0].ar.find((d) => d.rel === 0)?.ar);
  });
});

describe('the bootstrap above its event cap', () => {
  it('is skipped with a note in the test and in the study notes, never silently', async () => {
    const { createAggregator } = await import('../src/study/aggregate.ts');
    const plan = planWindows([-250, -11], [-5, 5], [[-1, 1]], 0);
    const engine = createEngine({ model: 'market', modelOptions: {}, plan, minM: 120, day0Rule: 'next', loadSeries });
    const agg = createAggregator({ plan, tests: ['crossSectionalT', 'bootstrap'], bootstrap: { replications: 99, seed: 1 }, bootstrapMaxEvents: 3 });
    for (const [symbol, date] of [['S0', '2025-06-03'], ['S1', '2025-06-03'], ['S2', '2025-06-17'], ['S4', '2025-07-09']]) {
      const pair = await engine.pair(symbol, 'MKT');
      const work = computeEvent(engine, pair, { symbol, date }, symbol);
      if ('reason' in work) throw new Error(work.reason);
      agg.add(work);
    }
    const out = agg.finish(engine.pairs);
    const boot = out.aggregate[0].tests.bootstrap;
    expect(boot.stat).toBeNull();
    expect(boot.note).toMatch(/bootstrap skipped: it resamples every event's residuals, kept for at most 3 events \(this study has 4\)/);
    expect(out.notes.join(' ')).toMatch(/bootstrap skipped/);
    expect(out.aggregate[0].tests.crossSectionalT.stat).not.toBeNull();
  });
});
