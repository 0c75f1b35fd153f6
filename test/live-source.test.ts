/**
 * `--source yahoo` on impact event, check, article and report, and `source: 'yahoo'` in the
 * library (runEventStudy, checkClaim, checkArticle): each call pulls exactly the securities and
 * benchmarks it needs over the range its windows read, pins them, studies the pins, and a second
 * run reads the pins with no request. Recorded Yahoo answers are replayed through the injected
 * fetch (test/fixtures/yahoo-recorded); the done-when of issue 9 runs a real CLI process with no
 * network.
 *
 * The recorded AAPL answer covers 2020-08-31..2020-11-06 (49 sessions): no 250-session
 * estimation window fits in it, so the event path is tested with a short estimation window
 * ([-25, -4], --min-m 15) and the mean-adjusted model (no SPY answer was recorded for 2020, and the
 * bundled SPY starts in 2021).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempFolders } from './helpers/tmp.ts';
import { SOURCE_ENV, REFRESH_ENV, priceSourceOf } from '../src/data/live-source.ts';
import { importUserPriceFile } from '../src/data/user-import.ts';
import { runEventStudy } from '../src/study/run.ts';
import { checkClaim } from '../src/claims/check.ts';
import { expectOneLineError, run } from './helpers/cli.ts';
import { loadRecordings, offlineFetch, replayFetch } from './helpers/yahoo-replay.ts';

const ROOT = join(import.meta.dirname, '..');
const REC = loadRecordings();
const AAPL_CHART = REC.get('chart-AAPL-2020-08-31-to-2020-11-07.json')!;
const AAPL_ALL = [AAPL_CHART, REC.get('quoteSummary-defaultKeyStatistics-AAPL.json')!, REC.get('quoteSummary-price-AAPL.json')!];

const folder = tempFolders('mi-live-source-');
afterEach(() => {
  vi.unstubAllGlobals();
  delete process.env[SOURCE_ENV];
  delete process.env[REFRESH_ENV];
});

/** The recorded AAPL answer's adjusted closes by exchange date, read here independently of src/data/yahoo.ts. */
function recordedAdjCloses(): Map<string, number> {
  const r = (AAPL_CHART.response.bodyJson as { chart: { result: { timestamp: number[]; indicators: { adjclose: { adjclose: number[] }[] } }[] } }).chart.result[0];
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' });
  return new Map(r.timestamp.map((t, i) => [fmt.format(new Date(t * 1000)), r.indicators.adjclose[0].adjclose[i]]));
}

const EVENT_ARGS = ['event', 'AAPL', '--date', '2020-10-12', '--model', 'mean-adjusted', '--estimation', '-25:-4', '--window', '-3:10', '--car', '0:0,-1:1', '--min-m', '15', '--source', 'yahoo', '--json'];

describe('impact event --source yahoo on the recorded answers', () => {
  it('pulls AAPL over the range the windows need, studies the pin; a second run reads the pin and prints the same', async () => {
    const dir = folder();
    const replay = replayFetch(AAPL_ALL);
    vi.stubGlobal('fetch', replay.fetch);
    const a = await run(...EVENT_ARGS, '--data-dir', dir);
    expect(a.err).toBe('');
    expect(a.code).toBe(0);
    expect(replay.served).toEqual(['chart-AAPL-2020-08-31-to-2020-11-07.json']); // the chart only: no share count for an event study
    const ja = JSON.parse(a.out);
    const e = ja.events[0];
    // Day 0 is the 30th session of the answer (2020-10-12): estimation sessions -25..-4 are 2020-09-04..2020-10-06.
    expect([e.symbol, e.day0, e.estimation]).toEqual(['AAPL', '2020-10-12', { from: '2020-09-04', to: '2020-10-06' }]);
    expect(e.calendar).toEqual({ exchange: 'XNAS', basis: 'table', note: null });
    expect(ja.notes).toContain(`prices from Yahoo Finance, pinned in ${dir} (AAPL retrieved 2025-02-20T11:47:42.000Z)`);

    // Mean-adjusted AR on day 0, recomputed from the recorded answer itself.
    const adj = recordedAdjCloses();
    const dates = [...adj.keys()];
    const ret = (d: string) => adj.get(d)! / adj.get(dates[dates.indexOf(d) - 1])! - 1;
    const est = dates.filter((d) => d >= '2020-09-04' && d <= '2020-10-06');
    expect(est.length).toBe(e.M);
    const mean = est.map(ret).reduce((x, y) => x + y, 0) / est.length;
    expect(e.car[0].car).toBeCloseTo(ret('2020-10-12') - mean, 12);

    const none = replayFetch([]);
    vi.stubGlobal('fetch', none.fetch);
    const b = await run(...EVENT_ARGS, '--data-dir', dir);
    expect(b.err).toBe('');
    expect(b.code).toBe(0);
    expect(none.calls).toEqual([]);
    expect(b.out).toBe(a.out);
  });

  it('an events file is read first, then what its rows name is pinned (the streamed text output too)', async () => {
    const dir = folder();
    const file = join(dir, 'events.csv');
    writeFileSync(file, 'symbol,date,label\nAAPL,2020-10-12,iPhone 12 event date\n');
    const replay = replayFetch(AAPL_ALL);
    vi.stubGlobal('fetch', replay.fetch);
    const r = await run('event', '--events', file, '--model', 'mean-adjusted', '--estimation', '-25:-4', '--window', '-3:10', '--car', '0:0', '--min-m', '15', '--source', 'yahoo', '--data-dir', join(dir, 'pins'), '--bootstrap', '0');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('AAPL');
    expect(r.out).toContain(`prices from Yahoo Finance, pinned in ${join(dir, 'pins')} (AAPL retrieved 2025-02-20T11:47:42.000Z)`);
    expect(replay.served).toEqual(['chart-AAPL-2020-08-31-to-2020-11-07.json']);
  });

  it('the benchmark is pulled too: with --market SPY and no SPY answer, one line naming Yahoo and SPY', async () => {
    const dir = folder();
    const replay = replayFetch(AAPL_ALL);
    vi.stubGlobal('fetch', replay.fetch);
    const r = await run('event', 'AAPL', '--market', 'SPY', '--date', '2020-10-12', '--estimation', '-25:-4', '--window', '-3:10', '--car', '0:0', '--min-m', '15', '--source', 'yahoo', '--data-dir', dir);
    expectOneLineError(r, /^impact: cannot reach Yahoo Finance \(fetch failed: no recording answers https:\/\/query2\.finance\.yahoo\.com\/v8\/finance\/chart\/SPY\?.*\); no pinned or bundled prices of SPY cover 2020-08-23\.\.2020-11-10$/);
    expect(replay.calls.filter((c) => c.includes('/chart/')).map((c) => new URL(c).pathname)).toEqual(['/v8/finance/chart/AAPL', '/v8/finance/chart/SPY']);
  });

  it('offline, a benchmark the folder holds over the whole range serves it (with a notice), and the numbers are the snapshot run’s', async () => {
    const dir = folder();
    // The bundled SPY file imported into the live folder: the folder's SPY is found first.
    importUserPriceFile({ file: join(ROOT, 'data/prices/SPY.csv'), symbol: 'SPY', exchange: 'XNYS', currency: 'USD', timeZone: 'America/New_York', dataDir: dir });
    vi.stubGlobal('fetch', offlineFetch);
    const live = await run('event', 'NVDA', '--market', 'SPY', '--date', '2025-01-27', '--source', 'yahoo', '--data-dir', dir, '--bootstrap', '0', '--json');
    expect(live.code).toBe(0);
    const notices = live.err.trimEnd().split('\n');
    expect(notices).toEqual([
      expect.stringMatching(/^impact: cannot reach Yahoo Finance \(fetch failed: getaddrinfo ENOTFOUND query2\.finance\.yahoo\.com\); NVDA 2024-01-\d\d\.\.2025-02-18 from the bundled snapshot .*data\/prices\/NVDA\.csv$/),
      expect.stringMatching(/^impact: cannot reach Yahoo Finance .*; SPY 2024-01-\d\d\.\.2025-02-18 from .*prices\/SPY\.csv$/),
    ]);
    const snap = await run('event', 'NVDA', '--market', 'SPY', '--date', '2025-01-27', '--bootstrap', '0', '--json');
    const [l, s] = [JSON.parse(live.out).events[0], JSON.parse(snap.out).events[0]];
    expect([l.alpha, l.beta, l.sigma, l.car]).toEqual([s.alpha, s.beta, s.sigma, s.car]);
  });

  it('argument errors: --refresh without --source yahoo, an unknown source', async () => {
    expectOneLineError(await run('event', 'NVDA', '--market', 'SPY', '--date', '2025-01-27', '--refresh'), /--refresh needs --source yahoo/);
    expectOneLineError(await run('event', 'NVDA', '--market', 'SPY', '--date', '2025-01-27', '--source', 'bloomberg'), /--source must be snapshot or yahoo, not 'bloomberg'/);
    expectOneLineError(await run('check', 'NVDA', '--move', '-17%', '--reported', '2025-01-27', '--refresh'), /--refresh needs --source yahoo/);
    expectOneLineError(await run('article', join(ROOT, 'examples/cambricon-fr.txt'), '--refresh'), /--refresh needs --source yahoo/);
    expectOneLineError(await run('report', join(ROOT, 'studies/cambricon-20pct.ts'), '--refresh'), /--refresh needs --source yahoo/);
  });
});

describe('the library: source yahoo, defaulting from IMPACT_SOURCE', () => {
  const events = [{ symbol: 'AAPL', date: '2020-10-12' }];
  const windows = { model: 'mean-adjusted' as const, estimationWindow: [-25, -4] as [number, number], eventWindow: [-3, 10] as [number, number], carWindows: [[0, 0]] as [number, number][], minEstimationReturns: 15, bootstrap: false as const };

  it('runEventStudy({ source: "yahoo" }) pins and studies; IMPACT_SOURCE=yahoo does the same by default', async () => {
    const dir = folder();
    const replay = replayFetch(AAPL_ALL);
    const a = await runEventStudy({ events, ...windows, source: 'yahoo', dataDir: dir, fetch: replay.fetch });
    expect(a.events[0].symbol).toBe('AAPL');
    expect(replay.served).toEqual(['chart-AAPL-2020-08-31-to-2020-11-07.json']);
    process.env[SOURCE_ENV] = 'yahoo';
    const none = replayFetch([]);
    const b = await runEventStudy({ events, ...windows, dataDir: dir, fetch: none.fetch });
    expect(none.calls).toEqual([]);
    expect(b.events[0].car).toEqual(a.events[0].car);
    // The caller's own data wins over the environment's default; an explicit source does not mix with it.
    const own = await runEventStudy({ events: [{ symbol: 'NVDA', date: '2025-01-27' }], benchmark: 'SPY', bootstrap: false, loadSeries: async (s) => (await import('../src/data/store.ts')).openDataStore({ dataDir: null }).loadSeries(s) });
    expect(own.events).toHaveLength(1);
    await expect(runEventStudy({ events, source: 'yahoo', loadSeries: () => { throw new Error('unused'); } })).rejects.toThrow(/source 'yahoo' studies the prices it pins: drop data \/ loadSeries/);
    process.env[SOURCE_ENV] = 'nonsense';
    expect(() => priceSourceOf(undefined)).toThrow(/IMPACT_SOURCE must be snapshot or yahoo, not 'nonsense'/);
  });

  it('IMPACT_REFRESH=1 pulls again although a pin covers the range', async () => {
    const dir = folder();
    await runEventStudy({ events, ...windows, source: 'yahoo', dataDir: dir, fetch: replayFetch(AAPL_ALL).fetch });
    process.env[REFRESH_ENV] = '1';
    const again = replayFetch(AAPL_ALL);
    await runEventStudy({ events, ...windows, source: 'yahoo', dataDir: dir, fetch: again.fetch });
    expect(again.served).toEqual(['chart-AAPL-2020-08-31-to-2020-11-07.json']);
  });
});

describe('impact check --source yahoo: the security first, then its exchange’s benchmark', () => {
  it('AAPL −4.6% on 2020-10-28 confirmed from the pin; SPY (the XNAS default) cannot be had: a note, not an error', async () => {
    const dir = folder();
    const replay = replayFetch(AAPL_ALL);
    vi.stubGlobal('fetch', replay.fetch);
    const a = await run('check', 'AAPL', '--move=-4.6%', '--reported', '2020-10-28', '--source', 'yahoo', '--data-dir', dir, '--json');
    expect(a.code).toBe(0);
    const ca = JSON.parse(a.out);
    expect([ca.verdict, ca.matchedDate, ca.security.exchange]).toEqual(['confirmed', '2020-10-28', 'XNAS']);
    expect(ca.benchmark).toBeNull();
    expect(ca.notes).toContainEqual(expect.stringMatching(/^default benchmark SPY unavailable \(cannot reach Yahoo Finance .*\); no abnormal returns$/));
    // The chart and the share count of AAPL were pinned first, then SPY was asked for.
    expect(replay.calls.map((c) => new URL(c).pathname).filter((p) => p.includes('/finance/'))).toEqual([
      '/v8/finance/chart/AAPL',
      '/v10/finance/quoteSummary/AAPL',
      '/v10/finance/quoteSummary/AAPL',
      '/v8/finance/chart/SPY',
    ]);
    // Second run: AAPL from the pin, no AAPL request.
    const none = replayFetch([]);
    vi.stubGlobal('fetch', none.fetch);
    const b = await run('check', 'AAPL', '--move=-4.6%', '--reported', '2020-10-28', '--source', 'yahoo', '--data-dir', dir, '--json');
    expect(b.code).toBe(0);
    expect(none.calls.every((c) => !c.includes('/chart/AAPL'))).toBe(true);
    expect(JSON.parse(b.out).evidence).toEqual(ca.evidence);
  });

  it('a benchmark the claim names must be had: one line naming Yahoo', async () => {
    vi.stubGlobal('fetch', replayFetch(AAPL_ALL).fetch);
    const r = await run('check', 'AAPL', '--move=-4.6%', '--reported', '2020-10-28', '--market', 'QQQ', '--source', 'yahoo', '--data-dir', folder());
    expectOneLineError(r, /^impact: cannot reach Yahoo Finance .*; no pinned or bundled prices of QQQ cover /);
  });

  it('checkClaim({ source: "yahoo" }) in the library', async () => {
    const replay = replayFetch(AAPL_ALL);
    const c = await checkClaim({ subject: 'AAPL', reportedOn: '2020-10-28', move: '-4.6%' }, undefined, { source: 'yahoo', dataDir: folder(), fetch: replay.fetch });
    expect(c.verdict).toBe('confirmed');
    expect(c.sources.prices).toMatch(/prices\/AAPL\.csv/);
  });
});

describe('impact article --source yahoo', () => {
  it('extracts the claims, pins their securities, checks them on the pins', async () => {
    const dir = folder();
    vi.stubGlobal('fetch', replayFetch(AAPL_ALL).fetch);
    // A first pin puts AAPL in the folder, so the article reader knows its name.
    expect((await run('check', 'AAPL', '--move=-4.6%', '--reported', '2020-10-28', '--source', 'yahoo', '--data-dir', dir)).code).toBe(0);
    const article = join(dir, 'apple.txt');
    writeFileSync(article, 'NEW YORK, October 29, 2020 — Shares of Apple (NASDAQ: AAPL) fell 4.6% on Wednesday, a day before its quarterly results.\n');
    const none = replayFetch([]);
    vi.stubGlobal('fetch', none.fetch);
    const r = await run('article', article, '--source', 'yahoo', '--data-dir', dir, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.claims.map((c: { symbol: string; verdict: string; matchedDate: string }) => [c.symbol, c.verdict, c.matchedDate])).toEqual([['AAPL', 'confirmed', '2020-10-28']]);
    expect(none.calls.every((c) => !c.includes('/chart/AAPL'))).toBe(true); // read from the pin
  });
});

describe('impact report --source yahoo hands the source to the study process', () => {
  const STUDIES = join(ROOT, 'test', 'fixtures', 'studies');

  it('IMPACT_SOURCE and IMPACT_REFRESH reach the study', async () => {
    const out = folder();
    const r = await run('report', join(STUDIES, 'source-env.ts'), '--out', out, '--format', 'md', '--source', 'yahoo', '--refresh');
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'source-env', 'report.md'), 'utf8')).toContain('IMPACT_SOURCE=yahoo IMPACT_REFRESH=1');
    const plain = await run('report', join(STUDIES, 'source-env.ts'), '--out', out, '--format', 'md');
    expect(plain.code).toBe(0);
    expect(readFileSync(join(out, 'source-env', 'report.md'), 'utf8')).toContain('IMPACT_SOURCE=(unset) IMPACT_REFRESH=(unset)');
  });

  it('a study that names no source studies the pins; its footer lists the pinned file and what ran', async () => {
    const dir = folder();
    vi.stubGlobal('fetch', replayFetch(AAPL_ALL).fetch);
    expect((await run(...EVENT_ARGS, '--data-dir', dir)).code).toBe(0); // pinned (the study's process has no replay)
    const out = folder();
    const r = await run('report', join(STUDIES, 'live-aapl.ts'), '--out', out, '--format', 'md', '--source', 'yahoo', '--data-dir', dir);
    expect(r.code).toBe(0);
    const md = readFileSync(join(out, 'live-aapl', 'report.md'), 'utf8');
    expect(md).toContain(`prices from Yahoo Finance, pinned in ${dir} (AAPL retrieved 2025-02-20T11:47:42.000Z)`);
    expect(md).toMatch(/CAR\[0,0\] of AAPL: -?0\.\d{6}/);
    expect(md).toMatch(/prices\/AAPL\.csv/); // the footer: the file the study read
  });
});

describe('the done-when of issue 9: a real CLI process with no network', () => {
  it('impact event AAPL --market SPY --date 2020-10-01 --source yahoo: exit 1 within 30 s, one stderr line naming Yahoo', () => {
    const dir = folder();
    // Preloaded before the CLI: every fetch fails as on a machine without network.
    const offline = `data:text/javascript,globalThis.fetch=async()=>{throw new TypeError("fetch failed",{cause:new Error("getaddrinfo ENOTFOUND query2.finance.yahoo.com")})}`;
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', offline, join(ROOT, 'bin/impact.js'), 'event', 'AAPL', '--market', 'SPY', '--date', '2020-10-01', '--source', 'yahoo', '--data-dir', dir], { encoding: 'utf8', timeout: 60_000 });
    const seconds = (performance.now() - t0) / 1000;
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'impact: cannot reach Yahoo Finance (fetch failed: getaddrinfo ENOTFOUND query2.finance.yahoo.com); no pinned or bundled prices of AAPL, SPY cover 2019-10-02..2020-10-23',
    ]);
    expect(seconds).toBeLessThan(30);
  });
});
