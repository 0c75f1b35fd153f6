/**
 * Size checks under the null for the statistics of issue #13 (GARCH, second stage, calendar
 * time, multiple testing, and through the engine: abnormal volume, abnormal volatility, Savickas
 * with the GARCH model): each is simulated where its null holds, and the share of rejections at
 * 5% is printed beside a binomial band. A well-sized test rejects about 5% of the time.
 *
 *   npx tsx bench/methods-size.ts [--reps=R] [--seed=S]
 *
 * `methodsSizeTable` is exported for bench/bench.ts (one call prints the same table).
 */
import { fileURLToPath } from 'node:url';
import { createRng, fillNormal, randomNormal, type Rng } from '../src/stats/random.ts';
import { fitGarch, forecastGarch } from '../src/models/garch.ts';
import { normalTwoSidedP } from '../src/stats/distributions.ts';
import { savickasT } from '../src/stats/tests/savickas.ts';
import { bmpT } from '../src/stats/tests/parametric.ts';
import { linearRegression } from '../src/stats/regression.ts';
import { rankSumTest, welchT } from '../src/stats/tests/two-sample.ts';
import { bhAdjust, holmAdjust } from '../src/stats/multiple.ts';
import { calendarTimePortfolio } from '../src/study/calendar-time.ts';
import type { FrenchFactors } from '../src/data/french.ts';
import { simulateNullRejectionRates, type SizeOptions } from '../src/study/size.ts';

/** One line of the table: a test, its rejections, the simulations and the 5% target. */
export interface SizeRow {
  statistic: string;
  setting: string;
  rate: number;
  reps: number;
}

const reject = (p: number | null | undefined) => (p !== null && p !== undefined && p <= 0.05 ? 1 : 0);

/** One GARCH(1,1)-X path: y = βx + ε, h_t = ω + aε² + bh, x ~ N(0, 1%²); returns y, x. */
function garchPath(rng: Rng, T: number, beta: number, omega: number, a: number, b: number): { y: Float64Array; x: Float64Array } {
  const y = new Float64Array(T);
  const x = new Float64Array(T);
  let h = omega / (1 - a - b);
  let e = 0;
  for (let t = -200; t < T; t++) {
    h = omega + a * e * e + b * h;
    e = Math.sqrt(h) * randomNormal(rng);
    const xt = 0.01 * randomNormal(rng);
    if (t >= 0) {
      x[t] = xt;
      y[t] = beta * xt + e;
    }
  }
  return { y, x };
}

/**
 * Rejection rates at 5% under each test's null. `reps` scales every simulation (default 400;
 * the GARCH panel uses reps/4 panels of 20 events, each a 250-day fit).
 */
export function methodsSizeTable(options: { reps?: number; seed?: number } = {}): SizeRow[] {
  const reps = options.reps ?? 400;
  const rng = createRng(options.seed ?? 20250127);
  const rows: SizeRow[] = [];

  // 1. Savickas t on GARCH-standardized day-0 ARs, events with GARCH errors and no event effect;
  //    beside it BMP on the same ARs standardized by the constant OLS-like variance (s² of the fit).
  {
    const panels = Math.max(10, Math.floor(reps / 4));
    let sav = 0;
    let bmp = 0;
    let fits = 0;
    let failed = 0;
    let recovered = 0;
    let betaWald = 0;
    for (let p = 0; p < panels; p++) {
      const s: number[] = [];
      const sOls: number[] = [];
      for (let i = 0; i < 20; i++) {
        const { y, x } = garchPath(rng, 261, 1.1, 4e-6, 0.1, 0.85);
        const fit = fitGarch(y.subarray(0, 250), { x: x.subarray(0, 250) });
        fits++;
        if (!fit.converged) {
          failed++;
          continue;
        }
        recovered += fit.robustSe.betas[0] ? reject(normalTwoSidedP((fit.betas[0] - 1.1) / fit.robustSe.betas[0])) : 0;
        betaWald++;
        const f = forecastGarch(fit, { y: y.subarray(250), x: x.subarray(250), eventStart: 5 });
        s.push(f.sar[5]);
        let ss = 0;
        let m = 0;
        for (let t = 0; t < 250; t++) {
          ss += fit.residuals[t] ** 2;
          m++;
        }
        sOls.push(f.ar[5] / Math.sqrt(ss / (m - 2)));
      }
      sav += reject(savickasT(s).p);
      bmp += reject(bmpT(sOls).p);
    }
    rows.push({ statistic: 'Savickas (2003) t', setting: `${panels} panels × 20 GARCH(1,1) events, day 0`, rate: sav / panels, reps: panels });
    rows.push({ statistic: 'BMP t (constant variance), same ARs', setting: 'for comparison', rate: bmp / panels, reps: panels });
    rows.push({ statistic: 'GARCH β Wald (robust SE) at the true β', setting: `${betaWald} fits of 250 days (${failed} not converged)`, rate: recovered / Math.max(1, betaWald), reps: betaWald });
    void fits;
  }

  // 2. Second-stage slope tests, y independent of x (the null β = 0):
  //    a. n = 40 independent rows, error s.d. growing with |x| (HC1/HC3 hold, classical does not);
  //    b. n = 60 in 20 clusters of 3 sharing a shock in y and in x (clustered SEs hold).
  {
    const n = 40;
    const r = { classical: 0, hc1: 0, hc3: 0, wls: 0 };
    for (let k = 0; k < reps; k++) {
      const x = fillNormal(rng, new Float64Array(n));
      const sd = Float64Array.from(x, (v) => 0.01 * (0.5 + Math.abs(v)));
      const y = Float64Array.from(sd, (s) => s * randomNormal(rng));
      const fit = linearRegression({ y, columns: [x], names: ['x'] });
      const wfit = linearRegression({ y, columns: [x], names: ['x'], weights: Float64Array.from(sd, (s) => 1 / (s * s)) });
      const c = fit.coefficients[1];
      r.classical += reject(c.classical.p);
      r.hc1 += reject(c.hc1.p);
      r.hc3 += reject(c.hc3.p);
      r.wls += reject(wfit.coefficients[1].classical.p);
    }
    const setting = 'n=40, error s.d. ∝ 0.5 + |x|';
    rows.push({ statistic: 'OLS slope t, classical SE', setting: `${setting} (not its null)`, rate: r.classical / reps, reps });
    rows.push({ statistic: 'OLS slope t, HC1', setting, rate: r.hc1 / reps, reps });
    rows.push({ statistic: 'OLS slope t, HC3', setting, rate: r.hc3 / reps, reps });
    rows.push({ statistic: 'WLS slope t (weights 1/σ², classical)', setting, rate: r.wls / reps, reps });
    for (const G of [20, 100]) {
      let clustered = 0;
      let hc1 = 0;
      const clusters = Array.from({ length: 3 * G }, (_, i) => `g${i % G}`);
      for (let k = 0; k < reps; k++) {
        const sx = fillNormal(rng, new Float64Array(G));
        const sy = fillNormal(rng, new Float64Array(G));
        const x = Float64Array.from(clusters, (_, i) => sx[i % G] + 0.5 * randomNormal(rng));
        const y = Float64Array.from(clusters, (_, i) => 0.01 * (sy[i % G] + 0.5 * randomNormal(rng)));
        const c = linearRegression({ y, columns: [x], names: ['x'], clusters }).coefficients[1];
        clustered += reject(c.clustered!.p);
        hc1 += reject(c.hc1.p);
      }
      rows.push({ statistic: 'OLS slope t, clustered (G−1 df)', setting: `n=${3 * G}, ${G} clusters of 3 with common shocks`, rate: clustered / reps, reps });
      rows.push({ statistic: 'OLS slope t, HC1', setting: 'same clustered data (not its null)', rate: hc1 / reps, reps });
    }
  }

  // 3. Subgroup difference tests: two groups from one skewed distribution, sizes 8 and 12 (exact
  //    rank-sum) and 30 and 40 (normal approximation).
  for (const [n1, n2] of [[8, 12], [30, 40]]) {
    let welch = 0;
    let rank = 0;
    for (let k = 0; k < reps; k++) {
      const g = (m: number) => Array.from({ length: m }, () => Math.exp(0.5 * randomNormal(rng)));
      welch += reject(welchT(g(n1), g(n2)).p);
      rank += reject(rankSumTest(g(n1), g(n2)).p);
    }
    rows.push({ statistic: 'Welch t', setting: `groups ${n1} and ${n2}, lognormal`, rate: welch / reps, reps });
    rows.push({ statistic: `Wilcoxon rank-sum (${n1 + n2 <= 50 ? 'exact' : 'normal approx.'})`, setting: `groups ${n1} and ${n2}, lognormal`, rate: rank / reps, reps });
  }

  // 4. Calendar-time α (Newey–West t): 300 days of FF3 factors, 12 securities with zero alpha,
  //    GARCH-free but heteroskedastic idiosyncratic noise, 15 clustered events, H = 10.
  {
    const days = 300;
    const dates = Array.from({ length: days }, (_, i) => `d${String(i).padStart(4, '0')}`);
    let nw = 0;
    let classical = 0;
    const ctReps = Math.max(20, reps);
    for (let k = 0; k < ctReps; k++) {
      const mkt = fillNormal(rng, new Float64Array(days), 0.0003, 0.01);
      const smb = fillNormal(rng, new Float64Array(days), 0, 0.005);
      const hml = fillNormal(rng, new Float64Array(days), 0, 0.005);
      const rf = new Float64Array(days).fill(0.0001);
      const factors: FrenchFactors = { name: 'sim', frequency: 'daily', dates, columns: { 'Mkt-RF': mkt, SMB: smb, HML: hml, RF: rf } };
      const returns: Record<string, Map<string, number>> = {};
      const sessions: Record<string, string[]> = {};
      for (let s = 0; s < 12; s++) {
        const b = 0.6 + 0.8 * rng.uniform();
        const sd = 0.01 + 0.02 * rng.uniform();
        returns[`S${s}`] = new Map(dates.map((d, t) => [d, rf[t] + b * mkt[t] + 0.3 * smb[t] - 0.2 * hml[t] + sd * randomNormal(rng)]));
        sessions[`S${s}`] = dates;
      }
      const events = Array.from({ length: 15 }, (_, e) => ({ id: `e${e}`, symbol: `S${rng.int(12)}`, day0: dates[20 + rng.int(250)] }));
      const ct = calendarTimePortfolio({ events, sessions, returns, horizon: 10, factors, model: 'ff3' });
      nw += reject(ct.alpha.p);
      classical += reject(ct.alphaClassical.p);
    }
    rows.push({ statistic: 'Calendar-time α, Newey–West t', setting: `${ctReps} panels, 15 events, H=10, FF3`, rate: nw / ctReps, reps: ctReps });
    rows.push({ statistic: 'Calendar-time α, classical t', setting: 'same panels', rate: classical / ctReps, reps: ctReps });
  }

  // 5. Multiple testing under the global null: 10 independent uniform p-values; the family-wise
  //    error (any rejection) of raw p, Holm and BH (under the global null FDR = FWER).
  {
    let raw = 0;
    let holm = 0;
    let bh = 0;
    const fam = reps * 5;
    for (let k = 0; k < fam; k++) {
      const p = Array.from({ length: 10 }, () => rng.uniform());
      raw += p.some((v) => v <= 0.05) ? 1 : 0;
      holm += holmAdjust(p).some((v) => v! <= 0.05) ? 1 : 0;
      bh += bhAdjust(p).some((v) => v! <= 0.05) ? 1 : 0;
    }
    rows.push({ statistic: 'any of 10 raw p ≤ 5% (no adjustment)', setting: 'global null, independent', rate: raw / fam, reps: fam });
    rows.push({ statistic: 'Holm FWER', setting: 'global null, 10 tests', rate: holm / fam, reps: fam });
    rows.push({ statistic: 'Benjamini–Hochberg FDR (= FWER here)', setting: 'global null, 10 tests', rate: bh / fam, reps: fam });
  }
  // 6. Through the engine (src/study/size.ts: simulated panels studied like real events, the
  //    battery of the measure and model on CAR[-1,+1]; 'event-t' is each event's own t test, its
  //    count the events): abnormal log volume (mean-adjusted; market model on the market's log
  //    volume; fat-tailed errors), abnormal volatility (normal and fat-tailed returns), and the
  //    GARCH model with GARCH errors, where Savickas' test is the one made for them.
  {
    const panels = Math.max(20, Math.floor(reps / 2));
    const runs: [string, Partial<SizeOptions>][] = [
      ['volume, mean-adjusted', { measure: 'volume' }],
      ['volume, market model (Campbell–Wasley)', { measure: 'volume', model: 'market' }],
      ['volume, mean-adjusted, t5 errors', { measure: 'volume', errors: 't5' }],
      ['volatility, market model', { measure: 'volatility' }],
      ['volatility, market model, t5 returns', { measure: 'volatility', errors: 't5' }],
    ];
    for (const [name, cfg] of runs) {
      const rates = simulateNullRejectionRates({ panels, n: 50, seed: 1 + rng.int(1e9), bootstrapB: 0, eventTest: true, ...cfg });
      for (const [test, r] of Object.entries(rates)) {
        rows.push({ statistic: `${name}: ${test}`, setting: test === 'event-t' ? `${r.panels} events` : `${panels} panels × 50 events, CAR[-1,+1]`, rate: r.rate, reps: r.panels });
      }
    }
    const garchPanels = Math.max(10, Math.floor(reps / 10));
    const garch = simulateNullRejectionRates({ panels: garchPanels, n: 20, seed: 1 + rng.int(1e9), bootstrapB: 0, model: 'garch', errors: 'garch', eventTest: true });
    for (const test of ['savickas-t', 'bmp', 'patell', 'cross-sectional-t', 'event-t']) {
      const r = garch[test];
      if (r) rows.push({ statistic: `garch model, GARCH errors: ${test}`, setting: test === 'event-t' ? `${r.panels} events` : `${garchPanels} panels × 20 events (engine)`, rate: r.rate, reps: r.panels });
    }
  }
  return rows;
}

/** The table as text, with a 95% binomial band around 5% for each line's number of simulations. */
export function formatSizeTable(rows: SizeRow[]): string {
  const out = [`${'statistic'.padEnd(62)} rate    95% band for 5%   setting`];
  for (const r of rows) {
    const half = 1.96 * Math.sqrt((0.05 * 0.95) / r.reps);
    out.push(`${r.statistic.padEnd(62)} ${(r.rate * 100).toFixed(1).padStart(5)}%  ${(Math.max(0, 0.05 - half) * 100).toFixed(1).padStart(5)}–${((0.05 + half) * 100).toFixed(1)}%      ${r.setting}`);
  }
  out.push('(Unadjusted "any of 10" is expected near 1 − 0.95¹⁰ = 40%; Holm and BH should be at or below 5%.)');
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const t0 = performance.now();
  const rows = methodsSizeTable({ reps: arg('reps') ? Number(arg('reps')) : undefined, seed: arg('seed') ? Number(arg('seed')) : undefined });
  console.log(formatSizeTable(rows));
  console.log(`(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
