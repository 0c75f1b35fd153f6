/**
 * The live Yahoo path on REAL recorded answers (test/fixtures/yahoo-recorded, byte-for-byte copies
 * of ../shared/data/yahoo-recorded): parsing, exchange / currency / time zone from the metadata,
 * splits and dividends from the events and the adjusted close, pence, share counts, odd answers,
 * pinning into a data folder and reading back through openDataStore. Every recorded file must be
 * used by a test below (the first test fails otherwise).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError, SourceError } from '../src/errors.ts';
import { ensureLive, pinYahooSeries } from '../src/data/live.ts';
import { readManifest } from '../src/data/manifest.ts';
import { openDataStore } from '../src/data/store.ts';
import { chartToPriceSeries, fetchYahooChart, fetchYahooSummary, impliedDistribution, shareCountFromSummary } from '../src/data/yahoo.ts';
import { loadRecordings, RECORDED_DIR, recordedBody, replayFetch, type Recording } from './helpers/yahoo-replay.ts';

const REC = loadRecordings();
const rec = (file: string): Recording => {
  const r = REC.get(file);
  if (!r) throw new Error(`missing recording ${file}`);
  return r;
};

/** Which test replays each recorded file. The coverage test checks this against the folder. */
const COVERED = new Set<string>();
const use = (...files: string[]) => {
  files.forEach((f) => COVERED.add(f));
  return files.map(rec);
};

const tmp: string[] = [];
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), 'mi-yahoo-rec-'));
  tmp.push(d);
  return d;
};

/** The recorded bars of a chart answer, read independently of the code under test. */
function recordedBars(r: Recording) {
  const res = (r.response.bodyJson as any).chart.result[0];
  const q = res.indicators.quote[0];
  return (res.timestamp as number[]).map((t, i) => ({ t, close: q.close[i] as number, adjclose: res.indicators.adjclose[0].adjclose[i] as number, volume: q.volume[i] as number }));
}

/** sha256 of every file under a folder, by relative path (to show a second run changes no byte). */
function folderBytes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel))) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(join(dir, r)).isDirectory()) walk(r);
      else out[r] = createHash('sha256').update(readFileSync(join(dir, r))).digest('hex');
    }
  };
  walk('');
  return out;
}

describe('AAPL across its 2020 4:1 split, with the November dividend (chart-AAPL-2020-08-31-to-2020-11-07.json)', () => {
  const [chart] = use('chart-AAPL-2020-08-31-to-2020-11-07.json');
  const range = { from: '2020-08-31', to: '2020-11-06' };

  it('parses every recorded bar on its New York date with raw close and Yahoo adjClose', async () => {
    const { chart: result, raw } = await fetchYahooChart('AAPL', range, { fetch: replayFetch([chart]).fetch });
    expect(raw.body).toBe(recordedBody(chart));
    expect(raw.date).toBe('Thu, 20 Feb 2025 11:47:42 GMT');
    const parsed = chartToPriceSeries(result, range);
    const bars = recordedBars(chart);
    expect(parsed.series.rows).toHaveLength(49);
    expect(parsed.series.rows.map((r) => r.close)).toEqual(bars.map((b) => b.close));
    expect(parsed.series.rows.map((r) => r.adjClose)).toEqual(bars.map((b) => b.adjclose));
    // 13:30 UTC = 09:30 New York, same calendar day.
    expect(parsed.series.rows[0].date).toBe(new Date(bars[0].t * 1000).toISOString().slice(0, 10));
    expect(parsed.series.rows.at(-1)!.date).toBe('2020-11-06');
    expect(parsed.series.info).toMatchObject({ symbol: 'AAPL', exchange: 'XNAS', currency: 'USD', timeZone: 'America/New_York', kind: 'stock', name: 'Apple Inc.' });
  });

  it('the split comes from the events; Yahoo\'s close is already split-adjusted (no 75% drop on 2020-08-31)', async () => {
    const { chart: result } = await fetchYahooChart('AAPL', range, { fetch: replayFetch([chart]).fetch });
    const parsed = chartToPriceSeries(result, range);
    expect(parsed.splits).toHaveLength(1);
    expect(parsed.splits[0]).toMatchObject({ date: '2020-08-31', numerator: 4, denominator: 1 });
    // 129.04 against Yahoo's previous close 124.808: +3.39% (AAPL's real 2020-08-31 move), not the
    // -75% an as-traded close would show (499.23 -> 129.04).
    expect(129.0399932861328 / 124.808 - 1).toBeCloseTo(0.0339, 4);
    expect(parsed.splits[0].check).toMatch(/close moves 3\.4% against Yahoo's chartPreviousClose: Yahoo's close is already split-adjusted/);
  });

  it('the dividend comes from the events and agrees with the adjusted close', async () => {
    const { chart: result } = await fetchYahooChart('AAPL', range, { fetch: replayFetch([chart]).fetch });
    const parsed = chartToPriceSeries(result, range);
    expect(parsed.dividends).toHaveLength(1);
    expect(parsed.dividends[0].date).toBe('2020-11-06');
    expect(parsed.dividends[0].amount).toBe(0.205);
    // Independent: D = close(11-05) × (1 − (adj/close)(11-05) / (adj/close)(11-06)).
    const bars = recordedBars(chart);
    const [p, t] = bars.slice(-2);
    const naive = p.close * (1 - p.adjclose / p.close / (t.adjclose / t.close));
    expect(parsed.dividends[0].impliedByAdjClose).toBeCloseTo(naive, 12);
    expect(naive).toBeCloseTo(0.205, 3);
    // No other day's adjusted close implies a distribution.
    expect(parsed.unlistedAdjustments).toEqual([]);
    expect(impliedDistribution({ close: 100, adjClose: 99 }, { close: 98, adjClose: 98 })).toBeCloseTo(1, 12);
  });
});

describe('pinning AAPL with its quoteSummary share count (quoteSummary-*-AAPL.json)', () => {
  const recs = use('chart-AAPL-2020-08-31-to-2020-11-07.json', 'quoteSummary-defaultKeyStatistics-AAPL.json', 'quoteSummary-price-AAPL.json');
  const range = { from: '2020-08-31', to: '2020-11-06' };

  it('writes raw answer, normalized series and manifest; reads back through openDataStore; a second run makes no request', async () => {
    const dir = folder();
    const replay = replayFetch(recs);
    const first = await ensureLive({ symbols: ['AAPL'], ...range, dataDir: dir, fetch: replay.fetch });
    expect(first.pinned).toEqual([expect.objectContaining({ symbol: 'AAPL', how: 'pulled', rows: 49, first: '2020-08-31', last: '2020-11-06', retrievedAt: '2025-02-20T11:47:42.000Z', sharesAsOf: '2025-02-24' })]);
    expect(replay.served).toEqual(['chart-AAPL-2020-08-31-to-2020-11-07.json', 'quoteSummary-defaultKeyStatistics-AAPL.json', 'quoteSummary-price-AAPL.json']);

    const entry = readManifest(dir).symbols.AAPL;
    expect(entry.origin).toEqual({
      kind: 'yahoo',
      request: { endpoint: 'chart', symbol: 'AAPL', from: '2020-08-31', to: '2020-11-06', interval: '1d' },
      retrievedAt: '2025-02-20T11:47:42.000Z',
      rawFile: 'raw/yahoo/AAPL.chart.2020-08-31_2020-11-06.json',
      rawSha256: createHash('sha256').update(recordedBody(recs[0])).digest('hex'),
    });
    expect(readFileSync(join(dir, 'raw/yahoo/AAPL.chart.2020-08-31_2020-11-06.json'), 'utf8')).toBe(recordedBody(recs[0]));
    expect(entry.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^split 4:1 on 2020-08-31 \(Yahoo event; .*already split-adjusted\)$/), expect.stringMatching(/^dividend 0\.205 USD ex 2020-11-06 \(Yahoo event; the adjusted close implies 0\.2050\)$/)]));
    expect(entry.adjustment).toMatch(/split-adjusted, not dividend-adjusted.*adjClose = Yahoo's split- and dividend-adjusted close as of 2025-02-20/);

    const store = openDataStore({ dataDir: dir });
    const series = store.loadSeries('aapl');
    expect(series.rows.map((r) => r.adjClose)).toEqual(recordedBars(recs[0]).map((b) => b.adjclose));
    expect(store.reads()[0]).toMatchObject({ symbol: 'AAPL', folder: 'user', sha256: entry.sha256 });

    // The share count: the bundled snapshot has none for AAPL, the pinned one answers, dated.
    const shares = store.sharesOutstanding('AAPL', '2020-10-01');
    expect(shares).toMatchObject({ shares: 15022100480, floatShares: 14998187904, asOf: '2025-02-24' });
    expect(shares!.source).toMatch(/^Yahoo Finance share count as of 2025-02-24: Yahoo Finance quoteSummary defaultKeyStatistics\.sharesOutstanding; retrieved 2025-02-24T09:34:51\.000Z/);
    expect(store.sharesOutstanding('AAPL', '2025-03-01')).toBeNull(); // after the retrieval: unknown
    expect(store.sharesOutstanding('688256.SS', '2025-08-12')?.shares).toBe(418350224); // bundled counts still first
    expect(store.reads().some((r) => r.kind === 'shares' && r.folder === 'user')).toBe(true);

    // Second run: the pinned files, no request, no byte changed.
    const before = folderBytes(dir);
    const none = replayFetch([]);
    const second = await ensureLive({ symbols: ['AAPL'], from: '2020-09-01', to: '2020-10-30', dataDir: dir, fetch: none.fetch });
    expect(none.calls).toEqual([]);
    expect(second.pinned[0]).toMatchObject({ symbol: 'AAPL', how: 'pinned', retrievedAt: '2025-02-20T11:47:42.000Z' });
    expect(folderBytes(dir)).toEqual(before);

    // --refresh pulls again; the same answers write the same bytes.
    const again = replayFetch(recs);
    const third = await ensureLive({ symbols: ['AAPL'], ...range, dataDir: dir, fetch: again.fetch, refresh: true });
    expect(third.pinned[0].how).toBe('pulled');
    expect(again.served).toContain('chart-AAPL-2020-08-31-to-2020-11-07.json');
    expect(folderBytes(dir)).toEqual(before);
  });

  it('share counts: the stated count and price.marketCap / price as a cross-check; price alone gives a derived count', async () => {
    const ks = await fetchYahooSummary('AAPL', 'defaultKeyStatistics', { fetch: replayFetch(recs).fetch });
    const pr = await fetchYahooSummary('AAPL', 'price', { fetch: replayFetch(recs).fetch });
    expect(ks.raw.body).toBe(recordedBody(recs[1]));
    const both = shareCountFromSummary(ks.value, pr.value)!;
    expect(both.shares).toBe(15022100480);
    // 3688676720640 / 245.55 = 15022100267.3: 0.00% from the stated count.
    expect(both.notes[0]).toMatch(/= 15022100267 \(-0\.00% from the stated count\)/);
    const derived = shareCountFromSummary(null, pr.value)!;
    expect(derived.shares).toBe(Math.round(3688676720640 / 245.55));
    expect(derived.field).toMatch(/derived/);
  });
});

describe('BABA (chart and quoteSummary answers)', () => {
  const [chart, ks, pr] = use('chart-BABA-2020-01-01-to-2020-01-03.json', 'quoteSummary-defaultKeyStatistics-BABA.json', 'quoteSummary-price-BABA.json');

  it('NYQ maps to XNYS; one bar on 2020-01-02', async () => {
    const { chart: result } = await fetchYahooChart('BABA', { from: '2020-01-01', to: '2020-01-02' }, { fetch: replayFetch([chart]).fetch });
    const { series } = chartToPriceSeries(result, { from: '2020-01-01', to: '2020-01-02' });
    expect(series.info).toMatchObject({ exchange: 'XNYS', currency: 'USD', kind: 'stock' });
    expect(series.rows).toEqual([{ date: '2020-01-02', open: 216.60000610351562, high: 219.97999572753906, low: 216.5399932861328, close: 219.77000427246094, adjClose: 212.24212646484375, volume: 15873500 }]);
  });

  it('counts ADSs: float in ordinary shares (larger than the total) is dropped with a note', async () => {
    const replay = replayFetch([ks, pr]);
    const k = await fetchYahooSummary('BABA', 'defaultKeyStatistics', { fetch: replay.fetch });
    const p = await fetchYahooSummary('BABA', 'price', { fetch: replay.fetch });
    const count = shareCountFromSummary(k.value, p.value)!;
    expect(count.shares).toBe(2375950080);
    expect(count.floatShares).toBeNull();
    expect(count.notes.join(' ')).toMatch(/floatShares 16903058280 exceeds the total 2375950080/);
    expect(341542830080 / 143.75 / 2375950080 - 1).toBeLessThan(1e-6); // marketCap / price = the ADS count
  });

  it('a one-bar answer cannot be pinned (a series needs two rows) and leaves nothing on disk', async () => {
    const dir = folder();
    const p = pinYahooSeries({ symbol: 'BABA', from: '2020-01-01', to: '2020-01-02', dataDir: dir, fetch: replayFetch([chart]).fetch, shares: false });
    await expect(p).rejects.toThrow(DataError);
    await expect(pinYahooSeries({ symbol: 'BABA', from: '2020-01-01', to: '2020-01-02', dataDir: dir, fetch: replayFetch([chart]).fetch, shares: false })).rejects.toThrow(/BABA: a series needs at least 2 rows, got 1/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('WSU.DE on XETRA (chart-WSU.DE-2023-08-04-to-2023-08-09.json)', () => {
  const [chart] = use('chart-WSU.DE-2023-08-04-to-2023-08-09.json');

  it('GER/XETRA maps to XETR, EUR, Europe/Berlin; dates on the Berlin calendar; pinned and read back', async () => {
    const dir = folder();
    const replay = replayFetch([chart]);
    const res = await ensureLive({ symbols: ['WSU.DE'], from: '2023-08-04', to: '2023-08-08', dataDir: dir, fetch: replay.fetch, shares: false });
    expect(res.pinned[0]).toMatchObject({ symbol: 'WSU.DE', how: 'pulled', rows: 3 });
    const entry = readManifest(dir).symbols['WSU.DE'];
    expect(entry).toMatchObject({ exchange: 'XETR', currency: 'EUR', timeZone: 'Europe/Berlin', name: 'WashTec AG' });
    // 07:00 UTC = 09:00 Berlin (CEST): the same calendar day; Friday, Monday, Tuesday.
    const rows = openDataStore({ dataDir: dir }).loadSeries('WSU.DE').rows;
    expect(rows.map((r) => r.date)).toEqual(['2023-08-04', '2023-08-07', '2023-08-08']);
    expect(rows.map((r) => r.close)).toEqual(recordedBars(chart).map((b) => b.close));
    // The adjusted close is a constant multiple of the close (0.9472): no split or dividend inside the range.
    expect(entry.notes).toContain('no splits or dividends in the range (Yahoo events and adjusted close agree)');
  });
});

describe('an exchange code with no MIC here (the WSU.DE answer with its exchange renamed)', () => {
  const [chart] = use('chart-WSU.DE-2023-08-04-to-2023-08-09.json');

  it("keeps Yahoo's code and says so in the manifest notes", async () => {
    const doc = structuredClone(chart);
    const meta = (doc.response.bodyJson as any).chart.result[0].meta;
    meta.exchangeName = 'JPX';
    meta.symbol = 'WSU';
    const dir = folder();
    await ensureLive({ symbols: ['WSU'], from: '2023-08-04', to: '2023-08-08', dataDir: dir, fetch: replayFetch([{ ...doc, request: { url: doc.request.url.replace('/WSU.DE?', '/WSU?') } }]).fetch, shares: false });
    const entry = readManifest(dir).symbols.WSU;
    expect(entry.exchange).toBe('JPX');
    expect(entry.notes).toContain("exchange: 'JPX' is Yahoo's exchange code ('JPX'), not a MIC: no holiday table, so its calendar comes from the series' own trading days");
    // The calendar stage builds its calendar from the series (no table for JPX).
    const { buildCalendar } = await import('../src/calendar/index.ts');
    const cal = buildCalendar(entry.exchange, { extraTradingDays: ['2023-08-04', '2023-08-07', '2023-08-08'], timeZone: entry.timeZone });
    expect(cal.basis).toBe('series');
  });
});

describe('OCDO.L in pence (chart-OCDO.L-2020-01-01-to-2020-01-03.json)', () => {
  const [chart] = use('chart-OCDO.L-2020-01-01-to-2020-01-03.json');

  it('GBp prices are divided by 100 into GBP; LSE maps to XLON, Europe/London', async () => {
    const { chart: result } = await fetchYahooChart('OCDO.L', { from: '2020-01-01', to: '2020-01-02' }, { fetch: replayFetch([chart]).fetch });
    expect(result.meta.currency).toBe('GBp');
    const parsed = chartToPriceSeries(result, { from: '2020-01-01', to: '2020-01-02' });
    expect(parsed.series.info).toMatchObject({ symbol: 'OCDO.L', exchange: 'XLON', currency: 'GBP', timeZone: 'Europe/London' });
    expect(parsed.unit).toEqual({ quoted: 'GBp', currency: 'GBP', divisor: 100 });
    // Recorded: open 1279.5p, close 1259.5p, volume 728520 shares (volume is not a price).
    expect(parsed.series.rows).toEqual([{ date: '2020-01-02', open: 12.795, high: 1286.5699462890625 / 100, low: 12.58, close: 12.595, adjClose: 12.595, volume: 728520 }]);
  });
});

describe('QQQ (chart-QQQ-2020-01-01-to-2020-01-03.json) and AAPL 2022-02-22 (chart-AAPL.json)', () => {
  const [qqq, aapl] = use('chart-QQQ-2020-01-01-to-2020-01-03.json', 'chart-AAPL.json');

  it('an ETF on NasdaqGM: kind etf, exchange XNAS', async () => {
    const { chart: result } = await fetchYahooChart('QQQ', { from: '2020-01-01', to: '2020-01-02' }, { fetch: replayFetch([qqq]).fetch });
    const { series } = chartToPriceSeries(result, { from: '2020-01-01', to: '2020-01-02' });
    expect(series.info).toMatchObject({ exchange: 'XNAS', kind: 'etf', name: 'Invesco QQQ Trust' });
    expect(series.rows.map((r) => [r.date, r.close, r.adjClose])).toEqual([['2020-01-02', 216.16000366210938, 209.6380615234375]]);
  });

  it('a one-day AAPL answer in EDT: dated 2022-02-22', async () => {
    const { chart: result } = await fetchYahooChart('AAPL', { from: '2022-02-22', to: '2022-02-22' }, { fetch: replayFetch([aapl]).fetch });
    const { series } = chartToPriceSeries(result, { from: '2022-02-22', to: '2022-02-22' });
    expect(series.rows.map((r) => [r.date, r.close, r.adjClose])).toEqual([['2022-02-22', 164.32000732421875, 161.6998748779297]]);
  });
});

describe('the two deliberately odd answers (*.fake.json: quotes without timestamps)', () => {
  const fakes = use('chart-notimestamp-quotes-length.fake.json', 'chart-notimestamp-weird-quote.fake.json');

  for (const fake of fakes) {
    it(`${fake.file}: one SourceError line naming Yahoo and the symbol, no crash`, async () => {
      const err = await fetchYahooChart('AAPL', { from: '2020-01-01', to: '2020-01-02' }, { fetch: replayFetch([fake]).fetch }).catch((e) => e);
      expect(err).toBeInstanceOf(SourceError);
      expect(err.kind).toBe('bad-response');
      expect(err.message).toMatch(/^Yahoo Finance returned an unusable answer for AAPL \(Error: No timestamp with unexpected quote/);
      expect(err.message).not.toMatch(/\n/);
      expect(err.message.length).toBeLessThan(260);
    });
  }
});

describe('recorded answers: every file is covered, and the copies are the published bytes', () => {
  it('each file in the folder is replayed by a test above and matches PROVENANCE.md', () => {
    const files = readdirSync(RECORDED_DIR).filter((f) => f !== 'PROVENANCE.md').sort();
    expect(files.length).toBe(12);
    expect(files.filter((f) => !COVERED.has(f))).toEqual([]);
    const provenance = readFileSync(join(RECORDED_DIR, 'PROVENANCE.md'), 'utf8');
    for (const f of files) {
      const sha = createHash('sha256').update(readFileSync(join(RECORDED_DIR, f))).digest('hex');
      expect(provenance).toContain(`| ${f} | ${sha} |`);
    }
  });

  const shared = [resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'yahoo-recorded'), '/work/shared/data/yahoo-recorded'].find(existsSync);
  it.skipIf(!shared)('the shared folder holds exactly these files, byte for byte', () => {
    const theirs = readdirSync(shared!).sort();
    expect(theirs).toEqual(readdirSync(RECORDED_DIR).sort());
    for (const f of theirs) expect(readFileSync(join(shared!, f)).equals(readFileSync(join(RECORDED_DIR, f)))).toBe(true);
  });
});
