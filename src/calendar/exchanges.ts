/**
 * Static facts about each supported exchange: time zone, regular session, holidays.
 */
import { InputError } from '../errors.ts';
import type { ExchangeCode } from '../types.ts';
import {
  CN_HOLIDAYS,
  HK_EARLY_CLOSES,
  HK_HOLIDAYS,
  HOLIDAY_COVERAGE,
  US_EARLY_CLOSES,
  US_HOLIDAYS,
  type EarlyClose,
  type Holiday,
} from './holidays.ts';

export interface ExchangeInfo {
  code: ExchangeCode;
  name: string;
  /** IANA time zone of the exchange's local dates and session times. */
  timeZone: string;
  /** Regular session open and close, local 'HH:MM'. */
  open: string;
  close: string;
  /** Midday break, local 'HH:MM' (China and Hong Kong); absent for US exchanges. */
  lunchBreak?: { start: string; end: string };
  /** How holidays are described in messages: 'US market holiday'. */
  holidayLabel: string;
  holidays: readonly Holiday[];
  earlyCloses: readonly EarlyClose[];
  /** Dates for which `holidays` is complete. */
  coverage: { from: string; to: string };
}

const US_SESSION = { timeZone: 'America/New_York', open: '09:30', close: '16:00', holidayLabel: 'US market holiday' };
const CN_SESSION = {
  timeZone: 'Asia/Shanghai',
  open: '09:30',
  close: '15:00',
  lunchBreak: { start: '11:30', end: '13:00' },
  holidayLabel: 'China A-share market holiday',
};

const EXCHANGES: Record<ExchangeCode, ExchangeInfo> = {
  XNYS: { code: 'XNYS', name: 'New York Stock Exchange', ...US_SESSION, holidays: US_HOLIDAYS, earlyCloses: US_EARLY_CLOSES, coverage: HOLIDAY_COVERAGE },
  XNAS: { code: 'XNAS', name: 'Nasdaq', ...US_SESSION, holidays: US_HOLIDAYS, earlyCloses: US_EARLY_CLOSES, coverage: HOLIDAY_COVERAGE },
  XSHG: { code: 'XSHG', name: 'Shanghai Stock Exchange', ...CN_SESSION, holidays: CN_HOLIDAYS, earlyCloses: [], coverage: HOLIDAY_COVERAGE },
  XSHE: { code: 'XSHE', name: 'Shenzhen Stock Exchange', ...CN_SESSION, holidays: CN_HOLIDAYS, earlyCloses: [], coverage: HOLIDAY_COVERAGE },
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
    coverage: HOLIDAY_COVERAGE,
  },
};

/** All supported exchange codes. */
export const EXCHANGE_CODES = Object.keys(EXCHANGES) as ExchangeCode[];

/**
 * The static description of an exchange.
 * @example getExchange('XSHG').timeZone // 'Asia/Shanghai'
 */
export function getExchange(code: string): ExchangeInfo {
  const info = (EXCHANGES as Record<string, ExchangeInfo | undefined>)[code];
  if (!info) throw new InputError(`unknown exchange '${code}': expected one of ${EXCHANGE_CODES.join(', ')}`);
  return info;
}
