import { describe, expect, it } from 'vitest';
import {
  aar,
  adjustedBmpT,
  adjustedPatellZ,
  averageRanks,
  binomialTwoSidedP,
  bmpT,
  brownWarnerT,
  caar,
  corradoRankT,
  createRng,
  crossSectionalT,
  fillNormal,
  generalizedSignZ,
  grankT,
  logGamma,
  normalCdf,
  meanPairwiseCorrelation,
  normalTwoSidedP,
  patellZ,
  signZ,
  skewnessCorrectedT,
  studentTTwoSidedP,
  wilcoxonSignedRank,
  type ArPanel,
} from '../src/stats/index.ts';
import { InputError } from '../src/errors.ts';
import { createMomentsAccumulator, momentsOf } from '../src/stats/tests/common.ts';
import { mean, naiveCorrado, naiveGrank, naiveRanks, row } from './helpers/naive-rank.ts';

// ---- naive helpers (independent of the library code) -----------------------------------------
const sd = (x: number[]) => {
  const m = mean(x);
  return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1));
};
const normals = (seed: number, n: number, s = 1) => Array.from(fillNormal(createRng(seed), new Float64Array(n), 0, s));

/** Seeded panel with fat-ish tails, event-window shift and some missing values. */
function makePanel(seed: number, n: number, est: number, evt: number, missing = 0.03): ArPanel {
  const rng = createRng(seed);
  const days = est + evt;
  const values = new Float64Array(n * days);
  fillNormal(rng, values);
  for (let i = 0; i < n; i++) {
    const scale = 0.01 + 0.02 * rng.uniform();
    for (let c = 0; c < days; c++) {
      let v = values[i * days + c] * scale;
      if (c >= est) v += 0.002; // a small event effect
      if (rng.uniform() < missing) v = NaN;
      values[i * days + c] = v;
    }
  }
  return { n, days, values, estimation: [0, est], event: [est, days] };
}

// ---- hand-checkable cases ------------------------------------------------------------------------
describe('parametric tests: hand-checkable values', () => {
  it('cross-sectional t', () => {
    const r = crossSectionalT([0.01, 0.02, 0.03]);
    expect(r.stat).toBeCloseTo(0.02 / (0.01 / Math.sqrt(3)), 12);
    expect(r.df).toBe(2);
    expect(r.n).toBe(3);
    expect(r.p).toBeCloseTo(studentTTwoSidedP(r.stat as number, 2), 15);
    expect(r.se).toBeCloseTo(0.01 / Math.sqrt(3), 15);
  });

  it('Brown–Warner t', () => {
    // AAR sd of [1, 2, 3, 4] % = 1.2910 %; L2 = 4: se = 2 · 1.2910 %
    const r = brownWarnerT({ caar: 0.05, estimationAar: [0.01, 0.02, 0.03, 0.04], windowLength: 4, n: 7 });
    expect(r.se).toBeCloseTo(2 * sd([0.01, 0.02, 0.03, 0.04]), 15);
    expect(r.stat).toBeCloseTo(0.05 / (2 * 0.012909944487358056), 12);
    expect(r.df).toBe(3);
    expect(brownWarnerT({ caar: 0.05, estimationAar: [0.01, 0.02, 0.03, 0.04], windowLength: 4, meanM: 240 }).df).toBe(239);
  });

  it('Patell Z and its KP adjustment', () => {
    const r = patellZ([1, 1], [10, 10]);
    expect(r.stat).toBeCloseTo(2 / Math.sqrt(2.5), 14);
    expect(r.distribution).toBe('normal');
    expect(r.p).toBeCloseTo(normalTwoSidedP(2 / Math.sqrt(2.5)), 15);
    expect(adjustedPatellZ(3, 11, 0.05).stat).toBeCloseTo(3 / Math.sqrt(1.5), 14);
    expect(adjustedPatellZ(r, 2, 0).stat).toBeCloseTo(r.stat as number, 15);
    const noR = adjustedPatellZ(3, 11, null);
    expect(noR.stat).toBeNull();
    expect(noR.note).toMatch(/r̄/);
    // df = 2: the SCAR's t(2) variance is infinite, so Patell cannot use the event (issue 11.5): null with a note.
    const tiny = patellZ([1, 0.5], [2, 10]);
    expect(tiny.stat).toBeNull();
    expect(tiny.note).toMatch(/df = 2; Patell needs every df > 2/);
    expect(adjustedPatellZ(tiny, 2, 0.1).stat).toBeNull();
    // The sums form gives the array form's numbers.
    const sums = patellZ({ n: 2, sum: 2, varianceSum: 2.5, minDf: 10 });
    expect(sums.stat).toBe(r.stat);
    expect(() => patellZ([1], [2, 3])).toThrow(InputError);
  });

  it('the moments forms of the cross-sectional and BMP t give the array forms\' numbers', () => {
    const x = [0.012, -0.004, 0.031, 0.007, -0.015];
    const acc = createMomentsAccumulator();
    for (const v of x) acc.add(v);
    expect(crossSectionalT(acc.moments()).stat).toBeCloseTo(crossSectionalT(x).stat as number, 13);
    expect(bmpT(momentsOf(Float64Array.from(x))).stat).toBe(bmpT(x).stat);
    expect(crossSectionalT({ n: 1, mean: 0.1, m2: 0 }).stat).toBeNull();
  });

  it('BMP t and its KP adjustment', () => {
    const r = bmpT([1, 2, 3, 4]);
    expect(r.stat).toBeCloseTo(2.5 / (sd([1, 2, 3, 4]) / 2), 14);
    expect(r.df).toBe(3);
    expect(adjustedBmpT(3, 11, 0.05).stat).toBeCloseTo(3 * Math.sqrt(0.95 / 1.5), 14);
    expect(adjustedBmpT(3, 11, 0.05).df).toBe(10);
  });

  it('skewness-corrected t reduces to √N·S for symmetric data', () => {
    const x = [-1, 0, 1, 2, 3]; // symmetric around 1: γ = 0
    const r = skewnessCorrectedT(x);
    expect(r.stat).toBeCloseTo(Math.sqrt(5) * (1 / sd(x)), 14);
  });

  it('returns null with a note, never NaN, when a test cannot be computed', () => {
    for (const r of [crossSectionalT([0.1]), bmpT([1]), crossSectionalT([2, 2, 2]), skewnessCorrectedT([1, 2])]) {
      expect(r.stat).toBeNull();
      expect(r.p).toBeNull();
      expect(r.note).toBeTruthy();
    }
    expect(() => crossSectionalT([1, NaN])).toThrow(InputError);
  });
});

// ---- naive twins on seeded random data -----------------------------------------------------------
describe('parametric tests agree with naive twins on seeded data', () => {
  const cars = normals(11, 40, 0.03).map((v, i) => v + (i % 3) * 0.01 + (v > 0 ? v * v * 5 : 0));
  const scars = normals(12, 40).map((v) => v + 0.3);
  const dfs = Array.from({ length: 40 }, (_, i) => 100 + 5 * i);

  it('cross-sectional, BMP, Patell, adjusted, skewness', () => {
    const n = cars.length;
    expect(crossSectionalT(cars).stat).toBeCloseTo(mean(cars) / (sd(cars) / Math.sqrt(n)), 10);
    expect(bmpT(Float64Array.from(scars)).stat).toBeCloseTo(mean(scars) / (sd(scars) / Math.sqrt(n)), 10);
    const z = scars.reduce((a, b) => a + b, 0) / Math.sqrt(dfs.reduce((a, d) => a + d / (d - 2), 0));
    expect(patellZ(scars, dfs).stat).toBeCloseTo(z, 10);
    expect(adjustedPatellZ(patellZ(scars, dfs), n, 0.02).stat).toBeCloseTo(z / Math.sqrt(1 + (n - 1) * 0.02), 10);
    const t = mean(scars) / (sd(scars) / Math.sqrt(n));
    expect(adjustedBmpT(bmpT(scars), n, 0.02).stat).toBeCloseTo(t * Math.sqrt(0.98 / (1 + (n - 1) * 0.02)), 10);
    // skewness-corrected (LBT 1999 notation)
    const S = mean(cars) / sd(cars);
    const g = cars.reduce((a, v) => a + (v - mean(cars)) ** 3, 0) / (n * sd(cars) ** 3);
    const skew = Math.sqrt(n) * (S + (g * S * S) / 3 + (g * g * S ** 3) / 27 + g / (6 * n));
    expect(skewnessCorrectedT(cars).stat).toBeCloseTo(skew, 10);
    expect(caar(cars)).toBeCloseTo(mean(cars), 14);
  });

  it('AAR per column skips missing values', () => {
    const p = makePanel(3, 7, 20, 5, 0.2);
    const a = aar(p);
    for (let c = 0; c < p.days; c++) {
      const col = Array.from({ length: p.n }, (_, i) => p.values[i * p.days + c]).filter(Number.isFinite);
      if (col.length) expect(a[c]).toBeCloseTo(mean(col), 14);
    }
  });
});

// ---- sign tests -------------------------------------------------------------------------------------
describe('sign, generalized sign and Wilcoxon', () => {
  it('sign Z by hand', () => {
    const r = signZ([1, 2, 3, -1]);
    expect(r.stat).toBeCloseTo(1, 15);
    // Exact binomial p for N ≤ 50: w = 3 of 4, P(W ≤ 1 or W ≥ 3) = (1 + 4 + 4 + 1) / 16.
    expect(r.p).toBe(10 / 16);
    expect(r.distribution).toBe('exact');
    const z = signZ([1, 0, 3, -1, 2]); // zero dropped: N = 4, w = 3
    expect(z.n).toBe(4);
    expect(z.stat).toBeCloseTo(1, 15);
    expect(z.note).toMatch(/zero/);
    // Seven events all negative (the 27 January panel): 2 / 2^7, not the normal 0.0034.
    expect(signZ([-1, -2, -3, -4, -5, -6, -7]).p).toBe(2 / 128);
    expect(signZ([-1, -2, -3, -4, -5, -6, -7]).stat).toBeCloseTo(-Math.sqrt(7), 14);
  });

  it('sign test p: exact binomial up to N = 50 (a brute-force twin), normal above', () => {
    // Brute force: enumerate all 2^n sign patterns and count those at least as far from n/2.
    for (let n = 1; n <= 14; n++) {
      for (let w = 0; w <= n; w++) {
        let extreme = 0;
        for (let mask = 0; mask < 2 ** n; mask++) {
          let pos = 0;
          for (let b = 0; b < n; b++) if (mask & (1 << b)) pos++;
          if (Math.abs(pos - n / 2) >= Math.abs(w - n / 2) - 1e-12) extreme++;
        }
        const cars = Array.from({ length: n }, (_, i) => (i < w ? 1 : -1));
        expect(signZ(cars).p, `n = ${n}, w = ${w}`).toBeCloseTo(extreme / 2 ** n, 14);
        expect(binomialTwoSidedP(w, n)).toBeCloseTo(extreme / 2 ** n, 14);
      }
    }
    // n = 50 from log-gamma binomial coefficients (an independent route), w = 17.
    const logChoose = (n: number, k: number) => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
    let tail = 0;
    for (let k = 0; k <= 17; k++) tail += Math.exp(logChoose(50, k) - 50 * Math.LN2);
    const fifty = signZ(Array.from({ length: 50 }, (_, i) => (i < 17 ? 1 : -1)));
    expect(fifty.distribution).toBe('exact');
    expect(fifty.p).toBeCloseTo(2 * tail, 12);
    const big = signZ(Array.from({ length: 51 }, (_, i) => (i < 17 ? 1 : -1)));
    expect(big.distribution).toBe('normal');
    expect(big.p).toBeCloseTo(2 * (1 - normalCdf(Math.abs((17 - 25.5) / Math.sqrt(51 / 4)))), 12);
    expect(() => binomialTwoSidedP(3, 51)).toThrow(InputError);
  });

  it('generalized sign Z (Cowan 1992)', () => {
    const cars = [0.1, -0.2, 0.3, 0.05, -0.01, 0.2];
    const share = [0.45, 0.5, 0.48, 0.52, 0.47, 0.49];
    const p = mean(share);
    const r = generalizedSignZ(cars, share);
    expect(r.stat).toBeCloseTo((4 - 6 * p) / Math.sqrt(6 * p * (1 - p)), 14);
  });

  it('Wilcoxon matches the scipy documented example and a brute-force enumeration', () => {
    const d = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];
    const r = wilcoxonSignedRank(d);
    expect(r.wMinus).toBe(24);
    expect(r.p).toBe(0.041259765625);
    expect(r.distribution).toBe('exact');
    // brute force over all 2^15 sign patterns of ranks 1..15
    const n = d.length;
    const ranks = naiveRanks(d.map(Math.abs));
    const mu = (n * (n + 1)) / 4;
    let extreme = 0;
    for (let mask = 0; mask < 1 << n; mask++) {
      let w = 0;
      for (let k = 0; k < n; k++) if (mask & (1 << k)) w += ranks[k];
      if (Math.abs(w - mu) >= Math.abs(r.wPlus - mu) - 1e-9) extreme++;
    }
    expect(r.p).toBe(extreme / 2 ** n);
  });

  it('Wilcoxon with ties and zeros: exact conditional distribution equals brute force', () => {
    const d = [1.5, -1.5, 2, 0, 3, 3, -3, 4, 5, -0.5, 2, 7];
    const r = wilcoxonSignedRank(d);
    const x = d.filter((v) => v !== 0);
    const ranks = naiveRanks(x.map(Math.abs));
    const wPlus = x.reduce((a, v, k) => a + (v > 0 ? ranks[k] : 0), 0);
    expect(r.wPlus).toBe(wPlus);
    expect(r.n).toBe(11);
    const total = ranks.reduce((a, b) => a + b, 0);
    let extreme = 0;
    for (let mask = 0; mask < 1 << x.length; mask++) {
      let w = 0;
      for (let k = 0; k < x.length; k++) if (mask & (1 << k)) w += ranks[k];
      if (Math.abs(w - total / 2) >= Math.abs(wPlus - total / 2) - 1e-9) extreme++;
    }
    expect(r.p).toBeCloseTo(extreme / 2 ** x.length, 15);
  });

  it('Wilcoxon above N = 50 uses the tie-corrected normal approximation', () => {
    const x = normals(5, 80).map((v) => Math.round((v + 0.3) * 4) / 4); // many ties
    const r = wilcoxonSignedRank(x);
    const nz = x.filter((v) => v !== 0);
    const n = nz.length;
    const ranks = naiveRanks(nz.map(Math.abs));
    const wPlus = nz.reduce((a, v, k) => a + (v > 0 ? ranks[k] : 0), 0);
    const counts = new Map<number, number>();
    for (const v of nz) counts.set(Math.abs(v), (counts.get(Math.abs(v)) ?? 0) + 1);
    const tie = [...counts.values()].reduce((a, t) => a + t ** 3 - t, 0);
    const z = (wPlus - (n * (n + 1)) / 4) / Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tie / 48);
    expect(r.distribution).toBe('normal');
    expect(r.stat).toBeCloseTo(z, 10);
    expect(r.p).toBeCloseTo(normalTwoSidedP(z), 12);
  });

  it('averageRanks averages ties and skips NaN', () => {
    expect(Array.from(averageRanks(Float64Array.of(3, 1, 3, NaN, 2)))).toEqual([3.5, 1, 3.5, NaN, 2]);
  });
});

// ---- rank tests --------------------------------------------------------------------------------------
describe('rank tests agree with naive twins', () => {
  const p = makePanel(21, 25, 120, 11);

  it('Corrado rank, window and one-day forms', () => {
    for (const w of [[p.event[0] + 4, p.event[0] + 6], [p.event[0] + 5, p.event[0] + 5], [p.event[0], p.days - 1]] as [number, number][]) {
      const r = corradoRankT(p, w);
      expect(r.stat).toBeCloseTo(naiveCorrado(p, w).stat, 10);
      expect(r.distribution).toBe('normal');
    }
  });

  it('Corrado rank by hand: one event, strictly increasing ARs', () => {
    // ARs 1..5, estimation = first 3 columns, window = last column. U − ½ = k/6 − ½.
    const q: ArPanel = { n: 1, days: 5, values: Float64Array.of(1, 2, 3, 4, 5), estimation: [0, 3], event: [3, 5] };
    const u = [1, 2, 3, 4, 5].map((k) => k / 6 - 0.5);
    const sU = Math.sqrt(u.reduce((a, v) => a + v * v, 0) / 5);
    expect(corradoRankT(q, [4, 4]).stat).toBeCloseTo(u[4] / sU, 14);
  });

  it('GRANK', () => {
    const w: [number, number] = [p.event[0] + 4, p.event[0] + 6];
    const r = grankT(p, w);
    const naive = naiveGrank(p, w);
    expect(r.stat).toBeCloseTo(naive.stat, 10);
    expect(r.df).toBe(naive.df);
    expect(r.p).toBeCloseTo(studentTTwoSidedP(naive.stat, naive.df), 12);
    const dfs = Array.from({ length: p.n }, () => 117);
    expect(grankT(p, w, { dfs }).stat).toBeCloseTo(naiveGrank(p, w, dfs).stat, 10);
    // Every one-day window of the same panel (the ranking is reused; with 3% missing days some
    // events have no return on a given day and drop out of that day's test only).
    for (let c = p.event[0]; c < p.event[1]; c++) {
      expect(grankT(p, [c, c]).stat).toBeCloseTo(naiveGrank(p, [c, c]).stat, 10);
      expect(grankT(p, [c, c], { dfs }).stat).toBeCloseTo(naiveGrank(p, [c, c], dfs).stat, 10);
    }
  });

  it('GRANK with given SCARs uses them for the collapsed day', () => {
    const q = makePanel(8, 10, 60, 5, 0);
    const w: [number, number] = [62, 62];
    // SCARs equal to the panel's own single-day SAR reproduce the default path.
    const scars = Array.from({ length: q.n }, (_, i) => {
      const est = row(q, i).slice(0, 60);
      return row(q, i)[62] / sd(est);
    });
    expect(grankT(q, w, { scars }).stat).toBeCloseTo(grankT(q, w).stat as number, 12);
  });

  it('checks windows and panels', () => {
    expect(() => corradoRankT(p, [0, 3])).toThrow(InputError);
    expect(() => grankT({ ...p, values: p.values.subarray(1) }, [p.event[0], p.event[0]])).toThrow(InputError);
  });
});

// ---- r̄ on calendar dates -------------------------------------------------------------------------
describe('meanPairwiseCorrelation aligns on calendar dates', () => {
  it('recovers the true correlation of two events with shifted estimation windows', () => {
    const rho = 0.5;
    const f = normals(31, 400);
    const u1 = normals(32, 400);
    const u2 = normals(33, 400);
    const date = (k: number) => new Date(Date.UTC(2020, 0, 1) + k * 86400000).toISOString().slice(0, 10);
    const e = (u: number[], k: number) => Math.sqrt(rho) * f[k] + Math.sqrt(1 - rho) * u[k];
    // event A: calendar days 0..299, event B: days 100..399 (a later event date)
    const a = { dates: Array.from({ length: 300 }, (_, k) => date(k)), values: Float64Array.from({ length: 300 }, (_, k) => e(u1, k)) };
    const b = { dates: Array.from({ length: 300 }, (_, k) => date(k + 100)), values: Float64Array.from({ length: 300 }, (_, k) => e(u2, k + 100)) };
    const r = meanPairwiseCorrelation([a, b]);
    expect(r.pairs).toBe(1);
    expect(Math.abs((r.rbar as number) - rho)).toBeLessThan(0.12);
    // naive twin on the 200 common dates
    const x = Array.from({ length: 200 }, (_, k) => a.values[k + 100]);
    const y = Array.from({ length: 200 }, (_, k) => b.values[k]);
    const mx = mean(x);
    const my = mean(y);
    const cxy = x.reduce((s, v, k) => s + (v - mx) * (y[k] - my), 0);
    const cor = cxy / Math.sqrt(x.reduce((s, v) => s + (v - mx) ** 2, 0) * y.reduce((s, v) => s + (v - my) ** 2, 0));
    expect(r.rbar).toBeCloseTo(cor, 12);
    // relative-day alignment (k-th residual with k-th residual) would see almost no correlation
    const xr = Array.from(a.values);
    const yr = Array.from(b.values);
    const m1 = mean(xr);
    const m2 = mean(yr);
    const rel = xr.reduce((s, v, k) => s + (v - m1) * (yr[k] - m2), 0) / Math.sqrt(xr.reduce((s, v) => s + (v - m1) ** 2, 0) * yr.reduce((s, v) => s + (v - m2) ** 2, 0));
    expect(Math.abs(rel)).toBeLessThan(0.2);
  });

  it('skips pairs with fewer than 30 common dates and says so', () => {
    const mk = (start: number) => ({
      dates: Array.from({ length: 50 }, (_, k) => `d${String(start + k).padStart(4, '0')}`),
      values: Float64Array.from(normals(start + 1, 50)),
    });
    const r = meanPairwiseCorrelation([mk(0), mk(30), mk(1000)]);
    expect(r.pairs).toBe(0);
    expect(r.skipped).toBe(3);
    expect(r.rbar).toBeNull();
    expect(r.note).toMatch(/3 of 3/);
  });
});
