/**
 * Numbers as news text writes them, in six languages: decimal commas ('49,7'), thousands
 * separators ('4 348', '355.000', '2,048'), thin, narrow and non-breaking spaces, scale words and
 * their false friends (French 'billion', Italian 'bilione', German 'Billion' and Spanish 'billón'
 * are 10^12; 'milliard', 'miliardo', 'Milliarde', 'mil millones', 'millardo' are 10^9; 亿 10^8,
 * 万亿 10^12, 万 10^4), currencies before or after ('$', 'US$', 'HK$', '€', 'yuans', '元', 'dólares'),
 * percentages ('20 %', '17 Prozent', '百分之二十') and percentage points.
 */
import type { ArticleLanguage, NumberMention } from './types.ts';

/** Spaces used inside numbers and between a number and its unit. */
export const NUMBER_SPACE = '[ \\u00a0\\u202f\\u2009]';
const SP = NUMBER_SPACE;

/**
 * Scale words per language, longest first within a language ('mil millones' before 'mil').
 * Each is matched case-insensitively as a whole word (an optional final '.' for abbreviations).
 */
const SCALES: Record<ArticleLanguage, readonly [string, number][]> = {
  en: [['thousand', 1e3], ['millions?', 1e6], ['mln', 1e6], ['mn', 1e6], ['m', 1e6], ['billions?', 1e9], ['bln', 1e9], ['bn', 1e9], ['b', 1e9], ['trillions?', 1e12], ['tn', 1e12], ['trn', 1e12]],
  fr: [['mille', 1e3], ['millions?', 1e6], ['milliards?', 1e9], ['mds?\\.?', 1e9], ['mrds?\\.?', 1e9], ['billions?', 1e12]],
  it: [['mila', 1e3], ['milion[ei]', 1e6], ['mln\\.?', 1e6], ['miliard[oi]', 1e9], ['mld\\.?', 1e9], ['mrd\\.?', 1e9], ['bilion[ei]', 1e12]],
  de: [['tausend', 1e3], ['millionen', 1e6], ['million', 1e6], ['mio\\.?', 1e6], ['milliarden', 1e9], ['milliarde', 1e9], ['mrd\\.?', 1e9], ['billionen', 1e12], ['billion', 1e12], ['bio\\.?', 1e12]],
  es: [['mil millones', 1e9], ['millardos?', 1e9], ['millones', 1e6], ['millón', 1e6], ['mill\\.?', 1e6], ['billones', 1e12], ['billón', 1e12], ['mil', 1e3]],
  zh: [],
};

/** Chinese scale characters (after the digits, before the currency). */
const CJK_SCALES: readonly [string, number][] = [
  ['万亿', 1e12],
  ['千亿', 1e11],
  ['百亿', 1e10],
  ['十亿', 1e9],
  ['亿', 1e8],
  ['千万', 1e7],
  ['百万', 1e6],
  ['万', 1e4],
];

/** Currency words after the number (and scale), with the optional connector ('de', 'di', "d'"). */
const CURRENCY_AFTER: readonly [RegExp, string][] = [
  [/^(?:de |di |d'|d’)?(?:yuans?|yuanes|yuan renminbi|renminbi|rmb|cny)(?![\p{L}])/iu, 'CNY'],
  [/^(?:元人民币|人民币|元)/u, 'CNY'],
  [/^(?:de |di |d')?(?:hong[- ]kong[- ]dollars?|dollars? de hong kong|dollari di hong kong|hongkong-dollar|dólares de hong kong|hkd)(?![\p{L}])/iu, 'HKD'],
  [/^(?:港元|港币)/u, 'HKD'],
  [/^(?:de |di |d'|d’)?(?:us[- ]dollars?|u\.s\. dollars?|dollars? américains|dollari (?:usa|statunitensi)|dólares estadounidenses|dollars?|dollari|dólares|dólar|usd)(?![\p{L}])/iu, 'USD'],
  [/^美元/u, 'USD'],
  [/^(?:d'|d’|de |di )?(?:euros?|eur)(?![\p{L}])/iu, 'EUR'],
  [/^欧元/u, 'EUR'],
];

/** Currency signs and codes before the number. */
const CURRENCY_BEFORE: readonly [RegExp, string][] = [
  [/(?:HK\$|HKD)\s?$/u, 'HKD'],
  [/(?:US\$|U\.S\.\$|USD|\$)\s?$/u, 'USD'],
  [/(?:€|EUR)\s?$/u, 'EUR'],
  [/(?:CN¥|RMB|CNY|¥|￥)\s?$/u, 'CNY'],
];

const PERCENT_AFTER = new RegExp(`^${SP}?(?:%|％|‰|${SP}?(?:per ?cent|percent|pour ?cent|per ?cento|percento|prozent|por ?ciento|pct)(?![\\p{L}]))`, 'iu');
const POINTS_AFTER = new RegExp(
  `^${SP}?(?:(?:%|percentage|per ?cent(?:age)?)${SP}?points?|points? de pourcentage|punti percentuali|prozentpunkte|puntos porcentuales|个百分点|百分点)`,
  'iu',
);

/**
 * The value of a digit string in a language: its decimal separator is '.' (en, zh) or ','
 * (fr, it, de, es); the other one, and spaces, group thousands. A separator the language does
 * not use as decimal is still read as decimal when the digits after it are not a group of three
 * ('17.4' in a German text).
 * @example parseLocalizedNumber('49,7', 'fr') // 49.7
 * @example parseLocalizedNumber('355.000', 'es') // 355000
 * @example parseLocalizedNumber('2,048', 'en') // 2048
 * @example parseLocalizedNumber('4 348', 'fr') // 4348
 */
export function parseLocalizedNumber(raw: string, language: ArticleLanguage): number {
  const s = raw.replace(/[ \u00a0\u202f\u2009'’]/g, '');
  const decimalSep = language === 'en' || language === 'zh' ? '.' : ',';
  const otherSep = decimalSep === '.' ? ',' : '.';
  const hasDot = s.includes('.');
  const hasComma = s.includes(',');
  let normalized: string;
  if (hasDot && hasComma) {
    const lastSep = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    const group = lastSep === '.' ? ',' : '.';
    normalized = s.split(group).join('').replace(lastSep, '.');
  } else if (s.includes(decimalSep)) {
    const parts = s.split(decimalSep);
    normalized = parts.length === 2 ? `${parts[0]}.${parts[1]}` : parts.join('');
  } else if (s.includes(otherSep)) {
    const parts = s.split(otherSep);
    const grouped = parts.slice(1).every((p) => p.length === 3) && parts[0].length <= 3;
    normalized = grouped ? parts.join('') : parts.length === 2 ? `${parts[0]}.${parts[1]}` : parts.join('');
  } else normalized = s;
  return Number(normalized);
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * A Chinese numeral up to the thousands with an optional decimal part: '二十' 20, '十五' 15,
 * '一百二十三' 123, '三点五' 3.5. Returns NaN for anything else.
 * @example parseChineseNumeral('二十') // 20
 */
export function parseChineseNumeral(text: string): number {
  const [intPart, decPart] = text.split('点');
  let total = 0;
  let digit = -1;
  for (const ch of intPart) {
    if (ch in CN_DIGITS) digit = CN_DIGITS[ch];
    else if (ch in CN_UNITS) {
      total += (digit < 0 ? 1 : digit) * CN_UNITS[ch];
      digit = -1;
    } else return NaN;
  }
  if (digit >= 0) total += digit;
  if (decPart !== undefined) {
    if (decPart === '' || [...decPart].some((c) => !(c in CN_DIGITS))) return NaN;
    total += Number(`0.${[...decPart].map((c) => CN_DIGITS[c]).join('')}`);
  }
  return total;
}

/** The scale word starting `rest` in `language` (after optional spaces), with its length. */
function scaleAt(rest: string, language: ArticleLanguage): { factor: number; length: number } | null {
  for (const [word, factor] of CJK_SCALES) if (rest.startsWith(word)) return { factor, length: word.length };
  if (language === 'zh') {
    // Chinese text also writes Latin scales after digits ('$49.7bn', '6000 billion'): read them as English.
    return scaleAt(rest, 'en');
  }
  for (const [word, factor] of SCALES[language]) {
    const m = new RegExp(`^${SP}?(?:${word})(?![\\p{L}])`, 'iu').exec(rest);
    if (m) return { factor, length: m[0].length };
  }
  return null;
}

/** The currency word starting `rest` (after optional spaces), with its length. */
function currencyAt(rest: string): { code: string; length: number } | null {
  const lead = /^[ \u00a0\u202f\u2009]?/.exec(rest)![0].length;
  const r = rest.slice(lead);
  for (const [re, code] of CURRENCY_AFTER) {
    const m = re.exec(r);
    if (m) return { code, length: lead + m[0].length };
  }
  return null;
}

const MONTH_WORD = /^(?:\.?\s?)(?:jan|feb|fév|fev|mar|mär|apr|avr|mag|may|mai|jun|juin|giu|jul|juil|lug|aug|août|ago|sep|set|oct|okt|ott|nov|dec|déc|dez|dic|ene|abr|gen|januar|februar|märz|juni|juli|august|oktober|dezember|janvier|février|mars|avril|juillet|septembre|octobre|novembre|décembre|gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|dicembre|enero|febrero|mayo|junio|julio|septiembre|octubre|noviembre|diciembre|january|february|march|april|june|july|september|october|november|december|de (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre))/iu;

/**
 * Every number of a sentence, with its kind, value, currency and span (offsets in `text`).
 * Identifiers are not numbers: digits glued to letters ('A100', 'H800', 'V3.1', 'MATH-500',
 * '910C') are skipped.
 * @example findNumbers('a bondi de 20 %, à 355 milliards de yuans', 'fr').map((n) => [n.kind, n.value, n.currency])
 * // [['percent', 0.2, null], ['amount', 355e9, 'CNY']]
 */
export function findNumbers(text: string, language: ArticleLanguage): NumberMention[] {
  const out: NumberMention[] = [];
  const spaced = language !== 'en' && language !== 'zh';
  const numberRe = spaced
    ? /\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:,\d+)?(?![\d])|\d+(?:[.,'’]\d+)*/g
    : /\d+(?:[.,]\d+)*/g;
  for (const m of text.matchAll(numberRe)) {
    let start = m.index!;
    let end = start + m[0].length;
    const before = text.slice(0, start);
    const prevChar = before.slice(-1);
    // Identifiers: a letter or a letter-hyphen just before ('A100', 'MATH-500', 'o1', 'V3').
    if (/[\p{Script=Latin}]/u.test(prevChar) && !/(?:US|HK|CN)\$$|USD$|EUR$|CNY$|RMB$|HKD$/.test(before)) continue;
    if (/[\p{Script=Latin}\d][-‑.]$/u.test(before) && !/\s[-‑]$/.test(before)) continue;
    let raw = m[0];
    // A trailing separator is punctuation ('17.' at a sentence end).
    const value0 = parseLocalizedNumber(raw, language);
    if (!Number.isFinite(value0)) continue;
    let rest = text.slice(end);
    // Digits glued to Latin letters that are not a unit: '910C', '2nd', 'H20s'.
    const glued = /^[\p{Script=Latin}]+/u.exec(rest);
    if (glued && !/^(?:bn|b|m|mn|mln|tn|trn|k|pct)(?![\p{L}])/iu.test(rest)) continue;
    let signed = false;
    let value = value0;
    const sign = /([+\-−–])$/.exec(before);
    if (sign && (before.length === 1 || /[\s(（:：]$/.test(before.slice(0, -1)))) {
      signed = true;
      if (sign[1] !== '+') value = -value;
      start -= 1;
      raw = sign[1] + raw;
    }

    const points = POINTS_AFTER.exec(rest);
    if (points) {
      end += points[0].length;
      out.push({ start, end, text: text.slice(start, end), kind: 'points', signed, value: value / 100, currency: null });
      continue;
    }
    const pct = PERCENT_AFTER.exec(rest);
    if (pct) {
      end += pct[0].length;
      out.push({ start, end, text: text.slice(start, end), kind: 'percent', signed, value: pct[0].includes('‰') ? value / 1000 : value / 100, currency: null });
      continue;
    }
    // Date parts: 2025年, 8月, 22日, '13 août', 'January 28', '28. Januar'.
    if (/^[年月日号]/.test(rest) || MONTH_WORD.test(rest.replace(/^[ \u00a0]/, '')) || /(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)\.?\s$/i.test(before)) {
      out.push({ start, end, text: text.slice(start, end), kind: 'date-part', signed, value, currency: null });
      continue;
    }
    // Times (10:30) and ratios are not claims of any kind we read.
    if (/^[:：]\d/.test(rest)) continue;

    let currency: string | null = null;
    for (const [re, code] of CURRENCY_BEFORE) {
      const c = re.exec(before);
      if (c) {
        currency = code;
        start -= c[0].length;
        break;
      }
    }
    let factor = 1;
    const scale = scaleAt(rest, language);
    if (scale) {
      factor = scale.factor;
      end += scale.length;
      rest = text.slice(end);
    }
    const after = currencyAt(rest);
    if (after && (currency === null || currency === after.code)) {
      currency = after.code;
      end += after.length;
    }
    const amount = value * factor;
    const isYear = factor === 1 && currency === null && !signed && /^\d{4}$/.test(m[0]) && value >= 1900 && value <= 2100;
    const kind: NumberMention['kind'] = isYear ? 'year' : currency !== null ? 'amount' : factor !== 1 ? 'count' : 'number';
    out.push({ start, end, text: text.slice(start, end), kind, signed, value: amount, currency });
  }
  // 'un bilione di dollari', 'eine Billion Dollar', 'un billón de dólares', 'a trillion dollars': one of a scale.
  const one = /(?<![\p{L}])(?:un|una|uno|une|one|a|an|ein|eine|einer|einen)[ \u00a0]/giu;
  for (const m of text.matchAll(one)) {
    const from = m.index! + m[0].length;
    const scale = scaleAt(text.slice(from - 1), language);
    if (!scale || scale.factor < 1e6) continue;
    let end = from - 1 + scale.length;
    const cur = currencyAt(text.slice(end));
    if (cur) end += cur.length;
    out.push({ start: m.index!, end, text: text.slice(m.index!, end), kind: cur ? 'amount' : 'count', signed: false, value: scale.factor, currency: cur?.code ?? null });
  }
  // Chinese numerals as percentages: 百分之二十.
  for (const m of text.matchAll(/百分之([零〇一二两三四五六七八九十百千点]+)/gu)) {
    const v = parseChineseNumeral(m[1]);
    if (Number.isFinite(v)) out.push({ start: m.index!, end: m.index! + m[0].length, text: m[0], kind: 'percent', signed: false, value: v / 100, currency: null });
  }
  return out.sort((a, b) => a.start - b.start);
}
