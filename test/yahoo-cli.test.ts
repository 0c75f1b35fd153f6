/**
 * `impact fetch` and `impact prices --source yahoo` on recorded Yahoo answers, offline, and with a
 * stalled body; plus the real CLI process on a machine with no network (fetch fails like DNS).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { defaultLiveDir } from '../src/data/live.ts';
import { expectOneLineError, run } from './helpers/cli.ts';
import { loadRecordings, offlineFetch, replayFetch, stalledBodyFetch } from './helpers/yahoo-replay.ts';

const ROOT = join(import.meta.dirname, '..');
const REC = loadRecordings();
const AAPL_RECORDED = ['chart-AAPL-2020-08-31-to-2020-11-07.json', 'quoteSummary-defaultKeyStatistics-AAPL.json', 'quoteSummary-price-AAPL.json'].map((f) => REC.get(f)!);

const tmp: string[] = [];
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), 'mi-yahoo-cli-'));
  tmp.push(d);
  return d;
};
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('impact fetch', () => {
  it('pins AAPL from the recorded answers, says where; a second run reads the pins with no request', async () => {
    const dir = folder();
    const replay = replayFetch(AAPL_RECORDED);
    vi.stubGlobal('fetch', replay.fetch);
    const r = await run('fetch', 'AAPL', '--from', '2020-08-31', '--to', '2020-11-06', '--data-dir', dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^symbol +rows +first +last +how +retrieved +shares as of +file/);
    expect(r.out).toMatch(/AAPL +49 +2020-08-31 +2020-11-06 +pulled from Yahoo +2025-02-20T11:47:42\.000Z +2025-02-24 +.*prices\/AAPL\.csv/);
    expect(r.out).toContain(`data folder: ${dir} (read it with --data-dir ${dir})`);
    expect(existsSync(join(dir, 'raw/yahoo/AAPL.chart.2020-08-31_2020-11-06.json'))).toBe(true);

    const none = replayFetch([]);
    vi.stubGlobal('fetch', none.fetch);
    const again = await run('fetch', 'AAPL', '--from', '2020-09-01', '--to', '2020-11-06', '--data-dir', dir, '--json');
    expect(again.code).toBe(0);
    expect(none.calls).toEqual([]);
    const json = JSON.parse(again.out);
    expect(json.series).toEqual([expect.objectContaining({ symbol: 'AAPL', how: 'pinned', rows: 49, retrievedAt: '2025-02-20T11:47:42.000Z' })]);
  });

  it('offline: exit 1 with one line naming Yahoo and the reason, at once', async () => {
    vi.stubGlobal('fetch', offlineFetch);
    const t0 = performance.now();
    const r = await run('fetch', 'AAPL,SPY', '--from', '2019-10-02', '--to', '2020-10-23', '--data-dir', folder());
    expect(performance.now() - t0).toBeLessThan(10_000);
    expectOneLineError(r, /^impact: cannot reach Yahoo Finance \(fetch failed: getaddrinfo ENOTFOUND query2\.finance\.yahoo\.com\); no pinned or bundled prices of AAPL, SPY cover 2019-10-02\.\.2020-10-23$/);
  });

  it('a stalled body: exit 1 after the 20 s limit with one line (fake timers)', async () => {
    vi.useFakeTimers();
    const { fetch, wasCalled } = stalledBodyFetch();
    vi.stubGlobal('fetch', fetch);
    const p = run('fetch', 'AAPL', '--from', '2020-09-01', '--to', '2020-10-30', '--data-dir', folder());
    await wasCalled;
    await vi.advanceTimersByTimeAsync(20_000);
    expectOneLineError(await p, /^impact: Yahoo Finance's answer stalled: the body did not finish within 20 s; no pinned or bundled prices of AAPL cover 2020-09-01\.\.2020-10-30$/);
  });

  it('argument errors are one line; the default data folder is .cache/live under the project', async () => {
    expectOneLineError(await run('fetch', '--from', '2020-01-01', '--to', '2020-02-01'), /missing SYMBOL/);
    expectOneLineError(await run('fetch', 'AAPL', '--from', '2020-03-01', '--to', '2020-02-01'), /--from 2020-03-01 is after --to 2020-02-01/);
    expectOneLineError(await run('fetch', 'AAPL', '--from', '2020-01-01', '--to', '2020-02-01', '--refrsh'), /unknown option '--refrsh'; did you mean --refresh\?/);
    expect(defaultLiveDir()).toBe(join(ROOT, '.cache', 'live'));
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8')).toMatch(/^\.cache\/$/m);
  });
});

describe('impact prices --source yahoo uses the same pins', () => {
  it('pulls once, then reads the pinned files offline', async () => {
    const dir = folder();
    vi.stubGlobal('fetch', replayFetch(AAPL_RECORDED).fetch);
    // --from 2020-09-20 pins from 20 calendar days before (a previous close): 2020-08-31..2020-11-06,
    // the recorded answer's range.
    const a = await run('prices', 'AAPL', '--from', '2020-09-20', '--to', '2020-11-06', '--source', 'yahoo', '--data-dir', dir, '--json');
    expect(a.err).toBe('');
    expect(a.code).toBe(0);
    const ja = JSON.parse(a.out);
    expect(ja.rows.map((r: { date: string }) => r.date).slice(0, 3)).toEqual(['2020-09-21', '2020-09-22', '2020-09-23']);
    expect(ja.rows.at(-1).date).toBe('2020-11-06');
    // The 2020-09-21 return from the recorded adjusted closes of 09-21 and 09-18.
    expect(ja.rows[0].returnPct).toBeCloseTo((107.33887481689453 / 104.17955017089844 - 1) * 100, 10);
    expect(ja.exchange).toBe('XNAS');
    expect(ja.source).toMatch(/prices\/AAPL\.csv/);
    vi.stubGlobal('fetch', offlineFetch);
    const b = await run('prices', 'AAPL', '--from', '2020-09-20', '--to', '2020-11-06', '--source', 'yahoo', '--data-dir', dir, '--json');
    expect(b.code).toBe(0);
    expect(b.err).toBe('');
    expect(JSON.parse(b.out).rows).toEqual(ja.rows);
    expectOneLineError(await run('prices', 'AAPL', '--from', '2020-09-21', '--to', '2020-09-25', '--refresh'), /--refresh needs --source yahoo/);
  });
});

describe('the real CLI process with no network', () => {
  it('impact fetch AAPL over the range of an event on 2020-10-01: exit 1 within 30 s, one stderr line naming Yahoo', () => {
    const dir = folder();
    // Preloaded before the CLI: every fetch fails as on a machine without network.
    const offline = `data:text/javascript,globalThis.fetch=async()=>{throw new TypeError("fetch failed",{cause:new Error("getaddrinfo ENOTFOUND query2.finance.yahoo.com")})}`;
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', offline, join(ROOT, 'bin/impact.js'), 'fetch', 'AAPL', '--from', '2019-10-02', '--to', '2020-10-23', '--data-dir', dir], { encoding: 'utf8', timeout: 60_000 });
    const seconds = (performance.now() - t0) / 1000;
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual(['impact: cannot reach Yahoo Finance (fetch failed: getaddrinfo ENOTFOUND query2.finance.yahoo.com); no pinned or bundled prices of AAPL cover 2019-10-02..2020-10-23']);
    expect(seconds).toBeLessThan(30);
  });
});
