import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../src/calendar/index.ts';
import { aShareBoard, isRiskWarningName, limitPrice, priceLimitBand, priceLimitFlags, priceLimitRule } from '../src/returns/index.ts';
import { loadSnapshotSeries } from '../src/data/snapshot.ts';
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

function aShare(symbol: string, rows: [string, number, number?, number?][], kind: SymbolInfo['kind'] = 'stock', name = symbol): PriceSeries {
  return {
    info: { symbol, name, aliases: [], exchange: symbol.endsWith('.SZ') ? 'XSHE' : symbol.endsWith('.BJ') ? 'BJSE' : 'XSHG', currency: 'CNY', timeZone: 'Asia/Shanghai', kind },
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
    // SSE/SZSE trading rules effective 2026-07-06 (not 2025: the June 2025 notice was a consultation):
    // main-board ST limit widened to 10%.
    expect(priceLimitRule('600000.SS', '2025-07-07', { st: true })).toBe(0.05);
    expect(priceLimitRule('600000.SS', '2026-07-03', { st: true })).toBe(0.05);
    expect(priceLimitRule('600000.SS', '2026-07-06', { st: true })).toBe(0.1);
    expect(priceLimitRule('000002.SZ', '2026-07-06', { st: true })).toBe(0.1);
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

  it('never takes the first row for the listing day: listing sessions only from a known listing date', () => {
    // No listing date: every row has the board's limit (the first row is not assumed to be the listing day).
    expect(priceLimitFlags(cambricon).map((f) => f.limit)).toEqual(new Array(cambricon.rows.length - 1).fill(0.2));
    // Listed on the first row: sessions 2-5 have no limit, session 6 has the 20% limit.
    const fromListing = priceLimitFlags(cambricon, { listingDate: '2025-08-04' });
    expect(fromListing.slice(0, 4).every((f) => f.limit === null && f.band === null && !f.limitUp)).toBe(true);
    expect(fromListing[4].limit).toBe(0.2);
    // The same from the manifest's listing date (SymbolInfo.listingDate).
    const withInfo = { ...cambricon, info: { ...cambricon.info, listingDate: '2025-08-04' } };
    expect(priceLimitFlags(withInfo).map((f) => f.limit)).toEqual(fromListing.map((f) => f.limit));
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

describe('every board by code and date', () => {
  it('codes: main 600/601/603/605 and 000-003, STAR 688/689, ChiNext 300-302, Beijing 43/83/87/88/92', () => {
    for (const c of ['600000.SS', '601318.SS', '603259.SS', '605499.SS', '000001.SZ', '001979.SZ', '002594.SZ', '003816.SZ']) expect(aShareBoard(c)).toBe('main');
    for (const c of ['688256.SS', '689009.SS']) expect(aShareBoard(c)).toBe('star');
    for (const c of ['300750.SZ', '301269.SZ', '302132.SZ']) expect(aShareBoard(c)).toBe('chinext');
    for (const c of ['430047.BJ', '830799.BJ', '870199.BJ', '889999.BJ', '920002.BJ', '920002', '830799']) expect(aShareBoard(c)).toBe('bse');
    expect(aShareBoard('900901.SS')).toBe('b-share');
    expect(aShareBoard('200002.SZ')).toBe('b-share');
    expect(aShareBoard('600519')).toBe('main');
    expect(aShareBoard('300750')).toBe('chinext');
  });

  it('Beijing: ±30%, none on the listing day; 10.00 -> 13.00 / 7.00', () => {
    expect(priceLimitRule('830799.BJ', '2025-01-27')).toBe(0.3);
    expect(priceLimitRule('920002.BJ', '2025-01-27', { st: true })).toBe(0.3);
    expect(priceLimitBand('920002.BJ', '2025-01-27', { sessionNumber: 1 })).toBeNull();
    expect(priceLimitRule('920002.BJ', '2025-01-28', { sessionNumber: 2 })).toBe(0.3);
    const bj = aShare('830799.BJ', [['2025-03-03', 10], ['2025-03-04', 13], ['2025-03-05', 9.1]]);
    const f = priceLimitFlags(bj);
    expect(f[0]).toMatchObject({ limit: 0.3, limitUpPrice: 13, limitDownPrice: 7, limitUp: true });
    expect(f[1]).toMatchObject({ limitUpPrice: 16.9, limitDownPrice: 9.1, limitDown: true }); // 13 x 0.7 = 9.10
  });

  it('ST from the series name (ST / *ST as a word), or from the option; 4.10 -> 4.31 at 5%', () => {
    for (const n of ['*ST康美', 'ST康美', 'SST天海', 'S*ST前锋', 'Kangmei (*ST康美)', 'ST Kangmei']) expect(isRiskWarningName(n)).toBe(true);
    for (const n of ['STAR 50', 'Mastercard', 'BEST Inc', 'Kweichow Moutai (贵州茅台)', 'STMicro']) expect(isRiskWarningName(n)).toBe(false);
    const rows: [string, number][] = [['2024-03-01', 4.1], ['2024-03-04', 4.31]];
    expect(priceLimitFlags(aShare('600666.SS', rows, 'stock', '*ST康美'))[0]).toMatchObject({ st: true, limit: 0.05, limitUpPrice: 4.31, limitUp: true });
    expect(priceLimitFlags(aShare('600666.SS', rows, 'stock', 'Kangmei'))[0]).toMatchObject({ st: false, limit: 0.1, limitUpPrice: 4.51, limitUp: false });
    expect(priceLimitFlags(aShare('600666.SS', rows, 'stock', 'Kangmei'), { st: true })[0]).toMatchObject({ st: true, limitUp: true });
    expect(priceLimitFlags(aShare('600666.SS', rows, 'stock', '*ST康美'), { st: false })[0]).toMatchObject({ st: false, limit: 0.1 });
    // From 2026-07-06 the same name gives the main board's 10%: 4.10 -> 4.51.
    const after = aShare('600666.SS', [['2026-07-03', 4.1], ['2026-07-06', 4.51]], 'stock', '*ST康美');
    expect(priceLimitFlags(after)[0]).toMatchObject({ st: true, limit: 0.1, limitUpPrice: 4.51, limitUp: true });
    // ChiNext ST: 5% before 2020-08-24, 20% from it.
    expect(priceLimitRule('300001.SZ', '2020-08-21', { st: true })).toBe(0.05);
    expect(priceLimitRule('300001.SZ', '2020-08-24', { st: true })).toBe(0.2);
  });

  it('listing sessions: no limit in the first five (STAR; ChiNext from 2020-08-24; main board from 2023-04-10)', () => {
    const s = (n: number, listingDate: string) => ({ sessionNumber: n, listingDate });
    for (let n = 1; n <= 5; n++) {
      expect(priceLimitBand('688981.SS', '2020-07-20', s(n, '2020-07-16'))).toBeNull();
      expect(priceLimitBand('301999.SZ', '2021-01-05', s(n, '2021-01-04'))).toBeNull();
      expect(priceLimitBand('603999.SS', '2023-04-12', s(n, '2023-04-10'))).toBeNull();
    }
    expect(priceLimitRule('603999.SS', '2023-04-18', s(6, '2023-04-10'))).toBe(0.1);
    expect(priceLimitRule('301999.SZ', '2021-01-12', s(6, '2021-01-04'))).toBe(0.2);
  });

  it('before the registration system a listing day had +44% / -36% of the IPO price, then the normal limit', () => {
    expect(priceLimitBand('603999.SS', '2022-03-01', s1('2022-03-01'))).toEqual({ up: 0.44, down: 0.36, reference: 'IPO price' });
    expect(priceLimitRule('603999.SS', '2022-03-01', s1('2022-03-01'))).toBeNull();
    expect(priceLimitRule('603999.SS', '2022-03-02', { sessionNumber: 2, listingDate: '2022-03-01' })).toBe(0.1);
    expect(priceLimitBand('300999.SZ', '2019-06-03', s1('2019-06-03'))).toEqual({ up: 0.44, down: 0.36, reference: 'IPO price' });
    expect(priceLimitBand('603999.SS', '2012-03-01', s1('2012-03-01'))).toBeNull(); // before 2014: not modelled
    // IPO at 10.05: listing-day cap 10.05 x 1.44 = 14.472 -> 14.47, floor 10.05 x 0.64 = 6.432 -> 6.43.
    expect(limitPrice(10.05, 0.44, 'up')).toBe(14.47);
    expect(limitPrice(10.05, 0.36, 'down')).toBe(6.43);
    const ipo = aShare('603999.SS', [['2022-03-01', 14.47], ['2022-03-02', 15.92], ['2022-03-03', 15]]);
    const f = priceLimitFlags(ipo, { listingDate: '2022-03-01', ipoPrice: 10.05 });
    expect(f[0]).toMatchObject({ date: '2022-03-01', prevClose: 10.05, limit: null, band: { up: 0.44, down: 0.36, reference: 'IPO price' }, limitUpPrice: 14.47, limitDownPrice: 6.43, limitUp: true });
    expect(f[1]).toMatchObject({ date: '2022-03-02', limit: 0.1, limitUpPrice: 15.92, limitUp: true }); // 14.47 x 1.1 = 15.917 -> 15.92
    expect(f).toHaveLength(3);
    // Without the IPO price the listing day has no previous close to flag against.
    expect(priceLimitFlags(ipo, { listingDate: '2022-03-01' })).toHaveLength(2);
    expect(() => priceLimitFlags(ipo, { listingDate: '2022-03-01', ipoPrice: -1 })).toThrow(/IPO price must be a positive number/);
  });

  it('agrees with exact decimal arithmetic at 30% and on the 44% / 36% listing band', () => {
    for (let c = 101; c < 60_000; c += 53) {
      const p = `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
      expect(limitPrice(Number(p), 0.3, 'up').toFixed(2)).toBe(naiveLimit(p, 30, 'up'));
      expect(limitPrice(Number(p), 0.3, 'down').toFixed(2)).toBe(naiveLimit(p, 30, 'down'));
      expect(limitPrice(Number(p), 0.44, 'up').toFixed(2)).toBe(naiveLimit(p, 44, 'up'));
      expect(limitPrice(Number(p), 0.36, 'down').toFixed(2)).toBe(naiveLimit(p, 36, 'down'));
    }
  });

  it('the bundled Cambricon series keeps its limit-up days 2025-08-12 and 2025-08-22 (no listing date known)', () => {
    const flags = priceLimitFlags(loadSnapshotSeries('688256.SS'));
    const up = flags.filter((f) => f.limitUp && f.date >= '2025-08-01' && f.date <= '2025-08-31').map((f) => f.date);
    expect(up).toEqual(expect.arrayContaining(['2025-08-12', '2025-08-22']));
    expect(flags.find((f) => f.date === '2025-08-12')).toMatchObject({ prevClose: 707.4, limit: 0.2, limitUpPrice: 848.88, limitUp: true, st: false });
  });
});

function s1(listingDate: string) {
  return { sessionNumber: 1, listingDate };
}
