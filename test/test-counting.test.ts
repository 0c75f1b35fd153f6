/**
 * "k of N tests reject" and the test-battery chart count the same tests (#11.4): every test with a
 * p-value except results marked uncountable (a bootstrap that could not keep the cross-correlation
 * of clustered events), and the chart shows each of them, the bootstrap against its own
 * resampled critical value.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batteryChart } from '../src/charts/from-study.ts';
import type { TestResult } from '../src/stats/types.ts';
import { runEventStudy } from '../src/study/run.ts';
import { countedTests, significantTests } from '../src/study/summaries.ts';
import type { StudyResult } from '../src/study/types.ts';

const t = (over: Partial<TestResult> & Pick<TestResult, 'test' | 'label'>): TestResult => ({ stat: 2.5, p: 0.01, n: 7, df: null, distribution: 'normal', ...over });

/** A study result with one window whose tests are given; nothing else is read. */
function resultWith(tests: Record<string, TestResult>): StudyResult {
  return { aggregate: [{ window: '[0,0]', from: 0, to: 0, N: 7, caar: -0.05, tests }] } as unknown as StudyResult;
}

/** The rows of a battery chart spec, by label. */
function chartRows(spec: unknown): { label: string; stat: number; critical: number; p: number }[] {
  return (spec as { data: { values: { label: string; stat: number; critical: number; p: number }[] } }).data.values;
}

describe('counting the tests that reject', () => {
  const tests = {
    crossSectionalT: t({ test: 'cross-sectional-t', label: 'Cross-sectional t', distribution: 't', df: 6, p: 0.07, stat: -2.2 }),
    sign: t({ test: 'sign', label: 'Sign Z', distribution: 'exact', p: 2 / 128, stat: -Math.sqrt(7) }),
    wilcoxon: t({ test: 'wilcoxon', label: 'Wilcoxon signed-rank', distribution: 'exact', p: 0.0156, stat: -2.37 }),
    grank: t({ test: 'grank', label: 'GRANK t', stat: null, p: null, note: 'needs N ≥ 2' }),
    bootstrap: t({ test: 'bootstrap', label: 'Bootstrap CAAR', distribution: 'bootstrap', p: 0.0001, stat: -5.3, critical: 2.1 }),
  };

  it('counts a clustered bootstrap, and leaves out one that could not keep the correlation', () => {
    // Holm among the 4 counted (p .07, .0156, .0156, .0001): .0004, .0468, .0468, .07 → 3; BH: .0004, .0208, .0208, .07 → 3.
    expect(significantTests(resultWith(tests), '[0,0]')).toEqual({
      rejecting: ['Sign Z', 'Wilcoxon signed-rank', 'Bootstrap CAAR'],
      computed: 4,
      excluded: [],
      holm: ['Sign Z', 'Wilcoxon signed-rank', 'Bootstrap CAAR'],
      bh: ['Sign Z', 'Wilcoxon signed-rank', 'Bootstrap CAAR'],
    });
    // Without the bootstrap, Holm among 3 (.07, .0156, .0156): .0469, .0469, .07 → 2.
    const uncountable = { ...tests, bootstrap: { ...tests.bootstrap, countable: false } };
    expect(significantTests(resultWith(uncountable), '[0,0]')).toEqual({
      rejecting: ['Sign Z', 'Wilcoxon signed-rank'],
      computed: 3,
      excluded: ['Bootstrap CAAR'],
      holm: ['Sign Z', 'Wilcoxon signed-rank'],
      bh: ['Sign Z', 'Wilcoxon signed-rank'],
    });
  });

  it('draws exactly the tests the text counts, the bootstrap against its own critical value', () => {
    const spec = batteryChart(resultWith(tests), '[0,0]')!;
    const rows = chartRows(spec);
    expect(rows.map((r) => r.label)).toEqual(countedTests(tests).map((x) => x.label));
    expect(rows).toHaveLength(significantTests(resultWith(tests), '[0,0]').computed);
    expect(rows.find((r) => r.label === 'Bootstrap CAAR')).toMatchObject({ stat: -5.3, critical: 2.1, p: 0.0001 });

    const uncountable = resultWith({ ...tests, bootstrap: { ...tests.bootstrap, countable: false } });
    const without = batteryChart(uncountable, '[0,0]')!;
    expect(chartRows(without).map((r) => r.label)).toEqual(['Cross-sectional t', 'Sign Z', 'Wilcoxon signed-rank']);
    expect(JSON.stringify((without as { title: unknown }).title)).toContain('not shown or counted: Bootstrap CAAR');
  });
});

describe.skipIf(!existsSync(join(import.meta.dirname, '../data/manifest.json')))('on the 27 January 2025 panel', () => {
  it('the battery chart has one dot per counted test', async () => {
    const NAMES = ['NVDA', 'AMD', 'AVGO', 'TSM', 'MSFT', 'META', 'GOOGL'];
    const study = await runEventStudy({ events: NAMES.map((symbol) => ({ symbol, date: '2025-01-27' })), benchmark: 'SPY', bootstrap: { replications: 999, seed: 1 } });
    for (const row of study.aggregate) {
      const counted = significantTests(study, row.window);
      const rows = chartRows(batteryChart(study, row.window));
      expect(rows, row.window).toHaveLength(counted.computed);
      expect(rows.filter((r) => r.p < 0.05).length, row.window).toBe(counted.rejecting.length);
      expect(rows.some((r) => r.label.startsWith('Bootstrap'))).toBe(counted.excluded.length === 0);
    }
  });
});
