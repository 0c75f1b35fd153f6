/** The GARCH market model as an event-study model: outputs match fitGarch + forecastGarch; fallbacks to OLS carry the reason. */
import { describe, expect, it } from 'vitest';
import { fitGarchMarketModel } from '../src/models/garch-event.ts';
import { fitGarch, forecastGarch } from '../src/models/garch.ts';
import { fitMarketModel } from '../src/models/market.ts';
import { createRng, randomNormal } from '../src/stats/random.ts';

function path(seed: number, T: number) {
  const rng = createRng(seed);
  const r = new Float64Array(T);
  const rm = new Float64Array(T);
  let h = 4e-6 / 0.05;
  let e = 0;
  for (let t = -300; t < T; t++) {
    h = 4e-6 + 0.1 * e * e + 0.85 * h;
    e = Math.sqrt(h) * randomNormal(rng);
    const m = 0.01 * randomNormal(rng);
    if (t >= 0) {
      rm[t] = m;
      r[t] = 0.0002 + 1.1 * m + e;
    }
  }
  return { r, rm };
}

describe('fitGarchMarketModel', () => {
  it('event-window AR, h and SAR are those of fitGarch + forecastGarch (realised ε² up to the window, forecasts inside)', () => {
    const { r, rm } = path(3, 400);
    r[390] = NaN; // a missing event day
    const fit = fitGarchMarketModel({ model: 'market', r, x: [rm], estimation: [0, 380], event: [385, 396] });
    expect(fit.fallbackReason).toBeNull();
    const g = fitGarch(r.subarray(0, 380), { x: rm.subarray(0, 380) });
    const f = forecastGarch(g, { y: r.subarray(380, 396), x: rm.subarray(380, 396), eventStart: 5 });
    expect(fit.alpha).toBe(g.mu);
    expect(fit.betas).toEqual(g.betas);
    expect(Array.from(fit.sar)).toEqual(Array.from(f.sar.subarray(5)));
    expect(Array.from(fit.predictionVariance)).toEqual(Array.from(f.variance.subarray(5)));
    expect(Number.isNaN(fit.ar[5])).toBe(true);
    expect(fit.ar[0]).toBeCloseTo(r[385] - g.mu - g.betas[0] * rm[385], 15);
    expect(fit.arCovariance[0]).toBe(fit.predictionVariance[0]);
    expect(fit.arCovariance[1]).toBe(0);
    expect(fit.M).toBe(380);
    expect(fit.s2).toBeCloseTo(g.omega / (1 - g.alpha1 - g.beta1), 15);
  });

  it('falls back to the OLS market model with the reason when GARCH cannot be used', () => {
    const rm = Float64Array.from({ length: 300 }, (_, t) => 0.01 * Math.sin(t));
    const r = Float64Array.from(rm, (m, t) => 1.2 * m + (t % 2 === 0 ? 0.01 : -0.01));
    const input = { model: 'market' as const, r, x: [rm], estimation: [0, 240] as [number, number], event: [245, 256] as [number, number] };
    const fit = fitGarchMarketModel(input);
    expect(fit.fallbackReason).toMatch(/^GARCH\(1,1\) not used \(.+\); market model \(OLS\) instead$/);
    const ols = fitMarketModel(input);
    expect(fit.betas).toEqual(ols.betas);
    expect(Array.from(fit.sar)).toEqual(Array.from(ols.sar));
    const short = fitGarchMarketModel({ ...input, estimation: [200, 220] });
    expect(short.fallbackReason).toMatch(/at least 31/);
    expect(short.garch).toBeNull();
  });
});
