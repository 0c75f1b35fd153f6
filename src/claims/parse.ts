/**
 * Parsing a claim as people write it: moves ('+20%', '-17%', 0.2), market values
 * ('355e9', '355 billion yuan', '$49.7bn', '3550亿元'), bases and lookbacks. Ambiguous input
 * is refused with a message saying how to write it, never guessed.
 */
import { InputError } from '../errors.ts';
import { signedPercent } from '../format.ts';
import { parseIsoDate } from '../calendar/dates.ts';
import { CLAIM_BASES, type Claim, type ClaimBasis, type ClaimInput, type MoneyAmount } from './types.ts';

/** Default tolerance for `confirmed`, percentage points. */
export const DEFAULT_TOLERANCE_PP = 1.5;
/** Default number of sessions searched before the report date. */
export const DEFAULT_LOOKBACK = 5;
/** Largest lookback accepted (a claim is about a recent move). */
export const MAX_LOOKBACK = 60;

const MINUS = /^[\u2212\u2012\u2013\u2014\uFE63\uFF0D]/; // typographic minus signs

/**
 * The largest move a claim may state: +10,000% (a hundredfold). Beyond it lies a typo or an
 * overflow ('1e400%'), never a market move worth checking.
 */
export const MAX_MOVE = 100;

/**
 * A claimed move as a fraction. Accepts a percentage with its sign ('+20%', '-17%', '20 %',
 * '20 pct', '−3.5%') or a fraction (0.2, '-0.17'). A bare number of 1 or more without '%'
 * ('20') is refused: it could mean 20% or 2000%.
 * @example parseMove('+20%') // 0.2
 * @example parseMove(0.2) // 0.2
 * @throws InputError for '20', 'abc', moves of -100% or below, above +10,000% or not finite ('1e400%')
 */
export function parseMove(value: unknown, label = 'move'): number {
  let fraction: number;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InputError(`${label} must be a finite number, got ${value}`);
    if (Math.abs(value) >= 1) throw ambiguous(label, String(value));
    fraction = value;
  } else if (typeof value === 'string') {
    const s = value.trim().replace(MINUS, '-').replace(/\uFF05/g, '%');
    const m = /^([+-]?)\s*(\d+(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?\s*(%|pct|percent|per cent)?$/i.exec(s);
    if (!m) throw new InputError(`${label} '${value}' is not a move: write it as +20%, -17% or a fraction such as 0.2`);
    const magnitude = Number(`${m[2]}${m[3] !== undefined ? `e${m[3]}` : ''}`);
    const signed = m[1] === '-' ? -magnitude : magnitude;
    if (m[4] !== undefined) fraction = signed / 100;
    else if (Math.abs(signed) < 1) fraction = signed;
    else throw ambiguous(label, value);
  } else {
    throw new InputError(`${label} is missing: write it as +20%, -17% or a fraction such as 0.2`);
  }
  if (!Number.isFinite(fraction)) throw new InputError(`${label} '${String(value)}' is not a finite number`);
  if (fraction <= -1) throw new InputError(`${label} ${formatMovePct(fraction)} is impossible: a price cannot fall by 100% or more`);
  if (fraction > MAX_MOVE) throw new InputError(`${label} '${String(value)}' is not a plausible move: above +${MAX_MOVE * 100}% (write it as +20%, -17% or a fraction such as 0.2)`);
  return fraction;
}

function ambiguous(label: string, text: string): InputError {
  const n = Number(text);
  if (!Number.isFinite(n)) return new InputError(`${label} '${text}' is ambiguous: write a percentage such as +20% or a fraction below 1 such as 0.2`);
  const t = text.trim().replace(/^\+/, '');
  return new InputError(`${label} '${text}' is ambiguous: write ${n > 0 ? '+' : ''}${t}% for a percentage, or ${Number((n / 100).toPrecision(12))} as a fraction`);
}

/** '+20.00%' / '−17.00%' text of a fraction (the shared signedPercent of src/format.ts). */
export function formatMovePct(fraction: number, decimals = 2): string {
  return signedPercent(fraction, decimals);
}

const CURRENCY_WORDS: readonly [RegExp, string][] = [
  [/^(cny|rmb|yuan|renminbi|元|人民币|¥|￥)$/i, 'CNY'],
  [/^(usd|us\$|\$|dollars?|us\s*dollars?|美元)$/i, 'USD'],
];

const SCALE_WORDS: readonly [RegExp, number][] = [
  [/^(k|thousand|千)$/i, 1e3],
  [/^(m|mn|mln|million|百万)$/i, 1e6],
  [/^(b|bn|bln|billion)$/i, 1e9],
  [/^(t|tn|trillion)$/i, 1e12],
  [/^万$/, 1e4],
  [/^亿$/, 1e8],
  [/^万亿$/, 1e12],
];

function currencyOf(word: string): string | null {
  for (const [re, code] of CURRENCY_WORDS) if (re.test(word)) return code;
  return null;
}

/**
 * A money amount: a number with an optional scale and currency, in any order people write them:
 * '355e9', '355e9 CNY', '355 billion yuan', '355bn', '$49.7bn', 'US$49.7 billion', '3550亿元',
 * '49.7 billion dollars'. Without a currency, `defaultCurrency` applies (the security's).
 * @example parseMoneyAmount('355 billion yuan', 'USD') // { value: 355e9, currency: 'CNY' }
 * @throws InputError naming the text when it is not an amount or not positive
 */
export function parseMoneyAmount(value: unknown, defaultCurrency: string, label = 'market cap'): MoneyAmount {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) throw new InputError(`${label} must be a positive number, got ${value}`);
    return { value, currency: defaultCurrency };
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as { value?: unknown; currency?: unknown };
    const amount = parseMoneyAmount(o.value, defaultCurrency, label);
    if (o.currency === undefined) return amount;
    const code = typeof o.currency === 'string' ? currencyOf(o.currency.trim()) : null;
    if (!code) throw new InputError(`${label}: unknown currency '${String(o.currency)}' (expected CNY or USD)`);
    return { value: amount.value, currency: code };
  }
  if (typeof value !== 'string') throw new InputError(`${label} must be a number such as 355e9 or text such as '355 billion yuan'`);
  const text = value.trim().replace(/,/g, '').replace(/\u2248|~|≈/g, '').trim();
  // Split into tokens: currency symbols, numbers, words (Latin or CJK).
  const tokens = text.match(/US\$|[$¥￥]|\d+(?:\.\d*)?(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?|万亿|[亿万千元]|人民币|美元|US\s+dollars?|[A-Za-z]+/gi) ?? [];
  const rebuilt = tokens.join('').replace(/\s+/g, '');
  if (rebuilt.length !== text.replace(/\s+/g, '').length) throw new InputError(`${label} '${value}' is not an amount: write e.g. 355e9, '355 billion yuan' or '$49.7bn'`);
  let number: number | null = null;
  let scale = 1;
  let currency: string | null = null;
  for (const tok of tokens) {
    if (/^(\d|\.\d)/.test(tok)) {
      if (number !== null) throw new InputError(`${label} '${value}' holds two numbers; give one amount per currency`);
      number = Number(tok);
      continue;
    }
    const c = currencyOf(tok);
    if (c) {
      if (currency !== null && currency !== c) throw new InputError(`${label} '${value}' names two currencies`);
      currency = c;
      continue;
    }
    const s = SCALE_WORDS.find(([re]) => re.test(tok));
    if (s) {
      scale *= s[1];
      continue;
    }
    throw new InputError(`${label} '${value}': unknown word '${tok}' (expected a scale such as billion/bn/亿 or a currency such as CNY/yuan/USD/$)`);
  }
  if (number === null) throw new InputError(`${label} '${value}' has no number`);
  const amount = number * scale;
  if (!(amount > 0) || !Number.isFinite(amount)) throw new InputError(`${label} '${value}' must be a positive amount`);
  return { value: amount, currency: currency ?? defaultCurrency };
}

/** Claimed caps, one per currency ('355 billion yuan' and '$49.7bn' may both be given). */
export function parseMarketCaps(value: ClaimInput['marketCap'], defaultCurrency: string): MoneyAmount[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  const out = list.map((v, i) => parseMoneyAmount(v, defaultCurrency, list.length > 1 ? `market cap [${i}]` : 'market cap'));
  const seen = new Set<string>();
  for (const a of out) {
    if (seen.has(a.currency)) throw new InputError(`market cap is given twice in ${a.currency}; give one amount per currency`);
    seen.add(a.currency);
  }
  return out;
}

/** The basis of a claim, default 'close'. */
export function parseBasis(value: unknown): ClaimBasis {
  if (value === undefined || value === null) return 'close';
  if (typeof value === 'string' && (CLAIM_BASES as readonly string[]).includes(value)) return value as ClaimBasis;
  throw new InputError(`basis '${String(value)}' is not one of ${CLAIM_BASES.join(', ')}`);
}

/** Sessions to look back: a whole number 0..60, default 5. */
export function parseLookback(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_LOOKBACK;
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_LOOKBACK) {
    throw new InputError(`lookback must be a whole number of sessions from 0 to ${MAX_LOOKBACK}, got '${String(value)}'`);
  }
  return n;
}

/**
 * Validates a claim and parses its fields. `currency` is the security's (for a bare market cap).
 * @throws InputError naming the field at fault
 */
export function normalizeClaim(input: ClaimInput, currency: string): Claim {
  if (input === null || typeof input !== 'object') throw new InputError('a claim must be an object with subject, reportedOn and move');
  if (typeof input.subject !== 'string' || input.subject.trim() === '') throw new InputError('claim subject is missing (a symbol or name such as NVDA or cambricon)');
  if (input.reportedOn === undefined) throw new InputError('claim reportedOn is missing (the report date, YYYY-MM-DD)');
  const reportedOn = parseIsoDate(input.reportedOn, 'report date');
  const tolerancePp = input.tolerancePp ?? DEFAULT_TOLERANCE_PP;
  if (typeof tolerancePp !== 'number' || !Number.isFinite(tolerancePp) || tolerancePp < 0 || tolerancePp > 50) {
    throw new InputError(`tolerance must be a number of percentage points from 0 to 50, got ${String(tolerancePp)}`);
  }
  if (input.benchmark !== undefined && (typeof input.benchmark !== 'string' || input.benchmark.trim() === '')) {
    throw new InputError('benchmark must be a symbol such as SPY or 000300.SS');
  }
  if (input.id !== undefined && typeof input.id !== 'string') throw new InputError('claim id must be a string');
  return {
    ...(input.id !== undefined ? { id: input.id } : {}),
    subject: input.subject.trim(),
    reportedOn,
    move: parseMove(input.move),
    basis: parseBasis(input.basis),
    marketCap: parseMarketCaps(input.marketCap, currency),
    lookback: parseLookback(input.lookback),
    ...(input.benchmark !== undefined ? { benchmark: input.benchmark.trim() } : {}),
    tolerancePp,
  };
}
