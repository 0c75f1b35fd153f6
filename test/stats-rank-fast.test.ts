/**
 * The rank tests rank once per panel (standardizedRanks for Corrado, grankRanks for GRANK) and
 * reuse the ranking for every day and window. The precomputed path must give what a call on the
 * bare panel gives and what a naive step-by-step implementation written here gives (1e-12), with
 * ties, missing days, ±Infinity, outliers, constant rows and rows longer than the sort buffers.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.ts';
import { averageRanks, corradoRankT, grankRanks, grankT, standardizedRanks } from '../src/stats/tests/rank.ts';
import { createRng, randomNormal } from '../src/stats/random.ts';
import type { ArPanel, ArPanelRows, TestResult } from '../src/stats/types.ts';

import { mean, naiveCorrado, naiveGrank, naiveRanks, row, type Range } from './helpers/naive-rank.ts';

/**
 * Seeded panel: values rounded to `decimals` so ties occur, ~4% missing; optionally an outlier
 * row, a constant row and ±Infinity entries. `eventFirst` puts the event columns before the
 * estimation columns (a post-event estimation window).
 */
function makePanel(seed: number, n: number, est: number, evt: number, opts: { decimals?: number; eventFirst?: boolean; oddities?: boolean } = {}): ArPanel {
  const rng = createRng(seed);
  const days = est + evt;
  const scale = 10 ** (opts.decimals ?? 3);
  const values = new Float64Array(n * days);
  for (let i = 0; i < values.length; i++) {
    values[i] = rng.uniform() < 0.04 ? NaN : Math.round(randomNormal(rng) * scale) / scale / 100;
  }
  if (opts.oddities) {
    values[2 * days + 7] = 1e6; // one outlier squeezes the rest of row 2 into few buckets
    values[3 * days + 1] = -1.7e308;
    values[3 * days + 2] = 1.7e308; // max − min overflows to Infinity
    values.fill(0.01, 4 * days, 5 * days); // constant row
    values[5 * days + 3] = Infinity;
    values[6 * days + 4] = -Infinity;
  }
  const estimation: Range = opts.eventFirst ? [evt, days] : [0, est];
  const event: Range = opts.eventFirst ? [0, evt] : [est, days];
  return { n, days, values, estimation, event };
}

/** |a − b| ≤ 1e-12 · max(1, |b|). */
function close(a: number | null, b: number): void {
  expect(a).not.toBeNull();
  expect(Math.abs((a as number) - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
}

function sameResult(a: TestResult, b: TestResult): void {
  expect(a.n).toBe(b.n);
  expect(a.df).toBe(b.df);
  if (b.stat === null) expect(a.stat).toBeNull();
  else close(a.stat, b.stat);
}

/** One-day windows on the first, middle and last event columns, and multi-day windows. */
function windowsOf(p: ArPanel): Range[] {
  const [v0, v1] = p.event;
  const mid = (v0 + v1) >> 1;
  return [[v0, v0], [mid, mid], [v1 - 1, v1 - 1], [mid - 1, mid + 1], [mid, v1 - 1], [v0, v1 - 1]];
}

const panels: [string, ArPanel][] = [
  ['ties and gaps', makePanel(11, 30, 120, 11)],
  ['heavy ties (1 decimal)', makePanel(12, 25, 90, 7, { decimals: 1 })],
  ['post-event estimation window', makePanel(13, 20, 100, 9, { eventFirst: true })],
  ['outliers, overflowing range, constant row, ±Infinity', makePanel(14, 12, 80, 5, { oddities: true })],
];

describe('standardizedRanks + corradoRankT', () => {
  it('by hand: one event 3, 1, 3, NaN | 2', () => {
    // Finite values 3, 1, 3, 2 rank 3.5, 1, 3.5, 2; n_i = 4, so U − ½ = rank/5 − ½.
    const p: ArPanel = { n: 1, days: 5, values: Float64Array.of(3, 1, 3, NaN, 2), estimation: [0, 4], event: [4, 5] };
    const r = standardizedRanks(p);
    const u = [0.2, -0.3, 0.2, NaN, -0.1];
    for (let c = 0; c < 5; c++) {
      if (Number.isNaN(u[c])) expect(r.meanRank[c]).toBeNaN();
      else expect(r.meanRank[c]).toBeCloseTo(u[c], 15);
    }
    expect(Array.from(r.rankCount)).toEqual([1, 1, 1, 0, 1]);
    expect(r.rankDays).toBe(4);
    expect(r.rankSd).toBeCloseTo(Math.sqrt((0.04 + 0.09 + 0.04 + 0.01) / 4), 15);
    expect(corradoRankT(r, [4, 4]).stat).toBeCloseTo(-0.1 / Math.sqrt(0.045), 14);
  });

  for (const [name, p] of panels) {
    it(`precomputed = per-call = naive for every window: ${name}`, () => {
      const ranked = standardizedRanks(p);
      for (const w of windowsOf(p)) {
        const fast = corradoRankT(ranked, w);
        sameResult(fast, corradoRankT(p, w));
        const naive = naiveCorrado(p, w);
        close(fast.stat, naive.stat);
        expect(fast.n).toBe(naive.n);
      }
    });
  }

  it('a panel given row by row ranks exactly like the same panel in one array', () => {
    const p = panels[0][1];
    const rows: ArPanelRows = {
      n: p.n,
      days: p.days,
      estimation: p.estimation,
      event: p.event,
      row: (i, out) => out.set(p.values.subarray(i * p.days, (i + 1) * p.days)),
    };
    const a = standardizedRanks(rows);
    const b = standardizedRanks(p);
    expect(Array.from(a.meanRank)).toEqual(Array.from(b.meanRank));
    expect(Array.from(a.rankCount)).toEqual(Array.from(b.rankCount));
    expect(Array.from(a.eventHasData)).toEqual(Array.from(b.eventHasData));
    expect(a.rankSd).toBe(b.rankSd);
  });

  it('rows longer than the preallocated sort buffers (4,205 days) rank the same way (Corrado and GRANK)', () => {
    const p = makePanel(15, 2, 4200, 5, { decimals: 2 });
    const w: Range = [4201, 4204];
    close(corradoRankT(standardizedRanks(p), w).stat, naiveCorrado(p, w).stat);
    const dfs = [4000, 4100];
    close(grankT(p, w, { dfs, ranks: grankRanks(p, dfs) }).stat, naiveGrank(p, w, dfs).stat);
  });

  it('checks windows against the ranked panel', () => {
    const p = panels[0][1];
    const ranked = standardizedRanks(p);
    expect(() => corradoRankT(ranked, [0, 3])).toThrow(InputError);
    expect(() => corradoRankT(ranked, [p.event[0], p.event[1]])).toThrow(InputError);
    expect(() => standardizedRanks({ ...p, values: p.values.subarray(1) })).toThrow(InputError);
  });
});

describe('grankRanks + grankT', () => {
  for (const [name, p] of panels) {
    it(`precomputed = per-call = naive for every window, with and without dfs and SCARs: ${name}`, () => {
      const m = p.estimation[1] - p.estimation[0];
      const dfs = Array.from({ length: p.n }, (_, i) => m - 2 - (i % 3));
      const ranksPlain = grankRanks(p);
      const ranksDfs = grankRanks(p, dfs);
      for (const w of windowsOf(p)) {
        const fast = grankT(p, w, { ranks: ranksPlain });
        sameResult(fast, grankT(p, w));
        const naive = naiveGrank(p, w);
        close(fast.stat, naive.stat);
        expect(fast.df).toBe(naive.df);
        expect(fast.n).toBe(naive.n);

        const fastDfs = grankT(p, w, { dfs, ranks: ranksDfs });
        sameResult(fastDfs, grankT(p, w, { dfs }));
        close(fastDfs.stat, naiveGrank(p, w, dfs).stat);
      }
      // Given SCARs replace the panel's CARs on day 0.
      const rng = createRng(3);
      const scars = Array.from({ length: p.n }, () => randomNormal(rng));
      const w = windowsOf(p)[3];
      const given = grankT(p, w, { dfs, scars, ranks: ranksDfs });
      sameResult(given, grankT(p, w, { dfs, scars }));
      close(given.stat, naiveGrank(p, w, dfs, scars).stat);
    });
  }

  it('refuses ranks built from another panel or other dfs', () => {
    const p = panels[0][1];
    const w: Range = [p.event[0], p.event[0]];
    const ranks = grankRanks(p);
    expect(() => grankT(p, w, { dfs: new Float64Array(p.n).fill(100), ranks })).toThrow(InputError);
    expect(() => grankT({ ...p, values: Float64Array.from(p.values) }, w, { ranks })).toThrow(InputError);
    expect(() => grankRanks(p, [1, 2])).toThrow(InputError);
  });
});

describe('averageRanks', () => {
  it('is 1 + #below + (#tied − 1)/2 with ties, NaN and ±Infinity, short and long (above the 4,096 fast buffers)', () => {
    const rng = createRng(5);
    for (const len of [1, 2, 200, 5000]) {
      const v = Float64Array.from({ length: len }, () => (rng.uniform() < 0.05 ? NaN : Math.round(randomNormal(rng) * 4)));
      if (len > 2) {
        v[0] = Infinity;
        v[1] = -Infinity;
      }
      const r = averageRanks(v);
      const finite = Array.from(v).filter(Number.isFinite);
      for (let i = 0; i < len; i++) {
        if (!Number.isFinite(v[i])) {
          expect(r[i]).toBeNaN();
          continue;
        }
        let below = 0;
        let tied = 0;
        for (const x of finite) {
          if (x < v[i]) below++;
          else if (x === v[i]) tied++;
        }
        expect(r[i]).toBe(1 + below + (tied - 1) / 2);
      }
    }
  });
});

describe('createPanelRanker (one sort for Corrado and GRANK)', () => {
  for (const [name, p] of panels) {
    it(`gives the separate rankers' numbers exactly: ${name}`, async () => {
      const { createPanelRanker } = await import('../src/stats/tests/rank.ts');
      const m = p.estimation[1] - p.estimation[0];
      const dfs = Float64Array.from({ length: p.n }, (_, i) => m - 2 - (i % 3));
      const ranker = createPanelRanker(p);
      for (let i = 0; i < p.n; i++) ranker.add(p.values, i * p.days, dfs[i]);
      const a = ranker.corrado();
      const b = standardizedRanks(p);
      expect(Array.from(a.meanRank)).toEqual(Array.from(b.meanRank));
      expect(a.rankSd).toBe(b.rankSd);
      const g = ranker.grank(dfs);
      const h = grankRanks(p, dfs);
      expect(Array.from(g.baseSum)).toEqual(Array.from(h.baseSum));
      expect(Array.from(g.baseCount)).toEqual(Array.from(h.baseCount));
      expect(Array.from(g.sd)).toEqual(Array.from(h.sd));
      expect(Array.from(g.count)).toEqual(Array.from(h.count));
      expect(Array.from(g.hasInfinity)).toEqual(Array.from(h.hasInfinity));
    });
  }
});
