/**
 * From article text to claims ready for the checker, without touching prices: the article's date
 * and language, its sentences, each sentence read by the classifier with the last company named
 * before it (for 'the stock') and the last day named (for 'the same day'), days resolved on each
 * security's own exchange calendar, and every number that is not a claim listed with its reason.
 */
import { InputError } from '../../errors.ts';
import type { IsoDate, SymbolInfo } from '../../types.ts';
import { buildCalendar, type TradingCalendar } from '../../calendar/calendar.ts';
import { parseIsoDate } from '../../calendar/dates.ts';
import { assertTimeZone, convertWallClock } from '../../calendar/timezone.ts';
import { priceLimitRule } from '../../returns/price-limits.ts';
import { formatMovePct } from '../parse.ts';
import type { ClaimInput, MoneyAmount } from '../types.ts';
import { classifySentence, REASON, type SentenceMove } from './classify.ts';
import { NOT_LISTED, type CompanyFinder } from './companies.ts';
import { findArticleDate, resolveDayMention } from './dates.ts';
import { detectLanguage } from './language.ts';
import { splitSentences } from './sentences.ts';
import { ARTICLE_LANGUAGES, type ArticleDate, type ArticleLanguage, type CompanyMention, type DayMention, type ExtractedClaim, type NotCheckedItem, type Sentence, type Span } from './types.ts';

export interface ExtractOptions {
  /** The article's date (--date); else the date the text states about itself. */
  date?: IsoDate;
  /** Zone of the dateline's time (--tz), when the text states a time but no zone. */
  timeZone?: string;
  /** Force a language instead of detecting it. */
  language?: ArticleLanguage;
  finder: CompanyFinder;
  /** SymbolInfo of a symbol of the alias table (exchange, zone, currency, kind). */
  symbolInfo: (symbol: string) => SymbolInfo;
}

export interface ExtractedArticle {
  article: ArticleDate & { language: ArticleLanguage };
  sentences: Sentence[];
  claims: ExtractedClaim[];
  notChecked: NotCheckedItem[];
}

/**
 * The article's date: --date, else the text's own, else an InputError asking for --date.
 * @throws InputError when neither gives a date, or for a bad --date / --tz
 */
export function articleDate(text: string, opts: Pick<ExtractOptions, 'date' | 'timeZone'>): ArticleDate {
  const tz = opts.timeZone === undefined ? null : assertTimeZone(opts.timeZone);
  if (opts.date !== undefined) return { date: parseIsoDate(opts.date, '--date'), source: 'flag', time: null, timeZone: tz, found: null };
  const found = findArticleDate(text);
  if (!found) {
    throw new InputError("the article states no date of its own (no dateline such as '13 août 2025', 'January 28, 2025' or '2025-08-13' in its first lines): give its date with --date YYYY-MM-DD");
  }
  return { date: found.date, source: 'text', time: found.time, timeZone: found.timeZone ?? tz, found: found.found };
}

/**
 * Reads an article. Pure apart from the calendars it builds.
 * @example extractArticle(text, { finder, symbolInfo }).claims.map((c) => [c.symbol, c.kind, c.move])
 */
export function extractArticle(text: string, opts: ExtractOptions): ExtractedArticle {
  if (typeof text !== 'string' || text.trim() === '') throw new InputError('the article is empty');
  if (opts.language !== undefined && !ARTICLE_LANGUAGES.includes(opts.language)) throw new InputError(`language '${opts.language}' is not one of ${ARTICLE_LANGUAGES.join(', ')}`);
  const language = opts.language ?? detectLanguage(text);
  const date = articleDate(text, opts);
  const sentences = splitSentences(text, language);
  const calendars = new Map<string, TradingCalendar | null>();
  const calendarOf = (info: SymbolInfo) => {
    if (!calendars.has(info.exchange)) {
      let cal: TradingCalendar | null = null;
      try {
        cal = buildCalendar(info.exchange);
      } catch {
        cal = null;
      }
      calendars.set(info.exchange, cal);
    }
    return calendars.get(info.exchange) ?? null;
  };
  /** The article's date on the security's exchange (a dateline time moves it across midnight). */
  const localDate = (info: SymbolInfo): IsoDate =>
    date.time !== null && date.timeZone !== null ? convertWallClock(date.date, date.time, date.timeZone, info.timeZone).date : date.date;

  const claims: ExtractedClaim[] = [];
  const notChecked: NotCheckedItem[] = [];
  let lastCompany: CompanyMention | null = null;
  let lastDay: DayMention | null = null;
  /** Every day named so far (not 'the same day' / 'the previous session', which are relative). */
  const namedDays: DayMention[] = [];
  // The dateline's own numbers are the article's date, not claims.
  const datelineEnd = date.source === 'text' && date.found !== null ? text.indexOf(date.found) + date.found.length : -1;

  for (const s of sentences) {
    const reading = classifySentence(s.text, language, opts.finder, { lastCompany });
    const g = (sp: Span): Span => ({ start: s.start + sp.start, end: s.start + sp.end, text: sp.text });
    const resolve = (info: SymbolInfo, day: DayMention | null): IsoDate | null => {
      if (!day) return null;
      const base = localDate(info);
      if (day.kind !== 'same-day' && day.kind !== 'previous-day') return resolveDayMention(day, base, calendarOf(info));
      // 'the same day' / 'the previous session' refer to the day named last: earlier in this
      // sentence, else in an earlier one. 'That day' with no day before it names none.
      const prior = reading.days.filter((d) => d.end <= day.start && d.kind !== 'same-day' && d.kind !== 'previous-day').pop() ?? lastDay;
      if (day.kind === 'same-day' && !prior) return null;
      const previous = prior ? resolveDayMention(prior, base, calendarOf(info)) : null;
      return resolveDayMention(day, base, calendarOf(info), previous);
    };
    /**
     * The latest day the article has named so far, for a market value stated without a day of its
     * own ('Con ello, su capitalización quedó en …' after '… se desplomó el jueves'); null: none.
     */
    const latestNamed = (info: SymbolInfo): IsoDate | null => {
      const all = [...namedDays, ...reading.days.filter((d) => d.kind !== 'same-day' && d.kind !== 'previous-day' && s.start + d.start >= datelineEnd)].map((d) => resolve(info, d)).filter((d): d is IsoDate => d !== null);
      return all.length > 0 ? all.reduce((a, b) => (a > b ? a : b)) : null;
    };
    const companyText = (c: CompanyMention) => (c.anaphor && lastCompany ? `${c.text} (${lastCompany.text})` : c.text);
    const moveClaims = new Map<SentenceMove, ExtractedClaim>();

    for (const m of reading.moves) {
      const symbol = m.company.symbol!;
      const info = opts.symbolInfo(symbol);
      const stated = resolve(info, m.day);
      const reportedOn = stated ?? localDate(info);
      let move: number;
      if (m.percent) move = m.direction * Math.abs(m.percent.value);
      else {
        const limit = priceLimitRule(symbol, reportedOn, { kind: info.kind });
        if (limit === null) {
          notChecked.push({ sentenceIndex: s.index, sentence: s.text, text: m.verb.text, start: s.start + m.verb.start, end: s.start + m.verb.end, kind: 'limit', value: m.direction, currency: null, reason: REASON.noLimit });
          continue;
        }
        move = m.direction * limit;
      }
      const input: ClaimInput = { subject: symbol, reportedOn, move: formatMovePct(move, 4), basis: m.basis, ...(stated ? { lookback: 0 } : {}) };
      const claim: ExtractedClaim = {
        sentenceIndex: s.index,
        sentence: s.text,
        company: companyText(m.company),
        symbol,
        kind: 'move',
        move,
        basis: m.basis,
        moveText: m.percent ? s.text.slice(Math.min(m.verb.start, m.percent.start), Math.max(m.verb.end, m.percent.end)) : m.verb.text,
        hedge: m.hedge,
        limitMove: m.percent === null,
        amounts: [],
        amountText: null,
        statedDate: stated,
        statedDateText: m.day?.text ?? null,
        spans: [g(m.company), ...(m.percent ? [g({ start: Math.min(m.verb.start, m.percent.start), end: Math.max(m.verb.end, m.percent.end), text: '' })] : [g(m.verb)])].map((sp) => ({ ...sp, text: text.slice(sp.start, sp.end) })),
        input,
      };
      moveClaims.set(m, claim);
      claims.push(claim);
    }

    for (const c of reading.caps) {
      const symbol = c.company.symbol!;
      const info = opts.symbolInfo(symbol);
      const amounts: MoneyAmount[] = c.amounts.map((a) => ({ value: a.value, currency: a.currency ?? info.currency }));
      const move = [...moveClaims.values()].find((m) => m.symbol === symbol && m.input.marketCap === undefined);
      const amountSpan = g({ start: c.amounts[0].start, end: c.amounts[c.amounts.length - 1].end, text: '' });
      const amountText = text.slice(amountSpan.start, amountSpan.end);
      let input: ClaimInput;
      let stated: IsoDate | null;
      if (move) {
        move.input = { ...move.input, marketCap: amounts };
        input = move.input;
        stated = move.statedDate;
      } else {
        // A market value stated without a day of its own is the one of the day named last
        // ('Con ello, su capitalización quedó en …' after '… se desplomó el jueves'), else of the article's date.
        stated = resolve(info, c.day) ?? latestNamed(info);
        input = { subject: symbol, reportedOn: stated ?? localDate(info), move: 0, lookback: 0, marketCap: amounts };
      }
      claims.push({
        sentenceIndex: s.index,
        sentence: s.text,
        company: companyText(c.company),
        symbol,
        kind: 'market-cap',
        move: null,
        basis: null,
        moveText: null,
        hedge: null,
        limitMove: false,
        amounts,
        amountText,
        statedDate: stated,
        statedDateText: move ? move.statedDateText : (c.day?.text ?? null),
        spans: [g(c.keyword), { ...amountSpan, text: amountText }],
        input,
      });
    }

    for (const k of reading.skipped) {
      const start = s.start + k.span.start;
      if (start < datelineEnd) continue;
      notChecked.push({
        sentenceIndex: s.index,
        sentence: s.text,
        text: k.span.text,
        start,
        end: s.start + k.span.end,
        kind: k.kind === 'year' || k.kind === 'date-part' ? 'number' : k.kind,
        value: k.number?.value ?? 0,
        currency: k.number?.currency ?? null,
        reason: k.reason,
      });
    }
    // 'The stock' in a later sentence is a listed company: private ones (OpenAI, DeepSeek) are not its antecedent.
    const named = reading.companies.filter((c) => !c.anaphor && c.reason !== NOT_LISTED);
    if (named.length > 0) lastCompany = named[named.length - 1];
    const dated = reading.days.filter((d) => d.kind !== 'same-day' && d.kind !== 'previous-day');
    if (dated.length > 0) lastDay = dated[dated.length - 1];
    namedDays.push(...dated.filter((d) => s.start + d.start >= datelineEnd));
  }
  return { article: { ...date, language }, sentences, claims, notChecked };
}
