/**
 * Second stage: linear regression with classical/HC1/HC3/clustered SEs (against numpy in
 * test/fixtures/methods/second-stage.py and a naive matrix twin here), Welch t and the rank-sum
 * test (scipy; brute-force enumeration for the exact tied case), and regressCars / subgroupCaar /
 * prior returns on a hand-built study result.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linearRegression } from '../src/stats/regression.ts';
import { rankSumTest, welchT } from '../src/stats/tests/two-sample.ts';
import { priorReturnFromRows, regressCars, subgroupCaar } from '../src/study/regress.ts';
import type { EventResult, StudyResult } from '../src/study/types.ts';
import type { PriceRow } from '../src/types.ts';
import { inverse, mul, T, type M } from './helpers/matrix.ts';

const ref = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'methods', 'second-stage.json'), 'utf8'));
const data = {
  x: Float64Array.from(ref.data.x as number[]),
  d: Float64Array.from(ref.data.d as number[]),
  y: Float64Array.from(ref.data.y as number[]),
  w: Float64Array.from(ref.data.w as number[]),
  g: ref.data.g as string[],
};

function naiveRegression(y: number[], cols: number[][], weights: number[] | null, groups: string[]) {
  const n = y.length;
  const sw = weights ? weights.map(Math.sqrt) : y.map(() => 1);
  const X: M = y.map((_, i) => [sw[i], ...cols.map((c) => sw[i] * c[i])]);
  const Y: M = y.map((v, i) => [sw[i] * v]);
  const k = X[0].length;
  const A = inverse(mul(T(X), X));
  const b = mul(A, mul(T(X), Y));
  const e = mul(X, b).map((r, i) => Y[i][0] - r[0]);
  const meatHc1: M = mul(T(X), X.map((r, i) => r.map((v) => v * e[i] * e[i])));
  const hc1 = mul(mul(A, meatHc1), A).map((r) => r.map((v) => (v * n) / (n - k)));
  const G = [...new Set(groups)];
  const scores: M = G.map((g) => X[0].map((_, j) => X.reduce((s, r, i) => s + (groups[i] === g ? r[j] * e[i] : 0), 0)));
  const cl = mul(mul(A, mul(T(scores), scores)), A).map((r) => r.map((v) => ((v * G.length) / (G.length - 1) * (n - 1)) / (n - k)));
  return { b: b.map((r) => r[0]), hc1: hc1.map((r, i) => Math.sqrt(r[i])), clustered: cl.map((r, i) => Math.sqrt(r[i])) };
}

describe('linearRegression', () => {
  it('hand case: y = 1 3 2 5 on x = 0 1 2 3 gives slope Sxy/Sxx = 5.5/5 = 1.1 and intercept 2.75 − 1.65 = 1.1', () => {
    const fit = linearRegression({ y: Float64Array.of(1, 3, 2, 5), columns: [Float64Array.of(0, 1, 2, 3)], names: ['x'] });
    expect(fit.coefficients[0].estimate).toBeCloseTo(1.1, 13);
    expect(fit.coefficients[1].estimate).toBeCloseTo(1.1, 13);
    // residuals −0.1, 0.8, −1.3, 0.6: SSR = 2.7, s² = 1.35, se(slope) = √(1.35/5)
    expect(fit.coefficients[1].classical.se).toBeCloseTo(Math.sqrt(1.35 / 5), 13);
    expect(fit.df).toBe(2);
    expect(fit.r2).toBeCloseTo(1 - 2.7 / 8.75, 13);
  });

  for (const method of ['ols', 'wls'] as const) {
    it(`${method.toUpperCase()}: coefficients and classical, HC1, HC3 and clustered SEs equal numpy's; HC1 and clustered equal the naive matrix twin`, () => {
      const fit = linearRegression({ y: data.y, columns: [data.x, data.d], names: ['x', 'd'], clusters: data.g, ...(method === 'wls' ? { weights: data.w } : {}) });
      const r = ref[method];
      const naive = naiveRegression([...data.y], [[...data.x], [...data.d]], method === 'wls' ? [...data.w] : null, data.g);
      expect(fit.method).toBe(method);
      expect(fit.clusterCount).toBe(5);
      fit.coefficients.forEach((c, j) => {
        expect(c.estimate).toBeCloseTo(r.coef[j], 12);
        expect(c.classical.se!).toBeCloseTo(r.classical[j], 12);
        expect(c.hc1.se!).toBeCloseTo(r.hc1[j], 12);
        expect(c.hc3.se!).toBeCloseTo(r.hc3[j], 12);
        expect(c.clustered!.se!).toBeCloseTo(r.clustered[j], 12);
        expect(c.hc1.se!).toBeCloseTo(naive.hc1[j], 12);
        expect(c.clustered!.se!).toBeCloseTo(naive.clustered[j], 12);
        expect(c.estimate).toBeCloseTo(naive.b[j], 12);
        expect(c.clustered!.df).toBe(4);
        expect(c.hc1.df).toBe(11);
      });
      expect(fit.r2).toBeCloseTo(r.r2, 12);
      expect(fit.notes.join(' ')).toMatch(/only 5 clusters/);
    });
  }

  it('is unaffected by the scale of a regressor (market cap in dollars)', () => {
    const small = linearRegression({ y: data.y, columns: [data.x], names: ['x'] });
    const big = linearRegression({ y: data.y, columns: [data.x.map((v) => v * 1e12)], names: ['x'] });
    expect(big.coefficients[1].estimate * 1e12).toBeCloseTo(small.coefficients[1].estimate, 12);
    expect(big.coefficients[1].hc1.t!).toBeCloseTo(small.coefficients[1].hc1.t!, 9);
  });

  it('refuses collinear columns and too few rows with one-line errors', () => {
    expect(() => linearRegression({ y: data.y, columns: [data.x, data.x.map((v) => 2 * v)], names: ['x', 'x2'] })).toThrow(/collinear/);
    expect(() => linearRegression({ y: Float64Array.of(1, 2), columns: [Float64Array.of(1, 2)], names: ['x'] })).toThrow(/2 observation\(s\) for 2 coefficient/);
  });
});

describe('two-sample tests', () => {
  const { g1, g2, big1, big2 } = ref.groups;
  it('Welch t equals scipy ttest_ind(equal_var=False); hand case', () => {
    const r = welchT(g1, g2);
    expect(r.stat!).toBeCloseTo(ref.welch.t, 12);
    expect(r.p!).toBeCloseTo(ref.welch.p, 10);
    const h = welchT([1, 2, 3], [4, 6, 8]);
    expect(h.stat!).toBeCloseTo(-4 / Math.sqrt(1 / 3 + 4 / 3), 12);
    expect(h.df!).toBeCloseTo((5 / 3) ** 2 / ((1 / 9) / 2 + (16 / 9) / 2), 12);
  });

  it('rank-sum exact p without ties equals scipy method="exact"; hand case 2/C(6,3)', () => {
    const r = rankSumTest(g1, g2);
    expect(r.distribution).toBe('exact');
    expect(r.u).toBe(ref.mannWhitneyExact.u);
    expect(r.p!).toBeCloseTo(ref.mannWhitneyExact.p, 12);
    expect(rankSumTest([1, 2, 3], [4, 5, 6]).p).toBeCloseTo(0.1, 14);
  });

  it('rank-sum above 50 values: normal approximation with tie and continuity corrections equals scipy', () => {
    const r = rankSumTest(big1, big2);
    expect(r.distribution).toBe('normal');
    expect(r.u).toBe(ref.mannWhitneyLarge.u);
    expect(r.p!).toBeCloseTo(ref.mannWhitneyLarge.p, 12);
  });

  it('rank-sum exact with ties equals a brute-force enumeration of all C(N, n1) splits of the mid-ranks', () => {
    const a = [1, 2, 2, 3, 5];
    const b = [2, 3, 3, 4, 6, 6, 7];
    const r = rankSumTest(a, b);
    const pooled = [...a, ...b];
    const sorted = [...pooled].sort((x, y) => x - y);
    const rank = (v: number) => {
      const first = sorted.indexOf(v);
      const last = sorted.lastIndexOf(v);
      return (first + last) / 2 + 1;
    };
    const ranks = pooled.map(rank);
    const N = pooled.length;
    const mean = (a.length * (N + 1)) / 2;
    const w = ranks.slice(0, a.length).reduce((s, v) => s + v, 0);
    let hits = 0;
    let total = 0;
    for (let mask = 0; mask < 1 << N; mask++) {
      let bits = 0;
      let sum = 0;
      for (let i = 0; i < N; i++) if (mask & (1 << i)) {
        bits++;
        sum += ranks[i];
      }
      if (bits !== a.length) continue;
      total++;
      if (Math.abs(sum - mean) >= Math.abs(w - mean) - 1e-9) hits++;
    }
    expect(r.rankSum).toBe(w);
    expect(r.p!).toBeCloseTo(hits / total, 14);
    expect(r.note).toMatch(/conditional on tied ranks/);
  });
});

// ---- a hand-built study result ---------------------------------------------------------------
function event(id: string, symbol: string, day0: string, car: number, se: number, beta: number | null, characteristics?: Record<string, string>): EventResult {
  return {
    id, symbol, day0, beta, model: 'market',
    car: [{ window: '[0,0]', from: 0, to: 0, car, se, t: car / se, df: 200, p: 0.5, bhar: car, scar: car / se, days: 1 }],
    ...(characteristics ? { characteristics } : {}),
  } as unknown as EventResult;
}
const study = {
  parameters: { carWindows: [[0, 0]], eventWindow: [-5, 5] },
  events: [
    event('A1', 'A', '2025-01-27', 0.03, 0.01, 1.2, { sector: 'chips', size: '10' }),
    event('B1', 'B', '2025-01-27', -0.01, 0.02, 0.9, { sector: 'software', size: '20' }),
    event('C1', 'C', '2025-01-28', 0.02, 0.015, 1.5, { sector: 'chips', size: '5' }),
    event('D1', 'D', '2025-01-28', 0.00, 0.01, 0.8, { sector: 'software', size: '' }),
    event('E1', 'E', '2025-01-29', -0.02, 0.02, 0.7, { sector: 'cloud', size: '15' }),
    event('F1', 'F', '2025-01-29', 0.01, 0.01, 1.1, { sector: 'chips', size: '8' }),
    event('G1', 'G', '2025-01-30', -0.005, 0.012, 1.0, { sector: 'software', size: '12' }),
  ],
  skipped: [{ id: 'H1', symbol: 'H', date: '2025-01-27', reason: 'no data' }],
} as unknown as StudyResult;

describe('regressCars', () => {
  it('builds dummies against the sorted-first baseline, excludes events without a value, and equals linearRegression on the same design', () => {
    const reg = regressCars(study, { window: [0, 0], regressors: ['beta', 'sector', 'size'], cluster: 'date' });
    expect(reg.baselines).toEqual({ sector: 'chips' });
    expect(reg.terms.map((t) => t.name)).toEqual(['beta', 'sector=cloud', 'sector=software', 'size']);
    expect(reg.used).toEqual(['A1', 'B1', 'C1', 'E1', 'F1', 'G1']);
    expect(reg.excluded).toEqual([
      { id: 'H1', reason: 'not studied: no data' },
      { id: 'D1', reason: "no value for 'size'" },
    ]);
    const used = study.events.filter((e) => e.id !== 'D1');
    const direct = linearRegression({
      y: Float64Array.from(used, (e) => e.car[0].car),
      columns: [
        Float64Array.from(used, (e) => e.beta!),
        Float64Array.from(used, (e) => ((e as { characteristics?: Record<string, string> }).characteristics!.sector === 'cloud' ? 1 : 0)),
        Float64Array.from(used, (e) => ((e as { characteristics?: Record<string, string> }).characteristics!.sector === 'software' ? 1 : 0)),
        Float64Array.of(10, 20, 5, 15, 8, 12),
      ],
      names: ['beta', 'sector=cloud', 'sector=software', 'size'],
      clusters: used.map((e) => e.day0),
      weights: Float64Array.from(used, (e) => 1 / e.car[0].se ** 2),
    });
    reg.wls!.coefficients.forEach((c, j) => {
      expect(c.estimate).toBeCloseTo(direct.coefficients[j].estimate, 12);
      expect(c.clustered!.se!).toBeCloseTo(direct.coefficients[j].clustered!.se!, 12);
    });
    expect(reg.wls!.clusterCount).toBe(4);
  });

  it('takes explicit characteristics, SCAR as the dependent variable, a chosen baseline and security clusters', () => {
    const characteristics = Object.fromEntries(study.events.map((e, i) => [e.id, { lag: i % 3 }]));
    const reg = regressCars(study, { window: '[0,0]', dependent: 'scar', regressors: ['lag', 'sector'], baselines: { sector: 'software' }, characteristics, cluster: 'security' });
    expect(reg.terms.map((t) => t.name)).toEqual(['lag', 'sector=chips', 'sector=cloud']);
    expect(reg.wls).toBeNull();
    expect(reg.ols.clusterCount).toBe(7);
    expect(reg.ols.n).toBe(7);
  });

  it('prior<N> needs priorReturns and uses them', () => {
    const r = regressCars(study, { window: [0, 0], regressors: ['beta'], cluster: 'date' });
    expect(r.ols.n).toBe(7);
    expect(() => regressCars(study, { window: [0, 0], regressors: ['prior20'] })).toThrow(/0 usable event/);
    const priors = Object.fromEntries(study.events.map((e, i) => [e.id, i === 2 ? null : 0.01 * i]));
    const reg = regressCars(study, { window: [0, 0], regressors: ['prior20'], priorReturns: priors });
    expect(reg.excluded.find((e) => e.id === 'C1')?.reason).toMatch(/too few sessions/);
    expect(reg.ols.n).toBe(6);
  });

  it('one-line errors: unknown window, no regressors, bad baseline', () => {
    expect(() => regressCars(study, { window: [-1, 1], regressors: ['beta'] })).toThrow(/CAR window \[-1,\+1\] is not in the study/);
    expect(() => regressCars(study, { window: [0, 0], regressors: [] })).toThrow(/at least one regressor/);
    expect(() => regressCars(study, { window: [0, 0], regressors: ['sector'], baselines: { sector: 'banks' } })).toThrow(/baseline 'banks'/);
  });
});

describe('subgroupCaar', () => {
  it('CAAR per level and each level against the baseline with Welch t and the exact rank-sum test', () => {
    const s = subgroupCaar(study, { window: [0, 0], by: 'sector', baseline: 'software' });
    const chips = [0.03, 0.02, 0.01];
    const software = [-0.01, 0.0, -0.005];
    expect(s.groups.map((g) => [g.level, g.N])).toEqual([['chips', 3], ['cloud', 1], ['software', 3]]);
    expect(s.groups[0].caar).toBeCloseTo(0.02, 14);
    const vsChips = s.comparisons.find((c) => c.level === 'chips')!;
    expect(vsChips.difference).toBeCloseTo(0.02 - -0.005, 14);
    expect(vsChips.welch.stat).toBeCloseTo(welchT(chips, software).stat!, 14);
    expect(vsChips.rankSum.p).toBeCloseTo(0.1, 14); // complete separation of 3 vs 3: 2/20
    expect(s.comparisons.find((c) => c.level === 'cloud')!.welch.stat).toBeNull(); // one event
  });
});

describe('priorReturnFromRows', () => {
  it('compounds the N sessions before the event window: AdjClose(τa−1)/AdjClose(τa−N−1) − 1', () => {
    const dates = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10));
    const rows = dates.map((date, i) => ({ date, adjClose: 100 + i }) as PriceRow);
    // day 0 at index 30, window starts at −5 → last prior session index 24, first base index 4
    expect(priorReturnFromRows(rows, dates[30], -5, 20)).toBeCloseTo(124 / 104 - 1, 14);
    expect(priorReturnFromRows(rows, dates[20], -5, 20)).toBeNull();
    expect(priorReturnFromRows(rows, '2030-01-01', -5, 20)).toBeNull();
  });
});
