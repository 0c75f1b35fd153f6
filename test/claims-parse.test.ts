import { describe, expect, it } from 'vitest';
import { normalizeClaim, parseBasis, parseLookback, parseMarketCaps, parseMoneyAmount, parseMove, formatMovePct } from '../src/claims/parse.ts';
import { InputError } from '../src/errors.ts';

describe('parseMove', () => {
  it('accepts signed percentages and fractions', () => {
    expect(parseMove('+20%')).toBeCloseTo(0.2, 12);
    expect(parseMove('20%')).toBeCloseTo(0.2, 12);
    expect(parseMove('-17%')).toBeCloseTo(-0.17, 12);
    expect(parseMove('\u22123.5%')).toBeCloseTo(-0.035, 12); // typographic minus
    expect(parseMove('12.5 pct')).toBeCloseTo(0.125, 12);
    expect(parseMove('20\uFF05')).toBeCloseTo(0.2, 12); // full-width percent sign
    expect(parseMove('0.2')).toBe(0.2);
    expect(parseMove('-0.17')).toBe(-0.17);
    expect(parseMove(0.2)).toBe(0.2);
    expect(parseMove('150%')).toBeCloseTo(1.5, 12);
  });

  it('rejects the ambiguous bare 20 with a message saying how to write it', () => {
    expect(() => parseMove('20')).toThrow(InputError);
    expect(() => parseMove('20')).toThrow(/ambiguous: write \+20% for a percentage, or 0\.2 as a fraction/);
    expect(() => parseMove(20)).toThrow(/ambiguous/);
    expect(() => parseMove('-17')).toThrow(/ambiguous: write -17%/);
    expect(() => parseMove('1')).toThrow(/ambiguous/);
  });

  it('rejects text that is not a move and impossible falls', () => {
    expect(() => parseMove('twenty')).toThrow(/not a move/);
    expect(() => parseMove('20%%')).toThrow(/not a move/);
    expect(() => parseMove(undefined)).toThrow(/missing/);
    expect(() => parseMove('-100%')).toThrow(/cannot fall by 100%/);
    expect(() => parseMove(Number.NaN)).toThrow(/finite/);
  });

  it('formats fractions as signed percentages', () => {
    expect(formatMovePct(0.2)).toBe('+20.00%');
    expect(formatMovePct(-0.1697)).toBe('\u221216.97%'); // the typographic minus of every printed number
    expect(formatMovePct(-0.00001)).toBe('0.00%');
  });
});

describe('parseMoneyAmount / parseMarketCaps', () => {
  it('reads the ways people write a market value', () => {
    expect(parseMoneyAmount('355e9', 'CNY')).toEqual({ value: 355e9, currency: 'CNY' });
    expect(parseMoneyAmount(355e9, 'CNY')).toEqual({ value: 355e9, currency: 'CNY' });
    expect(parseMoneyAmount('355 billion yuan', 'USD')).toEqual({ value: 355e9, currency: 'CNY' });
    expect(parseMoneyAmount('$49.7bn', 'CNY').currency).toBe('USD');
    expect(parseMoneyAmount('$49.7bn', 'CNY').value).toBeCloseTo(49.7e9, 0);
    expect(parseMoneyAmount('49.7 billion dollars', 'CNY').currency).toBe('USD');
    expect(parseMoneyAmount('US$49.7 billion', 'CNY').currency).toBe('USD');
    expect(parseMoneyAmount('49.7e9USD', 'CNY')).toEqual({ value: 49.7e9, currency: 'USD' });
    expect(parseMoneyAmount('3550亿元', 'USD')).toEqual({ value: 355e9, currency: 'CNY' });
    expect(parseMoneyAmount('2.9 trillion', 'USD')).toEqual({ value: 2.9e12, currency: 'USD' });
    expect(parseMoneyAmount('1,234,000,000 RMB', 'USD')).toEqual({ value: 1.234e9, currency: 'CNY' });
    expect(parseMoneyAmount({ value: 49.7e9, currency: 'usd' }, 'CNY')).toEqual({ value: 49.7e9, currency: 'USD' });
  });

  it('refuses what is not an amount', () => {
    expect(() => parseMoneyAmount('355 zorks', 'CNY')).toThrow(/unknown word 'zorks'/);
    expect(() => parseMoneyAmount('-5', 'CNY')).toThrow(InputError);
    expect(() => parseMoneyAmount('billion yuan', 'CNY')).toThrow(/no number/);
    expect(() => parseMoneyAmount('355 yuan 49 USD', 'CNY')).toThrow(/two numbers/);
    expect(() => parseMoneyAmount({ value: 1e9, currency: 'EUR' }, 'CNY')).toThrow(/unknown currency 'EUR'/);
  });

  it('takes one amount per currency', () => {
    expect(parseMarketCaps(['355 billion yuan', '$49.7bn'], 'CNY').map((m) => m.currency)).toEqual(['CNY', 'USD']);
    expect(() => parseMarketCaps(['355e9', '356e9'], 'CNY')).toThrow(/twice in CNY/);
    expect(parseMarketCaps(undefined, 'CNY')).toEqual([]);
  });
});

describe('basis, lookback, normalizeClaim', () => {
  it('validates basis and lookback', () => {
    expect(parseBasis(undefined)).toBe('close');
    expect(parseBasis('cumulative')).toBe('cumulative');
    expect(() => parseBasis('weekly')).toThrow(/not one of close, intraday, cumulative/);
    expect(parseLookback(undefined)).toBe(5);
    expect(parseLookback('3')).toBe(3);
    expect(() => parseLookback(-1)).toThrow(/whole number/);
    expect(() => parseLookback('2.5')).toThrow(/whole number/);
  });

  it('normalizes a claim and names the bad field', () => {
    const c = normalizeClaim({ subject: ' NVDA ', reportedOn: '2025-01-27', move: '-17%' }, 'USD');
    expect(c).toEqual({ subject: 'NVDA', reportedOn: '2025-01-27', move: -0.17, basis: 'close', marketCap: [], lookback: 5, tolerancePp: 1.5 });
    expect(() => normalizeClaim({ subject: 'NVDA', reportedOn: '2025-13-01', move: '1%' }, 'USD')).toThrow(/report date/);
    expect(() => normalizeClaim({ subject: '', reportedOn: '2025-01-27', move: '1%' }, 'USD')).toThrow(/subject is missing/);
    expect(() => normalizeClaim({ subject: 'NVDA', reportedOn: '2025-01-27', move: '1%', tolerancePp: -1 }, 'USD')).toThrow(/tolerance/);
  });
});

describe('parseMove: bounded (issue 11.6)', () => {
  it('refuses a move that overflows or is absurd, and keeps the largest plausible ones', () => {
    expect(() => parseMove('1e400%')).toThrow(/'1e400%' is not a finite number/);
    expect(() => parseMove('+20000%')).toThrow(/not a plausible move: above \+10000%/);
    expect(parseMove('+10000%')).toBe(100);
    expect(parseMove('+250%')).toBeCloseTo(2.5, 12);
  });
});
