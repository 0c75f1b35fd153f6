import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../src/calendar/index.ts';
import { aShareBoard, limitPrice, priceLimitFlags, priceLimitRule } from '../src/returns/index.ts';
import { DataError, InputError } from '../src/errors.ts';
import type { PriceSeries, SymbolInfo } from '../src/types.ts';

/** Naive twin of limitPrice: decimal string arithmetic on cents, half-up. */
function naiveLimit(prevClose: string, pct: number, dir: 'up' | 'down'): string {
  const [whole, frac = ''] = prevClose.split('.');
  const cents = BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2));
  const num = cents * BigInt(dir === 'up' ? 100 + pct : 100 - pct); // in 1/100 cents
  const rounded = (num + 50n) / 100n; // half-up for positive values
  return `${rounded / 100n}.${String(rounded % 100n).padStart(2, '0')}`;
}

function aShare(symbol: string, rows: [string, number, number?, number?][], kind: SymbolInfo['kind'] = 'stock'): PriceSeries {
  return {
    info: { symbol, name: symbol, aliases: [], exchange: symbol.endsWith('.SZ') ? 'XSHE' : 'XSHG', currency: 'CNY', timeZone: 'Asia/Shanghai', kind },
    rows: rows.map(([date, close, high, low]) => ({ date, open: null, high: high ?? close, low: low ?? close, close, adjClose: close, volume: null })),
    source: 'inline test sample',
  };
}

describe('limitPrice', () => {
  it('Cambricon: 707.40 x 1.2 = 848.88 and 1036.00 x 1.2 = 1243.20', () => {
    expect(limitPrice(707.4, 0.2, 'up')).toBe(848.88);
    expect(limitPrice(1036, 0.2, 'up')).toBe(1243.2);
    expect(limitPrice(707.4, 0.2, 'down')).toBe(565.92);
  });

  it('rounds half-up at the half cent, where floating point would go wrong', () => {
    expect(10.05 * 1.1).not.toBe(11.055); // binary floating point: 11.055000000000001 or 11.054999...
    expect(limitPrice(10.05, 0.1, 'up')).toBe(11.06); // 11.055 -> 11.06
    expect(limitPrice(10.05, 0.1, 'down')).toBe(9.05); // 9.045 -> 9.05
    expect(limitPrice(1.15, 0.1, 'up')).toBe(1.27); // 1.265 -> 1.27
    expect(limitPrice(2.45, 0.1, 'down')).toBe(2.21); // 2.205 -> 2.21
    expect(limitPrice(4.1, 0.05, 'up')).toBe(4.31); // 4.305 -> 4.31
    expect(limitPrice(4.1, 0.05, 'down')).toBe(3.9); // 3.895 -> 3.90
  });

  it('agrees with exact decimal arithmetic over many prices', () => {
    for (let c = 101; c < 200_000; c += 37) {
      const s = `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
      for (const [pct, frac] of [[5, 0.05], [10, 0.1], [20, 0.2]] as const) {
        expect(limitPrice(Number(s), frac, 'up').toFixed(2)).toBe(naiveLimit(s, pct, 'up'));
        expect(limitPrice(Number(s), frac, 'down').toFixed(2)).toBe(naiveLimit(s, pct, 'down'));
      }
    }
  });

  it('rejects nonsense', () => {
    expect(() => limitPrice(0, 0.1, 'up')).toThrow(InputError);
    expect(() => limitPrice(10, 1.5, 'up')).toThrow(InputError);
    expect(() => limitPrice(10, 0.1, 'sideways' as never)).toThrow(InputError);
  });
});

describe('priceLimitRule', () => {
  it('boards: main 10%, STAR 20%, ChiNext 10% before and 20% from 2020-08-24', () => {
    expect(priceLimitRule('600519.SS', '2025-01-27')).toBe(0.1);
    expect(priceLimitRule('000001.SZ', '2025-01-27')).toBe(0.1); // Ping An Bank
    expect(priceLimitRule('002594.SZ', '2025-01-27')).toBe(0.1);
    expect(priceLimitRule('688256.SS', '2025-08-12')).toBe(0.2);
    expect(priceLimitRule('300750.SZ', '2020-08-21')).toBe(0.1);
    expect(priceLimitRule('300750.SZ', '2020-08-24')).toBe(0.2);
    expect(priceLimitRule('301269.SZ', '2025-01-27')).toBe(0.2);
  });

  it('ST shares: 5% on the main board', () => {
    expect(priceLimitRule('600000.SS', '2024-06-03', { st: true })).toBe(0.05);
    expect(priceLimitRule('000002.SZ', '2025-03-03', { st: true })).toBe(0.05);
    expect(priceLimitRule('300001.SZ', '2024-06-03', { st: true })).toBe(0.2);
    expect(priceLimitRule('300001.SZ', '2020-08-21', { st: true })).toBe(0.05);
    // SSE/SZSE rule change effective 2025-07-07: main-board ST limit widened to 10%.
    expect(priceLimitRule('600000.SS', '2025-07-04', { st: true })).toBe(0.05);
    expect(priceLimitRule('600000.SS', '2025-07-07', { st: true })).toBe(0.1);
  });

  it('no limit for indices, ETFs and non-A-share symbols', () => {
    expect(priceLimitRule('000001.SS', '2025-01-27')).toBeNull(); // SSE Composite index
    expect(priceLimitRule('399001.SZ', '2025-01-27')).toBeNull();
    expect(priceLimitRule('510300.SS', '2025-01-27')).toBeNull();
    expect(priceLimitRule('600519.SS', '2025-01-27', { kind: 'etf' })).toBeNull();
    expect(priceLimitRule('NVDA', '2025-01-27')).toBeNull();
    expect(priceLimitRule('^GSPC', '2025-01-27')).toBeNull();
    expect(aShareBoard('0700.HK')).toBeNull();
  });

  it('no limit in the first five sessions after listing', () => {
    for (let s = 1; s <= 5; s++) expect(priceLimitRule('688999.SS', '2025-03-03', { sessionNumber: s })).toBeNull();
    expect(priceLimitRule('688999.SS', '2025-03-03', { sessionNumber: 6 })).toBe(0.2);
    // Listed Wed 2025-01-22 on XSHG: sessions 01-22, 23, 24, 27, 02-05 (Spring Festival), then 02-06.
    const sh = buildCalendar('XSHG');
    expect(priceLimitRule('603999.SS', '2025-02-05', { listingDate: '2025-01-22', calendar: sh })).toBeNull();
    expect(priceLimitRule('603999.SS', '2025-02-06', { listingDate: '2025-01-22', calendar: sh })).toBe(0.1);
    expect(() => priceLimitRule('603999.SS', '2025-01-21', { listingDate: '2025-01-22' })).toThrow(InputError);
  });
});

describe('priceLimitFlags', () => {
  // Cambricon (688256.SS) closes 2025-08-11 707.40, 2025-08-12 848.88 (limit-up); 2025-08-21 1036.00.
  // Five earlier rows stand in for the stock's history so that the listing-period rule is past.
  const cambricon = aShare('688256.SS', [
    ['2025-08-04', 600],
    ['2025-08-05', 610],
    ['2025-08-06', 620],
    ['2025-08-07', 650],
    ['2025-08-08', 700],
    ['2025-08-11', 707.4],
    ['2025-08-12', 848.88],
    ['2025-08-21', 1036],
    ['2025-08-22', 1243.2, 1243.2, 1100],
    ['2025-08-25', 1300, 1491.84, 1200],
  ]);

  it('Cambricon 2025-08-12 closed at the 20% limit-up price 848.88', () => {
    const flags = priceLimitFlags(cambricon);
    const aug12 = flags.find((f) => f.date === '2025-08-12')!;
    expect(aug12).toMatchObject({ prevClose: 707.4, limit: 0.2, limitUpPrice: 848.88, limitDownPrice: 565.92, limitUp: true, limitDown: false, touchedUp: true });
    const aug22 = flags.find((f) => f.date === '2025-08-22')!;
    expect(aug22).toMatchObject({ limitUpPrice: 1243.2, limitUp: true });
    const aug25 = flags.find((f) => f.date === '2025-08-25')!;
    expect(aug25).toMatchObject({ limitUpPrice: 1491.84, limitUp: false, touchedUp: true, touchedDown: false });
    expect(flags).toHaveLength(cambricon.rows.length - 1);
  });

  it('assumes the series starts at listing unless a listing date is given', () => {
    const flags = priceLimitFlags(cambricon);
    expect(flags.slice(0, 4).every((f) => f.limit === null && !f.limitUp)).toBe(true); // sessions 2-5
    expect(flags[4].limit).toBe(0.2); // session 6
    const listed2020 = priceLimitFlags(cambricon, { listingDate: '2020-07-20' });
    expect(listed2020[0].limit).toBe(0.2);
  });

  it('main board at 10%, one tick short is not limit-up; limit-down; ST at 5%', () => {
    const main = aShare('600519.SS', [
      ['2024-01-02', 10],
      ['2024-01-03', 10],
      ['2024-01-04', 10],
      ['2024-01-05', 10],
      ['2024-01-08', 10],
      ['2024-01-09', 10.05],
      ['2024-01-10', 11.06], // 10.05 x 1.1 = 11.055 -> 11.06: limit-up
      ['2024-01-11', 12.16], // 11.06 x 1.1 = 12.166 -> 12.17: one tick short
      ['2024-01-12', 10.94], // 12.16 x 0.9 = 10.944 -> 10.94: limit-down
    ]);
    const f = priceLimitFlags(main, { listingDate: '2001-08-27' });
    const by = new Map(f.map((x) => [x.date, x]));
    expect(by.get('2024-01-10')).toMatchObject({ limit: 0.1, limitUpPrice: 11.06, limitUp: true });
    expect(by.get('2024-01-11')).toMatchObject({ limitUpPrice: 12.17, limitUp: false });
    expect(by.get('2024-01-12')).toMatchObject({ limitDownPrice: 10.94, limitDown: true, limitUp: false, touchedDown: true });

    const st = priceLimitFlags(aShare('600000.SS', [['2024-03-01', 4.1], ['2024-03-04', 4.31], ['2024-03-05', 4.09]]), { st: true, listingDate: '1999-11-10' });
    expect(st[0]).toMatchObject({ limit: 0.05, limitUpPrice: 4.31, limitUp: true });
    expect(st[1]).toMatchObject({ limitDownPrice: 4.09, limitDown: true }); // 4.31 x 0.95 = 4.0945 -> 4.09
  });

  it('ChiNext before and after 2020-08-24', () => {
    const cyb = aShare('300750.SZ', [['2020-08-20', 100], ['2020-08-21', 110], ['2020-08-24', 132]]);
    const f = priceLimitFlags(cyb, { listingDate: '2018-06-11' });
    expect(f[0]).toMatchObject({ limit: 0.1, limitUpPrice: 110, limitUp: true });
    expect(f[1]).toMatchObject({ limit: 0.2, limitUpPrice: 132, limitUp: true });
  });

  it('names the row of a bad close', () => {
    expect(() => priceLimitFlags(aShare('600000.SS', [['2024-03-01', 4.1], ['2024-03-04', 0]]))).toThrow(DataError);
    expect(() => priceLimitFlags(aShare('600000.SS', [['2024-03-01', 4.1], ['2024-03-04', 0]]))).toThrow(/row 2 \(2024-03-04\): close is 0/);
  });

  it('indices and US stocks get no limits and no flags', () => {
    const index = aShare('000001.SS', [['2025-01-02', 3200], ['2025-01-03', 3520]], 'index');
    expect(priceLimitFlags(index)[0]).toMatchObject({ limit: null, limitUpPrice: null, limitUp: false, limitDown: false });
  });
});
