/**
 * `impact regress` on the seven-name DeepSeek-R1 panel: HC1 and clustered standard errors checked
 * against a naive matrix computation built from `impact event --json` and the snapshot's prices;
 * an events file with characteristic columns; --by subgroups; one-line errors.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run, expectOneLineError } from './helpers/cli.ts';
import { inverse, mul, T, type M } from './helpers/matrix.ts';

const tmp = mkdtempSync(join(tmpdir(), 'impact-regress-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const NAMES = ['NVDA', 'AMD', 'AVGO', 'TSM', 'MSFT', 'META', 'GOOGL'];


/** Compounded adjusted-close return over sessions −25..−6 of day 0, read straight from the snapshot CSV. */
function prior20(symbol: string, day0: string): number {
  const lines = readFileSync(join(import.meta.dirname, '..', 'data', 'prices', `${symbol}.csv`), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const i0 = rows.findIndex((r) => r[0] === day0);
  const adj = (i: number) => Number(rows[i][header.indexOf('adjClose')]);
  return adj(i0 - 6) / adj(i0 - 26) - 1;
}

describe('impact regress', () => {
  it('the R1 panel: HC1 and clustered SEs (OLS and WLS) equal a naive matrix computation from impact event --json', async () => {
    const reg = await run('regress', NAMES.join(','), '--market', 'SPY', '--date', '2025-01-27', '--on', 'beta,prior20', '--json');
    expect(reg.code).toBe(0);
    const { regression } = JSON.parse(reg.out);
    const ev = await run('event', NAMES.join(','), '--market', 'SPY', '--date', '2025-01-27', '--car', '0:0', '--bootstrap', '0', '--json');
    const events = JSON.parse(ev.out).events as { id: string; symbol: string; day0: string; beta: number; car: { car: number; se: number }[] }[];
    expect(regression.used).toEqual(events.map((e) => e.id));
    expect(regression.cluster).toBe('security');
    for (const method of ['ols', 'wls'] as const) {
      const w = events.map((e) => (method === 'wls' ? 1 / e.car[0].se ** 2 : 1));
      const X: M = events.map((e, i) => [1, e.beta, prior20(e.symbol, e.day0)].map((v) => v * Math.sqrt(w[i])));
      const Y: M = events.map((e, i) => [e.car[0].car * Math.sqrt(w[i])]);
      const n = 7;
      const k = 3;
      const A = inverse(mul(T(X), X));
      const b = mul(A, mul(T(X), Y));
      const e = mul(X, b).map((r, i) => Y[i][0] - r[0]);
      const hc1 = mul(mul(A, mul(T(X), X.map((r, i) => r.map((v) => v * e[i] * e[i])))), A);
      // One cluster per security: u_g = x_g e_g, factor G/(G−1)·(n−1)/(n−k).
      const cl = mul(mul(A, mul(T(X), X.map((r, i) => r.map((v) => v * e[i] * e[i])))), A);
      const fit = regression[method];
      fit.coefficients.forEach((c: { estimate: number; hc1: { se: number }; clustered: { se: number; df: number } }, j: number) => {
        expect(c.estimate).toBeCloseTo(b[j][0], 10);
        expect(c.hc1.se).toBeCloseTo(Math.sqrt((hc1[j][j] * n) / (n - k)), 10);
        expect(c.clustered.se).toBeCloseTo(Math.sqrt(((cl[j][j] * 7) / 6) * (6 / 4)), 10);
        expect(c.clustered.df).toBe(6);
      });
    }
    const text = await run('regress', NAMES.join(','), '--market', 'SPY', '--date', '2025-01-27', '--on', 'beta,prior20');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/HC1 se/);
    expect(text.out).toMatch(/clustered se \(G=7\)/);
    expect(text.out).toMatch(/^\s+beta\s+−0\.\d{5}/m);
  });

  it('an events file with characteristic columns: dummies against the baseline, date clusters, --by subgroups', async () => {
    const file = join(tmp, 'panel.csv');
    const kind = { NVDA: 'chips', AMD: 'chips', AVGO: 'chips', TSM: 'chips', MSFT: 'platform', META: 'platform', GOOGL: 'platform' } as Record<string, string>;
    const rows = ['2025-01-21', '2025-01-27'].flatMap((d) => NAMES.map((s) => `${s},${d},${kind[s]},${s.length}`));
    writeFileSync(file, `symbol,date,kind,letters\n${rows.join('\n')}\n`);
    const r = await run('regress', '--events', file, '--market', 'SPY', '--car', '-1:1', '--on', 'beta,kind', '--by', 'kind', '--baseline', 'kind=platform', '--json');
    expect(r.code).toBe(0);
    const { regression, subgroups } = JSON.parse(r.out);
    expect(regression.window).toBe('[-1,+1]');
    expect(regression.baselines).toEqual({ kind: 'platform' });
    expect(regression.terms.map((t: { name: string }) => t.name)).toEqual(['beta', 'kind=chips']);
    expect(regression.ols.clusterCount).toBe(2);
    expect(regression.ols.n).toBe(14);
    expect(subgroups.groups.map((g: { level: string; N: number }) => [g.level, g.N])).toEqual([['chips', 8], ['platform', 6]]);
    expect(subgroups.comparisons[0].rankSum.distribution).toBe('exact');
    const text = await run('regress', '--events', file, '--market', 'SPY', '--by', 'kind');
    expect(text.out).toMatch(/CAAR\[0,0\] by 'kind' \(baseline chips\)/);
    expect(text.out).toMatch(/Welch t/);
  });

  it('characteristics come from the events parser (RFC 4180 quotes, any column order): no splitting of its own', async () => {
    const file = join(tmp, 'quoted.csv');
    const sector = { NVDA: '"chips, GPUs"', AMD: '"chips, GPUs"', AVGO: '"chips, networking"', TSM: 'foundry', MSFT: '"software, cloud"', META: '"software, ads"', GOOGL: '"software, ads"' } as Record<string, string>;
    writeFileSync(file, `sector,symbol,date\n${NAMES.map((s) => `${sector[s]},${s},2025-01-27`).join('\n')}\n`);
    const r = await run('regress', '--events', file, '--market', 'SPY', '--by', 'sector', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const { subgroups } = JSON.parse(r.out);
    expect(subgroups.groups.map((g: { level: string; N: number }) => [g.level, g.N])).toEqual([
      ['chips, GPUs', 2],
      ['chips, networking', 1],
      ['foundry', 1],
      ['software, ads', 2],
      ['software, cloud', 1],
    ]);
    // The same events as `impact event --events` sees them, characteristics carried to each result.
    const ev = await run('event', '--events', file, '--market', 'SPY', '--bootstrap', '0', '--json');
    expect(JSON.parse(ev.out).events[0].characteristics).toEqual({ sector: 'chips, GPUs' });
  });

  it('bad input is one line', async () => {
    expectOneLineError(await run('regress', 'NVDA,AMD', '--market', 'SPY', '--date', '2025-01-27'), /needs --on LIST/);
    expectOneLineError(await run('regress', 'NVDA,AMD', '--market', 'SPY', '--date', '2025-01-27', '--on', 'beta', '--cluster', 'firm'), /--cluster must be date or security/);
    expectOneLineError(await run('regress', 'NVDA,AMD,AVGO', '--market', 'SPY', '--date', '2025-01-27', '--on', 'beta,sector'), /0 usable event\(s\).*no value for 'sector'/);
    expectOneLineError(await run('regress', 'NVDA', '--market', 'SPY', '--date', '2025-01-27', '--on', 'beta', '--baseline', 'oops'), /not COLUMN=LEVEL/);
    const help = await run('regress', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/prior<N>/);
  });
});
