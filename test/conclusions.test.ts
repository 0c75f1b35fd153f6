/**
 * The conclusion builders (#11.2): sentences made from a StudyResult / ClaimCheck. Checked on a
 * hand-built result (every number, name and verdict traceable to one field) and on real runs,
 * where each quoted number is recomputed from the result independently.
 */
import { describe, expect, it } from 'vitest';
import { checkClaim } from '../src/claims/check.ts';
import { claimedMoveText, claimQuestion, claimText, claimVerdictSentence, marketCapSentence } from '../src/claims/conclusions.ts';
import { signedPercent } from '../src/format.ts';
import type { TestResult } from '../src/stats/types.ts';
import {
  caarSentence,
  compareGroupsSentence,
  day0Sentence,
  defaultNameOf,
  listText,
  methodSentence,
  panelTestsSentence,
  significantEventsSentence,
  smallPanelNote,
  studyCaption,
  symbolLabel,
  windowText,
  windowsVerdictSentence,
} from '../src/study/conclusions.ts';
import { runEventStudy } from '../src/study/run.ts';
import type { EventResult, StudyResult } from '../src/study/types.ts';

const names: Record<string, string> = { BENCH: 'The Index', AAA: 'Alpha Corp' };
const nameOf = (s: string) => names[s] ?? s;

const test = (over: Partial<TestResult> & Pick<TestResult, 'test' | 'label'>): TestResult => ({ stat: 2.5, p: 0.01, n: 2, df: null, distribution: 'normal', ...over });

/** One event: day-0 return, market return and AR, and a CAR[0,0] row with t and p. */
function event(symbol: string, name: string, d0: { ret: number; marketRet: number; ar: number; t: number; p: number; limitUp?: boolean }, overlaps: string[] = []): EventResult {
  return {
    id: `${symbol}@2025-03-03`,
    symbol,
    name,
    market: 'BENCH',
    day0: '2025-03-03',
    ar: [
      { rel: -1, date: '2025-02-28', ret: 0.001, marketRet: 0, expected: 0, ar: 0.001, sar: 0.1, sd: 0.01, limitUp: false, limitDown: false },
      { rel: 0, date: '2025-03-03', ret: d0.ret, marketRet: d0.marketRet, expected: d0.ret - d0.ar, ar: d0.ar, sar: d0.t, sd: 0.01, limitUp: d0.limitUp ?? false, limitDown: false },
    ],
    car: [{ window: '[0,0]', from: 0, to: 0, car: d0.ar, se: 0.01, t: d0.t, df: 200, p: d0.p, bhar: d0.ar, scar: d0.t, days: 1 }],
    flags: { limitUpDays: [], limitDownDays: [], missingDays: [], estimationOverlaps: [], eventWindowOverlaps: overlaps, estimationOverlapCount: 0, eventWindowOverlapCount: overlaps.length, droppedEstimationDays: 0 },
  } as unknown as EventResult;
}

const hand: StudyResult = {
  parameters: { model: 'market', estimationWindow: [-250, -11], eventWindow: [-5, 5], carWindows: [[0, 0], [-1, 1]], minEstimationReturns: 120, day0Rule: 'next', tests: ['crossSectionalT', 'bootstrap'], bootstrap: { replications: 999, seed: 42 }, factors: null },
  events: [
    event('AAA', 'Alpha Corp (A shares)', { ret: 0.2, marketRet: 0.02, ar: 0.17, t: 5.1, p: 0.00001, limitUp: true }, ['BBB@2025-03-03']),
    event('BBB', 'Beta', { ret: -0.01, marketRet: 0.02, ar: -0.03, t: -1.2, p: 0.23 }, ['AAA@2025-03-03']),
  ],
  skipped: [],
  aggregate: [
    {
      window: '[0,0]',
      from: 0,
      to: 0,
      N: 2,
      caar: 0.07,
      tests: {
        crossSectionalT: test({ test: 'cross-sectional-t', label: 'Cross-sectional t', p: 0.3, stat: 1.1 }),
        adjustedBmpT: test({ test: 'adjusted-bmp', label: 'Adjusted BMP t', p: 0.2, stat: 1.3 }),
        patellZ: test({ test: 'patell', label: 'Patell Z', p: 0.001, stat: 3.3 }),
        bootstrap: test({ test: 'bootstrap', label: 'Bootstrap CAAR', p: 0.0002, stat: 4, countable: false, note: 'events share a date' }),
      },
    },
    { window: '[-1,+1]', from: -1, to: 1, N: 2, caar: 0.071, tests: { crossSectionalT: test({ test: 'cross-sectional-t', label: 'Cross-sectional t', p: 0.4, stat: 0.9 }) } },
  ],
  daily: [],
  rbar: 0.25,
  rbarSe: null,
  rbarMethod: 'exact',
  rbarPairs: 1,
  notes: [],
};

describe('study sentences on a hand-built result', () => {
  it('names securities from the result and benchmarks through nameOf', () => {
    expect(symbolLabel('BENCH', { nameOf })).toBe('The Index (BENCH)');
    expect(symbolLabel('ZZZ', { nameOf })).toBe('ZZZ');
    expect(studyCaption(hand, { nameOf })).toBe('Day 0 = 2025-03-03, market model vs The Index (BENCH)');
    expect(windowText('[-5,+5]')).toBe('[\u22125, +5]');
    expect(listText(['a'])).toBe('a');
    expect(listText(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('day 0: returns, AR with t and p, the verdict at the level and a limit close', () => {
    expect(day0Sentence(hand.events[0], { nameOf })).toBe(
      'On 2025-03-03 (day 0) Alpha Corp (AAA) returned +20.00% while The Index (BENCH) returned +2.00%: an abnormal return of +17.00% (t = 5.10, p < 0.0001), significant at 5%; it closed at the daily limit (limit-up), so the return is censored.',
    );
    expect(day0Sentence(hand.events[1], { nameOf })).toBe('On 2025-03-03 (day 0) Beta (BBB) returned \u22121.00% while The Index (BENCH) returned +2.00%: an abnormal return of \u22123.00% (t = \u22121.20, p = 0.2300), not significant at 5%.');
    expect(day0Sentence(hand.events[1], { nameOf, level: 0.3 })).toContain('significant at 30%');
  });

  it('panel: counts only countable tests, says which are left out and why, and quotes the adjusted BMP when events share calendar time', () => {
    expect(panelTestsSentence(hand, '[0,0]', { nameOf })).toBe(
      'Across 2 events (Alpha Corp and Beta; day 0 2025-03-03; vs The Index (BENCH)) the CAAR[0, 0] was +7.00%, and 1 of 3 tests reject "no effect" at 5% after Holm\'s adjustment for 3 tests (Benjamini–Hochberg: 1; unadjusted: 1). ' +
        'Not counted, because it overstates significance here: Bootstrap CAAR: events share a date. ' +
        'The events share calendar time (r̄ = 0.250): the Adjusted BMP t, which allows for that, gives p = 0.2000.',
    );
    expect(panelTestsSentence(hand, '[-1,+1]', { nameOf })).toBe('Across 2 events (Alpha Corp and Beta; day 0 2025-03-03; vs The Index (BENCH)) the CAAR[\u22121, +1] was +7.10%, and no test rejects "no effect" at 5% (of 1 counted).');
    expect(panelTestsSentence(hand, '[0,+1]', { nameOf })).toMatch(/^No CAAR\[0, \+1\] could be computed across 2 events/);
  });

  it('events, CAARs and the verdict over windows', () => {
    const adj = "after Holm's adjustment for 2 events";
    expect(significantEventsSentence(hand, '[0,0]')).toBe(`1 of 2 events has a significantly positive CAR[0, 0] at 5% ${adj} (Benjamini–Hochberg: 1; unadjusted: 1): Alpha Corp (AAA) +17.00% (p < 0.0001, Holm p < 0.0001).`);
    expect(significantEventsSentence(hand, '[0,0]', { level: 0.001 })).toBe(`1 of 2 events has a significantly positive CAR[0, 0] at 0.1% ${adj} (Benjamini–Hochberg: 1; unadjusted: 1): Alpha Corp (AAA) +17.00% (p < 0.0001, Holm p < 0.0001).`);
    expect(significantEventsSentence(hand, '[0,0]', { level: 0.000001 })).toBe(`No single event of 2 has a significant CAR[0, 0] at 0.0001% ${adj} (Benjamini–Hochberg: 0; unadjusted: 0).`);
    expect(caarSentence(hand, ['[0,0]', '[-1,+1]'])).toBe('Across 2 events (Alpha Corp and Beta) the CAAR was +7.00% over [0, 0] and +7.10% over [\u22121, +1].');
    expect(windowsVerdictSentence(hand, ['[0,0]', '[-1,+1]'])).toBe("In [0, 0], 1 of 3 tests reject at 5% after Holm's adjustment (Patell Z). Alpha Corp (AAA) alone is significant at 5% ([0, 0] +17.00%, p < 0.0001, Holm p < 0.0001).");
    expect(windowsVerdictSentence(hand, ['[-1,+1]'])).toBe('No counted test rejects "no effect" at 5% in [\u22121, +1], and no single event has a significant CAR: no detectable reaction beyond what the benchmark explains.');
  });

  it('"k of n reject" counts Holm-adjusted p-values, with the Benjamini–Hochberg and unadjusted counts beside (hand values)', () => {
    // Counted p: .01, .03, .04. Holm: 3·.01 = .03, max(.03, 2·.03) = .06, max(.06, .04) = .06 → 1 rejects.
    // BH: min over j ≥ i of 3p/j: .03, .04, .04 → 3 reject. Unadjusted: 3.
    const three = {
      ...hand,
      aggregate: [
        {
          ...hand.aggregate[0],
          tests: {
            a: test({ test: 'a', label: 'A', p: 0.01 }),
            b: test({ test: 'b', label: 'B', p: 0.03 }),
            c: test({ test: 'c', label: 'C', p: 0.04 }),
          },
        },
      ],
    } as StudyResult;
    expect(panelTestsSentence(three, '[0,0]', { nameOf })).toContain('1 of 3 tests reject "no effect" at 5% after Holm\'s adjustment for 3 tests (Benjamini–Hochberg: 3; unadjusted: 3).');
    expect(windowsVerdictSentence(three, ['[0,0]'])).toMatch(/^In \[0, 0\], 1 of 3 tests reject at 5% after Holm's adjustment \(A\)\./);
    // Events: p .02 and .03 → Holm .04, .04 (both under 5%); at 3%: Holm rejects none, BH (.03, .03) both, raw both.
    const two = { ...hand, events: [event('AAA', 'Alpha', { ret: 0.05, marketRet: 0, ar: 0.05, t: 2.4, p: 0.02 }), event('BBB', 'Beta', { ret: 0.04, marketRet: 0, ar: 0.04, t: 2.2, p: 0.03 })] } as StudyResult;
    expect(significantEventsSentence(two, '[0,0]', { level: 0.03 })).toBe("No single event of 2 has a significant CAR[0, 0] at 3% after Holm's adjustment for 2 events (Benjamini–Hochberg: 0; unadjusted: 1).");
    expect(significantEventsSentence(two, '[0,0]', { level: 0.05 })).toBe(
      "2 of 2 events have a significantly positive CAR[0, 0] at 5% after Holm's adjustment for 2 events (Benjamini–Hochberg: 2; unadjusted: 2): Alpha (AAA) +5.00% (p = 0.0200, Holm p = 0.0400) and Beta (BBB) +4.00% (p = 0.0300, Holm p = 0.0400).",
    );
  });

  it('method, small panels and groups', () => {
    expect(methodSentence(hand)).toBe('market model; estimation window [\u2212250, \u221211] and event window [\u22125, +5] in trading days around day 0; CAR windows [0, 0] and [\u22121, +1]; 2 tests; bootstrap with 999 replications (seed 42).');
    expect(smallPanelNote(hand)).toMatch(/^With N = 2 events the rank, sign and bootstrap tests have little power/);
    expect(smallPanelNote({ events: Array.from({ length: 10 }, () => hand.events[0]) })).toBeNull();
    const other = { ...hand, aggregate: [{ ...hand.aggregate[1], caar: -0.2 }] } as StudyResult;
    expect(compareGroupsSentence([{ label: 'A', result: hand }, { label: 'B', result: other }], '[-1,+1]', { by: 'announcement' })).toBe(
      'Split by announcement, the largest average move over [\u22121, +1] came with **B** (CAAR \u221220.00%, 0 of 1 tests rejecting at 5%), against +7.10% for A.',
    );
  });
});

describe('sentences from real runs quote the run’s own numbers', () => {
  it('an event study: day 0, the panel count and the names come from the result', async () => {
    const r = await runEventStudy({ events: ['NVDA', 'AMD', 'AVGO'].map((symbol) => ({ symbol, date: '2025-01-27' })), benchmark: 'SPY', bootstrap: { replications: 199, seed: 3 } });
    const nvda = r.events[0];
    const d0 = nvda.ar.find((d) => d.rel === 0)!;
    const s = day0Sentence(nvda);
    expect(s).toContain('NVIDIA (NVDA)');
    expect(s).toContain(`returned ${signedPercent(d0.ret)}`);
    expect(s).toContain(`SPDR S&P 500 ETF (SPY) returned ${signedPercent(d0.marketRet)}`);
    expect(s).toContain(`abnormal return of ${signedPercent(d0.ar)}`);
    expect(defaultNameOf('000688.SS')).toBe('STAR 50');
    expect(defaultNameOf('NOT-A-SYMBOL')).toBe('NOT-A-SYMBOL');
    // The count is recounted here from the aggregate row: Holm-adjusted p (naive: sort, (n − j + 1)p, running max).
    const agg = r.aggregate.find((a) => a.window === '[0,0]')!;
    const counted = Object.values(agg.tests).filter((t) => t.p !== null && t.stat !== null && t.countable !== false);
    const sorted = counted.map((t) => t.p!).sort((a, b) => a - b);
    let running = 0;
    const holm = sorted.map((p, j) => (running = Math.max(running, Math.min(1, (sorted.length - j) * p))));
    const rejecting = holm.filter((p) => p < 0.05).length;
    const raw = counted.filter((t) => t.p! < 0.05).length;
    expect(panelTestsSentence(r, '[0,0]')).toContain(`${rejecting === 0 ? 'no test rejects' : `${rejecting} of ${counted.length} tests reject`} "no effect" at 5% after Holm's adjustment for ${counted.length} tests`);
    expect(panelTestsSentence(r, '[0,0]')).toContain(`; unadjusted: ${raw})`);
  });

  it('a claim: subject, claimed move, verdict and market value from the check', async () => {
    const check = await checkClaim({ subject: 'cambricon', reportedOn: '2025-08-13', move: '+20%', marketCap: [{ value: 355e9, currency: 'CNY' }, { value: 49.7e9, currency: 'USD' }] });
    expect(claimedMoveText(-0.1697)).toBe('16.97%');
    expect(claimText(check)).toBe('Cambricon (688256.SS) rose 20%');
    expect(claimQuestion(check)).toBe('Did Cambricon really rise 20%?');
    expect(claimVerdictSentence(check)).toBe(`The claim that Cambricon (688256.SS) rose 20%, reported on 2025-08-13, is **${check.verdict}**: ${check.explanation}`);
    const computed = check.marketCap!.computed!.value;
    expect(marketCapSentence(check)).toBe(
      `At the 2025-08-12 close Cambricon (688256.SS) was worth ${(computed / 1e9).toFixed(1)} billion yuan (49.5 billion dollars at 7.1785 yuan per dollar), so the claimed 355.0 billion yuan (49.7 billion dollars) is **consistent** (within 5%); the largest gap is \u22120.46%.`,
    );
    const amd = await checkClaim({ subject: 'AMD', reportedOn: '2025-08-13', move: -0.05, marketCap: 300e9 });
    expect(claimText(amd)).toBe('Advanced Micro Devices (AMD) fell 5%');
    expect(marketCapSentence(amd)).toMatch(/^The claimed market value could not be checked: no share count for AMD .*\.$/);
    const plain = await checkClaim({ subject: 'AMD', reportedOn: '2025-08-13', move: -0.05 });
    expect(marketCapSentence(plain)).toBeNull();
  });
});
