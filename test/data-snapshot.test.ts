/**
 * The real-data snapshot: raw-file quirks, the importer, the manifest and known facts.
 * Known facts come from PROVENANCE.md / public closes, not from this code's output.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError, InputError } from '../src/errors.ts';
import { compareReturns, parseRawPriceFile } from '../src/data/raw-formats.ts';
import { importSnapshot, missingRuns } from '../src/data/importer.ts';
import { readManifest, sha256OfBytes } from '../src/data/manifest.ts';
import { verifySnapshot } from '../src/data/verify.ts';
import { loadSnapshotSeries, parseSnapshotCsv } from '../src/data/snapshot.ts';
import { resolveSymbol, SYMBOLS, symbolFileName } from '../src/data/symbols.ts';
import { sharesOutstanding, usdCnyRate } from '../src/data/fundamentals.ts';
import { priceLimitFlags } from '../src/returns/index.ts';

const ROOT = resolve(import.meta.dirname, '..');
const DATA = join(ROOT, 'data');
// The raw files sit beside the project (../shared); a worktree elsewhere names them with RAW_DIR.
const RAW = process.env.RAW_DIR ?? resolve(ROOT, '..', 'shared', 'data', 'raw');
const tmp: string[] = [];
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'impact-snap-'));
  tmp.push(d);
  return d;
};
const shares = { volumeUnit: 'shares' } as const;

describe('raw formats: each quirk of PROVENANCE.md', () => {
  it('yfinance three-line MultiIndex header (Price/Ticker/Date)', () => {
    const text = 'Price,Adj Close,Close,High,Low,Open,Volume\nTicker,^SPX,^SPX,^SPX,^SPX,^SPX,^SPX\nDate,,,,,,\n2025-01-24,6101.24,6101.24,6128.18,6088.74,6121.43,4000\n';
    const p = parseRawPriceFile(text, 'spx.csv', shares);
    expect(p.rows).toEqual([{ date: '2025-01-24', open: 6121.43, high: 6128.18, low: 6088.74, close: 6101.24, adjClose: 6101.24, volume: 4000, turnoverPct: null }]);
    expect(p.hasAdjClose).toBe(true);
  });

  it('two-line header with a ticker row starting with a comma', () => {
    const text = 'Date,Close,High,Low,Open,Volume\n,^IXIC,^IXIC,^IXIC,^IXIC,^IXIC\n2020-01-02,9092.19,9093.43,9010.89,9039.46,2862700000\n';
    expect(parseRawPriceFile(text, 'ixic.csv', shares).rows[0].close).toBe(9092.19);
  });

  it("a stray 'Price' header token (rows one field shorter)", () => {
    const text = 'Date,Price,Close,High,Low,Open,Volume\n2025-01-27,118.40,118.40,128.40,116.70,124.80,818830900\n';
    const r = parseRawPriceFile(text, 'sift.csv', shares).rows[0];
    expect([r.close, r.high, r.low, r.open]).toEqual([118.4, 128.4, 116.7, 124.8]);
  });

  it('a mislabelled header is read in the declared order', () => {
    // AdamElkadri: the header says Open first, the column is really the close.
    const text = 'Date,Open,High,Low,Close,Volume\n2025-01-24,142.6069,148.97,141.88,148.356,234657600\n';
    const r = parseRawPriceFile(text, 'adam.csv', { volumeUnit: 'shares', columns: ['Date', 'Close', 'High', 'Low', 'Open', 'Volume'] }).rows[0];
    expect(r.close).toBe(142.6069);
    expect(r.open).toBe(148.356);
  });

  it('UTF-8 BOM, Chinese column names, volume in lots of 100, turnover', () => {
    const text = '\uFEFF日期,股票代码,开盘,收盘,最高,最低,成交量,成交额,振幅,涨跌幅,涨跌额,换手率\n2025-08-22,600519,1433.0,1439.99,1445.0,1427.0,31075,4480000000.0,1.2,0.5,7.1,0.25\n';
    const r = parseRawPriceFile(text, 'moutai.csv', { volumeUnit: 'lots' }).rows[0];
    expect(r).toMatchObject({ date: '2025-08-22', open: 1433, close: 1439.99, high: 1445, low: 1427, volume: 3_107_500, turnoverPct: 0.25 });
  });

  it('UTC timestamps: the session date is the first ten characters', () => {
    const text = 'Date,Open,High,Low,Close,Adj Close,Volume\n2025-01-27 05:00:00+00:00,124.8,128.4,116.7,118.42,118.42,1000\n';
    expect(parseRawPriceFile(text, 'spooky.csv', shares).rows[0].date).toBe('2025-01-27');
  });

  it('a declared duplicated date keeps the last row; an undeclared one is an error naming the line', () => {
    const text = 'date,open,close,high,low,volume,amount,code\n2025-04-17,1000,1010,1020,990,10,0,x\n2025-04-18,1010,1008.6,1015,1001,30009,0,x\n2025-04-18,1010,1008.6,1015,1001,186742,0,x\n';
    const p = parseRawPriceFile(text, 'star.csv', { volumeUnit: 'lots', duplicateDatesKeepLast: ['2025-04-18'] });
    expect(p.rows.map((r) => r.volume)).toEqual([1000, 18_674_200]);
    expect(p.dropped).toHaveLength(1);
    expect(() => parseRawPriceFile(text, 'star.csv', { volumeUnit: 'lots' })).toThrow(/star\.csv: line 4: duplicate date 2025-04-18/);
  });

  it('rejects unsorted dates, non-positive, NaN and missing closes, impossible dates — naming file and line', () => {
    const bad = (rows: string) => () => parseRawPriceFile(`Date,Close\n${rows}`, 'f.csv', shares);
    expect(bad('2025-01-27,118\n2025-01-24,142\n')).toThrow(/f\.csv: line 3: date 2025-01-24 comes after 2025-01-27/);
    expect(bad('2025-01-27,0\n')).toThrow(/f\.csv: line 2 \(2025-01-27\): close '0' is not a positive price/);
    expect(bad('2025-01-27,-3\n')).toThrow(DataError);
    expect(bad('2025-01-27,NaN\n')).toThrow(/line 2: close 'NaN' is not a number/);
    expect(bad('2025-01-27,\n')).toThrow(/close '' is not a positive price/);
    expect(bad('2025-02-30,100\n')).toThrow(/'2025-02-30' is not a valid YYYY-MM-DD date/);
    expect(bad('2025-01-27,1,2\n')).toThrow(/line 2: 3 fields, the header has 2/);
  });

  it('compareReturns: only over the same pair of sessions; max diff in pp', () => {
    const row = (date: string, adjClose: number) => ({ date, open: null, high: null, low: null, close: adjClose, adjClose, volume: null });
    const a = [row('2025-01-02', 100), row('2025-01-03', 110), row('2025-01-06', 121)];
    const b = [row('2025-01-02', 50), row('2025-01-03', 55), row('2025-01-06', 60.5 * 1.001)];
    const c = compareReturns(a, b);
    expect(c.overlapDays).toBe(2);
    // Day 2: 10% vs 10.11% -> 0.11 pp.
    expect(c.maxAbsDiffPp).toBeCloseTo(((60.5 * 1.001) / 55 - 1 - 0.1) * 100, 12);
    expect(c.maxDiffDate).toBe('2025-01-06');
    // A gap in one file: the return over it is not compared.
    expect(compareReturns(a, [b[0], b[2]]).overlapDays).toBe(0);
  });

  it('missingRuns lists reference sessions a series lacks', () => {
    const row = (date: string) => ({ date, open: null, high: null, low: null, close: 1, adjClose: 1, volume: null });
    const ref = ['2025-05-23', '2025-05-26', '2025-05-27', '2025-05-28', '2025-06-10'].map(row);
    expect(missingRuns([row('2025-05-23'), row('2025-06-10')], ref, ['2025-01-01', '2025-12-31'])).toEqual(['2025-05-26..2025-05-28 (3 trading days)']);
  });
});

describe('symbols', () => {
  it('aliases resolve, unknown symbols suggest near matches, path-like symbols are refused', () => {
    expect(resolveSymbol('688256').symbol).toBe('688256.SS');
    expect(resolveSymbol('Cambricon').symbol).toBe('688256.SS');
    expect(resolveSymbol('寒武纪').symbol).toBe('688256.SS');
    expect(resolveSymbol('star 50').symbol).toBe('000688.SS');
    expect(() => resolveSymbol('NVDAA')).toThrow(/unknown symbol 'NVDAA'; did you mean NVDA/);
    expect(() => resolveSymbol('../x')).toThrow(InputError);
    expect(() => symbolFileName('../etc/passwd')).toThrow(/not a valid symbol/);
  });

  it('file names are sanitised and unique', () => {
    const names = SYMBOLS.map((s) => symbolFileName(s.symbol));
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[A-Za-z0-9.-]+\.csv$/);
    expect(symbolFileName('^GSPC')).toBe('idx-GSPC.csv');
  });
});

describe('the bundled snapshot', () => {
  const manifest = readManifest(DATA);

  it('every file matches the manifest hash, row count and range; verify passes', () => {
    for (const s of Object.values(manifest.symbols)) {
      const bytes = readFileSync(join(DATA, s.file));
      expect(sha256OfBytes(bytes), s.file).toBe(s.sha256);
      const rows = parseSnapshotCsv(bytes.toString('utf8'), s.file);
      expect(rows.length).toBe(s.rows);
      expect([rows[0].date, rows[rows.length - 1].date]).toEqual([s.first, s.last]);
    }
    const report = verifySnapshot({ dataDir: DATA });
    expect(report.problems).toEqual([]);
    expect(report.symbols.length).toBe(SYMBOLS.length);
  });

  it('the manifest names each raw file with repository, path, commit and a sha256 that matches the raw bytes', () => {
    for (const s of Object.values(manifest.symbols)) {
      const raw = s.raw![0];
      expect(raw.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(raw.repo).toMatch(/^github\.com\//);
      if (existsSync(RAW)) expect(sha256OfBytes(readFileSync(join(RAW, raw.file)))).toBe(raw.sha256);
    }
  });

  it('NVDA: close 142.62 on 2025-01-24 and 118.42 on 2025-01-27 (-16.97%)', () => {
    const rows = loadSnapshotSeries('NVDA').rows;
    const d24 = rows.find((r) => r.date === '2025-01-24')!;
    const d27 = rows.find((r) => r.date === '2025-01-27')!;
    expect(d24.close).toBeCloseTo(142.62, 2);
    expect(d27.close).toBeCloseTo(118.42, 2);
    expect((d27.close / d24.close - 1) * 100).toBeCloseTo(-16.97, 2);
    expect(d27.volume).toBe(818_830_900);
  });

  it('Cambricon: 848.88 on 2025-08-12 and 1243.20 on 2025-08-22, both +20.00% and limit-up; volume in shares', () => {
    const series = loadSnapshotSeries('688256.SS');
    const at = (d: string) => series.rows.findIndex((r) => r.date === d);
    for (const [date, close, prev] of [['2025-08-12', 848.88, 707.4], ['2025-08-22', 1243.2, 1036]] as const) {
      const i = at(date);
      expect(series.rows[i].close).toBe(close);
      expect(series.rows[i - 1].close).toBe(prev);
      expect((close / prev - 1) * 100).toBeCloseTo(20, 2);
    }
    const flags = priceLimitFlags(series);
    const up = flags.filter((f) => f.limitUp && f.date >= '2025-08-01' && f.date <= '2025-08-31').map((f) => f.date);
    expect(up).toEqual(['2025-08-12', '2025-08-22']);
    // Raw volume 141161 lots on 2025-08-22 -> 14,116,100 shares.
    expect(series.rows[at('2025-08-22')].volume).toBe(14_116_100);
  });

  it('STAR 50: the duplicated 2025-04-18 is kept once (last row); 1247.86 on 2025-08-22', () => {
    const rows = loadSnapshotSeries('000688.SS').rows;
    const d = rows.filter((r) => r.date === '2025-04-18');
    expect(d).toHaveLength(1);
    expect(d[0].volume).toBe(1_867_422_600);
    expect(rows.find((r) => r.date === '2025-08-22')!.close).toBe(1247.86);
  });

  it('suspensions stay gaps (Hygon 2025-05-26..06-09, SMIC 2025-09-01..09-08) and are listed', () => {
    const hygon = loadSnapshotSeries('688041.SS').rows.map((r) => r.date);
    expect(hygon.filter((d) => d >= '2025-05-26' && d <= '2025-06-09')).toEqual([]);
    expect(manifest.symbols['688041.SS'].notes.join(' ')).toMatch(/2025-05-26\.\.2025-06-09 \(10 trading days\)/);
    expect(manifest.symbols['688981.SS'].notes.join(' ')).toMatch(/2025-09-01\.\.2025-09-08 \(6 trading days\)/);
  });

  it('partial last rows are dropped and recorded', () => {
    expect(loadSnapshotSeries('QQQ').rows.at(-1)!.date).toBe('2026-07-01');
    expect(manifest.symbols.QQQ.dropped![0]).toMatchObject({ date: '2026-07-02' });
  });

  it('share counts and USD/CNY for the Cambricon market-cap check', () => {
    expect(sharesOutstanding('688256.SS', '2025-08-12')?.totalShares).toBe(418_350_224);
    expect(sharesOutstanding('688256.SS', '2025-10-16')?.totalShares).toBe(421_685_170);
    expect(sharesOutstanding('688041.SS', '2025-08-12')).toBeNull();
    expect(usdCnyRate('2025-08-12')).toMatchObject({ rate: 7.1785, date: '2025-08-12' });
    // 848.88 x 418,350,224 = 355.1 bn yuan (PROVENANCE: "≈ 355.2 bn").
    expect((848.88 * 418_350_224) / 1e9).toBeCloseTo(355.13, 2);
    // A weekend uses the previous fixing; nothing older than a week.
    expect(usdCnyRate('2025-08-16')?.date).toBe('2025-08-15');
    expect(usdCnyRate('2019-01-01')).toBeNull();
  });

  it('loadSnapshotSeries with verify catches a changed file, naming it', () => {
    const dir = tempDir();
    cpSync(DATA, dir, { recursive: true });
    const file = join(dir, 'prices', 'NVDA.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace('118.41999816894531', '118.51999816894531'));
    expect(() => loadSnapshotSeries('NVDA', { dataDir: dir, verify: true })).toThrow(/NVDA\.csv: sha256 [0-9a-f]{12}… does not match its manifest's/);
    const report = verifySnapshot({ dataDir: dir });
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatch(/prices\/NVDA\.csv \(NVDA\): sha256/);
  });
});

describe.skipIf(!existsSync(RAW))('the importer (needs ../shared/data/raw)', () => {
  it('re-importing reproduces the committed snapshot byte for byte', () => {
    const dir = tempDir();
    // The events catalogue is curated in the data folder (not made from raw files): the importer lists it.
    cpSync(join(DATA, 'events.json'), join(dir, 'events.json'));
    const m = importSnapshot({ rawDir: RAW, dataDir: dir });
    const committed = readManifest(DATA);
    for (const s of Object.values(m.symbols)) expect(s.sha256, s.symbol).toBe(committed.symbols[s.symbol].sha256);
    for (const rel of ['factors/F-F_Research_Data_Factors_daily.csv', 'fx/USDCNY.csv', 'shares/shares.csv', 'events.json']) {
      expect(readFileSync(join(dir, rel), 'utf8'), rel).toBe(readFileSync(join(DATA, rel), 'utf8'));
    }
    expect(readFileSync(join(dir, 'manifest.json'), 'utf8')).toBe(readFileSync(join(DATA, 'manifest.json'), 'utf8'));
    expect(readFileSync(join(dir, 'SOURCES.md'), 'utf8')).toBe(readFileSync(join(DATA, 'SOURCES.md'), 'utf8'));
  }, 30_000);

  it('a bad raw file stops the import and leaves the previous snapshot untouched', () => {
    const raw = tempDir();
    cpSync(RAW, raw, { recursive: true });
    const f = join(raw, 'us', 'NVDA__dane-anderson__equity-signal-engine.csv');
    writeFileSync(f, readFileSync(f, 'utf8').replace('2025-01-27,118.3812', '2025-01-27,-118.3812'));
    const dir = tempDir();
    cpSync(DATA, dir, { recursive: true });
    const before = readdirSync(join(dir, 'prices')).map((n) => sha256OfBytes(readFileSync(join(dir, 'prices', n))));
    expect(() => importSnapshot({ rawDir: raw, dataDir: dir })).toThrow(/NVDA__dane-anderson__equity-signal-engine\.csv: line \d+ \(2025-01-27\): adj close/);
    const after = readdirSync(join(dir, 'prices')).map((n) => sha256OfBytes(readFileSync(join(dir, 'prices', n))));
    expect(after).toEqual(before);
    expect(readdirSync(join(dir, 'prices')).some((n) => n.endsWith('.tmp'))).toBe(false);
  }, 30_000);

  /** sha256 of every file under `dir` (relative path -> hash), to compare a snapshot before and after. */
  const hashes = (dir: string): Record<string, string> => {
    const out: Record<string, string> = {};
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else out[p.slice(dir.length + 1)] = sha256OfBytes(readFileSync(p));
      }
    };
    walk(dir);
    return out;
  };
  /** The data folder's parent holds nothing the import left behind (staging or previous folders). */
  const leftovers = (dir: string) => readdirSync(dirname(dir)).filter((n) => n.startsWith(`.${basename(dir)}.`));

  it('a changed or truncated raw file is refused unless --accept-new-raw, naming it; nothing is written', () => {
    const raw = tempDir();
    cpSync(RAW, raw, { recursive: true });
    const secondary = join(raw, 'us', 'NVDA__Spooky-Labs__Course-1.csv');
    writeFileSync(secondary, readFileSync(secondary, 'utf8').replace(/\n[^\n]*\n$/, '\n')); // truncated: last row gone
    const dir = join(tempDir(), 'data');
    cpSync(DATA, dir, { recursive: true });
    const before = hashes(dir);
    expect(() => importSnapshot({ rawDir: raw, dataDir: dir })).toThrow(/raw file us\/NVDA__Spooky-Labs__Course-1\.csv changed \(sha256 [0-9a-f]{12}…, the manifest records [0-9a-f]{12}…\); .*--accept-new-raw/);
    expect(hashes(dir)).toEqual(before);
    expect(leftovers(dir)).toEqual([]);
    // Told to accept it: the import runs, and the manifest records the new hash.
    const m = importSnapshot({ rawDir: raw, dataDir: dir, acceptNewRaw: true });
    expect(m.rawFiles?.['us/NVDA__Spooky-Labs__Course-1.csv']).toBe(sha256OfBytes(readFileSync(secondary)));
    expect(hashes(dir)['prices/NVDA.csv']).toBe(before['prices/NVDA.csv']);
  }, 30_000);

  it('a failure while writing leaves the old snapshot whole (built aside, then swapped)', () => {
    const dir = join(tempDir(), 'data');
    cpSync(DATA, dir, { recursive: true });
    writeFileSync(join(dir, 'prices', 'NVDA.csv'), 'stale bytes that a whole import replaces\n'); // visible if half the import landed
    const before = hashes(dir);
    let writes = 0;
    const failingWrite = (path: string, text: string) => {
      if (++writes === 10) throw new Error('ENOSPC: no space left on device (simulated)');
      writeFileSync(path, text);
    };
    expect(() => importSnapshot({ rawDir: RAW, dataDir: dir, writeFile: failingWrite })).toThrow(/ENOSPC/);
    expect(writes).toBe(10);
    expect(hashes(dir)).toEqual(before);
    expect(leftovers(dir)).toEqual([]);
    // Without the fault the same import replaces everything, keeps events.json, and leaves nothing beside.
    importSnapshot({ rawDir: RAW, dataDir: dir });
    expect(hashes(dir)).toEqual(hashes(DATA));
    expect(leftovers(dir)).toEqual([]);
  }, 30_000);
});
