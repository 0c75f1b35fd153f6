/**
 * The classifier: which numbers of one sentence are market claims about a listed company.
 *
 * A percentage is a move claim when a move verb leads to it ('a bondi de 20 %', 'fell 17%',
 * 'brach um 17 Prozent ein', '大涨14.19%') with nothing but hedges, days and filler words between,
 * when a company of the data (or 'the stock' referring back to one) is the verb's subject, and
 * when no noun of costs, revenue, utilisation, market share, growth or performance is that
 * subject. An amount is a market-value claim when a market-value word leads to it ('capitalisation
 * boursière à 355 milliards', '总市值达5201亿元'); 'wiping out $600 billion of market value' is a
 * change, not a level. 涨停/跌停 ('limit-up') is a move to the daily limit. Everything else is
 * listed with the reason it is not checked. Pure: no data, no dates resolved here.
 */
import type { CompanyFinder } from './companies.ts';
import { findDayMentions } from './dates.ts';
import { LEXICON, LIMIT_WORDS, blockerRe, wordRe } from './lexicon.ts';
import { findNumbers } from './numbers.ts';
import type { ArticleLanguage, CompanyMention, DayMention, NumberMention, Span } from './types.ts';
import type { ClaimBasis } from '../types.ts';

/** A move claim found in a sentence (offsets in the sentence). */
export interface SentenceMove {
  company: CompanyMention;
  /** The percentage, or null for a limit move (涨停). */
  percent: NumberMention | null;
  limit: 1 | -1 | null;
  direction: 1 | -1;
  verb: Span;
  hedge: string | null;
  basis: ClaimBasis;
  day: DayMention | null;
}

/** A market-value claim found in a sentence. */
export interface SentenceCap {
  company: CompanyMention;
  keyword: Span;
  amounts: NumberMention[];
  day: DayMention | null;
}

/** A number of the sentence that is not a claim. */
export interface SentenceSkip {
  number: NumberMention | null;
  /** For a limit word without a company: the word. */
  span: Span;
  reason: string;
  kind: NumberMention['kind'] | 'limit';
}

export interface SentenceReading {
  moves: SentenceMove[];
  caps: SentenceCap[];
  skipped: SentenceSkip[];
  companies: CompanyMention[];
  days: DayMention[];
}

export const REASON = {
  notMove: 'not a price move',
  noCompany: 'not about a listed security',
  notMarketValue: 'not a market value',
  valueChange: 'a change in market value, not a level',
  price: 'a share price (price levels are not checked)',
  count: 'a count, not a market claim',
  points: 'percentage points, not a move',
  noLimit: 'a limit move of a security without a daily price limit',
} as const;

const CLAUSE_BREAK = /[,;:，；：。()（）]|\s[-–—]\s|\s(?:and|et|e|und|y|while|whereas|but|mais|ma|aber|pero|mentre|während|mientras|alors que)\s/giu;
const STRONG_BREAK = /[;:。；：!?！？]/u;
/** A relative clause or apposition closed by a comma right before the verb. */
const RELATIVE_CLAUSE = /,\s*(?:which|who|that|qui|dont|che|il quale|la quale|die|der|das|welche[rs]?|que|el cual|la cual|quien)(?![\p{L}])[^,;:]*,\s*$/iu;

/** Offset of the clause start at or before `at`. */
function clauseStart(text: string, at: number): number {
  let start = 0;
  for (const m of text.matchAll(CLAUSE_BREAK)) {
    if (m.index! + m[0].length <= at) start = m.index! + m[0].length;
    else break;
  }
  return start;
}

/** Every match of `re` in `text` as spans. */
function spans(re: RegExp, text: string): Span[] {
  return [...text.matchAll(re)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0] }));
}

const blank = (text: string, cut: readonly Span[], from: number, to: number) => {
  let s = text.slice(from, to);
  for (const c of cut) {
    const a = Math.max(c.start, from);
    const b = Math.min(c.end, to);
    if (a < b) s = s.slice(0, a - from) + ' '.repeat(b - a) + s.slice(b - from);
  }
  return s;
};

/**
 * Reads one sentence.
 * @param context.lastCompany the last company named before this sentence (for 'the stock')
 */
export function classifySentence(text: string, language: ArticleLanguage, finder: CompanyFinder, context: { lastCompany: CompanyMention | null } = { lastCompany: null }): SentenceReading {
  const lex = LEXICON[language];
  const companies = finder.find(text);
  const days = findDayMentions(text, language);
  const named = companies.filter((c) => !c.anaphor);
  const inside = (n: Span, list: readonly Span[]) => list.some((c) => n.start < c.end && n.end > c.start);
  const numbers = findNumbers(text, language).filter((n) => n.kind !== 'year' && n.kind !== 'date-part' && !inside(n, named) && !inside(n, days));
  const ups = spans(wordRe(language, lex.up), text).map((s) => ({ ...s, dir: 1 as const }));
  const downs = spans(wordRe(language, lex.down), text).map((s) => ({ ...s, dir: -1 as const }));
  const verbs = [...ups, ...downs].filter((v) => !inside(v, named)).sort((a, b) => a.start - b.start || b.end - a.end);
  const hedges = spans(wordRe(language, lex.hedge), text);
  const intraday = spans(wordRe(language, lex.intraday), text);
  const cumulative = spans(wordRe(language, lex.cumulative), text);
  const fillers = [...days, ...hedges, ...intraday, ...cumulative];
  const percents = numbers.filter((n) => n.kind === 'percent');

  const moves: SentenceMove[] = [];
  const caps: SentenceCap[] = [];
  const skipped: SentenceSkip[] = [];
  const skip = (n: NumberMention, reason: string) => skipped.push({ number: n, span: n, reason, kind: n.kind });

  /** The company a verb (or keyword) at `at` is about: the nearest name before it in the sentence, else 'the stock' → the last company. */
  const subjectOf = (at: number, maxGap: number): CompanyMention | null => {
    const before = companies.filter((c) => c.end <= at && at - c.end <= maxGap && !STRONG_BREAK.test(text.slice(c.end, at)));
    const last = before[before.length - 1];
    if (!last) return null;
    if (!last.anaphor) return last;
    // 'L'action Cambricon': a stock noun right before a name is not a back-reference.
    const name = before.filter((c) => !c.anaphor).pop();
    if (name && last.start - name.end <= 0) return name;
    return context.lastCompany ? { ...context.lastCompany, start: last.start, end: last.end, text: last.text, anaphor: true } : null;
  };

  /** The blocker noun in the subject region of a claim, if any. */
  const blockerIn = (from: number, to: number): string | null => {
    const region = blank(text, named, from, to);
    const m = blockerRe(language).exec(region);
    return m ? m[0] : null;
  };

  const nearestDay = (at: number): DayMention | null => {
    if (days.length === 0) return null;
    return [...days].sort((a, b) => Math.abs(a.start - at) - Math.abs(b.start - at))[0];
  };

  for (const p of percents) {
    // The verb leading to the percentage, across fillers only.
    let verb: (Span & { dir: 1 | -1 }) | null = null;
    for (const v of verbs) {
      if (v.end > p.start) break;
      const gapRaw = text.slice(v.end, p.start);
      if (language === 'en' && /^\s*to\b/i.test(gapRaw) && /^up$/i.test(v.text)) continue;
      const gap = blank(text, fillers, v.end, p.start);
      if (gap.length > 45 || /\d/.test(gap) || STRONG_BREAK.test(gap) || /[,，]/.test(gap.replace(/^[,，]\s*/, ''))) continue;
      if (companies.some((c) => c.start >= v.end && c.end <= p.start)) continue;
      if (percents.some((q) => q !== p && q.start >= v.end && q.end <= p.start)) continue;
      verb = v;
    }
    if (!verb && lex.postUp) {
      const after = text.slice(p.end);
      const m = new RegExp(`^\\s(?:${lex.postUp})(?![\\p{L}])`, 'iu').exec(after) ?? new RegExp(`^\\s(?:${lex.postDown})(?![\\p{L}])`, 'iu').exec(after);
      if (m) {
        const up = new RegExp(`^\\s(?:${lex.postUp})`, 'iu').test(after);
        verb = { start: p.end + 1, end: p.end + m[0].length, text: m[0].trim(), dir: up ? 1 : -1 };
      }
    }
    if (!verb) {
      const blocker = blockerIn(clauseStart(text, p.start), p.end);
      skip(p, blocker ? `${REASON.notMove} (${blocker})` : REASON.notMove);
      continue;
    }
    let anchor = Math.min(verb.start, p.start);
    // 'Broadcom, which supplies chips to Google, sank 17%': the subject is before the relative clause.
    const relative = RELATIVE_CLAUSE.exec(text.slice(0, anchor));
    if (relative) anchor = relative.index;
    const company = subjectOf(anchor, 80);
    const from = company && !company.anaphor ? Math.max(clauseStart(text, company.start), company.start - 40) : clauseStart(text, anchor);
    const blocker = blockerIn(from, p.end);
    if (blocker) {
      skip(p, `${REASON.notMove} (${blocker})`);
      continue;
    }
    if (!company) {
      skip(p, REASON.noCompany);
      continue;
    }
    if (company.symbol === null) {
      skip(p, company.reason ?? REASON.noCompany);
      continue;
    }
    const near = (list: Span[]) => list.find((s) => s.end <= p.start && s.start >= Math.min(verb!.start, p.start) - 40 && s.start >= clauseStart(text, verb!.start) - 40);
    const intra = near(intraday);
    const cumul = cumulative.find((s) => Math.abs(s.start - p.start) <= 60);
    const hedge = hedges.find((h) => h.start >= verb!.end - 1 && h.end <= p.start) ?? hedges.find((h) => h.end <= p.start && p.start - h.end <= 2);
    const direction = p.signed ? (Math.sign(p.value) as 1 | -1) : verb.dir;
    moves.push({
      company,
      percent: p,
      limit: null,
      direction,
      verb,
      hedge: hedge ? hedge.text : intra ? intra.text : null,
      basis: intra ? 'intraday' : cumul ? 'cumulative' : 'close',
      day: nearestDay(p.start),
    });
  }

  // Limit moves: 涨停 / 跌停 / 'limit-up'.
  for (const [alt, dir] of LIMIT_WORDS[language]) {
    for (const l of spans(wordRe(language, alt), text)) {
      const company = subjectOf(l.start, 30);
      if (!company || company.symbol === null) {
        skipped.push({ number: null, span: l, reason: company?.reason ?? REASON.noCompany, kind: 'limit' });
        continue;
      }
      // '涨停，涨幅20%': the percentage states the same claim.
      if (moves.some((m) => m.company.symbol === company.symbol && m.percent && m.direction === dir)) continue;
      moves.push({ company, percent: null, limit: dir, direction: dir, verb: l, hedge: null, basis: 'close', day: nearestDay(l.start) });
    }
  }

  // Amounts: market values, changes of value, prices, counts.
  const keywords = spans(wordRe(language, lex.marketValue), text);
  const changeWords = spans(wordRe(language, lex.valueChange), text);
  let lastCap: SentenceCap | null = null;
  for (const n of numbers) {
    if (n.kind === 'percent') continue;
    if (n.kind === 'points') {
      skip(n, REASON.points);
      continue;
    }
    if (n.kind === 'number') {
      skip(n, REASON.count);
      continue;
    }
    // A second amount in brackets right after a market value: '355 milliards de yuans (≈ 49,7 milliards de dollars)'.
    if (lastCap && n.kind === 'amount') {
      const prev = lastCap.amounts[lastCap.amounts.length - 1];
      if (/^\s*[(（]\s*(?:[≈~]|about|approximately|environ|soit|circa|rund|etwa|unos|aproximadamente|约|合)?\s*$/iu.test(text.slice(prev.end, n.start))) {
        lastCap.amounts.push(n);
        continue;
      }
    }
    lastCap = null;
    if (new RegExp(`^\\s*(?:${lex.valueChangeAfter})(?![\\p{L}])`, 'iu').test(text.slice(n.end))) {
      skip(n, REASON.valueChange);
      continue;
    }
    const keyword = keywords.filter((k) => k.end <= n.start && n.start - k.end <= 40 && !/\d/.test(blank(text, days, k.end, n.start)) && !STRONG_BREAK.test(text.slice(k.end, n.start))).pop();
    if (!keyword) {
      skip(n, n.kind === 'count' ? REASON.count : n.value < 1e6 ? REASON.price : REASON.notMarketValue);
      continue;
    }
    if (changeWords.some((c) => c.start >= keyword.end && c.end <= n.start)) {
      skip(n, REASON.valueChange);
      continue;
    }
    const company = subjectOf(keyword.start + 0.5, 160) ?? (keyword.start === 0 ? context.lastCompany : null);
    if (!company) {
      skip(n, REASON.noCompany);
      continue;
    }
    if (company.symbol === null) {
      skip(n, company.reason ?? REASON.noCompany);
      continue;
    }
    lastCap = { company, keyword, amounts: [n], day: nearestDay(keyword.start) };
    caps.push(lastCap);
  }
  return { moves, caps, skipped, companies, days };
}
