/**
 * Static facts about each exchange with a holiday table: time zone, regular session, holidays.
 * Any other exchange code is accepted by buildCalendar, which then takes the security's own
 * trading days as the calendar.
 */
import { InputError } from '../errors.ts';
import type { ExchangeCode, KnownExchangeCode } from '../types.ts';
import {
  CN_COVERAGE,
  CN_HOLIDAYS,
  HK_COVERAGE,
  HK_EARLY_CLOSES,
  HK_HOLIDAYS,
  LSE_COVERAGE,
  LSE_EARLY_CLOSES,
  LSE_HOLIDAYS,
  US_COVERAGE,
  US_EARLY_CLOSES,
  US_HOLIDAYS,
  XETRA_COVERAGE,
  XETRA_EARLY_CLOSES,
  XETRA_HOLIDAYS,
  type Coverage,
  type EarlyClose,
  type Holiday,
} from './holidays.ts';

export interface ExchangeInfo {
  code: KnownExchangeCode;
  name: string;
  /** IANA time zone of the exchange's local dates and session times. */
  timeZone: string;
  /** Regular session open and close, local 'HH:MM'. */
  open: string;
  close: string;
  /** Midday break, local 'HH:MM' (China and Hong Kong); absent elsewhere. */
  lunchBreak?: { start: string; end: string };
  /** How holidays are described in messages: 'US market holiday'. */
  holidayLabel: string;
  holidays: readonly Holiday[];
  earlyCloses: readonly EarlyClose[];
  /** Dates for which `holidays` is complete. */
  coverage: Coverage;
}

const US_SESSION = { timeZone: 'America/New_York', open: '09:30', close: '16:00', holidayLabel: 'US market holiday', coverage: US_COVERAGE };
const CN_SESSION = {
  timeZone: 'Asia/Shanghai',
  open: '09:30',
  close: '15:00',
  lunchBreak: { start: '11:30', end: '13:00' },
  holidayLabel: 'China A-share market holiday',
  coverage: CN_COVERAGE,
};

const EXCHANGES: Record<KnownExchangeCode, ExchangeInfo> = {
  XNYS: { code: 'XNYS', name: 'New York Stock Exchange', ...US_SESSION, holidays: US_HOLIDAYS, earlyCloses: US_EARLY_CLOSES },
  XNAS: { code: 'XNAS', name: 'Nasdaq', ...US_SESSION, holidays: US_HOLIDAYS, earlyCloses: US_EARLY_CLOSES },
  XSHG: { code: 'XSHG', name: 'Shanghai Stock Exchange', ...CN_SESSION, holidays: CN_HOLIDAYS, earlyCloses: [] },
  XSHE: { code: 'XSHE', name: 'Shenzhen Stock Exchange', ...CN_SESSION, holidays: CN_HOLIDAYS, earlyCloses: [] },
  XHKG: {
    code: 'XHKG',
    name: 'Hong Kong Stock Exchange',
    timeZone: 'Asia/Hong_Kong',
    open: '09:30',
    close: '16:00',
    lunchBreak: { start: '12:00', end: '13:00' },
    holidayLabel: 'Hong Kong market holiday',
    holidays: HK_HOLIDAYS,
    earlyCloses: HK_EARLY_CLOSES,
    coverage: HK_COVERAGE,
  },
  // LSE order book (SETS) 08:00-16:30 London time, closing auction after 16:30 (LSEG trading
  // hours); half days close at 12:30.
  XLON: {
    code: 'XLON',
    name: 'London Stock Exchange',
    timeZone: 'Europe/London',
    open: '08:00',
    close: '16:30',
    holidayLabel: 'London Stock Exchange holiday',
    holidays: LSE_HOLIDAYS,
    earlyCloses: LSE_EARLY_CLOSES,
    coverage: LSE_COVERAGE,
  },
  // Xetra continuous trading 09:00-17:30 CE(S)T (Deutsche Börse trading calendar), closing
  // auction after 17:30.
  XETR: {
    code: 'XETR',
    name: 'Xetra (Deutsche Börse)',
    timeZone: 'Europe/Berlin',
    open: '09:00',
    close: '17:30',
    holidayLabel: 'Xetra non-trading day',
    holidays: XETRA_HOLIDAYS,
    earlyCloses: XETRA_EARLY_CLOSES,
    coverage: XETRA_COVERAGE,
  },
};

/** The exchange codes with a holiday table. */
export const EXCHANGE_CODES = Object.keys(EXCHANGES) as KnownExchangeCode[];

/** The facts of an exchange with a holiday table, or undefined for any other code. */
export function findExchange(code: string): ExchangeInfo | undefined {
  return Object.prototype.hasOwnProperty.call(EXCHANGES, code) ? EXCHANGES[code as KnownExchangeCode] : undefined;
}

/**
 * The static description of an exchange with a holiday table; InputError for any other code
 * (such an exchange still gets a calendar from its security's trading days: buildCalendar).
 * @example getExchange('XSHG').timeZone // 'Asia/Shanghai'
 */
export function getExchange(code: string): ExchangeInfo {
  const info = findExchange(code);
  if (!info) throw new InputError(`no holiday table for exchange '${code}': tables exist for ${EXCHANGE_CODES.join(', ')}`);
  return info;
}

const MIC_LIKE = /^[A-Z0-9]{2,12}$/;

/**
 * Validates an exchange code: an ISO 10383 MIC ('XNYS', 'XTSE') or another short upper-case code
 * a data source uses; returns it unchanged.
 * @example parseExchangeCode('XLON') // 'XLON'
 */
export function parseExchangeCode(code: unknown, label = 'exchange'): ExchangeCode {
  if (typeof code === 'string' && MIC_LIKE.test(code)) return code;
  const shown = typeof code === 'string' ? `'${code}'` : String(code);
  throw new InputError(`invalid ${label} ${shown}: expected a market identifier code (MIC) such as XNYS, XLON or XTSE`);
}
