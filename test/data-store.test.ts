import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDataStore } from '../src/data/store.ts';
import { writeFolderSeries } from '../src/data/folder.ts';
import { PRICE_COLUMNS } from '../src/data/manifest.ts';

const tmp: string[] = [];
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), 'mi-store-'));
  tmp.push(d);
  return d;
};

const CSV = `${PRICE_COLUMNS.join(',')}\n2025-01-02,,,,10,10,,\n2025-01-03,,,,11,11,,\n`;
const entry = {
  symbol: 'MYCO',
  name: 'My Co',
  aliases: ['myco inc'],
  exchange: 'XNYS' as const,
  currency: 'USD',
  timeZone: 'America/New_York',
  kind: 'stock' as const,
  adjustment: 'as given',
  notes: [],
  origin: { kind: 'user-file' as const, file: 'myco.csv', sha256: 'x', importedAt: '2026-01-01T00:00:00Z', dateFormat: 'YYYY-MM-DD', delimiter: ',' },
};

describe('data store: a user folder overlays the bundled snapshot', () => {
  it('finds the folder symbol first, keeps bundled benchmarks, records what it read', () => {
    const dir = folder();
    writeFolderSeries(dir, entry, CSV);
    const store = openDataStore({ dataDir: dir });
    expect(store.resolveSymbol('myco inc').symbol).toBe('MYCO');
    expect(store.loadSeries('MYCO').rows.map((r) => r.close)).toEqual([10, 11]);
    expect(store.loadSeries('SPY').rows.length).toBeGreaterThan(1000);
    const reads = store.reads();
    expect(reads.map((r) => [r.symbol, r.folder])).toEqual([['MYCO', 'user'], ['SPY', 'bundled']]);
    expect(reads[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(() => store.resolveSymbol('NOPE')).toThrow(/unknown symbol 'NOPE'/);
  });

  it('refuses a file whose bytes no longer match its manifest, naming the file', () => {
    const dir = folder();
    writeFolderSeries(dir, entry, CSV);
    const path = join(dir, 'prices/MYCO.csv');
    writeFileSync(path, readFileSync(path, 'utf8').replace('11,11', '12,12'));
    expect(() => openDataStore({ dataDir: dir }).loadSeries('MYCO')).toThrow(/prices\/MYCO\.csv: sha256 .* does not match/);
  });
});

describe('data store: share counts pinned in a user folder', () => {
  it("answer for their own symbols, dated by retrieval; the bundled counts still answer for the rest", async () => {
    const { writePinnedShareCount } = await import('../src/data/pinned-shares.ts');
    const dir = folder();
    writeFolderSeries(dir, entry, CSV);
    writePinnedShareCount(dir, { symbol: 'MYCO', asOf: '2025-02-24', shares: 1e9, floatShares: null, source: 'test count', raw: [] });
    const store = openDataStore({ dataDir: dir });
    const mine = store.sharesOutstanding('MYCO', '2025-01-03');
    expect(mine).toMatchObject({ shares: 1e9, asOf: '2025-02-24' });
    expect(mine!.source).toMatch(/as of 2025-02-24/);
    expect(store.sharesOutstanding('MYCO', '2025-03-01')).toBeNull(); // after the retrieval date: unknown
    expect(store.sharesOutstanding('688256.SS', '2025-08-12')?.shares).toBe(418350224);
  });
});

describe('price-file dates', () => {
  it('isRealIsoDate agrees with a Date-based twin on every day of 1999..2101 and on malformed text', async () => {
    const { isRealIsoDate } = await import('../src/data/price-file.ts');
    const twin = (d: string) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
      if (!m) return false;
      const t = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
      return t.getUTCFullYear() === +m[1] && t.getUTCMonth() === +m[2] - 1 && t.getUTCDate() === +m[3];
    };
    for (let y = 1999; y <= 2101; y++) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          expect(isRealIsoDate(s)).toBe(twin(s));
        }
      }
    }
    for (const bad of ['2025-1-05', '2025-01-5', ' 2025-01-05', '2025/01/05', '', '20250105', '2025-01-05T00']) expect(isRealIsoDate(bad)).toBe(false);
  });
});
