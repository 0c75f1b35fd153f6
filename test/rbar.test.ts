/**
 * r̄ at scale (src/stats/rbar.ts): every exact route equals a naive pairwise twin written here
 * (1e-12), duplicates collapse exactly, groups with identical dates and with gaps, zero-variance
 * residuals and pairs with too few common dates are left out as the definition says, and the
 * sampled estimate lies within its stated standard error of the exact value.
 */
import { describe, expect, it } from 'vitest';
import { residualCorrelation, type ResidualBasis, type ResidualShapes } from '../src/stats/rbar.ts';
import { createRng, randomNormal } from '../src/stats/random.ts';

/** Naive twin: each event's residuals keyed by global date, Pearson on the common dates of each pair. */
function naive(bases: ResidualBasis[], s: ResidualShapes, minCommon = 30): { rbar: number | null; pairs: number } {
  const events: Map<number, number>[] = [];
  for (let i = 0; i < s.count; i++) {
    const b = bases[s.basis[i]];
    const m = new Map<number, number>();
    for (let p = s.from[i]; p < s.to[i]; p++) {
      const u = b.columns.map((c) => c[p]);
      if (u.some((v) => !Number.isFinite(v))) continue;
      let e = s.coef[i * s.stride];
      u.forEach((v, k) => (e += s.coef[i * s.stride + k + 1] * v));
      m.set(b.dates[p], e);
    }
    events.push(m);
  }
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < events.length; i++) {
    for (let j = i + 1; j < events.length; j++) {
      const x: number[] = [];
      const y: number[] = [];
      for (const [d, v] of events[i]) if (events[j].has(d)) (x.push(v), y.push(events[j].get(d)!));
      if (x.length < minCommon) continue;
      const mx = x.reduce((a, b) => a + b, 0) / x.length;
      const my = y.reduce((a, b) => a + b, 0) / y.length;
      let sxy = 0;
      let sxx = 0;
      let syy = 0;
      for (let k = 0; k < x.length; k++) {
        sxy += (x[k] - mx) * (y[k] - my);
        sxx += (x[k] - mx) ** 2;
        syy += (y[k] - my) ** 2;
      }
      if (!(sxx > 0 && syy > 0)) continue;
      sum += sxy / Math.sqrt(sxx * syy);
      pairs++;
    }
  }
  return { rbar: pairs ? sum / pairs : null, pairs };
}

/**
 * A market-model world on a 700-date axis: `nb` securities (two exchanges with different holidays
 * and a few missing days), residual = r − α − β·m with per-event α, β; events at random windows,
 * some repeated exactly, some on the same dates across securities.
 */
function world(seed: number, nb: number, nEvents: number, opts: { duplicates?: boolean; constant?: boolean } = {}) {
  const rng = createRng(seed);
  const G = 700;
  const common = Array.from({ length: G }, () => randomNormal(rng));
  const bases: ResidualBasis[] = [];
  for (let b = 0; b < nb; b++) {
    const holidays = new Set<number>();
    for (let t = 0; t < G; t++) if (rng.uniform() < (b % 2 ? 0.03 : 0.01)) holidays.add(t);
    const dates: number[] = [];
    for (let t = b % 3; t < G; t++) if (!holidays.has(t)) dates.push(t);
    const m = dates.map((t) => 0.01 * common[t] + 0.002 * randomNormal(rng));
    const r = dates.map((_, k) => 0.0003 + (0.6 + b * 0.1) * m[k] + 0.004 * common[dates[k]] + 0.015 * randomNormal(rng));
    // missing returns
    for (let k = 0; k < r.length; k++) if (rng.uniform() < 0.01) r[k] = NaN;
    bases.push({ dates: Int32Array.from(dates), columns: [Float64Array.from(r), Float64Array.from(m)] });
  }
  const stride = 4;
  const s: ResidualShapes = { count: nEvents, basis: new Int32Array(nEvents), from: new Int32Array(nEvents), to: new Int32Array(nEvents), stride, coef: new Float64Array(nEvents * stride) };
  for (let i = 0; i < nEvents; i++) {
    const dup = opts.duplicates && i > 0 && rng.uniform() < 0.3;
    const src = dup ? Math.floor(rng.uniform() * i) : -1;
    const b = src >= 0 ? s.basis[src] : rng.int(nb);
    const len = 120 + rng.int(120);
    const from = src >= 0 ? s.from[src] : rng.int(bases[b].dates.length - len);
    s.basis[i] = b;
    s.from[i] = from;
    s.to[i] = src >= 0 ? s.to[src] : from + len;
    if (src >= 0) s.coef.set(s.coef.subarray(src * stride, src * stride + stride), i * stride);
    else {
      const beta = 0.5 + rng.uniform();
      s.coef.set([-(0.0002 * rng.uniform()), 1, -beta, 0], i * stride);
    }
    if (opts.constant && b === 0 && src < 0) s.coef.set([0, 0, 0, 0], i * stride); // a residual of exactly 0 (a constant price): zero variance
  }
  return { bases, s };
}

const close = (a: number | null, b: number | null, tol = 1e-12) => {
  expect(a).not.toBeNull();
  expect(Math.abs((a as number) - (b as number))).toBeLessThanOrEqual(tol);
};

describe('residualCorrelation: exact routes = naive twin', () => {
  const cases = [
    ['3 securities, 60 events', world(1, 3, 60)],
    ['5 securities, 80 events, 30% exact repeats', world(2, 5, 80, { duplicates: true })],
    ['a zero-variance residual series', world(3, 3, 40, { constant: true })],
    ['one security, 50 events', world(4, 1, 50, { duplicates: true })],
  ] as const;
  for (const [name, { bases, s }] of cases) {
    it(name, () => {
      const want = naive(bases as ResidualBasis[], s);
      for (const route of ['series', 'dates'] as const) {
        const got = residualCorrelation(bases, s, { route });
        expect(got.method).toBe('exact');
        close(got.rbar, want.rbar);
        expect(got.pairs).toBe(want.pairs);
        expect(got.events).toBe(s.count);
        expect(got.pairs + got.skipped).toBe((s.count * (s.count - 1)) / 2);
      }
      const auto = residualCorrelation(bases, s);
      close(auto.rbar, want.rbar);
    });
  }

  it('many events on the same dates (one clustered date across securities) use the group identity', () => {
    const { bases, s } = world(5, 6, 36);
    // every event of basis b starts at the position of global date 200
    for (let i = 0; i < s.count; i++) {
      const b = i % 6;
      s.basis[i] = b;
      const k = bases[b].dates.findIndex((t) => t >= 200);
      s.from[i] = k;
      s.to[i] = k + 200;
      s.coef.set([-0.0001 * (i % 5), 1, -(0.5 + 0.01 * i), 0], i * s.stride);
    }
    const want = naive(bases, s);
    close(residualCorrelation(bases, s, { route: 'dates' }).rbar, want.rbar);
    close(residualCorrelation(bases, s, { route: 'series' }).rbar, want.rbar);
  });

  it('pairs with fewer than 30 common dates are skipped and counted', () => {
    const { bases, s } = world(6, 2, 3);
    s.basis.set([0, 0, 1]);
    s.from.set([0, 200, 20]);
    s.to.set([150, 400, 55]); // event 0 and 1 do not meet; 2 meets 0 on ~35 dates, not 1
    const want = naive(bases, s);
    const got = residualCorrelation(bases, s);
    close(got.rbar, want.rbar);
    expect(got.skipped).toBe(3 - want.pairs);
    expect(got.note).toMatch(/skipped \(fewer than 30 common estimation dates\)/);
  });
});

describe('residualCorrelation: sampled', () => {
  it('the sampled estimate is within 3 standard errors of the exact value, seeded and repeatable', () => {
    const { bases, s } = world(7, 4, 300, { duplicates: true });
    const exact = residualCorrelation(bases, s, { route: 'dates' });
    const a = residualCorrelation(bases, s, { route: 'sampled', samplePairs: 20_000, seed: 5 });
    const b = residualCorrelation(bases, s, { route: 'sampled', samplePairs: 20_000, seed: 5 });
    expect(a.method).toBe('sampled');
    expect(a.rbar).toBe(b.rbar);
    expect(a.se).toBeGreaterThan(0);
    expect(Math.abs((a.rbar as number) - (exact.rbar as number))).toBeLessThan(3 * (a.se as number));
    expect(a.note).toMatch(/estimated from 20000 event pairs drawn at random \(seed 5/);
  });

  it('switches to sampling when the exact cost exceeds the budget', () => {
    const { bases, s } = world(8, 4, 200);
    const r = residualCorrelation(bases, s, { maxExactCost: 10, samplePairs: 1000 });
    expect(r.method).toBe('sampled');
    expect(r.drawn).toBe(1000);
  });
});
