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
} as const;

const CLAUSE_BREAK = /[,;:，；：。()（）]|\s[-–—]\s|\s(?:and|et|e|und|y|while|whereas|but|mais|ma|aber|pero|mentre|während|mientras|alors que)\s/giu;
const STRONG_BREAK = /[;:。；：!?！？]/u;
/** A relative clause or apposition closed by a comma right before the verb. */
const RELATIVE_CLAUSE = /,\s*(?:which|who|that|qui|dont|che|il quale|la quale|die|der|das|welche[rs]?|que|el cual|la cual|quien)(?![\p{L}])[^,;:]*,\s*$/iu;
/** An apposition between commas right before the verb ('Moutai, China's most valuable company, fell'). */
const APPOSITION = /[,，]\s*[^,，;:。；：]{1,90}[,，]\s*$/u;
/** Words that join two subjects of one verb ('Cambricon y Hygon', 'SMIC and Hygon', '寒武纪、海光信息'). */
const COORDINATION = /^\s*(?:,|and|et|e|und|sowie|y|as well as|和|与|及|、)\s*$/iu;
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
  // A day and its preposition may stand before it ('fell 10.5% on Thursday, as did AMD').
  const alsoRe = new RegExp(`^\\s*(?:(?:on|in|at|le|la|à|il|am|an|el|en|im)(?![\\p{L}]))?[\\s,，]*(?:${lex.alsoSubjects})(?![\\p{L}])`, 'iu');

  const moves: SentenceMove[] = [];
  const caps: SentenceCap[] = [];
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
    return [...usable].sort((a, b) => Math.abs(a.start - at) - Math.abs(b.start - at))[0];
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

  /** The percentage a marker ('as much as', 'en séance', '本周累计') is nearest to: it qualifies that claim only. */
  const ownerOf = (m: Span): NumberMention | null => {
    let best: NumberMention | null = null;
    let bestGap = Infinity;
    for (const q of percents) {
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
    const cumul = cumulative.find((s) => Math.abs(s.start - p.start) <= 60 && ownerOf(s) === p);
    const hedge = hedges.find((h) => h.start >= verb.end - 1 && h.end <= p.start) ?? hedges.find((h) => h.end <= p.start && p.start - h.end <= 2);
    return { basis: intra ? 'intraday' : cumul ? 'cumulative' : 'close', hedge: hedge ? hedge.text : intra ? intra.text : null };
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
      if (gap.length > 45 || /\d/.test(gap) || STRONG_BREAK.test(gap) || /[,，]/.test(gap.replace(/^[,，]\s*/, ''))) continue;
      if (percents.some((q) => q !== p && q.start >= v.end && q.end <= p.start)) continue;
      // Inversion leaves little else between verb and number ('kletterten SMIC um', 'cayeron las acciones de Broadcom un').
      if (between.length > 0 && gap.replace(/\s+/g, ' ').trim().length > 20) continue;
      if (!p.signed && levelRe.test(gap) && !moveSizeRe.test(v.text)) {
        level = true;
        continue;
      }
      verb = v;
      level = false;
      inverted = between.find((c) => !c.anaphor) ?? (between[0] ? antecedent(between[0]) : null);
    }
    // 'knocked almost 17% off the chipmaker's shares': the company after 'off' falls.
    if (lex.offVerbs) {
      const off = spans(wordRe(language, lex.offVerbs), text).filter((v) => v.end <= p.start && !/\d/.test(blank(text, fillers, v.end, p.start)) && p.start - v.end <= 20).pop();
      const after = /^\s+off\s+/iu.exec(text.slice(p.end));
      const target = after ? companies.find((c) => c.start === p.end + after[0].length) : undefined;
      if (off && target) return { verb: { ...off, dir: -1 }, inverted: null, offCompany: target.anaphor ? antecedent(target) : target, level: false };
    }
    if (verb) return { verb, inverted, offCompany: null, level: false };
    // 'Brillante anche Alphabet (+9,7%)', 'Nvidia (+18,7 %)': a signed number in brackets right after a name.
    if (p.signed) {
      const open = /[(（]\s*$/.exec(text.slice(0, p.start));
      if (open && named.some((c) => c.end <= open.index && open.index - c.end <= 1)) return { verb: { start: open.index, end: p.start, text: open[0], dir: Math.sign(p.value) as 1 | -1 }, inverted: null, offCompany: null, level: false };
    }
    const after = verbAfter(p);
    if (after) {
      // 'auf gut 6 Prozent gesunken': a level.
      const lead = blank(text, fillers, Math.max(0, p.start - 20), p.start);
      if (!p.signed && levelRe.test(lead)) return { verb: null, inverted: null, offCompany: null, level: true };
      return { verb: after, inverted: null, offCompany: null, level: false };
    }
    return { verb: null, inverted: null, offCompany: null, level };
  };

  /** Gapping: 'SMIC a flambé de 17,5 % et Cambricon de 15,7 %' — the claim before lends its verb to a name and a number. */
  const gappedFrom = (p: NumberMention): { prev: SentenceMove; who: CompanyMention } | null => {
    const prev = moves.filter((m) => m.percent && m.percent.end <= p.start).pop();
    if (!prev || !prev.percent || percents.some((q) => q.start >= prev.percent!.end && q.end <= p.start)) return null;
    const between = companies.filter((c) => c.start >= prev.percent!.end && c.end <= p.start);
    const who = between.length === 1 ? (between[0].anaphor ? antecedent(between[0]) : between[0]) : null;
    return who && GAPPING.test(blank(text, [...fillers, ...between], prev.percent.end, p.start)) ? { prev, who } : null;
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
    const relative = RELATIVE_CLAUSE.exec(text.slice(0, anchor));
    const appo = relative ? null : APPOSITION.exec(text.slice(0, anchor));
    if (relative) aside = { start: relative.index, end: anchor, text: relative[0] };
    else if (appo && named.some((c) => c.end <= appo.index && appo.index - c.end <= 1)) aside = { start: appo.index, end: anchor, text: appo[0] };
    if (aside) anchor = aside.start;
    let company = offCompany ?? subjectOf(anchor, 80);
    // Inversion: a company between verb and number is the subject when none stands before the verb
    // in its clause, and always in German, whose verb comes second ('Wie Nvidia verlor auch AMD 6 Prozent').
    if (inverted && !offCompany && (language === 'de' || !company || company.end <= clauseStart(text, verb.start))) company = inverted;
    // 'Zeitweise hatte das Minus mehr als 18 Prozent betragen': the move of the last company.
    if (!company && !companies.some((c) => c.end <= verb.start) && context.lastCompany) {
      const stand = (sp: Span): CompanyMention => ({ ...context.lastCompany!, start: sp.start, end: sp.end, text: sp.text, anaphor: true });
      if (nounSubjectRe.test(verb.text)) company = stand(verb);
      else {
        // The description opens the sentence or the verb's clause.
        for (const at of [0, clauseStart(text, verb.start)]) {
          const d = descriptorRe.exec(text.slice(at, verb.start).trimStart());
          if (d) {
            const start = at + text.slice(at).length - text.slice(at).trimStart().length;
            company = stand({ start, end: start + d[0].length, text: d[0] });
            break;
          }
        }
      }
    }
    const from = company && !company.anaphor && company.start < verb.start ? Math.max(clauseStart(text, company.start), company.start - 40) : clauseStart(text, anchor);
    // Clauses between the subject and the verb's clause are not the subject's ('Nvidia reste valorisée
    // à 30 fois ses bénéfices, même après avoir lâché 9,5 %'); its own noun phrase is ('Cambricon's revenue, which …').
    const between: Span[] = [];
    if (company && !company.anaphor && company.end + 30 < clauseStart(text, verb.start)) between.push({ start: company.end + 30, end: clauseStart(text, verb.start), text: '' });
    if (aside) between.push(aside);
    const blocker = blockerIn(from, p.end, between);
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
  const conversionRe = new RegExp(`^[\\s,，(（≈~]*(?:(?:${lex.conversion})(?![\\p{L}])[\\s,]*)*$`, 'iu');
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
      const bracket = /^\s*[(（]\s*(?:[≈~]|about|approximately|environ|soit|circa|rund|etwa|unos|aproximadamente|约|合)?\s*$/iu.test(between);
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
    const keyword = keywords
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
