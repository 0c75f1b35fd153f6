/**
 * ensureLive when Yahoo cannot answer: offline, silent, a stalled body, HTTP 5xx and 429, an
 * unknown symbol. One line naming Yahoo and the reason, within the time limit; a fallback only to
 * a series that covers the whole requested range, said in a notice; never another range or symbol.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { DataError, InputError, SourceError } from '../src/errors.ts';
import { writeFolderSeries } from '../src/data/folder.ts';
import { ensureLive, liveRange } from '../src/data/live.ts';
import { PRICE_COLUMNS } from '../src/data/manifest.ts';
import { openDataStore } from '../src/data/store.ts';
import { loadRecordings, offlineFetch, replayFetch, silentFetch, stalledBodyFetch } from './helpers/yahoo-replay.ts';

const REC = loadRecordings();
const AAPL_2020 = REC.get('chart-AAPL-2020-08-31-to-2020-11-07.json')!;
const notFoundJson = readFileSync(join(import.meta.dirname, 'fixtures', 'yahoo', 'not-found-404.json'), 'utf8');

const tmp: string[] = [];
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), 'mi-yahoo-live-'));
  tmp.push(d);
  return d;
};
afterEach(() => {
  vi.useRealTimers();
});

/** A fetch answering every request with one status and body; counts calls. */
function statusFetch(status: number, body: string, statusText = '') {
  const calls: string[] = [];
  const f = (async (input: unknown) => {
    calls.push(String(input));
    return new Response(body, { status, statusText });
  }) as typeof fetch;
  return { f, calls };
}

/** The range `impact event AAPL --market SPY --date 2020-10-01` needs (estimation [-250,-11], event window [-5,+5]). */
const EVENT_RANGE = liveRange(['2020-10-01'], 250, 5);

describe('liveRange', () => {
  it('pads trading days into calendar days (7 per 5, plus 15 for holidays)', () => {
    // 250 trading days -> 350 + 15 = 365 calendar days before; 5 -> 7 + 15 = 22 after.
    expect(EVENT_RANGE).toEqual({ from: '2019-10-02', to: '2020-10-23' });
    expect(liveRange(['2025-01-27', '2024-12-02'], 0, 0)).toEqual({ from: '2024-11-17', to: '2025-02-11' });
  });
});

describe('offline: the done-when of issue 9 at the function level', () => {
  it('AAPL (and SPY) around 2020-10-01 with no network: one SourceError line naming Yahoo and the reason, at once', async () => {
    const dir = folder();
    let calls = 0;
    const counting = ((...a: Parameters<typeof fetch>) => {
      calls++;
      return offlineFetch(...a);
    }) as typeof fetch;
    const t0 = performance.now();
    const err = await ensureLive({ symbols: ['AAPL', 'SPY'], ...EVENT_RANGE, dataDir: dir, fetch: counting }).catch((e) => e);
    const ms = performance.now() - t0;
    expect(err).toBeInstanceOf(SourceError);
    expect(err.kind).toBe('offline');
    expect(err.message).toBe(
      'cannot reach Yahoo Finance (fetch failed: getaddrinfo ENOTFOUND query2.finance.yahoo.com); no pinned or bundled prices of AAPL, SPY cover 2019-10-02..2020-10-23',
    );
    expect(calls).toBe(1); // the first unreachable answer stops all further requests
    expect(ms).toBeLessThan(5_000);
  });

  it('a symbol the bundled snapshot covers over the whole range is served from it, with a notice', async () => {
    const dir = folder();
    const notices: string[] = [];
    const res = await ensureLive({ symbols: ['SPY', 'nvidia'], from: '2022-01-03', to: '2022-06-30', dataDir: dir, fetch: offlineFetch, onNotice: (m) => notices.push(m) });
    expect(res.pinned.map((p) => [p.symbol, p.how, p.folder])).toEqual([['SPY', 'fallback', 'bundled'], ['NVDA', 'fallback', 'bundled']]);
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatch(/^cannot reach Yahoo Finance \(fetch failed: getaddrinfo ENOTFOUND query2\.finance\.yahoo\.com\); SPY 2022-01-03\.\.2022-06-30 from the bundled snapshot .*data\/prices\/SPY\.csv$/);
    // The folder opens as a data folder and the commands read through it.
    expect(openDataStore({ dataDir: res.dataDir }).loadSeries('SPY').rows.length).toBeGreaterThan(1000);
  });

  it('never a range not asked for: SPY before the bundled coverage (2021-04-12) is not served from the snapshot', async () => {
    const err = await ensureLive({ symbols: ['SPY'], from: '2021-01-04', to: '2021-06-30', dataDir: folder(), fetch: offlineFetch }).catch((e) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err.message).toMatch(/no pinned or bundled prices of SPY cover 2021-01-04\.\.2021-06-30$/);
  });

  it('--refresh while offline falls back to the pin that covers the range, and says so; a pin covering part of it is not used', async () => {
    const dir = folder();
    await ensureLive({ symbols: ['AAPL'], from: '2020-08-31', to: '2020-11-06', dataDir: dir, fetch: replayFetch([AAPL_2020]).fetch, shares: false });
    const notices: string[] = [];
    const res = await ensureLive({ symbols: ['AAPL'], from: '2020-09-01', to: '2020-10-30', dataDir: dir, fetch: offlineFetch, refresh: true, onNotice: (m) => notices.push(m) });
    expect(res.pinned[0]).toMatchObject({ symbol: 'AAPL', how: 'fallback', folder: 'user' });
    expect(notices[0]).toMatch(/^cannot reach Yahoo Finance .*; AAPL 2020-09-01\.\.2020-10-30 from .*prices\/AAPL\.csv \(pinned 2025-02-20T11:47:42\.000Z\)$/);
    const err = await ensureLive({ symbols: ['AAPL'], from: '2020-08-01', to: '2020-10-30', dataDir: dir, fetch: offlineFetch }).catch((e) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err.message).toMatch(/no pinned or bundled prices of AAPL cover 2020-08-01\.\.2020-10-30$/);
  });
});

describe('time limits: a silent server and a stalled body fail within the limit (fake timers)', () => {
  it('a body that never finishes: stalled after 20 s, not before', async () => {
    vi.useFakeTimers();
    const { fetch, wasCalled } = stalledBodyFetch();
    let settled = false;
    const p = ensureLive({ symbols: ['AAPL'], from: '2020-09-01', to: '2020-10-30', dataDir: folder(), fetch }).finally(() => (settled = true));
    p.catch(() => {});
    await wasCalled;
    await vi.advanceTimersByTimeAsync(19_900);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    const err = await p.catch((e) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err.message).toBe("Yahoo Finance's answer stalled: the body did not finish within 20 s; no pinned or bundled prices of AAPL cover 2020-09-01..2020-10-30");
  });

  it('a server that never answers (and ignores the abort): no answer within 20 s', async () => {
    vi.useFakeTimers();
    const { fetch, wasCalled } = silentFetch();
    const p = ensureLive({ symbols: ['AAPL', 'MSFT'], from: '2020-09-01', to: '2020-10-30', dataDir: folder(), fetch });
    p.catch(() => {});
    await wasCalled;
    await vi.advanceTimersByTimeAsync(20_000);
    const err = await p.catch((e) => e);
    expect(err.message).toBe('Yahoo Finance did not answer within 20 s; no pinned or bundled prices of AAPL, MSFT cover 2020-09-01..2020-10-30');
  });

  it('the limit is injectable: 50 ms, real timers', async () => {
    const t0 = performance.now();
    const err = await ensureLive({ symbols: ['AAPL'], from: '2020-09-01', to: '2020-10-30', dataDir: folder(), fetch: stalledBodyFetch().fetch, timeoutMs: 50 }).catch((e) => e);
    expect(err.message).toMatch(/^Yahoo Finance's answer stalled: the body did not finish within 0\.05 s;/);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});

describe('HTTP failures', () => {
  it('429: a rate-limited message; no second request', async () => {
    const { f, calls } = statusFetch(429, 'Too Many Requests', 'Too Many Requests');
    const err = await ensureLive({ symbols: ['AAPL', 'MSFT'], from: '2020-09-01', to: '2020-10-30', dataDir: folder(), fetch: f }).catch((e) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err.kind).toBe('rate-limited');
    expect(err.message).toBe('Yahoo Finance is rate-limiting this machine (HTTP 429 Too Many Requests); try again later; no pinned or bundled prices of AAPL, MSFT cover 2020-09-01..2020-10-30');
    expect(calls).toHaveLength(1);
  });

  it('503: Yahoo failed, treated as unreachable', async () => {
    const { f } = statusFetch(503, 'down', 'Service Unavailable');
    const err = await ensureLive({ symbols: ['AAPL'], from: '2020-09-01', to: '2020-10-30', dataDir: folder(), fetch: f }).catch((e) => e);
    expect(err.message).toMatch(/^Yahoo Finance failed \(HTTP 503 Service Unavailable\); no pinned or bundled prices of AAPL/);
  });

  it('an unknown symbol is not hidden by a fallback, even where the snapshot has data', async () => {
    const { f } = statusFetch(404, notFoundJson);
    const err = await ensureLive({ symbols: ['SPY'], from: '2022-01-03', to: '2022-06-30', dataDir: folder(), fetch: f }).catch((e) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err.kind).toBe('not-found');
    expect(err.message).toBe("Yahoo Finance has no data for symbol 'SPY' (HTTP 404: No data found, symbol may be delisted)");
  });

  it('path-like symbols are refused before any request', async () => {
    const { f, calls } = statusFetch(200, '{}');
    await expect(ensureLive({ symbols: ['../x'], from: '2020-09-01', to: '2020-10-30', dataDir: folder(), fetch: f })).rejects.toThrow(InputError);
    expect(calls).toEqual([]);
  });
});

describe('share counts are optional', () => {
  it('a failing quoteSummary is a notice: the prices stay pinned, and Yahoo is not asked again in that run', async () => {
    const dir = folder();
    const notices: string[] = [];
    const replay = replayFetch([REC.get('chart-WSU.DE-2023-08-04-to-2023-08-09.json')!]);
    const res = await ensureLive({ symbols: ['WSU.DE', 'SPY'], from: '2023-08-04', to: '2023-08-08', dataDir: dir, fetch: replay.fetch, onNotice: (m) => notices.push(m) });
    expect(res.pinned.map((p) => [p.symbol, p.how, p.folder, p.sharesAsOf])).toEqual([['WSU.DE', 'pulled', 'user', null], ['SPY', 'fallback', 'bundled', null]]);
    expect(notices[0]).toMatch(/^no share count for WSU\.DE from Yahoo Finance \(cannot reach Yahoo Finance \(fetch failed: no recording answers https:\/\/\S+\)\); market-cap checks will have none$/);
    expect(notices[1]).toMatch(/; SPY 2023-08-04\.\.2023-08-08 from the bundled snapshot .*SPY\.csv$/);
    expect(replay.calls.some((u) => u.includes('/chart/SPY'))).toBe(false);
    expect(openDataStore({ dataDir: dir }).sharesOutstanding('WSU.DE', '2023-08-07')).toBeNull();
  });
});

describe('pinned files are evidence', () => {
  it('a changed raw answer is a DataError naming the file (no silent re-pull)', async () => {
    const dir = folder();
    await ensureLive({ symbols: ['AAPL'], from: '2020-08-31', to: '2020-11-06', dataDir: dir, fetch: replayFetch([AAPL_2020]).fetch, shares: false });
    const raw = join(dir, 'raw/yahoo/AAPL.chart.2020-08-31_2020-11-06.json');
    writeFileSync(raw, readFileSync(raw, 'utf8').replace('129.0399932861328', '129.0499932861328'));
    const replay = replayFetch([AAPL_2020]);
    const err = await ensureLive({ symbols: ['AAPL'], from: '2020-08-31', to: '2020-11-06', dataDir: dir, fetch: replay.fetch }).catch((e) => e);
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toMatch(/raw\/yahoo\/AAPL\.chart\.2020-08-31_2020-11-06\.json: sha256 .* does not match its manifest's .* \(pinned AAPL changed\); pull again with --refresh$/);
    expect(replay.calls).toEqual([]);
  });

  it('a series imported from a user file is not replaced by Yahoo prices', async () => {
    const dir = folder();
    writeFolderSeries(
      dir,
      { symbol: 'AAPL', name: 'mine', aliases: [], exchange: 'XNAS', currency: 'USD', timeZone: 'America/New_York', kind: 'stock', adjustment: 'as given', notes: [], origin: { kind: 'user-file', file: 'aapl.csv', sha256: 'x', importedAt: '2026-01-01T00:00:00Z', dateFormat: 'YYYY-MM-DD', delimiter: ',' } },
      `${PRICE_COLUMNS.join(',')}\n2020-09-01,,,,1,1,,\n2020-09-02,,,,2,2,,\n`,
    );
    const err = await ensureLive({ symbols: ['AAPL'], from: '2020-08-31', to: '2020-11-06', dataDir: dir, fetch: replayFetch([AAPL_2020]).fetch, shares: false }).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(/prices\/AAPL\.csv holds AAPL from your file aapl\.csv; not replacing it with Yahoo prices/);
  });
});
