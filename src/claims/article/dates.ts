/**
 * Days in news text: the article's own date (a dateline, '13 août 2025', '2025-08-13',
 * '2025年8月13日', with a time and zone when stated) and the days a sentence names ('Monday',
 * 'lundi', 'venerdì', 'am Montag', '周一', 'today', 'hier', '昨天', '22 août', '8月22日', 'the same
 * day'), resolved against the article's date on a security's own exchange calendar.
 */
import { addCalendarDays, isIsoDate, weekday } from '../../calendar/dates.ts';
import { tradingDayOnOrBefore, type TradingCalendar } from '../../calendar/calendar.ts';
import type { IsoDate } from '../../types.ts';
import type { ArticleLanguage, DayMention } from './types.ts';

/** Month names and abbreviations of the six languages (lower case) -> 1..12. */
const MONTHS: Record<string, number> = {};
const MONTH_LISTS: string[][] = [
  ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  ['janv', 'févr', 'mars', 'avr', 'mai', 'juin', 'juil', 'août', 'sept', 'oct', 'nov', 'déc'],
  ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'],
  ['januar', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember'],
  ['jänner', 'feber', 'maerz', 'april', 'mai', 'juni', 'juli', 'august', 'sept', 'okt', 'nov', 'dez'],
  ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
];
for (const list of MONTH_LISTS) list.forEach((m, i) => (MONTHS[m] ??= i + 1));
MONTHS['sept'] = 9;
const MONTH_ALT = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');

/** Weekday words per language -> 1 (Monday) .. 7 (Sunday). */
const WEEKDAYS: Record<ArticleLanguage, readonly [string, number][]> = {
  en: [['monday', 1], ['tuesday', 2], ['wednesday', 3], ['thursday', 4], ['friday', 5], ['saturday', 6], ['sunday', 7]],
  fr: [['lundi', 1], ['mardi', 2], ['mercredi', 3], ['jeudi', 4], ['vendredi', 5], ['samedi', 6], ['dimanche', 7]],
  it: [['luned[iì]', 1], ['marted[iì]', 2], ['mercoled[iì]', 3], ['gioved[iì]', 4], ['venerd[iì]', 5], ['sabato', 6], ['domenica', 7]],
  de: [['montag', 1], ['dienstag', 2], ['mittwoch', 3], ['donnerstag', 4], ['freitag', 5], ['samstag', 6], ['sonnabend', 6], ['sonntag', 7]],
  es: [['lunes', 1], ['martes', 2], ['mi[eé]rcoles', 3], ['jueves', 4], ['viernes', 5], ['s[aá]bado', 6], ['domingo', 7]],
  zh: [['(?:周|星期|礼拜)一', 1], ['(?:周|星期|礼拜)二', 2], ['(?:周|星期|礼拜)三', 3], ['(?:周|星期|礼拜)四', 4], ['(?:周|星期|礼拜)五', 5], ['(?:周|星期|礼拜)六', 6], ['(?:周|星期|礼拜)[日天]', 7]],
};

const TODAY: Record<ArticleLanguage, string> = {
  en: 'today',
  fr: "aujourd'hui|aujourd’hui",
  it: 'oggi',
  de: 'heute',
  es: 'hoy',
  zh: '今天|今日',
};
const YESTERDAY: Record<ArticleLanguage, string> = {
  en: 'yesterday',
  fr: 'hier',
  it: 'ieri',
  de: 'gestern',
  es: 'ayer',
  zh: '昨天|昨日',
};
const SAME_DAY: Record<ArticleLanguage, string> = {
  en: 'the same day|that day|that session|the same session',
  fr: 'le même jour|ce même jour|ce jour-là|la même séance',
  it: 'lo stesso giorno|quel giorno|nella stessa seduta',
  de: 'am selben tag|am gleichen tag|am selben handelstag|am gleichen handelstag',
  es: 'ese mismo día|el mismo día|ese día|la misma sesión',
  zh: '同日|当日|当天',
};

/** The session before the day named last ('the previous session', 'la veille', 'am Vortag', '此前一个交易日'). */
const PREVIOUS_DAY: Record<ArticleLanguage, string> = {
  en: 'the previous session|the previous day|the prior session|the prior day|the day before|a day earlier|the session before',
  fr: 'la veille|la séance précédente|la séance de la veille|le jour précédent|la journée précédente',
  it: 'il giorno prima|il giorno precedente|la seduta precedente|nella seduta precedente|la vigilia',
  de: 'am vortag|vortag|am tag zuvor|tags zuvor|in der vorherigen sitzung|am vorherigen handelstag',
  es: 'el día anterior|la sesión anterior|la víspera|la jornada anterior|en la sesión previa',
  zh: '此前一个交易日|前一个交易日|前一交易日|上一交易日|上一个交易日|前一日|前一天',
};

/**
 * 'a day after' / 'au lendemain de': the clause that follows is about the session before the day
 * named last ('rising 8.9% on Tuesday, a day after the scare knocked 17% off its shares').
 */
const DAY_AFTER: Record<ArticleLanguage, string> = {
  en: 'a day after|the day after|one day after|a session after',
  fr: 'un jour après|au lendemain de|au lendemain du|au lendemain des',
  it: 'il giorno dopo|un giorno dopo|all[\'’]indomani del|all[\'’]indomani di|all[\'’]indomani della',
  de: 'einen tag nach|einen tag nachdem|einen handelstag nach|tags nach',
  es: 'un día después de|un día después del|al día siguiente de|al día siguiente del',
  zh: '(?!)',
};

/** Words before / after a weekday that put it strictly before the article's date ('last Thursday'); Chinese 上周 = the previous calendar week. */
const LAST_WEEKDAY: Record<ArticleLanguage, readonly [string, string]> = {
  en: ['(?<![\\p{L}])(?:last|this past|past)', '(?!)'],
  fr: ['(?!)', 'dernier'],
  it: ['(?!)', 'scorso'],
  de: ['(?<![\\p{L}])(?:(?:am |an )?(?:vergangenen|letzten|vorigen))', '(?!)'],
  es: ['(?<![\\p{L}])(?:el )?pasado', 'pasado'],
  zh: ['上', '(?!)'],
};

/** Word boundaries that work for accented Latin words; none for Chinese. */
const wb = (language: ArticleLanguage, alt: string) => (language === 'zh' ? `(?:${alt})` : `(?<![\\p{L}])(?:${alt})(?![\\p{L}])`);

/** The patterns of an absolute date: [regex, which groups are day, month (name or number), year]. */
const ABSOLUTE_DATES: readonly { re: RegExp; day: number; month: number; year: number }[] = [
  // 2025-08-13
  { re: /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/gu, year: 1, month: 2, day: 3 },
  // 2025年8月13日 / 8月13日
  { re: /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/gu, year: 1, month: 2, day: 3 },
  // 13 août 2025, 13. August 2025, 13 de agosto de 2025, 1er août
  { re: new RegExp(`(?<![\\d\\p{L}])(\\d{1,2})(?:er|º)?\\.?\\s(?:de\\s)?(${MONTH_ALT})\\.?(?![\\p{L}])(?:,?\\s(?:de\\s)?(\\d{4}))?`, 'giu'), day: 1, month: 2, year: 3 },
  // January 28, 2025 / Jan. 28
  { re: new RegExp(`(?<![\\p{L}])(${MONTH_ALT})\\.?\\s(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:,?\\s(\\d{4}))?`, 'giu'), month: 1, day: 2, year: 3 },
];

function monthNumber(text: string): number {
  return /^\d+$/.test(text) ? Number(text) : (MONTHS[text.toLowerCase()] ?? NaN);
}

function validDay(year: number, month: number, day: number): boolean {
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return false;
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(iso);
}

/**
 * Every day a sentence names, with its span (offsets in `text`).
 * @example findDayMentions('Lundi, Nvidia a chuté de 17 %', 'fr') // [{ kind: 'weekday', weekday: 1, text: 'Lundi', ... }]
 */
export function findDayMentions(text: string, language: ArticleLanguage): DayMention[] {
  const out: DayMention[] = [];
  const taken = (s: number, e: number) => out.some((d) => s < d.end && e > d.start);
  for (const p of ABSOLUTE_DATES) {
    for (const m of text.matchAll(p.re)) {
      const month = monthNumber(m[p.month]);
      const day = Number(m[p.day]);
      const year = m[p.year] ? Number(m[p.year]) : undefined;
      if (!validDay(year ?? 2024, month, day)) continue;
      const s = m.index!;
      const e = s + m[0].length;
      if (taken(s, e)) continue;
      out.push({ start: s, end: e, text: m[0], kind: 'absolute', month, day, ...(year !== undefined ? { year } : {}) });
    }
  }
  const add = (alt: string, make: (m: RegExpMatchArray) => Omit<DayMention, 'start' | 'end' | 'text'>) => {
    for (const m of text.matchAll(new RegExp(wb(language, alt), 'giu'))) {
      const s = m.index!;
      const e = s + m[0].length;
      if (!taken(s, e)) out.push({ start: s, end: e, text: m[0], ...make(m) });
    }
  };
  add(SAME_DAY[language], () => ({ kind: 'same-day' }));
  add(PREVIOUS_DAY[language], () => ({ kind: 'previous-day' }));
  add(DAY_AFTER[language], () => ({ kind: 'previous-day', forward: true }));
  for (const [word, n] of WEEKDAYS[language]) add(word, () => ({ kind: 'weekday', weekday: n }));
  // 'last Thursday', 'jeudi dernier', 'giovedì scorso', 'am vergangenen Donnerstag', 'el pasado jueves', '上周四'.
  const [before, after] = LAST_WEEKDAY[language];
  for (const d of out) {
    if (d.kind !== 'weekday') continue;
    const b = new RegExp(`(?:${before})\\s*$`, 'iu').exec(text.slice(0, d.start));
    const a = new RegExp(`^\\s*(?:${after})(?![\\p{L}])`, 'iu').exec(text.slice(d.end));
    if (language === 'zh' && b) {
      d.previousWeek = true;
      d.start -= b[0].length;
    } else if (b || a) {
      d.past = true;
      if (b) d.start -= b[0].length;
      if (a) d.end += a[0].length;
    } else continue;
    d.text = text.slice(d.start, d.end);
  }
  add(TODAY[language], () => ({ kind: 'today' }));
  add(YESTERDAY[language], () => ({ kind: 'yesterday' }));
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The calendar day a mention names, given the article's (exchange-local) date and, for 'yesterday',
 * the security's trading calendar (the previous session; a calendar day when the calendar does not
 * cover the date). Weekdays are the latest such day on or before the article date; an absolute date
 * without a year takes the article's year (the year before when that would be after the article).
 * 'last Thursday' is strictly before the article date, '上周四' in the calendar week before it;
 * 'same-day' resolves to `previous` (the last day named before it), else the article date;
 * 'previous-day' to the session before `previous` (else before the article date).
 * @example resolveDayMention({ kind: 'weekday', weekday: 1, ... }, '2025-01-28') // '2025-01-27'
 */
export function resolveDayMention(mention: DayMention, articleDate: IsoDate, calendar?: TradingCalendar | null, previous?: IsoDate | null): IsoDate {
  switch (mention.kind) {
    case 'today':
      return articleDate;
    case 'same-day':
      return previous ?? articleDate;
    case 'previous-day':
      // The session before the day named last (else before the article's date).
      return sessionOnOrBefore(addCalendarDays(previous ?? articleDate, -1), calendar);
    case 'yesterday':
      return sessionOnOrBefore(addCalendarDays(articleDate, -1), calendar);
    case 'weekday': {
      if (mention.previousWeek) return addCalendarDays(articleDate, -(weekday(articleDate) - 1) - 7 + (mention.weekday! - 1));
      const back = (weekday(articleDate) - mention.weekday! + 7) % 7;
      return addCalendarDays(articleDate, -(back === 0 && mention.past ? 7 : back));
    }
    case 'absolute': {
      const y = mention.year ?? Number(articleDate.slice(0, 4));
      const iso = (year: number) => `${year}-${String(mention.month).padStart(2, '0')}-${String(mention.day).padStart(2, '0')}`;
      if (mention.year === undefined && iso(y) > articleDate) return iso(y - 1);
      return iso(y);
    }
  }
}

/** Time-zone words a dateline may state -> IANA zone. */
const ZONES: readonly [RegExp, string][] = [
  [/^(?:UTC|GMT|Z)(?![\p{L}])/u, 'UTC'],
  [/^(?:ET|EST|EDT|New York time|heure de New York)(?![\p{L}])/u, 'America/New_York'],
  [/^(?:CET|CEST|MEZ|MESZ|heure de Paris|ora italiana|hora peninsular)(?![\p{L}])/u, 'Europe/Paris'],
  [/^(?:北京时间|Beijing time|CST China|HKT)/u, 'Asia/Shanghai'],
];

/** Where to look for the article's own date: its first lines, or a 'published' line. */
const HEADER_CHARS = 240;
const PUBLISHED = /(?:published|updated|publié|mis à jour|pubblicato|aggiornato|veröffentlicht|aktualisiert|publicado|actualizado|发布(?:时间|于)?|更新(?:时间|于)?)\s*(?:on|le|il|am|el)?\s*[:：]?\s*/giu;

/**
 * The date an article states about itself: a full date (with its year) in its first lines (the
 * dateline), or after 'Published'/'Publié le'/'发布时间'. With it, a time ('22:30', '10:30 p.m.',
 * '10h30') and a zone ('ET', 'CET', '北京时间') when the dateline states them.
 * @returns null when the text states no date of its own
 * @example findArticleDate('PARIS, 13 août 2025 — ...') // { date: '2025-08-13', time: null, timeZone: null, found: '13 août 2025' }
 */
export function findArticleDate(text: string): { date: IsoDate; time: string | null; timeZone: string | null; found: string } | null {
  const regions: { from: number; to: number }[] = [{ from: 0, to: Math.min(text.length, HEADER_CHARS) }];
  for (const m of text.matchAll(PUBLISHED)) regions.push({ from: m.index! + m[0].length, to: m.index! + m[0].length + 60 });
  for (const r of regions) {
    const slice = text.slice(r.from, r.to);
    {
      // Absolute dates are read the same way in every language.
      const found = findDayMentions(slice, 'en').find((d) => d.kind === 'absolute' && d.year !== undefined);
      if (!found) continue;
      const date = `${found.year}-${String(found.month).padStart(2, '0')}-${String(found.day).padStart(2, '0')}`;
      const after = slice.slice(found.end, found.end + 40);
      const t = /^[,\s]*(?:at|à|alle|um|a las|a la|,)?\s*(\d{1,2})(?:[:h.](\d{2}))\s*(a\.?m\.?|p\.?m\.?)?\s*(?:Uhr)?\s*\(?\s*/iu.exec(after);
      let time: string | null = null;
      let timeZone: string | null = null;
      if (t) {
        let h = Number(t[1]);
        const min = Number(t[2] ?? '0');
        if (t[3] && /p/i.test(t[3]) && h < 12) h += 12;
        if (t[3] && /a/i.test(t[3]) && h === 12) h = 0;
        if (h < 24 && min < 60) {
          time = `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
          const z = after.slice(t[0].length);
          for (const [re, zone] of ZONES) if (re.test(z)) timeZone = zone;
        }
      }
      // Chinese datelines may state the zone before the date (北京时间2025年8月22日).
      if (timeZone === null && /北京时间\s*$/.test(slice.slice(0, found.start))) timeZone = 'Asia/Shanghai';
      return { date, time, timeZone, found: found.text };
    }
  }
  return null;
}

/** The last session on or before `day` on the security's calendar; the day itself without one (or outside it). */
function sessionOnOrBefore(day: IsoDate, calendar: TradingCalendar | null | undefined): IsoDate {
  if (!calendar) return day;
  try {
    return tradingDayOnOrBefore(calendar, day);
  } catch {
    return day;
  }
}
