/**
 * The claim checker on small synthetic series whose answers can be checked by hand, with an
 * independent (naive) market-model computation for the abnormal return, t and p.
 */
import { describe, expect, it } from 'vitest';
import { capStatus, checkClaimWith, classifyMatch, combineVerdicts, defaultBenchmark, impliedFloat, priceLimitBound } from '../src/claims/check.ts';
import { CLAIM_VERDICTS, FAILING_VERDICTS, MOVE_VERDICTS } from '../src/claims/types.ts';
import { checkClaimList } from '../src/claims/list.ts';
import { formatClaimCheck } from '../src/claims/format.ts';
import { buildCalendar } from '../src/calendar/calendar.ts';
import { InputError } from '../src/errors.ts';
import type { ClaimDataAccess, FxLookup, SharesLookup } from '../src/claims/types.ts';
import type { ExchangeCode, IsoDate, PriceRow, PriceSeries, SymbolInfo } from '../src/types.ts';

function info(symbol: string, exchange: ExchangeCode, kind: SymbolInfo['kind'] = 'stock'): SymbolInfo {
  const cn = exchange === 'XSHG';
  return { symbol, name: `${symbol} Corp`, aliases: [symbol.toLowerCase()], exchange, currency: cn ? 'CNY' : 'USD', timeZone: cn ? 'Asia/Shanghai' : 'America/New_York', kind };
}

/** Deterministic noise in [-0.5, 0.5) (LCG), so the tests need no seed library. */
function noise(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

interface Synthetic {
  dates: IsoDate[];
  market: number[]; // market returns, market[i] on dates[i] (market[0] unused)
  stock: number[];
}

/** Market and stock returns on the exchange calendar 2024-01-02..2025-03-31, with overrides. */
function synthetic(exchange: ExchangeCode, overrides: Record<IsoDate, number>, seed = 7): Synthetic {
  const dates = buildCalendar(exchange).days.filter((d) => d >= '2024-01-02' && d <= '2025-03-31');
  const u = noise(seed);
  const market: number[] = [];
  const stock: number[] = [];
  for (const d of dates) {
    const rm = 0.02 * u();
    market.push(rm);
    stock.push(d in overrides ? overrides[d] : 0.0005 + 1.4 * rm + 0.02 * u());
  }
  return { dates, market, stock };
}

/** Prices from returns: close_0 = start, close_i = close_{i-1}(1 + r_i), rounded to cents for A-shares. */
function pricesFrom(dates: IsoDate[], returns: number[], start: number, cents: boolean, extra: (d: IsoDate, close: number, prev: number) => Partial<PriceRow> = () => ({})): PriceRow[] {
  const rows: PriceRow[] = [];
  let close = start;
  dates.forEach((date, i) => {
    const prev = close;
    if (i > 0) close = close * (1 + returns[i]);
    if (cents) close = Math.round(close * 100) / 100;
    rows.push({ date, open: prev, high: Math.max(prev, close) * 1.01, low: Math.min(prev, close) * 0.99, close, adjClose: close, volume: 1e6, ...extra(date, close, prev) });
  });
  return rows;
}

function access(series: PriceSeries[], shares: (symbol: string, date: IsoDate) => SharesLookup | null = () => null, fx: (date: IsoDate) => FxLookup | null = () => null): ClaimDataAccess {
  const bySymbol = new Map(series.map((s) => [s.info.symbol, s]));
  return {
    resolveSymbol(q) {
      const s = series.find((x) => x.info.symbol === q || x.info.aliases.includes(q.toLowerCase()));
      if (!s) throw new InputError(`unknown symbol '${q}'`);
      return s.info;
    },
    loadSeries: (symbol) => {
      const s = bySymbol.get(symbol);
      if (!s) throw new InputError(`no series ${symbol}`);
      return { ...s, rows: s.rows.map((r) => ({ ...r })) };
    },
    sharesOutstanding: shares,
    usdCnyRate: fx,
  };
}

// ---- a US stock that falls exactly 17% on Monday 2025-01-27 -------------------------------
const US_EVENT = '2025-01-27';
const us = synthetic('XNAS', { [US_EVENT]: -0.17, '2025-01-22': 0.04 });
const usStock: PriceSeries = { info: info('TEST', 'XNAS'), rows: pricesFrom(us.dates, us.stock, 100, false), source: 'synthetic TEST' };
const spy: PriceSeries = { info: info('SPY', 'XNYS', 'etf'), rows: pricesFrom(us.dates, us.market, 400, false), source: 'synthetic SPY' };
const usData = access([usStock, spy]);

/** Naive market model for the day at position k of the synthetic sample: OLS on [k-250, k-11]. */
function naiveMarketModel(s: Synthetic, k: number) {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let t = k - 250; t <= k - 11; t++) {
    if (t < 1) continue; // no return on the first row
    xs.push(s.market[t]);
    ys.push(s.stock[t]);
  }
  const M = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / M;
  const my = ys.reduce((a, b) => a + b, 0) / M;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < M; i++) {
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
  }
  const beta = sxy / sxx;
  const alpha = my - beta * mx;
  let ssr = 0;
  for (let i = 0; i < M; i++) ssr += (ys[i] - alpha - beta * xs[i]) ** 2;
  const s2 = ssr / (M - 2);
  const ar = s.stock[k] - alpha - beta * s.market[k];
  const variance = s2 * (1 + 1 / M + (s.market[k] - mx) ** 2 / sxx);
  return { M, alpha, beta, ar, t: ar / Math.sqrt(variance) };
}

describe('checkClaim: close basis on a synthetic US stock', () => {
  it('confirms a -17% fall reported the same day, with the window and evidence on the calendar', () => {
    const c = checkClaimWith({ subject: 'TEST', reportedOn: US_EVENT, move: '-17%' }, usData);
    expect(c.verdict).toBe('confirmed');
    expect(c.matchedDate).toBe(US_EVENT);
    expect(c.matchedMove).toBeCloseTo(-0.17, 10);
    expect(c.matchRule).toBe('tolerance');
    // 5 sessions before plus the report date; 2025-01-20 (MLK Day) is not a session.
    expect(c.evidence.map((d) => d.date)).toEqual(['2025-01-17', '2025-01-21', '2025-01-22', '2025-01-23', '2025-01-24', '2025-01-27']);
    expect(c.evidence.map((d) => d.sessionsBeforeReport)).toEqual([5, 4, 3, 2, 1, 0]);
    expect(c.benchmark?.symbol).toBe('SPY');
    expect(c.explanation).toMatch(/^TEST Corp \(TEST\) closed down 17\.00% on 2025-01-27, the report date; the market \(SPY Corp, SPY\) (rose|fell) [\d.]+%, so the abnormal return was \u2212[\d.]+% \(t = \u2212[\d.]+, p [<=] [\d.]+\)\.$/);
  });

  it('matches the abnormal return, t and p of a naive market model on [-250, -11]', () => {
    const c = checkClaimWith({ subject: 'TEST', reportedOn: US_EVENT, move: '-17%' }, usData);
    for (const day of c.evidence) {
      const k = us.dates.indexOf(day.date);
      const naive = naiveMarketModel(us, k);
      expect(day.abnormal).not.toBeNull();
      expect(day.abnormal!.M).toBe(naive.M);
      expect(day.abnormal!.beta).toBeCloseTo(naive.beta, 10);
      expect(day.abnormal!.ar).toBeCloseTo(naive.ar, 12);
      expect(day.abnormal!.t).toBeCloseTo(naive.t, 9);
      expect(day.abnormal!.df).toBe(naive.M - 2);
      expect(day.marketReturn).toBeCloseTo(us.market[k], 12);
      expect(day.closeReturn).toBeCloseTo(us.stock[k], 12);
    }
    const event = c.evidence[c.evidence.length - 1].abnormal!;
    expect(Math.abs(event.t)).toBeGreaterThan(5); // a 17% fall against ~2% noise
    expect(event.p).toBeLessThan(1e-5);
    // A small |t| has a p near the normal approximation's (df = 238).
    const quiet = c.evidence.find((d) => Math.abs(d.abnormal!.t) < 2)!.abnormal!;
    const phi = (z: number) => 0.5 * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (z + 0.044715 * z ** 3)));
    expect(quiet.p).toBeCloseTo(2 * (1 - phi(Math.abs(quiet.t))), 2);
  });

  it('finds the move the day before when the article is dated the next day', () => {
    const c = checkClaimWith({ subject: 'TEST', reportedOn: '2025-01-28', move: '-17%' }, usData);
    expect(c.verdict).toBe('confirmed');
    expect(c.matchedDate).toBe(US_EVENT);
    expect(c.evidence.find((d) => d.date === US_EVENT)!.sessionsBeforeReport).toBe(1);
    expect(c.explanation).toContain('the day before the report');
  });

  it('grades approximate and not-found, and shows the closest day', () => {
    const approx = checkClaimWith({ subject: 'TEST', reportedOn: US_EVENT, move: '-20%' }, usData);
    expect(approx.verdict).toBe('approximate');
    expect(approx.differencePp).toBeCloseTo(3, 8);
    // The gap names the quantity it is the gap of: the close move, not the abnormal return quoted before it.
    expect(approx.explanation).toContain('the close-to-close move of \u221217.00% is 3.00 pp smaller than the claimed \u221220.00%');
    expect(approx.explanation).not.toMatch(/abnormal return was [^;]*\): [\d.]+ pp/);
    const ar = approx.evidence.find((d) => d.date === approx.matchedDate)!.abnormal!.ar;
    const gaps = [...approx.explanation.matchAll(/of ([+\u2212][\d.]+)% is ([\d.]+) pp/g)];
    expect(gaps).toHaveLength(1);
    const named = Number(gaps[0][1].replace('\u2212', '-')) / 100;
    expect(named).toBeCloseTo(approx.matchedMove!, 4);
    expect(named).not.toBeCloseTo(ar, 2);
    expect(Number(gaps[0][2])).toBeCloseTo(Math.abs(named - -0.2) * 100, 2);

    const none = checkClaimWith({ subject: 'TEST', reportedOn: US_EVENT, move: '+20%' }, usData);
    expect(none.verdict).toBe('not-found');
    expect(none.matchedDate).toBe('2025-01-22'); // the +4% day is the closest rise
    expect(none.matchedMove).toBeCloseTo(0.04, 10);
    expect(none.matchRule).toBe('closest');
    expect(none.explanation).toMatch(/^No close-to-close move of \+20\.00% in TEST Corp \(TEST\) from 2025-01-17 to 2025-01-27: the closest is 2025-01-22/);

    // Right size, wrong direction: not a match.
    const wrongWay = checkClaimWith({ subject: 'TEST', reportedOn: US_EVENT, move: '+17%', lookback: 0 }, usData);
    expect(wrongWay.verdict).toBe('not-found');
    expect(wrongWay.explanation).toContain('in the opposite direction');
  });

  it('honours the tolerance option', () => {
    expect(checkClaimWith({ subject: 'TEST', reportedOn: US_EVENT, move: '-18%' }, usData).verdict).toBe('confirmed');
    expect(checkClaimWith({ subject: 'TEST', reportedOn: US_EVENT, move: '-18%', tolerancePp: 0.5 }, usData).verdict).toBe('approximate');
  });

  it('counts sessions back from a weekend report date', () => {
    const c = checkClaimWith({ subject: 'TEST', reportedOn: '2025-02-01', move: '1%', lookback: 2 }, usData); // a Saturday
    expect(c.evidence.map((d) => d.date)).toEqual(['2025-01-30', '2025-01-31']);
    expect(c.evidence.map((d) => d.sessionsBeforeReport)).toEqual([2, 1]);
  });

  it('says a market cap cannot be checked without a share count', () => {
    const c = checkClaimWith({ subject: 'TEST', reportedOn: US_EVENT, move: '-17%', marketCap: '2.9 trillion' }, usData);
    expect(c.marketCap?.status).toBe('unavailable');
    expect(c.marketCap?.note).toMatch(/no share count for TEST on 2025-01-27/);
    expect(c.explanation).toContain('the market-cap claim could not be checked');
  });

  it('rejects bad input with readable errors', () => {
    expect(() => checkClaimWith({ subject: 'NOPE', reportedOn: US_EVENT, move: '1%' }, usData)).toThrow(/unknown symbol 'NOPE'/);
    expect(() => checkClaimWith({ subject: 'TEST', reportedOn: US_EVENT, move: '20' }, usData)).toThrow(/ambiguous/);
    expect(() => checkClaimWith({ subject: 'TEST', reportedOn: '2023-06-01', move: '1%' }, usData)).toThrow(/no trading data for TEST around 2023-06-01: the data covers 2024-01-02\.\.2025-03-31/);
    expect(() => checkClaimWith({ subject: 'TEST', reportedOn: '2025-06-02', move: '1%' }, usData)).toThrow(/no trading data for TEST around 2025-06-02/);
    expect(() => checkClaimWith({ subject: 'TEST', reportedOn: US_EVENT, move: '1%', benchmark: 'QQQ' }, usData)).toThrow(/unknown symbol 'QQQ'/);
  });

  it('gives no-data when the security did not trade in the window (suspension)', () => {
    const suspended: PriceSeries = { ...usStock, rows: usStock.rows.filter((r) => r.date < '2025-01-10' || r.date > '2025-01-31') };
    const c = checkClaimWith({ subject: 'TEST', reportedOn: US_EVENT, move: '-17%' }, access([suspended, spy]));
    expect(c.verdict).toBe('no-data');
    expect(c.matchedDate).toBeNull();
    expect(c.explanation).toMatch(/no TEST prices from 2025-01-17 to 2025-01-27/);
  });
});

describe('checkClaim: cumulative and intraday bases', () => {
  const days = us.dates;
  const i0 = days.indexOf('2025-02-10');
  const run = synthetic('XNAS', { [days[i0]]: 0.1, [days[i0 + 1]]: 0.1, [days[i0 + 2]]: 0.1 }, 11);
  const stock: PriceSeries = { info: info('RUN', 'XNAS'), rows: pricesFrom(run.dates, run.stock, 50, false), source: 'synthetic RUN' };
  const mkt: PriceSeries = { info: info('SPY', 'XNYS', 'etf'), rows: pricesFrom(run.dates, run.market, 400, false), source: 'synthetic SPY' };
  const data = access([stock, mkt]);

  it('finds the three-day run compounding to 1.1^3 - 1 = 33.1%', () => {
    const c = checkClaimWith({ subject: 'RUN', reportedOn: days[i0 + 3], move: '+33%', basis: 'cumulative' }, data);
    expect(c.verdict).toBe('confirmed');
    expect(c.stretch).toMatchObject({ from: days[i0], to: days[i0 + 2], sessions: 3 });
    expect(c.stretch!.cumulativeReturn).toBeCloseTo(1.1 ** 3 - 1, 10);
    expect(c.matchedDate).toBe(days[i0 + 2]);
    expect(c.stretch!.car).not.toBeNull();
    expect(c.explanation).toContain(`rose 33.10% over the 3 sessions from ${days[i0]} to ${days[i0 + 2]}`);
  });

  it('measures intraday highs against the previous close', () => {
    const c = checkClaimWith({ subject: 'RUN', reportedOn: days[i0], move: '+11%', basis: 'intraday', lookback: 0 }, data);
    const row = stock.rows.find((r) => r.date === days[i0])!;
    const prev = stock.rows[stock.rows.indexOf(row) - 1];
    expect(c.evidence[0].intradayHigh).toBeCloseTo(row.high! / prev.close - 1, 12); // 1.1 × 1.01 - 1 = 11.1%
    expect(c.verdict).toBe('confirmed');
    expect(c.explanation).toMatch(/traded as much as 11\.10% above its previous close/);
  });
});

describe('checkClaim: A-share limit-up day with market cap and FX', () => {
  const EVENT = '2025-02-11';
  const cn = synthetic('XSHG', { [EVENT]: 0.2 }, 3);
  // Closes in whole cents; the limit-up close is the exchange's limit price of the previous close.
  const rows = pricesFrom(cn.dates, cn.stock, 50, true, (d, close) => (d === EVENT ? { high: close, turnoverPct: 4, volume: 2e7 } : {}));
  const k = rows.findIndex((r) => r.date === EVENT);
  const prevClose = rows[k - 1].close;
  const limitUpPrice = Math.round(prevClose * 1.2 * 100) / 100;
  rows[k] = { ...rows[k], close: limitUpPrice, adjClose: limitUpPrice, high: limitUpPrice };
  for (let i = k + 1; i < rows.length; i++) {
    const r = cn.stock[i];
    const c = Math.round(rows[i - 1].close * (1 + r) * 100) / 100;
    rows[i] = { ...rows[i], close: c, adjClose: c, high: c * 1.01, low: c * 0.99 };
  }
  const star: PriceSeries = { info: info('688999.SS', 'XSHG'), rows, source: 'synthetic 688999.SS' };
  const star50: PriceSeries = { info: info('000688.SS', 'XSHG', 'index'), rows: pricesFrom(cn.dates, cn.market, 1000, false), source: 'synthetic STAR 50' };
  const SHARES = 1e9;
  const data = access(
    [star, star50],
    (symbol) => (symbol === '688999.SS' ? { shares: SHARES, floatShares: 5e8, asOf: EVENT, source: 'test count' } : null),
    (date) => ({ rate: 7.2, date: date === '2025-02-11' ? '2025-02-10' : date, source: 'test fx' }),
  );

  it('confirms +20% on the limit-up day, flags it, and checks the cap in both currencies', () => {
    const c = checkClaimWith(
      { subject: '688999.SS', reportedOn: '2025-02-12', move: '+20%', marketCap: [limitUpPrice * SHARES, `${(limitUpPrice * SHARES) / 7.2} USD`] },
      data,
    );
    expect(c.benchmark?.symbol).toBe('000688.SS');
    expect(c.verdict).toBe('confirmed');
    expect(c.matchedDate).toBe(EVENT);
    const day = c.evidence.find((d) => d.date === EVENT)!;
    expect(day.limit).toBe(0.2);
    expect(day.limitUp).toBe(true);
    expect(day.closeReturn).toBeCloseTo(limitUpPrice / prevClose - 1, 12);
    expect(c.notes.join(' ')).toMatch(/closed limit-up .* censored/);
    expect(c.explanation).toMatch(/closed up [\d.]+% on 2025-02-11, a limit-up day, the day before the report/);

    const cap = c.marketCap!;
    expect(cap.status).toBe('consistent');
    expect(cap.computed).toEqual({ value: limitUpPrice * SHARES, currency: 'CNY' });
    expect(cap.comparisons[0].difference).toBeCloseTo(0, 12);
    expect(cap.comparisons[1].fx).toEqual({ rate: 7.2, date: '2025-02-10', source: 'test fx' });
    expect(cap.comparisons[1].computed).toBeCloseTo((limitUpPrice * SHARES) / 7.2, 0);
    // 2e7 shares traded at 4% turnover: a float of 5e8 shares, equal to the stated one.
    expect(cap.floatCrossCheck).toEqual({ impliedFloatShares: 5e8, statedFloatShares: 5e8, difference: 0 });
    expect(c.explanation).toContain('at 7.2 yuan per dollar (2025-02-10)');
    expect(formatClaimCheck(c)).toContain('cross-check: volume / turnover = 500000000 float shares');
  });

  it('grades a cap 5-10% off approximate and more than 10% off inconsistent; the headline weighs it', () => {
    const near = checkClaimWith({ subject: '688999.SS', reportedOn: '2025-02-12', move: '+20%', marketCap: limitUpPrice * SHARES * 1.1 }, data);
    expect(near.marketCap!.comparisons[0].difference).toBeCloseTo(1 / 1.1 - 1, 12); // -9.09%
    expect(near.marketCap!.status).toBe('approximate');
    expect(near.moveVerdict).toBe('confirmed');
    expect(near.verdict).toBe('approximate');

    // The case: a market value 29% off with a right move is not confirmed.
    const far = checkClaimWith({ subject: '688999.SS', reportedOn: '2025-02-12', move: '+20%', marketCap: (limitUpPrice * SHARES) / (1 - 0.29) }, data);
    expect(far.marketCap!.comparisons[0].difference).toBeCloseTo(-0.29, 12);
    expect(far.marketCap!.status).toBe('inconsistent');
    expect(far.moveVerdict).toBe('confirmed');
    expect(far.verdict).toBe('inconsistent');
    expect(far.explanation).toMatch(/more than 10% off: the claimed value is inconsistent with the prices, so the claim as a whole is not confirmed\.$/);
    const text = formatClaimCheck(far);
    expect(text).toMatch(/^INCONSISTENT {2}688999\.SS/);
    expect(text).toContain('move: confirmed; market cap: inconsistent; verdict: inconsistent');

    // One currency off is enough: the worst comparison decides.
    const mixed = checkClaimWith({ subject: '688999.SS', reportedOn: '2025-02-12', move: '+20%', marketCap: [limitUpPrice * SHARES, `${(limitUpPrice * SHARES) / 7.2 / 0.8} USD`] }, data);
    expect(mixed.marketCap!.status).toBe('inconsistent');
  });

  it('calls a move beyond the daily price limit contradicted, not approximate', () => {
    // The day before closed at the +20% limit: a +25% claim is 5 pp away (the approximate band's
    // edge) but no session on a ±20% board can close up 25%.
    const c = checkClaimWith({ subject: '688999.SS', reportedOn: '2025-02-12', move: '+25%', marketCap: (limitUpPrice * SHARES) / (1 - 0.29) }, data);
    expect(c.moveVerdict).toBe('contradicted');
    expect(c.verdict).toBe('contradicted');
    expect(c.priceLimitBound).toEqual({ limit: 0.2, sessions: c.evidence.filter((d) => d.closeReturn !== null).length });
    expect(c.matchRule).toBe('closest');
    expect(c.matchedDate).toBe(EVENT);
    expect(c.marketCap!.status).toBe('inconsistent'); // still checked and shown
    expect(c.explanation).toMatch(/^Contradicted by the price limit: 688999\.SS trades under a ±20% daily price limit, so no session could close up 25\.00%\./);
    expect(formatClaimCheck(c)).toMatch(/^CONTRADICTED {2}688999\.SS[^\n]*\nmove: contradicted \(beyond the ±20% daily price limit\); market cap: inconsistent; verdict: contradicted\n/);
    // Falling, and intraday: the limit bounds the low and the high too.
    expect(checkClaimWith({ subject: '688999.SS', reportedOn: '2025-02-12', move: '-22%' }, data).moveVerdict).toBe('contradicted');
    expect(checkClaimWith({ subject: '688999.SS', reportedOn: '2025-02-12', move: '+30%', basis: 'intraday' }, data).moveVerdict).toBe('contradicted');
    // Within the tolerance of the limit (a rounded "21%") the limit close still confirms it.
    expect(checkClaimWith({ subject: '688999.SS', reportedOn: '2025-02-12', move: '+21%' }, data).verdict).toBe('confirmed');
    // A multi-day move can exceed a one-day limit: never contradicted by it.
    expect(checkClaimWith({ subject: '688999.SS', reportedOn: '2025-02-12', move: '+25%', basis: 'cumulative' }, data).moveVerdict).not.toBe('contradicted');
  });
});

describe('verdict rules', () => {
  it('contradicts only when every searched session had a limit the claim exceeds by more than the tolerance', () => {
    const day = (limit: number | null, multiSession = false) => ({ limit, multiSession });
    expect(priceLimitBound(0.25, 1.5, [day(0.2), day(0.2)])).toEqual({ limit: 0.2, sessions: 2 });
    expect(priceLimitBound(-0.12, 1.5, [day(0.1)])).toEqual({ limit: 0.1, sessions: 1 });
    expect(priceLimitBound(0.215, 1.5, [day(0.2)])).toBeNull(); // 1.5 pp over: a rounding away
    expect(priceLimitBound(0.25, 1.5, [day(0.2), day(null)])).toBeNull(); // a day without a limit (IPO, US)
    expect(priceLimitBound(0.25, 1.5, [day(0.2), day(0.2, true)])).toBeNull(); // a return over a suspension
    expect(priceLimitBound(0.25, 1.5, [day(0.1), day(0.3)])).toBeNull(); // the largest limit allows it
    expect(priceLimitBound(0.25, 1.5, [])).toBeNull();
  });

  it('combines the move verdict and the market-cap status into the headline, as documented', () => {
    // The rule written out independently as a table: rows = move verdict, columns = cap status.
    const caps = [null, 'unavailable', 'consistent', 'approximate', 'inconsistent'] as const;
    const expected: Record<string, string[]> = {
      confirmed: ['confirmed', 'confirmed', 'confirmed', 'approximate', 'inconsistent'],
      approximate: ['approximate', 'approximate', 'approximate', 'approximate', 'inconsistent'],
      contradicted: ['contradicted', 'contradicted', 'contradicted', 'contradicted', 'contradicted'],
      'not-found': ['not-found', 'not-found', 'not-found', 'not-found', 'not-found'],
      'no-data': ['no-data', 'no-data', 'no-data', 'no-data', 'no-data'],
    };
    for (const move of MOVE_VERDICTS) {
      caps.forEach((cap, j) => expect(combineVerdicts(move, cap), `${move} + ${cap}`).toBe(expected[move][j]));
    }
    // Every headline the rule can give is in the documented union, and --strict's failures are a subset.
    expect(new Set(Object.values(expected).flat())).toEqual(new Set(CLAIM_VERDICTS));
    expect(FAILING_VERDICTS.every((v) => CLAIM_VERDICTS.includes(v))).toBe(true);
  });

  it('bands a market-cap difference', () => {
    expect(capStatus(0.05, 0.05, 0.1)).toBe('consistent');
    expect(capStatus(-0.0501, 0.05, 0.1)).toBe('approximate');
    expect(capStatus(-0.1, 0.05, 0.1)).toBe('approximate');
    expect(capStatus(-0.29, 0.05, 0.1)).toBe('inconsistent');
  });
});

describe('classifyMatch and helpers', () => {
  it('applies the tolerance, the price-limit rule and the approximate band', () => {
    expect(classifyMatch(0.2, 0.19, 1.5, false)).toBe('tolerance');
    expect(classifyMatch(0.2, 0.215, 1.5, false)).toBe('tolerance');
    expect(classifyMatch(0.2, 0.16, 1.5, false)).toBe('approximate');
    expect(classifyMatch(0.2, 0.14, 1.5, false)).toBeNull();
    expect(classifyMatch(0.02, -0.005, 1.5, false)).toBeNull(); // within 2.5 pp but the wrong way
    // prev close 1.03: limit-up price 1.236 -> 1.24, a +20.39% close; a claim of the limit itself matches
    // even with a tight tolerance, because a limit close is the limit move.
    const limitClose = 1.24 / 1.03 - 1;
    expect(classifyMatch(0.2, limitClose, 0.1, { limit: 0.2, up: true, down: false })).toBe('price-limit');
    expect(classifyMatch(0.2, limitClose, 0.1, { limit: 0.2, up: false, down: false })).toBe('approximate');
    expect(classifyMatch(0.19, limitClose, 0.1, { limit: 0.2, up: true, down: false })).toBe('approximate'); // 1 pp from the limit
    expect(classifyMatch(-0.1, -0.0952, 0.1, { limit: 0.1, up: false, down: true })).toBe('price-limit');
  });

  it('picks the default benchmark per exchange', () => {
    expect(defaultBenchmark({ symbol: 'NVDA', exchange: 'XNAS' })).toBe('SPY');
    expect(defaultBenchmark({ symbol: 'TSM', exchange: 'XNYS' })).toBe('SPY');
    expect(defaultBenchmark({ symbol: '688256.SS', exchange: 'XSHG' })).toBe('000688.SS');
    expect(defaultBenchmark({ symbol: '600519.SS', exchange: 'XSHG' })).toBe('000300.SS');
  });

  it('derives float shares from volume and turnover', () => {
    expect(impliedFloat({ volume: 19162200, turnoverPct: 4.58 })).toBeCloseTo(19162200 / 0.0458, 3);
    expect(impliedFloat({ volume: 100, turnoverPct: null })).toBeNull();
    expect(impliedFloat({ volume: 100 })).toBeNull();
  });
});

describe('checkClaimList', () => {
  it('names a bad entry by index and id and checks the rest', () => {
    const out = checkClaimList(
      [
        { id: 'ok', subject: 'TEST', reportedOn: US_EVENT, move: '-17%' },
        { id: 'bare', subject: 'TEST', reportedOn: US_EVENT, move: '20' },
        { subject: 'TEST', reportedOn: US_EVENT, mvoe: '1%' },
        42,
        { subject: 'TEST', reportedOn: US_EVENT, move: 0.2 },
      ],
      usData,
    );
    expect(out.map((e) => e.result?.verdict ?? null)).toEqual(['confirmed', null, null, null, 'not-found']);
    expect(out[1].error).toMatch(/^claims\[1\] \(id 'bare'\): move '20' is ambiguous/);
    expect(out[2].error).toMatch(/^claims\[2\]: unknown field 'mvoe'/);
    expect(out[3].error).toMatch(/^claims\[3\]: not an object/);
  });
});
