/**
 * The rank tests rank once per panel and reuse the ranking for every window (a cache keyed by the
 * panel's values). Reuse must give exactly what a fresh computation gives, with ties and gaps.
 */
import { describe, expect, it } from 'vitest';
import { averageRanks, corradoRankT, grankT } from '../src/stats/tests/rank.ts';
import { createRng, randomNormal } from '../src/stats/random.ts';
import type { ArPanel } from '../src/stats/types.ts';

function panel(seed: number, n: number, est: number, evt: number): ArPanel {
  const rng = createRng(seed);
  const days = est + evt;
  const values = new Float64Array(n * days);
  for (let i = 0; i < values.length; i++) {
    // Rounded to 3 decimals so ties occur; about 2% missing.
    values[i] = rng.uniform() < 0.02 ? NaN : Math.round(randomNormal(rng) * 1000) / 1000 / 100;
  }
  return { n, days, values, estimation: [0, est], event: [est, days] };
}

/** A copy with a fresh values array: never served from the cache. */
const fresh = (p: ArPanel): ArPanel => ({ ...p, values: Float64Array.from(p.values) });

describe('rank tests: one ranking per panel, reused across windows', () => {
  const p = panel(11, 40, 120, 11);
  const windows: [number, number][] = [[120, 120], [125, 125], [124, 126], [120, 130], [130, 130]];

  it('Corrado: reused ranking equals a fresh computation for every window', () => {
    for (const w of windows) {
      const a = corradoRankT(p, w);
      const b = corradoRankT(fresh(p), w);
      expect(a.stat!).toBeCloseTo(b.stat!, 12);
      expect(a.n).toBe(b.n);
    }
  });

  it('GRANK: reused estimation ranks equal a fresh computation, with and without dfs/SCARs', () => {
    const dfs = new Float64Array(40).fill(117);
    const scars = Float64Array.from({ length: 40 }, (_, i) => Math.sin(i));
    for (const w of windows) {
      for (const opts of [{}, { dfs }, { dfs, scars }]) {
        const a = grankT(p, w, opts);
        const b = grankT(fresh(p), w, opts);
        expect(a.stat!).toBeCloseTo(b.stat!, 12);
        expect(a.n).toBe(b.n);
      }
    }
    // A different df vector on the same panel is not served a stale ranking.
    const other = new Float64Array(40).fill(60);
    expect(grankT(p, [120, 120], { dfs: other }).stat!).toBeCloseTo(grankT(fresh(p), [120, 120], { dfs: other }).stat!, 12);
  });

  it('averageRanks matches a naive O(m²) definition with ties and NaN', () => {
    const rng = createRng(5);
    const v = Float64Array.from({ length: 200 }, () => (rng.uniform() < 0.05 ? NaN : Math.round(randomNormal(rng) * 4)));
    const r = averageRanks(v);
    for (let i = 0; i < v.length; i++) {
      if (Number.isNaN(v[i])) {
        expect(r[i]).toBeNaN();
        continue;
      }
      let below = 0;
      let equal = 0;
      for (const x of v) {
        if (x < v[i]) below++;
        else if (x === v[i]) equal++;
      }
      expect(r[i]).toBe(below + (equal + 1) / 2);
    }
  });
});
