/**
 * The methods of #13 in reports: the charts of abnormal volume, of one statistic under two models
 * and of the second-stage regression (valid Vega-Lite, data traceable to the results), and the
 * sentences that quote them (numbers recomputed here from the results).
 */
import { describe, expect, it } from 'vitest';
import { abnormalVolumeChart, carRegressionChart, modelComparisonChart, regressionTestsChart } from '../src/charts/methods.ts';
import { fixed, pPhrase } from '../src/format.ts';
import { carRegressionSentence, modelComparisonSentence, panelTestsSentence, volumeDay0Sentence } from '../src/study/conclusions.ts';
import { priorReturns, regressCars } from '../src/study/regress.ts';
import { runEventStudy } from '../src/study/run.ts';
import { modelComparisonRows } from '../src/study/summaries.ts';
import { vegaLiteSchemaErrors } from './helpers/vega-schema.ts';

const NAMES = ['NVDA', 'AMD', 'AVGO', 'TSM', 'MSFT', 'META', 'GOOGL'];
const events = NAMES.map((symbol) => ({ symbol, date: '2025-01-27' }));
const values = (spec: unknown, layer: number) => (spec as { layer: { data: { values: Record<string, unknown>[] } }[] }).layer[layer].data.values;

describe('charts and sentences of volume, GARCH and the second stage', async () => {
  const market = await runEventStudy({ events, benchmark: 'SPY', bootstrap: false });
  const garch = await runEventStudy({ events, benchmark: 'SPY', model: 'garch', bootstrap: false });
  const volume = await runEventStudy({ events, benchmark: 'SPY', measure: 'volume', bootstrap: false });
  const reg = regressCars(market, { window: [0, 0], regressors: ['beta', 'prior20'], cluster: 'security', priorReturns: await priorReturns(market, 20) });

  it('abnormalVolumeChart: one line per security from the event rows, the daily mean, valid Vega-Lite; refuses a return study', () => {
    const spec = abnormalVolumeChart(volume, 'Abnormal trading volume');
    expect(vegaLiteSchemaErrors(spec)).toEqual([]);
    const lines = values(spec, 2);
    expect(lines).toHaveLength(NAMES.length * 11);
    const nvda0 = lines.find((r) => r.security === 'NVDA' && r.rel === 0)!;
    expect(nvda0.value).toBe(volume.events[0].ar.find((d) => d.rel === 0)!.ar);
    expect(values(spec, 3).find((r) => r.rel === 0)!.value).toBe(volume.daily.find((d) => d.rel === 0)!.aar);
    expect(() => abnormalVolumeChart(market, 'x')).toThrow(/needs a volume study/);
  });

  it('modelComparisonChart and modelComparisonRows: each event’s t under each study, fallbacks marked', () => {
    const groups = [
      { label: 'market model', result: market },
      { label: 'garch model', result: garch },
    ];
    const spec = modelComparisonChart(groups, '[0,0]', 'Day-0 t by model');
    expect(vegaLiteSchemaErrors(spec)).toEqual([]);
    const bars = values(spec, 2);
    expect(bars).toHaveLength(14);
    for (const e of garch.events) {
      const bar = bars.find((b) => b.security === e.symbol && b.model === 'garch model')!;
      expect(bar.t).toBe(e.car.find((c) => c.window === '[0,0]')!.t);
      expect(bar.fallback).toBe(e.flags.modelFallback ? 'fell back to another model' : 'as asked');
    }
    const rows = modelComparisonRows(groups, '[0,0]');
    expect(rows.map((r) => r.event)).toEqual(market.events.map((e) => e.id));
    for (const [i, e] of garch.events.entries()) {
      expect(rows[i]['t (garch model)']).toBe(e.car.find((c) => c.window === '[0,0]')!.t);
      expect(rows[i]['model (garch model)']).toBe(e.flags.modelFallback ? 'market (fallback)' : 'garch');
      expect(rows[i]['t (market model)']).toBe(market.events[i].car.find((c) => c.window === '[0,0]')!.t);
    }
    expect(() => modelComparisonChart([groups[0], groups[0]], '[0,0]', 'x')).toThrow(/two groups are labelled/);
  });

  it('carRegressionChart: points are the regression rows, the line’s slope is the coefficient; regressionTestsChart: every slope × standard error', () => {
    for (const term of ['beta', 'prior20']) {
      const spec = carRegressionChart(reg, term, `CAR against ${term}`, { percentX: term !== 'beta' });
      expect(vegaLiteSchemaErrors(spec)).toEqual([]);
      const [a, b] = values(spec, 0) as { x: number; y: number }[];
      const slope = reg.ols.coefficients.find((c) => c.name === term)!.estimate;
      expect((b.y - a.y) / (b.x - a.x)).toBeCloseTo(slope, 10);
      const points = values(spec, 1);
      expect(points.map((p) => p.y)).toEqual(market.events.map((e) => e.car.find((c) => c.window === '[0,0]')!.car));
    }
    expect(reg.points.map((p) => p.x.beta)).toEqual(market.events.map((e) => e.beta));
    expect(() => carRegressionChart(reg, 'size', 'x')).toThrow(/not a numeric regressor/);
    const tests = regressionTestsChart(reg, 'Slopes');
    expect(vegaLiteSchemaErrors(tests)).toEqual([]);
    // 2 slopes × 4 standard errors × (OLS, WLS).
    expect((tests as { data: { values: unknown[] } }).data.values).toHaveLength(16);
  });

  it('sentences quote the results: volume day 0, the model comparison, the regression', () => {
    const nv = volume.events[0];
    const d0 = nv.ar.find((d) => d.rel === 0)!;
    const c0 = nv.car.find((c) => c.window === '[0,0]')!;
    expect(volumeDay0Sentence(nv)).toBe(`On 2025-01-27 (day 0) NVIDIA (NVDA) traded ${fixed(Math.exp(d0.ar!))} times its usual volume: an abnormal log volume of +${fixed(d0.ar!)} (t = ${fixed(c0.t)}, ${pPhrase(c0.p)}), ${c0.p < 0.05 ? 'significant' : 'not significant'} at 5%.`);
    expect(panelTestsSentence(volume, '[0,0]')).toContain(`the mean cumulative abnormal log volume over [0, 0] was +${fixed(volume.aggregate.find((a) => a.window === '[0,0]')!.caar)} (`);

    const fell = garch.events.filter((e) => e.flags.modelFallback);
    const kept = garch.events.filter((e) => !e.flags.modelFallback);
    const s = modelComparisonSentence(market, garch, '[0,0]');
    expect(s).toMatch(new RegExp(`^With the garch model, ${kept.length} of 7 events were fitted as asked and ${fell.length} fell back to the market model \\(`));
    for (const e of kept) {
      const b = market.events.find((x) => x.id === e.id)!;
      expect(s).toContain(`(${e.symbol}) ${fixed(e.car[1].t)} against ${fixed(b.car[1].t)}`);
    }
    for (const e of fell) expect(s).toContain(e.symbol);

    const r = carRegressionSentence(reg);
    const beta = reg.ols.coefficients[1];
    expect(r).toContain(`Across 7 events, CAR[0, 0] regressed by OLS on the market-model beta and the return over the 20 sessions before the event window (R² = ${fixed(reg.ols.r2, 3)})`);
    expect(r).toContain(`the market-model beta ${fixed(beta.estimate, 4)} (HC1 t = ${fixed(beta.hc1.t)}, ${pPhrase(beta.hc1.p)}; clustered by security t = ${fixed(beta.clustered!.t)}, ${pPhrase(beta.clustered!.p)})`);
    expect(r).toMatch(/Only 7 clusters/);
  });
});
