/**
 * The classifier: which numbers of one sentence are market claims about a listed company.
 *
 * A percentage is a move claim when a move word leads to it ('a bondi de 20 %', 'fell 17%',
 * 'brach um 17 Prozent ein', '大涨14.19%', 'a 17% drop', German verb-final 'um 12,9 Prozent
 * gestiegen war') with nothing but hedges, days and filler words between, and a company of the
 * data is its subject: the nearest name before the verb (skipping an apposition or relative
 * clause between commas: 'Moutai, China's most valuable company, fell'), else a name between the
 * verb and the number (inversion: 'Am Donnerstag kletterten SMIC um 17,5 Prozent'), else 'the
 * stock' / 'the chipmaker' referring back to a company. 'SMIC a flambé de 17,5 % et Cambricon de
 * 15,7 %' gives Cambricon the first verb (gapping); 'Cambricon y Hygon subieron' gives both.
 * A percentage is NOT a move when a noun of costs, revenue, utilisation, market share, weight,
 * targets, growth or performance is the subject; when a preposition makes it a level ('rose to
 * 7%', 'sceso sotto il 6%', 'subió al 51%'); when a modal makes it a forecast ('could lose
 * another 10%', 'pourrait perdre', '或再跌'). An amount is a market-value claim when a market-value
 * word leads to it ('capitalisation boursière de Cambricon ... à 355 milliards', '总市值达5201亿元'),
 * with its conversion into another currency ('soit environ 49,5 milliards de dollars'); 'wiping
 * out $600 billion of market value' is a change, not a level. 涨停/跌停 ('limit-up') is a move to
 * the daily limit. Everything else is listed with the reason it is not checked. Pure: no data, no
 * dates resolved here.
 *
 * Also (from the third blind set): a signed number right after a name or a colon is a move ('$AMD
 * +9.4%', 'en fanfare : +15,3 %'); 'N% of something' is a share unless it is the security's own
 * value ('7% of the S&P 500', '74 % de ses revenus'); a noun the company owns is the subject ('SMH's
 * assets fell'); a company before a speech verb is the speaker; a denied move ('no se desplomó') is
 * not a claim; nouns of a concessive phrase ('trotz eines Umsatzplus von 78 %') are not the
 * subject's; German separable verbs close the clause after the number ('gaben … um 8,5 % nach');
 * a subject pronoun, a move noun with a copula ('la caída fue del 8,3%') or a phrase opening the
 * sentence ('Après un bond de 9,8 %, … Moutai') find their company; markers ('本周', 'this week')
 * and days belong to the number of their own clause.
 */
import { NOT_LISTED, type CompanyFinder } from './companies.ts';
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
  level: 'a level, not a move',
  forecast: 'a forecast or a hypothesis, not a reported move',
  period: 'a move over months or years, not a day (not checked)',
  partOf: 'a share of something, not a move',
  negated: 'a move the text denies',
  speaker: 'the company is the speaker, not the subject of the move',
} as const;

const CLAUSE_BREAK = /[,;:，；：。()（）]|\s[-–—]\s|\s(?:and|et|e|und|y|while|whereas|but|mais|ma|aber|pero|mentre|während|mientras|alors que)\s/giu;
const STRONG_BREAK = /[;:。；：!?！？]/u;
/**
 * A relative clause closed by a comma before the verb; the verb's own words may follow the comma
 * ('…, whose largest holding is Nvidia, ended the day up 7.6%'): group 1.
 */
const RELATIVE_CLAUSE = /,\s*(?:which|who|whose|that|where|qui|dont|où|che|il quale|la quale|il cui|la cui|i cui|le cui|dove|die|der|das|deren|dessen|welche[rs]?|wo|que|el cual|la cual|quien|cuy[oa]s?|donde)(?![\p{L}])[^,;:]*,(\s*[^,，;:。；：\d%]{0,30})$/iu;
/** An apposition between commas before the verb ('Moutai, China's most valuable company, fell', '…, ha chiuso giovedì in calo'). */
const APPOSITION = /[,，]\s*[^,，;:。；：]{1,90}[,，](\s*[^,，;:。；：\d%]{0,30})$/u;
/** Words that join two subjects of one verb ('Cambricon y Hygon', 'SMIC and Hygon', '寒武纪、海光信息'). */
const COORDINATION = /^\s*(?:,|and|et|e|und|sowie|y|as well as|和|与|及|、)\s*$/iu;
/** Prepositions, articles and conjunctions of the six languages: where a noun phrase after a number ends. */
const FUNCTION_WORD = /(?<![\p{L}])(?:after|before|on|in|at|to|from|for|with|by|since|as|and|or|but|the|a|an|de|du|des|le|la|les|à|en|après|avant|sur|et|ou|di|del|della|il|lo|e|o|su|dopo|prima|con|per|der|die|das|am|im|um|nach|vor|mit|und|oder|el|los|las|y|tras|por|para)(?![\p{L}])/iu;
/** A noun phrase holding the second subject of a gapped verb, the name possibly in brackets. */
const GAPPING_NP = /^[\s,，]*(?:and|et|e|und|sowie|y|while|mentre|mientras|tandis que|während|和|与|、)[\s,，]+(?:[^\s\d,，;:。；：%()（）]+\s+){0,8}[(（]?\s*[)）]?\s*(?:de|del|dell['’]|di|um|by|un|el|of|avec|il|lo|l['’]|la)?\s*$/iu;
/** What may stand between a verb-less percentage and the claim before it for the verb to carry over. */
const GAPPING = /^[\s,，]*(?:and|et|e|und|sowie|y|while|whereas|mentre|mientras|alors que|tandis que|während|和|与|、)?[\s,，]*(?:de|del|dell['’]|di|um|by|un|el|of|avec|il|lo|l['’]|la)?\s*$/iu;

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

/** Offset of the end of the clause that contains `at` (the next clause break after it). */
function clauseEnd(text: string, at: number): number {
  for (const m of text.matchAll(CLAUSE_BREAK)) if (m.index! >= at) return m.index!;
  return text.length;
}

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
  // Directionless verbs ('closed at +20%') lead to signed numbers only; the sign gives the direction.
  const neutral = spans(wordRe(language, lex.signedOnly), text).map((s) => ({ ...s, dir: 1 as const, signedOnly: true }));
  const verbs: (Span & { dir: 1 | -1; signedOnly?: boolean })[] = [...ups, ...downs, ...neutral].filter((v) => !inside(v, companies)).sort((a, b) => a.start - b.start || b.end - a.end);
  const hedges = spans(wordRe(language, lex.hedge), text);
  const intraday = spans(wordRe(language, lex.intraday), text);
  const cumulative = spans(wordRe(language, lex.cumulative), text);
  const fillers = [...days, ...hedges, ...intraday, ...cumulative, ...spans(wordRe(language, lex.fillers), text)];
  const percents = numbers.filter((n) => n.kind === 'percent');
  const bounded = (alt: string) => (language === 'zh' ? `(?:${alt})` : `(?<![\\p{L}])(?:${alt})(?![\\p{L}])`);
  // A level preposition right before the number (an article and hedges may stand between): 'rose to 7%', 'sceso sotto il 6%'.
  const levelRe = new RegExp(`${bounded(lex.level)}\\s*(?:(?:the|il|lo|la|l['’]|el|los|las|le|les|der|die|das|den)(?![\\p{L}]))?\\s*$`, 'iu');
  // Modals are matched as written: 'May' is a month, 'may' a modal.
  const modalRe = new RegExp(bounded(lex.modal), 'u');
  const modalAfterRe = new RegExp(bounded(lex.modalAfter), 'iu');
  const periodRe = new RegExp(bounded(lex.period), 'iu');
  const nounSubjectRe = new RegExp(`^(?:${lex.moveNounSubject})$`, 'iu');
  // '涨幅收窄至23.71%', 'its gain narrowed to 23.7%': the size of the move, not a level.
  const moveSizeRe = new RegExp(`(?:${lex.moveSize})`, 'iu');
  // 'El fabricante chino de chips … se desplomó': a description standing for the company named before.
  const descriptorRe = new RegExp(language === 'zh' ? `^(?:${lex.descriptors})` : `^(?:the|le|la|l['’]|les|il|lo|i|der|die|das|el|los|las)\\s+(?:[\\p{L}-]+\\s+){0,3}?(?:${lex.descriptors})(?![\\p{L}])`, 'iu');
  // 'after' words: what follows is an earlier event ('Dopo un balzo del 10% lunedì, …'), or restates a move ('…, después del 24,4% del viernes').
  const sequenceRe = new RegExp(bounded(lex.ellipsis), 'iu');
  const ellipsisRe = new RegExp(`^\\s*(?:\\p{L}{1,3}\\s*)?[\\s,，]*(?:${lex.ellipsis})(?![\\p{L}])\\s*(?:(?:the|le|la|les|l['’]|il|lo|el|la|der|die|das|dem|den)\\s+)?$`, 'iu');
  const speechRe = new RegExp(bounded(lex.speech), 'iu');
  // A negation right before the move word, one auxiliary between ('no se desplomó', 'did not fall', 'n'a pas chuté').
  const negationRe = new RegExp(`${bounded(lex.negation)}\\s*(?:[\\p{L}'’]+\\s+)?$`, 'iu');
  const notOnlyRe = /^\s*(?:only|nur|seulement|solo|sólo|solamente|只|仅)(?![\p{L}])/iu;
  const pronounRe = new RegExp(bounded(lex.pronouns), 'iu');
  const frontingRe = new RegExp(`^\\s*${bounded(lex.fronting)}`, 'iu');
  // A day and its preposition may stand before it ('fell 10.5% on Thursday, as did AMD').
  const alsoRe = new RegExp(`^\\s*(?:(?:on|in|at|le|la|à|il|am|an|el|en|im)(?![\\p{L}]))?[\\s,，]*(?:${lex.alsoSubjects})(?![\\p{L}])`, 'iu');

  const moves: SentenceMove[] = [];
  const caps: SentenceCap[] = [];
  /** Concessive and causal phrases, each up to its first percentage (else its clause's end). */
  const concessives: Span[] = spans(wordRe(language, lex.concessive), text).map((c) => {
    const q = percents.find((x) => x.start >= c.end && x.end <= clauseEnd(text, c.end));
    const end = q ? q.end : clauseEnd(text, c.end);
    return { start: c.start, end, text: text.slice(c.start, end) };
  });
  const skipped: SentenceSkip[] = [];
  const skip = (n: NumberMention, reason: string) => skipped.push({ number: n, span: n, reason, kind: n.kind });

  /** What a reference back ('the stock', 'die Aktie', 'the chipmaker') names: the last listed company before it in this sentence, else the last company of the article. */
  const antecedent = (ref: CompanyMention): CompanyMention | null => {
    // A stock noun refers to a listed company: a private one (DeepSeek, OpenAI) named in between is skipped.
    const earlier = named.filter((c) => c.end <= ref.start && c.reason !== NOT_LISTED).pop() ?? context.lastCompany;
    return earlier ? { ...earlier, start: ref.start, end: ref.end, text: ref.text, anaphor: true } : null;
  };

  /** The company a verb (or keyword) at `at` is about: the nearest name before it in the sentence, else 'the stock' → its antecedent. */
  const subjectOf = (at: number, maxGap: number): CompanyMention | null => {
    const before = companies.filter((c) => c.end <= at && at - c.end <= maxGap && !STRONG_BREAK.test(text.slice(c.end, at)));
    const last = before[before.length - 1];
    if (!last) return null;
    if (!last.anaphor) return last;
    // 'L'action Cambricon': a stock noun right before a name is not a back-reference.
    const name = before.filter((c) => !c.anaphor).pop();
    if (name && last.start - name.end <= 0) return name;
    return antecedent(last);
  };

  /** The blocker noun in the subject region of a claim, if any. */
  const blockerIn = (from: number, to: number, ignore: readonly Span[] = []): string | null => {
    const region = blank(text, [...named, ...ignore], from, to);
    const m = blockerRe(language).exec(region);
    return m ? m[0] : null;
  };

  const nearestDay = (at: number): DayMention | null => {
    // 'a day after X fell 17%' dates X, not a claim before it nor one after a comma ('A day after its results, Nvidia jumped').
    const usable = days.filter((d) => !d.forward || (d.end <= at && !/[,，;；:：]/.test(text.slice(d.end, at))));
    if (usable.length === 0) return null;
    // A day of the claim's own clause first ('una subida del 11,2% el lunes, después del 24,4% del
    // viernes'); else the nearest one, but not the day of an earlier event in a phrase opened by
    // 'after' ('Dopo un balzo del 10% lunedì, Cambricon ha ceduto il 3%').
    const clause = { start: clauseStart(text, at), end: clauseEnd(text, at) };
    const own = usable.filter((d) => d.start >= clause.start && d.end <= clause.end);
    const other = usable.filter((d) => !sequenceRe.test(text.slice(clauseStart(text, d.start), d.start)));
    const pool = own.length > 0 ? own : other;
    return pool.length === 0 ? null : [...pool].sort((a, b) => Math.abs(a.start - at) - Math.abs(b.start - at))[0];
  };

  /**
   * The other subjects of a verb listed before `company`: 'Cambricon y Hygon subieron', '寒武纪、海光信息双双涨停'.
   * A list needs a conjunction before its last name: 'A, B and C fell', not 'Unlike A, B fell'.
   */
  const coSubjects = (company: CompanyMention): CompanyMention[] => {
    const out: CompanyMention[] = [];
    if (company.anaphor) return out;
    let head = company;
    for (let k = 0; ; k++) {
      const prev = named.filter((c) => c.end <= head.start).pop();
      const link = prev ? text.slice(prev.end, head.start) : '';
      if (!prev || !COORDINATION.test(link) || (k === 0 && /^\s*,\s*$/.test(link))) break;
      if (prev.symbol !== null) out.push(prev);
      head = prev;
    }
    return out;
  };

  /**
   * The percentage a marker ('as much as', 'en séance', '本周累计') qualifies: the nearest one of its
   * own clause ('收涨6.89%，本周累计上涨超30%': 本周 is the 30%'s), else the nearest one after it
   * ('In early trading, Nvidia fell as much as 5%'): a later clause without a number does not
   * qualify the claim before it ('büßten 7,7 % ein, obwohl der Konzern in dieser Woche …').
   */
  const ownerOf = (m: Span): NumberMention | null => {
    const clause = { start: clauseStart(text, m.start), end: clauseEnd(text, m.end) };
    const own = percents.filter((q) => q.start >= clause.start && q.end <= clause.end);
    let best: NumberMention | null = null;
    let bestGap = Infinity;
    for (const q of own.length > 0 ? own : percents.filter((q) => q.start >= m.end)) {
      const gap = m.end <= q.start ? q.start - m.end : m.start >= q.end ? (m.start - q.end) * 1.5 : 0;
      if (gap < bestGap) [best, bestGap] = [q, gap];
    }
    return best;
  };
  /** 'a terminé au plafond de 20 %, tout comme SMIC et Hygon': the companies a claim extends to after it. */
  const alsoSubjectsAfter = (at: number): CompanyMention[] => {
    const m = alsoRe.exec(blank(text, fillers, at, text.length));
    if (!m) return [];
    const out: CompanyMention[] = [];
    let pos = at + m[0].length;
    for (;;) {
      const next = named.find((c) => c.start >= pos && /^[\s,，、]*(?:and|et|e|und|y|和|与|及)?[\s,，、]*$/iu.test(text.slice(pos, c.start)));
      if (!next) break;
      if (next.symbol !== null) out.push(next);
      pos = next.end;
    }
    return out;
  };
  const basisAt = (verb: Span, p: NumberMention): { basis: ClaimBasis; hedge: string | null } => {
    // An intraday phrase of the claim's clause ('Nel corso della seduta Broadcom è arrivata a cedere …',
    // 'a grimpé jusqu'à 38 % en séance'), not of the claim next to it.
    const from = clauseStart(text, Math.min(verb.start, p.start)) - 40;
    const intra = intraday.find((s) => s.start >= from && ownerOf(s) === p && (s.end <= p.start || (s.start - p.end <= 20 && !/[,，;；.。]/.test(text.slice(p.end, s.start)))));
    // Not one after the claim behind 'after' ('fell 4% on Tuesday after a three-day winning streak').
    const cumul = cumulative.find((s) => Math.abs(s.start - p.start) <= 60 && ownerOf(s) === p && !(s.start >= p.end && sequenceRe.test(text.slice(p.end, s.start))));
    const hedge = hedges.find((h) => h.start >= verb.end - 1 && h.end <= p.start) ?? hedges.find((h) => h.end <= p.start && p.start - h.end <= 2);
    return { basis: intra ? 'intraday' : cumul ? 'cumulative' : 'close', hedge: hedge ? hedge.text : intra ? intra.text : null };
  };

  const determinerRe = `(?:(?:${lex.determiners})(?![\\p{L}])\\s*)?`;
  const partOfRe = new RegExp(`^\\s*(?:${lex.partOf})(?![\\p{L}])\\s*`, 'iu');
  const ownValueRe = new RegExp(`^${determinerRe}(?:${lex.ownValue}|${lex.moveSize})(?![\\p{L}])`, 'iu');
  /**
   * '7% of the S&P 500', '74 % de ses revenus', '10% del capitale di AMD', '9 % der Anteile': the
   * percentage is a part of what follows, not a move. Not when what follows is the security's own
   * value or shares ('17% of its value', '20 % du titre'), a move noun, a day ('del viernes') or a
   * company named right after it ('la chute de 20 % de Cambricon'; '7% of the S&P 500' is a weight).
   */
  const partOf = (p: NumberMention): boolean => {
    const m = partOfRe.exec(text.slice(p.end));
    if (!m) return false;
    const at = p.end + m[0].length;
    const rest = text.slice(at);
    if (days.some((d) => d.start === at) || ownValueRe.test(rest)) return false;
    return !companies.some((c) => c.start === at);
  };
  const stockNounRe = new RegExp(language === 'de' || language === 'zh' ? `(?:${lex.stockNouns})` : `(?<![\\p{L}])(?:${lex.stockNouns})(?![\\p{L}])`, 'iu');
  /**
   * A noun the company owns that is the subject instead of its shares: 'SMH's assets fell 8%'
   * ('Nvidia's shares', 'TSMC's depositary receipts' are the shares), 'les actifs de SMH ont
   * baissé'. Returns the noun phrase, or null.
   */
  const ownedNoun = (company: CompanyMention, verbStart: number): string | null => {
    const after = text.slice(company.end, verbStart);
    const possessive = language === 'en' ? /^['’]s?\s+([\p{L}.-]+(?:\s+[\p{L}.-]+){0,3}?)\s*$/u.exec(after) : null;
    if (possessive && !stockNounRe.test(possessive[1]) && !fillerOnly(possessive[1])) return possessive[1];
    if (language === 'zh') return null;
    const before = text.slice(clauseStart(text, company.start), company.start);
    const of = new RegExp(`(?:^|\\s)${determinerRe}([\\p{L}'’-]+(?:\\s+[\\p{L}'’-]+){0,2})\\s+(?:${lex.partOf}${language === 'de' ? '|von' : ''})\\s*$`, 'iu').exec(before);
    if (of && !stockNounRe.test(of[1]) && !fillerOnly(of[1]) && /^\s*$/.test(before.slice(0, of.index))) return of[1];
    return null;
  };
  const fillerOnly = (words: string) => blank(words, [...spans(wordRe(language, lex.fillers), words), ...spans(wordRe(language, lex.up), words), ...spans(wordRe(language, lex.down), words), ...spans(wordRe(language, lex.hedge), words)], 0, words.length).trim() === '';

  /** A company named right after `at` in a complement ('in the Nasdaq', 'del Nasdaq', 'of Nvidia'), or null. */
  const genitiveCompany = (at: number): CompanyMention | null => {
    const m = new RegExp(`^\\s*(?:in|of|for|at|${lex.partOf})(?![\\p{L}])\\s*(?:(?:the|le|la|les|l['’]|il|lo|el|los|las|der|die|das|dem|den)(?![\\p{L}])\\s*)?`, 'iu').exec(text.slice(at));
    const c = m ? companies.find((x) => x.start === at + m[0].length) : undefined;
    return c ? (c.anaphor ? antecedent(c) : c) : null;
  };
  /** A verb-final move word after the percentage, across fillers ('um 12,9 Prozent gestiegen war', 'a 17% drop', '6.4% lower'). */
  const finalWords = [
    [lex.postUp, 1],
    [lex.postDown, -1],
    [lex.finalUp, 1],
    [lex.finalDown, -1],
  ].filter((x): x is [string, 1 | -1] => typeof x[0] === 'string' && x[0] !== '');
  const verbAfter = (p: NumberMention): (Span & { dir: 1 | -1 }) | null => {
    const to = Math.min(text.length, p.end + 40);
    const gap = blank(text, fillers, p.end, to);
    for (const [alt, dir] of finalWords) {
      const m = new RegExp(`^(\\s*)(?:${alt})(?![\\p{L}])`, 'iu').exec(gap);
      if (m && m[1].length <= 30 && (m[1].length > 0 || language === 'zh')) return { start: p.end + m[1].length, end: p.end + m[0].length, text: m[0].trim(), dir };
    }
    // A separable verb: its particle closes the clause after the number and its stem stands before
    // it ('gaben am Donnerstag trotz eines Umsatzplus von 78 % um 8,5 % nach', 'büßten 7,7 % ein').
    for (const [stem, particle, dir] of lex.separable ?? []) {
      const m = new RegExp(`^(\\s*)(?:${particle})(?=\\s*(?:[,.;:!?)]|$|(?:und|sowie|als|nachdem|weil|obwohl|während|wobei|da)(?![\\p{L}])))`, 'iu').exec(gap);
      if (!m || m[1].length > 30) continue;
      const from = Math.max(0, p.start - 90);
      const v = spans(wordRe(language, stem), text.slice(from, p.start)).filter((x) => !STRONG_BREAK.test(text.slice(from + x.end, p.start))).pop();
      // The stem stands for the verb: the subject is found before it.
      if (v) return { start: from + v.start, end: from + v.end, text: `${v.text} … ${m[0].trim()}`, dir };
    }
    return null;
  };

  type Verb = Span & { dir: 1 | -1 };
  /**
   * The move word that leads to `p`: a verb before it across fillers (a company between them is an
   * inverted subject), 'knocked 17% off X', '(+9,7%)' after a name, or a verb after it ('um 12,9
   * Prozent gestiegen'). `level` when the only candidate made the number a level ('rose to 7%').
   */
  const moveWordOf = (p: NumberMention): { verb: Verb | null; inverted: CompanyMention | null; offCompany: CompanyMention | null; level: boolean } => {
    let verb: Verb | null = null;
    let inverted: CompanyMention | null = null;
    let level = false;
    for (const v of verbs) {
      if (v.end > p.start) break;
      if (v.signedOnly && !p.signed) continue;
      const gapRaw = text.slice(v.end, p.start);
      if (language === 'en' && /^\s*to\b/i.test(gapRaw) && /^up$/i.test(v.text)) continue;
      const between = companies.filter((c) => c.start >= v.end && c.end <= p.start);
      const gap = blank(text, [...fillers, ...between], v.end, p.start);
      // One comma may set the number apart after the verb and its day ('volvió a subir el martes, un 3,8%').
      const apart = /^\s*(?:\p{L}{1,3}\s*)?[,，]\s*(?:un|una|by|of|de|du|del|di|della|dello|dell['’]|um|von|il|lo|la|le)?\s*$/u.test(gap);
      // Distance without the blanked fillers ('Der Kursgewinn von Broadcom seit Bekanntgabe des Deals summierte sich auf 14 %').
      if (gap.replace(/\s+/g, ' ').length > 45 || /\d/.test(gap) || STRONG_BREAK.test(gap) || (/[,，]/.test(gap.replace(/^[,，]\s*/, '')) && !apart)) continue;
      if (percents.some((q) => q !== p && q.start >= v.end && q.end <= p.start)) continue;
      // Inversion leaves little else between verb and number ('kletterten SMIC um', 'cayeron las acciones de Broadcom un').
      if (between.length > 0 && gap.replace(/\s+/g, ' ').trim().length > 20) continue;
      if (!p.signed && levelRe.test(gap) && !moveSizeRe.test(v.text)) {
        level = true;
        continue;
      }
      verb = v;
      level = false;
      // A name inside a time phrase ('seit Bekanntgabe des OpenAI-Deals') is not an inverted subject.
      const subjects = between.filter((c) => !fillers.some((f) => f.start <= c.start && f.end >= c.end));
      inverted = subjects.find((c) => !c.anaphor) ?? (subjects[0] ? antecedent(subjects[0]) : null);
    }
    // 'knocked almost 17% off the chipmaker's shares': the company after 'off' falls.
    if (lex.offVerbs) {
      const off = spans(wordRe(language, lex.offVerbs), text).filter((v) => v.end <= p.start && !/\d/.test(blank(text, fillers, v.end, p.start)) && p.start - v.end <= 20).pop();
      const after = /^\s+off\s+/iu.exec(text.slice(p.end));
      const target = after ? companies.find((c) => c.start === p.end + after[0].length) : undefined;
      if (off && target) return { verb: { ...off, dir: -1 }, inverted: null, offCompany: target.anaphor ? antecedent(target) : target, level: false };
    }
    if (verb) return { verb, inverted, offCompany: null, level: false };
    // A signed number standing for the move: in brackets or right after a name ('Alphabet (+9,7%)',
    // '$AMD +9.4% today', '$NVDA +6% y $SMH +6,4%'), or opening the words after a colon that ends
    // the subject's clause ('Hygon a terminé la semaine en fanfare : +15,3 %').
    if (p.signed) {
      const lead = /(?:[(（]|[:：]|(?<=[\p{L}\p{N}.)])(?=[ \u00a0]))\s*$/u.exec(text.slice(0, p.start));
      const right = lead && named.some((c) => c.end <= lead.index && lead.index - c.end <= 1);
      // Not when nouns follow the number ('Nvidia +78% revenue growth', ': +12% data-center capacity').
      const adjunct = /^[\s\u00a0]*((?:[\p{L}][\p{L}/-]*[\s\u00a0]*){1,3})/u.exec(text.slice(p.end));
      // Up to the first function word: '+3.5% after the sales data' is a move.
      const head = adjunct ? adjunct[0].split(FUNCTION_WORD)[0] : '';
      const about = head.trim() ? blockerIn(p.end, p.end + head.length) : null;
      if (lead && !about && (right || /^[:：]/.test(lead[0]))) return { verb: { start: lead.index, end: p.start, text: lead[0], dir: Math.sign(p.value) as 1 | -1 }, inverted: null, offCompany: null, level: false };
    }
    const after = verbAfter(p);
    if (after) {
      // 'auf gut 6 Prozent gesunken': a level.
      const lead = blank(text, fillers, Math.max(0, p.start - 20), p.start);
      if (!p.signed && levelRe.test(lead)) return { verb: null, inverted: null, offCompany: null, level: true };
      // 'a 10% rally in the Nasdaq', 'un calo del 5% di Nvidia': the move of the company in its complement.
      return { verb: after, inverted: null, offCompany: after.start >= p.end ? genitiveCompany(after.end) : null, level: false };
    }
    return { verb: null, inverted: null, offCompany: null, level };
  };

  /** Gapping: 'SMIC a flambé de 17,5 % et Cambricon de 15,7 %' — the claim before lends its verb to a name and a number. */
  const gappedFrom = (p: NumberMention): { prev: SentenceMove; who: CompanyMention } | null => {
    const prev = moves.filter((m) => m.percent && m.percent.end <= p.start).pop();
    if (!prev || !prev.percent || percents.some((q) => q.start >= prev.percent!.end && q.end <= p.start)) return null;
    const between = companies.filter((c) => c.start >= prev.percent!.end && c.end <= p.start);
    const gap = blank(text, [...fillers, ...between], prev.percent.end, p.start);
    // '…, después del 24,4% del viernes', 'after Friday's 24.4%': the same company's earlier move.
    if (between.length === 0) return ellipsisRe.test(gap) ? { prev, who: genitiveCompany(p.end) ?? prev.company } : null;
    const who = between.length === 1 ? (between[0].anaphor ? antecedent(between[0]) : between[0]) : null;
    if (!who) return null;
    if (GAPPING.test(gap)) return { prev, who };
    // The second subject may be a noun phrase with the name in it or in brackets: 'e l'ETF VanEck
    // sui semiconduttori (SMH) il 7,1%' — a few words, no verb, no number, no blocker noun.
    const np = GAPPING_NP.exec(gap);
    return np && !blockerIn(prev.percent.end, p.start, between) ? { prev, who } : null;
  };

  for (const p of percents) {
    const { verb, inverted, offCompany, level } = moveWordOf(p);
    if (!verb) {
      const gapped = gappedFrom(p);
      if (gapped && gapped.who.symbol === null) skip(p, gapped.who.reason ?? REASON.noCompany);
      else if (gapped) {
        const { prev, who } = gapped;
        const { basis, hedge } = basisAt(prev.verb, p);
        moves.push({ company: who, percent: p, limit: null, direction: p.signed ? (Math.sign(p.value) as 1 | -1) : prev.direction, verb: prev.verb, hedge, basis, day: nearestDay(p.start) });
      } else {
        const blocker = blockerIn(clauseStart(text, p.start), p.end);
        skip(p, blocker ? `${REASON.notMove} (${blocker})` : level ? REASON.level : REASON.notMove);
      }
      continue;
    }
    let anchor = Math.min(verb.start, p.start);
    // 'Broadcom, which supplies chips to Google, sank 17%': the subject is before the relative clause
    // (whose nouns are not the subject's: 'Cambricon, the largest weight in the STAR 50, gained').
    let aside: Span | null = null;
    // The words between the closing comma and the move word are the verb's, and name no other company.
    const closed = (m: RegExpExecArray | null) => (m && !companies.some((c) => c.start >= anchor - m[1].length && c.end <= anchor) ? m : null);
    const relative = closed(RELATIVE_CLAUSE.exec(text.slice(0, anchor)));
    const appo = relative ? null : closed(APPOSITION.exec(text.slice(0, anchor)));
    if (relative) aside = { start: relative.index, end: anchor - relative[1].length, text: relative[0] };
    else if (appo && named.some((c) => c.end <= appo.index && appo.index - c.end <= 1)) aside = { start: appo.index, end: anchor - appo[1].length, text: appo[0] };
    if (aside) anchor = aside.start;
    let company = offCompany ?? subjectOf(anchor, 80);
    // Inversion: a company between verb and number is the subject when none stands before the verb
    // in its clause, and always in German, whose verb comes second ('Wie Nvidia verlor auch AMD 6 Prozent').
    if (inverted && !offCompany && (language === 'de' || !company || company.end <= clauseStart(text, verb.start))) company = inverted;
    // 'Nvidia said data-center sales rose 154%', 'Microsoft ha detto che Azure è cresciuto del 33%':
    // a company before a speech verb is the speaker; the move is its report's subject's.
    let speaker = false;
    const said = company && !company.anaphor && company.end <= anchor ? speechRe.exec(blank(text, aside ? [aside] : [], company.end, anchor)) : null;
    if (company && said) {
      // Unless the report is about its own shares ('英伟达称其股价上涨5%').
      const reported = text.slice(company.end + said.index + said[0].length, anchor);
      if (!(pronounRe.test(reported) && stockNounRe.test(reported))) {
        company = null;
        speaker = true;
      }
    }
    // The last listed company before the verb in this sentence (across a colon), else the article's.
    const lastListed = (): CompanyMention | null => named.filter((c) => c.end <= verb.start && c.reason !== NOT_LISTED).pop() ?? context.lastCompany;
    const clauseOfVerb = clauseStart(text, Math.min(verb.start, p.start));
    if (!company && !speaker) {
      const prior = lastListed();
      const stand = (sp: Span): CompanyMention => ({ ...prior!, start: sp.start, end: sp.end, text: sp.text, anaphor: true });
      // 'Zeitweise hatte das Minus mehr als 18 Prozent betragen', 'la caída fue del 8,3%': the move of the last company.
      if (prior && (nounSubjectRe.test(verb.text) || (verb.end <= p.start && nounSubjectRe.test(text.slice(verb.start, p.start).trim())))) company = stand(verb);
      // '…, im Handelsverlauf hatten sie zeitweise fast 16 % höher notiert': a subject pronoun of the verb's clause.
      else if (prior) {
        const pro = spans(new RegExp(pronounRe.source, `g${pronounRe.flags}`), text.slice(clauseOfVerb, Math.min(verb.start, p.start))).shift();
        if (pro) company = stand({ start: clauseOfVerb + pro.start, end: clauseOfVerb + pro.end, text: pro.text });
      }
    }
    // 'Après un nouveau bond de 9,8 % jeudi, la capitalisation de Kweichow Moutai est remontée …': a
    // phrase opening the sentence before its subject is about the first company of the main clause.
    let fronted: Span | null = null;
    if (!company && !speaker && !companies.some((c) => c.end <= Math.min(verb.start, p.start)) && clauseOfVerb === 0 && frontingRe.test(text)) {
      const cut = clauseEnd(text, Math.max(verb.end, p.end));
      const main = named.find((c) => c.start >= cut && c.start - cut <= 60 && !STRONG_BREAK.test(text.slice(cut, c.start)));
      if (main && /^[,，]/.test(text.slice(cut))) {
        company = main;
        fronted = { start: 0, end: cut, text: text.slice(0, cut) };
      }
    }
    if (!company && !speaker && !companies.some((c) => c.end <= verb.start) && context.lastCompany) {
      // 'El fabricante chino de chips … se desplomó': a description opening the sentence or the verb's clause.
      const stand = (sp: Span): CompanyMention => ({ ...context.lastCompany!, start: sp.start, end: sp.end, text: sp.text, anaphor: true });
      for (const at of [0, clauseStart(text, verb.start)]) {
        const d = descriptorRe.exec(text.slice(at, verb.start).trimStart());
        if (d) {
          const start = at + text.slice(at).length - text.slice(at).trimStart().length;
          company = stand({ start, end: start + d[0].length, text: d[0] });
          break;
        }
      }
    }
    const from = company && !company.anaphor && company.start < verb.start ? Math.max(clauseStart(text, company.start), company.start - 40) : clauseStart(text, anchor);
    // Clauses between the subject and the verb's clause are not the subject's ('Nvidia reste valorisée
    // à 30 fois ses bénéfices, même après avoir lâché 9,5 %'); its own noun phrase is ('Cambricon's revenue, which …').
    const between: Span[] = [];
    if (company && !company.anaphor && company.end + 30 < clauseStart(text, verb.start)) between.push({ start: company.end + 30, end: clauseStart(text, verb.start), text: '' });
    if (aside) between.push(aside);
    // A noun followed by another number before this one is that number's ('gaben nach einem Umsatzplus von 39 % um 3 % nach').
    for (const q of percents) if (q !== p && verb.end <= q.start && q.end <= p.start) between.push({ start: verb.end, end: q.end, text: '' });
    // A concessive or causal phrase is not the subject's ('trotz eines Umsatzplus von 78 %', 'malgré une hausse de 74 %').
    for (const c of concessives) if (!(p.start >= c.start && p.end <= c.end)) between.push(c);
    const blocker = fronted ? blockerIn(fronted.start, fronted.end) : (blockerIn(from, p.end, between) ?? (company && !company.anaphor && company.end <= verb.start ? ownedNoun(company, verb.start) : null));
    if (blocker) {
      skip(p, `${REASON.notMove} (${blocker})`);
      continue;
    }
    if (partOf(p)) {
      skip(p, REASON.partOf);
      continue;
    }
    // A number inside a concessive phrase is about that phrase's own subject ('rose 5% despite a 20%
    // drop in gaming revenue'), and a move noun after the number about its complement ('a 20% drop in revenue').
    const inConcessive = concessives.find((c) => p.start >= c.start && p.end <= c.end);
    if (inConcessive && !(company && company.start >= inConcessive.start)) {
      skip(p, REASON.notMove);
      continue;
    }
    if (verb.start >= p.end) {
      const complement = blockerIn(verb.end, Math.min(clauseEnd(text, verb.end), verb.end + 40));
      if (complement && /^\s*(?:in|of|at|for|de|du|des|d['’]|di|del|della|dei|bei|beim|im|der|des|en)(?![\p{L}])/iu.test(text.slice(verb.end))) {
        skip(p, `${REASON.notMove} (${complement})`);
        continue;
      }
    }
    if (!company) {
      skip(p, speaker ? REASON.speaker : REASON.noCompany);
      continue;
    }
    if (company.symbol === null) {
      skip(p, company.reason ?? REASON.noCompany);
      continue;
    }
    // 'AMD no se desplomó un 15%', 'Nvidia did not fall 20%', 'fiel nicht um 15 %' (but 'n'a cédé que 2 %', 'not only').
    const negatedBefore = negationRe.exec(text.slice(Math.max(0, verb.start - 24), verb.start));
    const negatedAfter = verb.end <= p.start ? new RegExp(`^\\s*${bounded(lex.negation)}`, 'iu').exec(text.slice(verb.end, p.start)) : null;
    const restriction = /^\s*(?:que|qu['’])/iu.test(text.slice(verb.end, p.start));
    if ((negatedBefore || negatedAfter) && !restriction && !notOnlyRe.test(text.slice((negatedAfter ? verb.end + negatedAfter.index + negatedAfter[0].length : verb.start)))) {
      skip(p, REASON.negated);
      continue;
    }
    // 'Nvidia could lose another 10%', '英伟达股价或再跌15%', 'einen Rückgang um 15 Prozent für möglich'.
    // From the start of the subject's clause: 'Analysts expect Nvidia shares to rise', 'Nvidia could see its stock rally'.
    const modalFrom = clauseStart(text, Math.min(company.start, verb.start));
    const beforeVerb = blank(text, aside ? [aside] : [], modalFrom, Math.max(modalFrom, Math.min(verb.start, p.start)));
    if (modalRe.test(beforeVerb) || modalAfterRe.test(text.slice(p.end, clauseEnd(text, p.end)))) {
      skip(p, REASON.forecast);
      continue;
    }
    // 'after its 170% rally last year', '今年以来累计上涨': a performance over a period, not a day's move.
    const near = { start: Math.max(clauseStart(text, Math.min(verb.start, p.start)), Math.min(verb.start, p.start) - 30), end: Math.min(clauseEnd(text, p.end), p.end + 30) };
    if (periodRe.test(text.slice(near.start, near.end))) {
      skip(p, REASON.period);
      continue;
    }
    const { basis, hedge } = basisAt(verb, p);
    const direction = p.signed ? (Math.sign(p.value) as 1 | -1) : verb.dir;
    const day = nearestDay(p.start);
    moves.push({ company, percent: p, limit: null, direction, verb, hedge, basis, day });
    // 'Cambricon y Hygon subieron el máximo permitido del 20%': every subject of the verb.
    if (company.start < verb.start) for (const other of coSubjects(company)) moves.push({ company: other, percent: p, limit: null, direction, verb, hedge, basis, day });
    for (const other of alsoSubjectsAfter(p.end)) moves.push({ company: other, percent: p, limit: null, direction, verb, hedge, basis, day });
  }

  // Limit moves: 涨停 / 跌停 / 'limit-up'.
  for (const [alt, dir] of LIMIT_WORDS[language]) {
    for (const l of spans(wordRe(language, alt), text)) {
      const company = subjectOf(l.start, 30);
      // 'en hausse de 20 %, au plafond autorisé': the limit restates the move next to it.
      if (!company && moves.some((m) => m.percent && m.direction === dir && Math.abs(m.percent.end - l.start) <= 40)) continue;
      if (!company || company.symbol === null) {
        skipped.push({ number: null, span: l, reason: company?.reason ?? REASON.noCompany, kind: 'limit' });
        continue;
      }
      for (const who of [company, ...coSubjects(company)]) {
        // '涨停，涨幅20%': the percentage states the same claim.
        if (moves.some((m) => m.company.symbol === who.symbol && m.percent && m.direction === dir)) continue;
        moves.push({ company: who, percent: null, limit: dir, direction: dir, verb: l, hedge: null, basis: 'close', day: nearestDay(l.start) });
      }
    }
  }

  // Amounts: market values, changes of value, prices, counts.
  const keywords = spans(wordRe(language, lex.marketValue), text);
  const aroundKeywords = lex.marketValueAround ? spans(wordRe(language, lex.marketValueAround[0]), text) : [];
  const conversionRe = new RegExp(`^[\\s,，(（≈~]*(?:(?:${lex.conversion})(?![\\p{L}])[\\s,]*)*$`, 'iu');
  // '(≈ 49,7 milliards de dollars)', '(poco più di 70 miliardi di dollari)': a bracket with hedges and conversion words.
  const bracketRe = new RegExp(`^\\s*[(（]\\s*(?:(?:[≈~]|${lex.hedge}|${lex.conversion})(?![\\p{L}])\\s*)*$`, 'iu');
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
    // The same value in another currency right after a market value: '355 milliards de yuans
    // (≈ 49,7 milliards de dollars)', ', soit environ 49,5 milliards de dollars', ', umgerechnet knapp …'.
    if (lastCap && n.kind === 'amount') {
      const prev = lastCap.amounts[lastCap.amounts.length - 1];
      const between = text.slice(prev.end, n.start);
      const bracket = bracketRe.test(between);
      const converted = n.currency !== prev.currency && conversionRe.test(between) && /[\p{L}\p{Script=Han}]/u.test(between);
      if (bracket || converted) {
        lastCap.amounts.push(n);
        continue;
      }
    }
    lastCap = null;
    if (new RegExp(`^\\s*(?:${lex.valueChangeAfter})(?![\\p{L}])`, 'iu').test(text.slice(n.end))) {
      skip(n, REASON.valueChange);
      continue;
    }
    // The market-value word before the amount; the company may stand between ('la capitalisation
    // boursière de Cambricon frôlait les 355 milliards').
    // 'an der Börse gut 664 Mrd. Yuan wert': words before and after the amount that make it a market value.
    const aroundAfter = lex.marketValueAround ? new RegExp(`^\\s*(?:${lex.marketValueAround[1]})(?![\\p{L}])`, 'iu').test(text.slice(n.end)) : false;
    const keyword = (aroundAfter ? [...keywords, ...aroundKeywords].sort((a, b) => a.start - b.start) : keywords)
      .filter((k) => k.end <= n.start && n.start - k.end <= 60 && !/\d/.test(blank(text, [...days, ...companies], k.end, n.start)) && !STRONG_BREAK.test(text.slice(k.end, n.start)))
      .filter((k) => n.start - k.end - companies.filter((c) => c.start >= k.end && c.end <= n.start).reduce((w, c) => w + c.end - c.start, 0) <= 40)
      .pop();
    if (!keyword) {
      skip(n, n.kind === 'count' ? REASON.count : n.value < 1e6 ? REASON.price : REASON.notMarketValue);
      continue;
    }
    if (changeWords.some((c) => c.start >= keyword.end && c.end <= n.start)) {
      skip(n, REASON.valueChange);
      continue;
    }
    const of = new RegExp(`^\\s*(?:${lex.valueOf})\\s*$`, 'iu');
    const owner = companies.find((c) => c.start >= keyword.end && c.end <= n.start && of.test(text.slice(keyword.end, c.start)));
    // Else the company named before the keyword; 'der Börsenwert', 'su capitalización' (a definite or
    // possessive keyword) without one: the last company named, in this sentence or before it.
    const lastNamed = named.filter((c) => c.end <= keyword.start).pop() ?? null;
    const definite = /(?:^|[\s(（,，;；:：])(?:its|their|the|sa|son|leur|la|le|sua|suo|il|der|die|das|den|dem|sein|seine|seinen|ihr|ihre|ihren|su|el)\s+$/iu.test(text.slice(0, keyword.start));
    const company = (owner ? (owner.anaphor ? antecedent(owner) : owner) : null) ?? subjectOf(keyword.start + 0.5, 160) ?? (definite || language === 'zh' ? (lastNamed ?? context.lastCompany) : null);
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
