/**
 * Holm and Benjamini–Hochberg adjusted p-values: hand cases (R p.adjust's definitions worked by
 * hand) and a naive twin of each procedure as it is usually stated (sequential rejection), which
 * must reject exactly the hypotheses whose adjusted p is ≤ α, on many random p-vectors.
 */
import { describe, expect, it } from 'vitest';
import { bhAdjust, holmAdjust, multipleTesting, adjustPValues } from '../src/stats/multiple.ts';
import { createRng } from '../src/stats/random.ts';

const close = (v: (number | null)[]) => v.map((x) => (x === null ? null : expect.closeTo(x, 14)));

describe('hand cases', () => {
  it('Holm: p = .01 .02 .03 .04 .05 -> .05 .08 .09 .09 .09 (5p1, 4p2, 3p3, then the running max)', () => {
    expect(holmAdjust([0.01, 0.02, 0.03, 0.04, 0.05])).toEqual(close([0.05, 0.08, 0.09, 0.09, 0.09]));
  });
  it('BH: p = .01 .04 .03 .2 -> sorted .01 .03 .04 .2; n p/j = .04 .06 .0533 .2; running min from the top', () => {
    expect(bhAdjust([0.01, 0.04, 0.03, 0.2])).toEqual(close([0.04, 0.16 / 3, 0.16 / 3, 0.2]));
  });
  it('unsorted input with ties and a null keeps positions; caps at 1', () => {
    expect(holmAdjust([0.3, null, 0.01, 0.3])).toEqual(close([0.6, null, 0.03, 0.6]));
    expect(bhAdjust([0.3, null, 0.01, 0.3])).toEqual(close([0.3, null, 0.03, 0.3]));
    expect(holmAdjust([0.6, 0.7])).toEqual([1, 1]);
    expect(adjustPValues([], 'bh')).toEqual([]);
  });
  it('refuses values outside [0, 1]', () => {
    expect(() => holmAdjust([0.1, 1.2])).toThrow(/index 1 is 1.2/);
    expect(() => bhAdjust([Number.NaN])).toThrow(/index 0/);
  });
  it('summary counts rejections on adjusted values and words the sentence from them', () => {
    const s = multipleTesting([0.001, 0.02, 0.03, 0.2, null]);
    // Holm: .004 .06 .06 .2 -> 1; BH: .004 .04 .04 .2 -> 3; raw -> 3
    expect(s.n).toBe(4);
    expect(s.rejected).toEqual({ raw: 3, holm: 1, bh: 3 });
    expect(s.sentence).toBe('1 of 4 reject at 5% after Holm (FWER); 3 of 4 after Benjamini–Hochberg (FDR); 3 unadjusted');
  });
});

/** Holm's step-down procedure as stated: reject H_(i) while p_(i) ≤ α/(n − i + 1). */
function holmRejects(p: number[], alpha: number): boolean[] {
  const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b]);
  const out = p.map(() => false);
  for (let i = 0; i < order.length; i++) {
    if (p[order[i]] <= alpha / (p.length - i)) out[order[i]] = true;
    else break;
  }
  return out;
}

/** BH's step-up procedure as stated: the largest k with p_(k) ≤ kα/n, reject H_(1..k). */
function bhRejects(p: number[], alpha: number): boolean[] {
  const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b]);
  let k = 0;
  for (let i = 1; i <= p.length; i++) if (p[order[i - 1]] <= (i * alpha) / p.length) k = i;
  const out = p.map(() => false);
  for (let i = 0; i < k; i++) out[order[i]] = true;
  return out;
}

describe('against the procedures as usually stated (naive twins)', () => {
  it('reject exactly the same hypotheses on 1,000 random families at several α', () => {
    const rng = createRng(13);
    for (let rep = 0; rep < 1000; rep++) {
      const n = 1 + rng.int(12);
      // A mix of small and uniform p-values, rounded so that ties happen.
      const p = Array.from({ length: n }, () => Math.round((rng.uniform() < 0.4 ? rng.uniform() * 0.02 : rng.uniform()) * 1000) / 1000);
      const holm = holmAdjust(p);
      const bh = bhAdjust(p);
      for (const alpha of [0.01, 0.05, 0.1]) {
        // Thresholds like kα/n are not exact in binary: compare away from them.
        const safe = (x: number) => Math.abs(x - alpha) > 1e-12;
        const hr = holmRejects(p, alpha);
        const br = bhRejects(p, alpha);
        holm.forEach((v, i) => safe(v!) && expect(v! <= alpha).toBe(hr[i]));
        bh.forEach((v, i) => safe(v!) && expect(v! <= alpha).toBe(br[i]));
      }
      holm.forEach((v, i) => expect(v!).toBeGreaterThanOrEqual(bh[i]! - 1e-15)); // Holm is never less strict
    }
  });
});

describe('studyMultipleTesting', () => {
  it('adjusts the daily, window and per-event families of a study result', async () => {
    const { studyMultipleTesting } = await import('../src/study/multiple-testing.ts');
    const t = (p: number | null) => ({ tests: { patellZ: { p } } });
    const result = {
      parameters: { carWindows: [[0, 0]] },
      daily: [{ rel: -1, ...t(0.2) }, { rel: 0, ...t(0.001) }, { rel: 1, ...t(0.03) }],
      aggregate: [{ window: '[0,0]', ...t(0.001) }],
      events: [
        { id: 'a', car: [{ window: '[0,0]', p: 0.01 }] },
        { id: 'b', car: [{ window: '[0,0]', p: 0.04 }] },
      ],
    } as never;
    const f = studyMultipleTesting(result, 'patellZ');
    expect(f.daily.labels).toEqual(['day -1', 'day 0', 'day 1']);
    expect(f.daily.holm).toEqual([0.2, 0.003, 0.06].map((v) => expect.closeTo(v, 14)));
    expect(f.daily.rejected).toEqual({ raw: 2, holm: 1, bh: 2 });
    expect(f.windows.n).toBe(1);
    expect(f.events[0].family).toBe("each event's CAR[0,0] t");
    // BH with n = 2: 2·0.01/1 = 0.02, 2·0.04/2 = 0.04
    expect(f.events[0].bh).toEqual([0.02, 0.04].map((v) => expect.closeTo(v, 14)));
  });
});

describe('adjusted p-values beside the raw ones in tables, impact event and its JSON', () => {
  /** Holm as usually stated, naive: sort, (n − j)·p, running max, capped at 1. */
  const naiveHolm = (p: number[]) => {
    const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b]);
    const out = p.map(() => 0);
    let run = 0;
    order.forEach((o, j) => (out[o] = run = Math.max(run, Math.min(1, (p.length - j) * p[o]))));
    return out;
  };
  /** BH naive: min over j ≥ i of n·p_(j)/j. */
  const naiveBh = (p: number[]) => {
    const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b]);
    const out = p.map(() => 0);
    order.forEach((o, i) => (out[o] = Math.min(1, ...order.slice(i).map((q, k) => (p.length * p[q]) / (i + k + 1)))));
    return out;
  };

  it('eventSummaryRows: each window’s events are one family; testRows: the counted tests of the window', async () => {
    const { runEventStudy } = await import('../src/study/run.ts');
    const { eventSummaryRows, testRows, countedTests } = await import('../src/study/summaries.ts');
    const NAMES = ['NVDA', 'AMD', 'AVGO', 'TSM', 'MSFT', 'META', 'GOOGL'];
    const r = await runEventStudy({ events: NAMES.map((symbol) => ({ symbol, date: '2025-01-27' })), benchmark: 'SPY', bootstrap: { replications: 199, seed: 1 } });
    const rows = eventSummaryRows(r, ['[-1,+1]']);
    const p0 = rows.map((x) => x.p as number);
    naiveHolm(p0).forEach((v, i) => expect(rows[i].pHolm).toBeCloseTo(v, 14));
    naiveBh(p0).forEach((v, i) => expect(rows[i].pBH).toBeCloseTo(v, 14));
    const p1 = rows.map((x) => x['p[-1,+1]'] as number);
    naiveHolm(p1).forEach((v, i) => expect(rows[i]['pHolm[-1,+1]']).toBeCloseTo(v, 14));
    const tests = testRows(r, '[0,0]');
    const agg = r.aggregate.find((a) => a.window === '[0,0]')!;
    const counted = countedTests(agg.tests);
    const holm = naiveHolm(counted.map((t) => t.p));
    counted.forEach((t, i) => expect(tests.find((x) => x.test === t.label)!.pHolm).toBeCloseTo(holm[i], 14));
  });

  it('impact event prints Holm p and BH p beside p, and --json carries adjustedP', async () => {
    const { run } = await import('./helpers/cli.ts');
    const text = await run('event', 'NVDA,AMD,AVGO', '--market', 'SPY', '--date', '2025-01-27', '--bootstrap', '0', '--car', '0:0,-1:1');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/window\s+CAR\s+se\s+t\s+df\s+p\s+Holm p\s+BH p\s+BHAR/);
    expect(text.out).toMatch(/test\s+stat\s+p\s+Holm p\s+BH p\s+df\s+note/);
    expect(text.out).toMatch(/CAR\[0,0\]: \d of 3 events significant at 5% after Holm \(FWER\), \d after Benjamini–Hochberg \(FDR\), \d unadjusted/);
    const json = JSON.parse((await run('event', 'NVDA,AMD,AVGO', '--market', 'SPY', '--date', '2025-01-27', '--bootstrap', '0', '--car', '0:0,-1:1', '--json')).out);
    const ids = json.events.map((e: { id: string }) => e.id);
    for (const [k, w] of ['[0,0]', '[-1,+1]'].entries()) {
      const p = json.events.map((e: { car: { p: number }[] }) => e.car[k].p);
      const fam = json.adjustedP.events.find((f: { window: string }) => f.window === w);
      naiveHolm(p).forEach((v, i) => expect(fam.holm[ids[i]]).toBeCloseTo(v, 14));
      naiveBh(p).forEach((v, i) => expect(fam.bh[ids[i]]).toBeCloseTo(v, 14));
      const tests = json.aggregate[k].tests as Record<string, { p: number | null }>;
      const names = Object.keys(tests).filter((n) => tests[n].p !== null);
      const holm = naiveHolm(names.map((n) => tests[n].p!));
      const block = json.adjustedP.tests[k];
      expect(block.n).toBe(names.length);
      names.forEach((n, i) => expect(block.holm[n]).toBeCloseTo(holm[i], 14));
    }
  });
});
