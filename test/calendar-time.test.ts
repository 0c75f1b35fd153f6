/**
 * Calendar-time portfolios and the Ken French factor loader: both file layouts, the bundled copy
 * and its provenance, coverage refusals naming the dates, portfolio membership and weights by hand,
 * Newey–West errors against a naive matrix twin, and `impact calendar-time` on the 2024 US panel.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFrenchDaily, checkFactorCoverage, FRENCH_DAILY_RAW, loadBundledFrenchDaily, parseFrenchFactors, type FrenchFactors } from '../src/data/french.ts';
import { calendarTimePortfolio } from '../src/study/calendar-time.ts';
import { linearRegression } from '../src/stats/regression.ts';
import { sha256OfBytes } from '../src/data/manifest.ts';
import { run, expectOneLineError } from './helpers/cli.ts';

const ROOT = join(import.meta.dirname, '..');
const RAW = [resolve(ROOT, '..', 'shared', 'data', 'raw'), process.env.RAW_DIR ?? ''].find((d) => d && existsSync(join(d, 'ff')));
const tmp = mkdtempSync(join(tmpdir(), 'impact-ct-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const LIBRARY_LAYOUT = [
  'This file was created by CMPT_ME_BEME_RETS_DAILY using the 202412 CRSP database.',
  'The Tbill return is the simple daily rate that, over the number of trading days',
  'in the month, compounds to 1-month TBill rate from Ibbotson and Associates Inc.',
  '',
  '         ,Mkt-RF,SMB,HML,RF',
  '20241227,   -1.17,   -0.66,    0.56,   0.017',
  '20241230,   -1.09,    0.12,    0.74,   0.017',
  '20241231,   -0.46,    0.00,    0.71,   0.017',
  '',
  ' Annual Factors: January-December ',
  ',Mkt-RF,SMB,HML,RF',
  '2024,   20.00,   -8.00,   -5.00,    5.30',
  '',
  'Copyright 2024 Kenneth R. French',
  '',
].join('\r\n');

describe('French factor files', () => {
  it("read the library's own layout: preamble, empty first header cell, percent values; the annual section and copyright are not rows", () => {
    const f = parseFrenchFactors(LIBRARY_LAYOUT, 'lib.csv');
    expect(f.frequency).toBe('daily');
    expect(f.dates).toEqual(['2024-12-27', '2024-12-30', '2024-12-31']);
    expect(Object.keys(f.columns)).toEqual(['Mkt-RF', 'SMB', 'HML', 'RF']);
    expect(f.columns['Mkt-RF'][0]).toBeCloseTo(-0.0117, 15);
    expect(f.columns.RF[2]).toBeCloseTo(0.00017, 15);
  });

  it('read the one-header-row copy (bundled), with its provenance sha256; monthly files are recognised', () => {
    const f = loadBundledFrenchDaily();
    expect(f.dates[0]).toBe('2020-01-02');
    expect(f.dates.at(-1)).toBe('2024-12-31');
    expect(f.dates.length).toBe(1258);
    // 20240102 row of the raw file: -0.50... compare against the text of the bundled file itself
    const line = readFileSync(join(ROOT, 'data/factors/F-F_Research_Data_Factors_daily.csv'), 'utf8').split('\n').find((l) => l.startsWith('20240102,'))!;
    const cells = line.split(',').map(Number);
    const i = f.dates.indexOf('2024-01-02');
    expect(f.columns['Mkt-RF'][i]).toBeCloseTo(cells[1] / 100, 15);
    expect(f.columns.HML[i]).toBeCloseTo(cells[3] / 100, 15);
    expect(parseFrenchFactors(',Mkt-RF,RF\n202401,   0.07,   0.47\n', 'm.csv').frequency).toBe('monthly');
  });

  it('refuse a missing-value code, a hand-edited bundle, and a file without a table, naming the problem', () => {
    expect(() => parseFrenchFactors('Date,Mkt-RF,RF\n20240102,  -99.99, 0.02\n', 'x.csv')).toThrow(/line 2, Mkt-RF on 2024-01-02: -99.99 is the library's missing-value code/);
    expect(() => parseFrenchFactors('hello\nworld\n', 'x.csv')).toThrow(/x.csv: no French factor table/);
    const dir = join(tmp, 'data');
    cpSync(join(ROOT, 'data', 'factors'), join(dir, 'factors'), { recursive: true });
    cpSync(join(ROOT, 'data', 'manifest.json'), join(dir, 'manifest.json'));
    expect(loadBundledFrenchDaily(dir).dates.length).toBe(1258); // listed in the manifest, hash-checked
    const p = join(dir, 'factors', 'F-F_Research_Data_Factors_daily.csv');
    writeFileSync(p, readFileSync(p, 'utf8').replace('20200102,    0.86', '20200102,    0.87'));
    expect(() => loadBundledFrenchDaily(dir)).toThrow(/F-F_Research_Data_Factors_daily\.csv: sha256 [0-9a-f]{12}… does not match its manifest's/);
  });

  it('coverage: a study outside the file is refused with the missing dates', () => {
    const f = parseFrenchFactors(LIBRARY_LAYOUT, 'lib.csv');
    expect(() => checkFactorCoverage(f, ['2024-12-30', '2025-01-02', '2025-01-03'])).toThrow(
      'lib.csv covers 2024-12-27..2024-12-31; the study needs 2 date(s) it lacks: 2025-01-02, 2025-01-03',
    );
    expect(() => checkFactorCoverage(f, ['2024-12-30'])).not.toThrow();
  });

  it.skipIf(!RAW)('the bundled copy is what the importer makes from the shared raw file (needs ../shared)', () => {
    const bytes = readFileSync(join(RAW!, FRENCH_DAILY_RAW.file));
    const built = buildFrenchDaily({ text: bytes.toString('utf8'), sha256: sha256OfBytes(bytes) });
    const bundled = readFileSync(join(ROOT, 'data/factors/F-F_Research_Data_Factors_daily.csv'));
    expect(sha256OfBytes(built.text)).toBe(sha256OfBytes(bundled));
    expect(() => buildFrenchDaily({ text: bytes.toString('utf8'), sha256: '0'.repeat(64) })).toThrow(/is not the 604e5f5a.* its PROVENANCE\.md names/);
  });
});

// ---- a hand-built panel ----------------------------------------------------------------------
const DATES = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2024, 0, 2 + i)).toISOString().slice(0, 10));
function factorsOf(): FrenchFactors {
  const mkt = DATES.map((_, i) => 0.01 * Math.sin(i * 1.3));
  const smb = DATES.map((_, i) => 0.004 * Math.cos(i * 0.7));
  const hml = DATES.map((_, i) => 0.003 * Math.sin(i * 2.1 + 1));
  return { name: 'synthetic', frequency: 'daily', dates: DATES, columns: { 'Mkt-RF': Float64Array.from(mkt), SMB: Float64Array.from(smb), HML: Float64Array.from(hml), RF: Float64Array.from(DATES, () => 0.0002) } };
}
const retA = new Map(DATES.map((d, i) => [d, 0.001 * ((i * 7) % 11) - 0.004]));
const retB = new Map(DATES.map((d, i) => [d, 0.002 * ((i * 5) % 7) - 0.005]));
retB.delete(DATES[4]); // B has no return on day 4

describe('calendarTimePortfolio', () => {
  const factors = factorsOf();
  const input = {
    events: [
      { id: 'A1', symbol: 'A', day0: DATES[2] },
      { id: 'B1', symbol: 'B', day0: DATES[3] },
      { id: 'A2', symbol: 'A', day0: DATES[4] }, // overlaps A1: A is held once
      { id: 'B2', symbol: 'B', day0: DATES[20] },
      { id: 'X', symbol: 'B', day0: '2024-01-01' },
    ],
    sessions: { A: DATES, B: DATES },
    returns: { A: retA, B: retB },
    horizon: 3,
    factors,
  };

  it('holds each security over sessions 0..H, once; equal weights; days with none listed and left out', () => {
    const r = calendarTimePortfolio({ ...input, model: 'capm', neweyWestLags: 2 });
    const byDate = new Map(r.days.map((d) => [d.date, d]));
    expect(r.from).toBe(DATES[2]);
    expect(r.to).toBe(DATES[23]);
    expect(byDate.get(DATES[2])!.members).toEqual(['A']);
    expect(byDate.get(DATES[3])!.members).toEqual(['A', 'B']);
    expect(byDate.get(DATES[4])!.members).toEqual(['A']); // B has no return that day
    expect(byDate.get(DATES[7])!.members).toEqual(['A']); // A2's window runs to day 4 + 3 = 7
    expect(byDate.get(DATES[8])!.n).toBe(0);
    expect(byDate.get(DATES[5])!.portfolioReturn).toBeCloseTo((retA.get(DATES[5])! + retB.get(DATES[5])!) / 2, 15);
    expect(byDate.get(DATES[5])!.excessReturn).toBeCloseTo((retA.get(DATES[5])! + retB.get(DATES[5])!) / 2 - 0.0002, 15);
    expect(r.emptyDays).toEqual(DATES.slice(8, 20));
    expect(r.T).toBe(6 + 4);
    expect(r.securitiesPerDay).toEqual({ min: 1, mean: 1.3, max: 2 });
    expect(r.skipped).toEqual([{ id: 'X', reason: 'day 0 2024-01-01 is not a session of B' }]);
  });

  it('value weights by the market value before each day', () => {
    const mv = (s: string) => (s === 'A' ? 3 : 1);
    const r = calendarTimePortfolio({ ...input, weighting: 'value', marketValue: mv });
    const d5 = r.days.find((d) => d.date === DATES[5])!;
    expect(d5.portfolioReturn).toBeCloseTo((3 * retA.get(DATES[5])! + retB.get(DATES[5])!) / 4, 15);
    expect(() => calendarTimePortfolio({ ...input, weighting: 'value', marketValue: () => null })).toThrow(/no market value for A before/);
  });

  it('α and its Newey–West t equal a naive matrix computation (Bartlett weights, L lags)', () => {
    for (const [model, L] of [['ff3', 2], ['capm', 0], ['capm', 3]] as const) {
      const r = calendarTimePortfolio({ ...input, model, neweyWestLags: L });
      const days = r.days.filter((d) => d.n > 0);
      const idx = days.map((d) => DATES.indexOf(d.date));
      const cols = (model === 'ff3' ? ['Mkt-RF', 'SMB', 'HML'] : ['Mkt-RF']).map((c) => idx.map((i) => factors.columns[c][i]));
      const X = days.map((_, t) => [1, ...cols.map((c) => c[t])]);
      const y = days.map((d) => d.excessReturn!);
      const n = X.length;
      const k = X[0].length;
      const T = (a: number[][]) => a[0].map((_, j) => a.map((row) => row[j]));
      const mul = (a: number[][], b: number[][]) => a.map((row) => b[0].map((_, j) => row.reduce((s, v, q) => s + v * b[q][j], 0)));
      const inv = (a: number[][]) => {
        const m = a.length;
        const w = a.map((row, i) => [...row, ...a.map((_, j) => (i === j ? 1 : 0))]);
        for (let c = 0; c < m; c++) {
          let p = c;
          for (let q = c + 1; q < m; q++) if (Math.abs(w[q][c]) > Math.abs(w[p][c])) p = q;
          [w[c], w[p]] = [w[p], w[c]];
          const d = w[c][c];
          w[c] = w[c].map((v) => v / d);
          for (let q = 0; q < m; q++) if (q !== c) w[q] = w[q].map((v, j) => v - w[q][c] * w[c][j]);
        }
        return w.map((row) => row.slice(m));
      };
      const A = inv(mul(T(X), X));
      const b = mul(A, mul(T(X), y.map((v) => [v]))).map((row) => row[0]);
      const e = y.map((v, t) => v - X[t].reduce((s, x, j) => s + x * b[j], 0));
      const S = Array.from({ length: k }, () => new Array(k).fill(0));
      for (let l = 0; l <= L; l++) {
        const w = l === 0 ? 1 : 1 - l / (L + 1);
        for (let t = l; t < n; t++) {
          for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
            const term = X[t][i] * e[t] * X[t - l][j] * e[t - l];
            S[i][j] += l === 0 ? term : w * (term + X[t - l][i] * e[t - l] * X[t][j] * e[t]);
          }
        }
      }
      const V = mul(mul(A, S), A);
      expect(r.alpha.estimate).toBeCloseTo(b[0], 14);
      expect(r.alpha.se!).toBeCloseTo(Math.sqrt(V[0][0]), 14);
      expect(r.alpha.t!).toBeCloseTo(b[0] / Math.sqrt(V[0][0]), 10);
      expect(r.alpha.df).toBe(n - k);
      expect(r.neweyWestLags).toBe(L);
      // the classical t is plain OLS on the same rows
      const ols = linearRegression({ y: Float64Array.from(y), columns: cols.map((c) => Float64Array.from(c)), names: cols.map((_, j) => `f${j}`) });
      expect(r.alphaClassical.t!).toBeCloseTo(ols.coefficients[0].classical.t!, 12);
    }
  });

  it('default lags ⌊4(T/100)^(2/9)⌋; bad horizon and too few days are input errors', () => {
    const r = calendarTimePortfolio(input);
    expect(r.neweyWestLags).toBe(Math.floor(4 * (10 / 100) ** (2 / 9)));
    expect(() => calendarTimePortfolio({ ...input, horizon: -1 })).toThrow(/horizon H must be a whole number/);
    expect(() => calendarTimePortfolio({ ...input, horizon: 0, events: input.events.slice(0, 2) })).toThrow(/2 portfolio day\(s\) for 4 coefficients/);
  });
});

describe('impact calendar-time', () => {
  const NAMES = 'NVDA,AMD,AVGO,TSM,MSFT,META,GOOGL';
  it('the 2024 US panel against the bundled Fama–French factors prints the intercept with its t', async () => {
    const r = await run('calendar-time', NAMES, '--date', '2024-02-21,2024-05-22,2024-08-28,2024-11-20', '--horizon', '20');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Intercept \(daily abnormal return\) α = [+−]\d\.\d{4}%: Newey–West t = −?\d+\.\d\d \(L=\d+, df \d+\)/);
    expect(r.out).toMatch(/securities per day: min 7, mean 7\.0, max 7/);
    expect(r.out).toMatch(/\d+ day\(s\) with none/);
    const j = await run('calendar-time', NAMES, '--date', '2024-02-21,2024-05-22,2024-08-28,2024-11-20', '--horizon', '20', '--model', 'capm', '--json');
    const doc = JSON.parse(j.out);
    expect(doc.model).toBe('capm');
    expect(doc.T + doc.emptyDays.length).toBe(doc.days.length);
    expect(doc.regression.coefficients.map((c: { name: string }) => c.name)).toEqual(['(intercept)', 'Mkt-RF']);
  });

  it('one-line errors: factors that do not cover the study name the dates; bad options', async () => {
    expectOneLineError(await run('calendar-time', 'NVDA', '--date', '2025-01-27'), /covers 2020-01-02\.\.2024-12-31; the study needs 21 date\(s\) it lacks: 2025-01-27, 2025-01-28/);
    expectOneLineError(await run('calendar-time', 'NVDA', '--date', '2024-01-26', '--model', 'ff5'), /--model must be ff3 or capm/);
    expectOneLineError(await run('calendar-time', 'NVDA', '--date', '2024-01-26', '--weights', 'value'), /no market value for NVDA/);
    expectOneLineError(await run('calendar-time', 'NVDA', '--date', '2024-01-26', '--factors', join(tmp, 'nope.csv')), /factor file .*nope.csv cannot be read/);
  });
});
