/**
 * Issue 11.4, wired into the study: events that share day 0 are one bootstrap cluster, resampled
 * jointly by estimation date (bootstrapCarTest's `clusters` + `residualDates`), so the seven-name
 * DeepSeek-R1 panel's bootstrap keeps the cross-correlation of one day's news. Checked against a
 * naive twin: the market-model residuals recomputed here from the bundled prices, bootstrapped
 * once independently and once clustered.
 */
import { describe, expect, it } from 'vitest';
import { openDataStore } from '../src/data/store.ts';
import { bootstrapCarTest } from '../src/stats/tests/bootstrap.ts';
import { runEventStudy } from '../src/study/run.ts';
import { run } from './helpers/cli.ts';

const STOCKS = ['NVDA', 'AMD', 'AVGO', 'TSM', 'MSFT', 'META', 'GOOGL'];
const DAY = '2025-01-27';

/** Adjusted-close returns by date (consecutive rows), independent of src/returns. */
function returnsByDate(symbol: string): Map<string, number> {
  const rows = openDataStore({ dataDir: null }).loadSeries(symbol).rows;
  const out = new Map<string, number>();
  for (let i = 1; i < rows.length; i++) out.set(rows[i].date, rows[i].adjClose / rows[i - 1].adjClose - 1);
  return out;
}

/** OLS residuals of r on m over the dates in [from, to] where both exist (the naive twin of the market model). */
function marketModelResiduals(r: Map<string, number>, m: Map<string, number>, from: string, to: string): { values: Float64Array; dates: string[] } {
  const dates = [...r.keys()].filter((d) => d >= from && d <= to && m.has(d)).sort();
  const x = dates.map((d) => m.get(d)!);
  const y = dates.map((d) => r.get(d)!);
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  const beta = sxy / sxx;
  const alpha = my - beta * mx;
  return { values: Float64Array.from(y, (v, i) => v - alpha - beta * x[i]), dates };
}

describe('the R1 panel: seven events on one day are one bootstrap cluster', async () => {
  const result = await runEventStudy({ benchmark: 'SPY', events: STOCKS.map((symbol) => ({ symbol, date: DAY })) });
  const w = result.aggregate.find((a) => a.window === '[-1,+1]')!;

  it('the bootstrap note says the events were resampled jointly by estimation date', () => {
    for (const a of result.aggregate) {
      expect(a.tests.bootstrap.note).toContain('events sharing a cluster resampled jointly by estimation date');
      expect(a.tests.bootstrap.note).toContain('2025-01-27: 7 events on 240 common dates');
      expect(a.tests.bootstrap.countable).toBeUndefined(); // clustered as documented: countable
    }
  });

  it('CAAR[-1,+1]: p ≈ 0.06 clustered, against ≈ 0.016 resampled independently (naive twin)', () => {
    const spy = returnsByDate('SPY');
    const residuals: Float64Array[] = [];
    const residualDates: string[][] = [];
    for (const e of result.events) {
      const res = marketModelResiduals(returnsByDate(e.symbol), spy, e.estimation.from, e.estimation.to);
      expect(res.values.length).toBe(e.M);
      residuals.push(res.values);
      residualDates.push(res.dates);
    }
    const cars = result.events.map((e) => e.car.find((c) => c.window === '[-1,+1]')!.car);
    const common = { residuals, cars, windowLengths: cars.map(() => 3), b: 9999, seed: 1 };
    const independent = bootstrapCarTest(common);
    const clustered = bootstrapCarTest({ ...common, clusters: cars.map(() => DAY), residualDates });
    expect(independent.p).toBeCloseTo(0.016, 3);
    expect(clustered.p).toBeGreaterThan(0.05);
    expect(clustered.p).toBeLessThan(0.07);
    // The study's bootstrap is the clustered one, draw for draw.
    expect(w.tests.bootstrap.p).toBeCloseTo(clustered.p!, 10);
    expect(w.tests.bootstrap.stat).toBeCloseTo(clustered.stat!, 8);
  });

  it('events on different days stay independent clusters (the draws of the independent bootstrap)', async () => {
    const two = await runEventStudy({ benchmark: 'SPY', events: [{ symbol: 'NVDA', date: DAY }, { symbol: 'AMD', date: '2025-02-04' }] });
    expect(two.aggregate[0].tests.bootstrap.note).toContain('every event in its own cluster: resampled independently');
  });
});

describe('impact event --json passes countable and critical through', () => {
  it('the bootstrap has its own critical value; a countable test carries no countable field', async () => {
    const r = await run('event', STOCKS.join(','), '--market', 'SPY', '--date', DAY, '--bootstrap', '999', '--json');
    expect(r.code).toBe(0);
    const boot = JSON.parse(r.out).aggregate[0].tests.bootstrap;
    expect(boot.critical).toBeGreaterThan(1);
    expect(boot.critical).toBeLessThan(3);
    expect('countable' in boot).toBe(false);
    expect(boot.note).toContain('resampled jointly');
  });

  it('a cluster too short to resample jointly: countable false in the JSON, and the note says why', async () => {
    const r = await run('event', 'NVDA,AMD', '--market', 'SPY', '--date', DAY, '--estimation', '-25:-11', '--min-m', '10', '--bootstrap', '999', '--json');
    expect(r.code).toBe(0);
    const boot = JSON.parse(r.out).aggregate[0].tests.bootstrap;
    expect(boot.countable).toBe(false);
    expect(boot.note).toContain('clustered resampling not reproducible for 2025-01-27 (2 events, 15 common estimation dates, need 30)');
  });
});
