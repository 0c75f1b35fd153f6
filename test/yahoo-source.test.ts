import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SourceError, DataError, InputError } from '../src/errors.ts';
import { withFallback, yahooSource, type PriceSource } from '../src/data/source.ts';
import { exchangeLocalDate, fetchYahooChart } from '../src/data/yahoo.ts';
import { readManifest } from '../src/data/manifest.ts';
import type { PriceSeries } from '../src/types.ts';

const FIX = join(import.meta.dirname, 'fixtures', 'yahoo');
const nvdaJson = readFileSync(join(FIX, 'nvda-2025-01-21_2025-01-31.json'), 'utf8');
const camJson = readFileSync(join(FIX, '688256ss-2025-08-11_2025-08-22.json'), 'utf8');
const notFoundJson = readFileSync(join(FIX, 'not-found-404.json'), 'utf8');
const tooMany = readFileSync(join(FIX, 'too-many-requests-429.txt'), 'utf8');

/** Independent reading of the raw public CSV the fixture was built from. */
function rawNvda(): Map<string, { close: number; adjClose: number; volume: number }> {
  const lines = readFileSync('/work/shared/data/raw/us/NVDA__dane-anderson__equity-signal-engine.csv', 'utf8').trim().split('\n');
  const out = new Map<string, { close: number; adjClose: number; volume: number }>();
  for (const l of lines.slice(1)) {
    const [date, adj, close, , , , vol] = l.split(',');
    out.set(date, { close: Number(close), adjClose: Number(adj), volume: Number(vol) });
  }
  return out;
}

/** A fake fetch serving one body; records requested URLs. */
function fakeFetch(body: string, status = 200) {
  const urls: string[] = [];
  const f = (async (input: unknown) => {
    urls.push(String(input));
    return new Response(body, { status, headers: { 'content-type': status === 200 || status === 404 ? 'application/json' : 'text/plain' } });
  }) as typeof fetch;
  return { f, urls };
}

const tmpDirs: string[] = [];
function tmpCache(): string {
  const d = mkdtempSync(join(tmpdir(), 'impact-yahoo-pin-'));
  tmpDirs.push(d);
  return d;
}
afterEach(() => {
  while (tmpDirs.length) rmSync(tmpDirs.pop()!, { recursive: true, force: true });
});

const NOW = () => new Date('2026-05-01T12:00:00Z');

describe('exchangeLocalDate', () => {
  it('dates an instant in the exchange zone, not UTC', () => {
    // Local midnight in Shanghai is 16:00 UTC of the previous day.
    expect(exchangeLocalDate(Date.parse('2025-08-21T16:00:00Z') / 1000, 'Asia/Shanghai')).toBe('2025-08-22');
    // 20:00 New York (EST) is 01:00 UTC the next day.
    expect(exchangeLocalDate(Date.parse('2025-01-28T01:00:00Z') / 1000, 'America/New_York')).toBe('2025-01-27');
    // Without a zone name, the fixed gmtoffset is used.
    expect(exchangeLocalDate(Date.parse('2025-08-21T16:00:00Z') / 1000, undefined, 8 * 3600)).toBe('2025-08-22');
  });
});

describe('yahooSource with fixtures', () => {
  it('asks for the symbol and a period covering the range, and parses the snapshot numbers', async () => {
    const { f, urls } = fakeFetch(nvdaJson);
    const src = yahooSource({ fetch: f, dataDir: tmpCache(), now: NOW });
    const s = await src.getPrices('NVDA', { from: '2025-01-21', to: '2025-01-31' });
    expect(urls).toHaveLength(1);
    const url = new URL(urls[0]);
    expect(url.pathname).toBe('/v8/finance/chart/NVDA');
    expect(url.searchParams.get('interval')).toBe('1d');
    const p1 = Number(url.searchParams.get('period1'));
    const p2 = Number(url.searchParams.get('period2'));
    expect(p1).toBeLessThanOrEqual(Date.parse('2025-01-21T00:00:00Z') / 1000);
    expect(p2).toBeGreaterThanOrEqual(Date.parse('2025-02-01T00:00:00Z') / 1000);
    // Business days 21..31 Jan 2025 = 9 trading days (no holiday in that span).
    expect(s.rows.map((r) => r.date)).toEqual(['2025-01-21', '2025-01-22', '2025-01-23', '2025-01-24', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
    const jan27 = s.rows.find((r) => r.date === '2025-01-27')!;
    expect(jan27.close.toFixed(2)).toBe('118.42'); // published close
    const raw = rawNvda();
    for (const r of s.rows) {
      expect(r.close).toBe(raw.get(r.date)!.close);
      expect(r.adjClose).toBe(raw.get(r.date)!.adjClose);
      expect(r.volume).toBe(raw.get(r.date)!.volume);
    }
    expect(s.info.exchange).toBe('XNAS');
    expect(s.info.timeZone).toBe('America/New_York');
    expect(s.source).toMatch(/^yahoo \(pinned .*prices\/NVDA\.csv, retrieved 2026-05-01T12:00:00\.000Z\)$/);
  });

  it('restricts to the requested range', async () => {
    const { f } = fakeFetch(nvdaJson);
    const s = await yahooSource({ fetch: f, dataDir: tmpCache() }).getPrices('NVDA', { from: '2025-01-24', to: '2025-01-27' });
    expect(s.rows.map((r) => r.date)).toEqual(['2025-01-24', '2025-01-27']);
  });

  it('maps Shanghai bars to Shanghai dates even when stamped at local midnight', async () => {
    const doc = JSON.parse(camJson);
    const res = doc.chart.result[0];
    const originalDates = res.timestamp.map((t: number) => new Date(t * 1000).toISOString().slice(0, 10));
    // Restamp every bar at 00:00 Asia/Shanghai (= 16:00 UTC the day before).
    res.timestamp = originalDates.map((d: string) => Date.parse(`${d}T00:00:00+08:00`) / 1000);
    const { f } = fakeFetch(JSON.stringify(doc));
    const s = await yahooSource({ fetch: f, dataDir: tmpCache() }).getPrices('688256.SS', { from: '2025-08-11', to: '2025-08-22' });
    expect(s.rows.map((r) => r.date)).toEqual(originalDates);
    expect(s.rows[0].date).toBe('2025-08-11'); // a naive UTC reading would give 2025-08-10
    expect(new Date(res.timestamp[0] * 1000).toISOString().slice(0, 10)).toBe('2025-08-10');
    expect(s.info.exchange).toBe('XSHG');
    expect(s.info.currency).toBe('CNY');
    // 2025-08-22 close / 2025-08-21 close = +20% (the STAR limit): 1243.20 / 1036.00
    const c21 = s.rows.find((r) => r.date === '2025-08-21')!.close;
    const c22 = s.rows.find((r) => r.date === '2025-08-22')!.close;
    expect(c22 / c21 - 1).toBeCloseTo(0.2, 10);
  });

  it('drops rows with a null close and says so', async () => {
    const doc = JSON.parse(nvdaJson);
    doc.chart.result[0].indicators.quote[0].close[2] = null; // 2025-01-23
    const { f } = fakeFetch(JSON.stringify(doc));
    const notices: string[] = [];
    const s = await yahooSource({ fetch: f, dataDir: tmpCache(), onNotice: (m) => notices.push(m) }).getPrices('NVDA', { from: '2025-01-21', to: '2025-01-31' });
    expect(s.rows).toHaveLength(8);
    expect(s.rows.some((r) => r.date === '2025-01-23')).toBe(false);
    expect(notices.join('\n')).toMatch(/dropped 1 .*NVDA.*2025-01-23/);
  });

  it('non-positive prices are a DataError naming symbol and date', async () => {
    const doc = JSON.parse(nvdaJson);
    doc.chart.result[0].indicators.quote[0].close[4] = 0; // 2025-01-27
    const { f } = fakeFetch(JSON.stringify(doc));
    const p = yahooSource({ fetch: f, dataDir: tmpCache() }).getPrices('NVDA', { from: '2025-01-21', to: '2025-01-31' });
    await expect(p).rejects.toThrow(DataError);
    await expect(p).rejects.toThrow(/NVDA on 2025-01-27/);
  });

  it('HTTP 429 -> SourceError rate-limited', async () => {
    const { f } = fakeFetch(tooMany, 429);
    const err = await fetchYahooChart('NVDA', { from: '2025-01-21', to: '2025-01-31' }, { fetch: f }).catch((e) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err.kind).toBe('rate-limited');
    expect(err.message).toMatch(/429/);
  });

  it('fetch throwing -> SourceError offline', async () => {
    const f = (async () => { throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND query2.finance.yahoo.com') }); }) as typeof fetch;
    const err = await fetchYahooChart('NVDA', { from: '2025-01-21', to: '2025-01-31' }, { fetch: f }).catch((e) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err.kind).toBe('offline');
    expect(err.message).toMatch(/ENOTFOUND/);
  });

  it('unknown symbol (HTTP 404 body, or the same body with 200) -> SourceError not-found', async () => {
    for (const status of [404, 200]) {
      const { f } = fakeFetch(notFoundJson, status);
      const err = await fetchYahooChart('NOPE', { from: '2025-01-21', to: '2025-01-31' }, { fetch: f }).catch((e) => e);
      expect(err).toBeInstanceOf(SourceError);
      expect(err.kind).toBe('not-found');
      expect(err.message).toMatch(/NOPE/);
      expect(err.message).toMatch(/No data found/);
    }
  });

  it('a path-like symbol is refused before any request', async () => {
    const { f, urls } = fakeFetch(nvdaJson);
    await expect(yahooSource({ fetch: f, dataDir: tmpCache() }).getPrices('../x', { from: '2025-01-21', to: '2025-01-31' })).rejects.toThrow(InputError);
    expect(urls).toHaveLength(0);
  });

  it('a second request inside the pinned range reads the pinned files, with no request', async () => {
    const dir = tmpCache();
    const { f, urls } = fakeFetch(nvdaJson);
    const src = yahooSource({ fetch: f, dataDir: dir, now: NOW });
    const a = await src.getPrices('NVDA', { from: '2025-01-21', to: '2025-01-31' });
    const b = await src.getPrices('NVDA', { from: '2025-01-22', to: '2025-01-30' });
    expect(urls).toHaveLength(1);
    expect(b.rows).toEqual(a.rows.slice(1, -1));
    expect(b.source).toMatch(/^yahoo \(pinned .*prices\/NVDA\.csv, retrieved 2026-05-01T12:00:00/);
    // A range reaching outside the pinned request is pulled again.
    await src.getPrices('NVDA', { from: '2025-01-20', to: '2025-01-31' });
    expect(urls).toHaveLength(2);
  });

  it('a pin of another range is widened to cover both, not replaced (earlier runs stay covered)', async () => {
    const dir = tmpCache();
    const { f, urls } = fakeFetch(nvdaJson);
    const src = yahooSource({ fetch: f, dataDir: dir, now: NOW });
    await src.getPrices('NVDA', { from: '2025-01-21', to: '2025-01-24' });
    await src.getPrices('NVDA', { from: '2025-01-28', to: '2025-01-31' });
    expect(urls).toHaveLength(2);
    const second = new URL(urls[1]);
    expect(Number(second.searchParams.get('period1'))).toBe(Date.parse('2025-01-19T00:00:00Z') / 1000); // 2025-01-21 - 2 days
    const origin = readManifest(dir).symbols.NVDA.origin;
    expect(origin).toMatchObject({ request: { from: '2025-01-21', to: '2025-01-31' }, rawFile: 'raw/yahoo/NVDA.chart.2025-01-21_2025-01-31.json' });
    expect(readdirSync(join(dir, 'raw', 'yahoo'))).toEqual(['NVDA.chart.2025-01-21_2025-01-31.json']);
    await src.getPrices('NVDA', { from: '2025-01-22', to: '2025-01-23' });
    expect(urls).toHaveLength(2);
  });
});

describe('yahooSource pinned files', () => {
  it('a changed pinned file is a DataError naming the file, never silently replaced', async () => {
    const dir = tmpCache();
    const { f, urls } = fakeFetch(nvdaJson);
    const src = yahooSource({ fetch: f, dataDir: dir, now: NOW });
    await src.getPrices('NVDA', { from: '2025-01-21', to: '2025-01-31' });
    const path = join(dir, 'prices', 'NVDA.csv');
    writeFileSync(path, readFileSync(path, 'utf8').replace('118.41999816894531', '118.51999816894531'));
    const p = src.getPrices('NVDA', { from: '2025-01-21', to: '2025-01-31' });
    await expect(p).rejects.toThrow(DataError);
    await expect(src.getPrices('NVDA', { from: '2025-01-21', to: '2025-01-31' })).rejects.toThrow(/prices\/NVDA\.csv: sha256 .* does not match its manifest's .*--refresh/);
    expect(urls).toHaveLength(1);
    // --refresh pulls again and restores the published bytes.
    const s = await yahooSource({ fetch: f, dataDir: dir, now: NOW, refresh: true }).getPrices('NVDA', { from: '2025-01-21', to: '2025-01-31' });
    expect(urls).toHaveLength(2);
    expect(s.rows.find((r) => r.date === '2025-01-27')!.close.toFixed(2)).toBe('118.42');
    expect(readdirSync(join(dir, 'raw', 'yahoo'))).toEqual(['NVDA.chart.2025-01-21_2025-01-31.json']);
  });
});

describe('withFallback', () => {
  const snapshotRows: PriceSeries = {
    info: { symbol: 'NVDA', name: 'NVIDIA', aliases: [], exchange: 'XNAS', currency: 'USD', timeZone: 'America/New_York', kind: 'stock' },
    rows: [{ date: '2025-01-27', open: 1, high: 1, low: 1, close: 118.42, adjClose: 118.38, volume: 1 }],
    source: 'snapshot data/prices/NVDA.csv (2021-04-12..2026-04-10)',
  };
  const fakeSnapshot: PriceSource = { name: 'snapshot', getPrices: async () => snapshotRows };

  it('429 -> rate-limited -> notice and the snapshot series', async () => {
    const { f } = fakeFetch(tooMany, 429);
    const notices: string[] = [];
    const src = withFallback(yahooSource({ fetch: f, dataDir: tmpCache() }), fakeSnapshot, (m) => notices.push(m));
    const s = await src.getPrices('NVDA', { from: '2025-01-27', to: '2025-01-27' });
    expect(s.rows[0].close).toBe(118.42);
    expect(notices).toEqual(['Yahoo Finance is rate-limiting this machine (HTTP 429 Too Many Requests); try again later; using the bundled snapshot data/prices/NVDA.csv (2021-04-12..2026-04-10)']);
    expect(s.source).toMatch(/fallback: Yahoo unreachable, rate-limited/);
  });

  it('fetch throwing -> offline -> notice and the snapshot series', async () => {
    const f = (async () => { throw new TypeError('fetch failed'); }) as typeof fetch;
    const notices: string[] = [];
    const s = await withFallback(yahooSource({ fetch: f, dataDir: tmpCache() }), fakeSnapshot, (m) => notices.push(m)).getPrices('NVDA', { from: '2025-01-27', to: '2025-01-27' });
    expect(s.source).toMatch(/fallback: Yahoo unreachable, offline/);
    expect(notices[0]).toMatch(/^cannot reach Yahoo Finance \(fetch failed\); using the bundled snapshot data\/prices\/NVDA\.csv/);
  });

  it('not-found is not hidden by the fallback', async () => {
    const { f } = fakeFetch(notFoundJson, 404);
    const notices: string[] = [];
    const p = withFallback(yahooSource({ fetch: f, dataDir: tmpCache() }), fakeSnapshot, (m) => notices.push(m)).getPrices('NOPE', { from: '2025-01-27', to: '2025-01-27' });
    await expect(p).rejects.toMatchObject({ kind: 'not-found' });
    expect(notices).toEqual([]);
  });
});
