/**
 * Records of the article reader: what it finds in news text (sentences, numbers, companies,
 * days) and what it returns (claims with their checks, numbers it did not check and why).
 * Plain data; offsets are UTF-16 indices into the text they were found in.
 */
import type { IsoDate } from '../../types.ts';
import type { DataRead } from '../../data/verified.ts';
import type { LibraryCall } from '../../study/call-log.ts';
import type { CandidateDay, ClaimBasis, ClaimCheck, ClaimInput, MarketCapCheck, MoneyAmount } from '../types.ts';

/** The six languages the reader knows. */
export type ArticleLanguage = 'en' | 'fr' | 'it' | 'de' | 'es' | 'zh';
export const ARTICLE_LANGUAGES: readonly ArticleLanguage[] = ['en', 'fr', 'it', 'de', 'es', 'zh'];

/** A piece of text with its place in the enclosing text: [start, end). */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** A sentence of the article; `start`/`end` are offsets in the whole article. */
export interface Sentence extends Span {
  index: number;
}

/**
 * A number as written: a percentage ('20 %', '百分之二十'), an amount ('355 milliards de yuans',
 * '$49.7bn', '3551亿元'), a count with a scale ('671 billion parameters') or a plain number.
 */
export interface NumberMention extends Span {
  /**
   * percent / points (percentage points) / amount (with a currency) / count (a scale, no currency:
   * '671 billion parameters') / number; 'year' and 'date-part' (2030, 8月, 22日) are parts of dates.
   */
  kind: 'percent' | 'points' | 'amount' | 'count' | 'number' | 'year' | 'date-part';
  /** True when the text writes a sign ('+20%', '-17%'). */
  signed: boolean;
  /** The value: a fraction for percentages (0.2), units for amounts and counts (355e9). */
  value: number;
  /** ISO currency code for amounts ('CNY', 'USD', 'EUR', 'HKD'). */
  currency: string | null;
}

/** A company or index named in a sentence. */
export interface CompanyMention extends Span {
  /** The security it names, or null when the name is known not to be one in the data. */
  symbol: string | null;
  /** Why there is no symbol: 'not a listed security' (Huawei, OpenAI), 'listed but not in the data'. */
  reason?: string;
  /** True for 'the stock', 'ses actions', '该股': a reference back to the last company named. */
  anaphor?: boolean;
}

/** A day a sentence names: 'Monday', 'hier', '8月22日', '22 août', 'the same day', 'la veille'. */
export interface DayMention extends Span {
  kind: 'weekday' | 'today' | 'yesterday' | 'absolute' | 'same-day' | 'previous-day';
  /** 1 = Monday … 7 = Sunday for weekdays. */
  weekday?: number;
  /** Month and day for absolute dates; year when written. */
  month?: number;
  day?: number;
  year?: number;
  /** Weekdays: 'last Thursday' (strictly before the article's date) / '上周四' (in the calendar week before). */
  past?: true;
  previousWeek?: true;
  /** True for 'a day after', 'au lendemain de': it names the day of what follows it, never of what precedes. */
  forward?: true;
}

/** The article's own date, where it came from, and its time of day when stated. */
export interface ArticleDate {
  date: IsoDate;
  /** 'flag' (--date / options.date) or 'text' (a dateline or a date the text states about itself). */
  source: 'flag' | 'text';
  /** 'HH:MM' when the dateline states a time. */
  time: string | null;
  /** IANA zone of `date`/`time` (from --tz or the dateline's zone), null when unknown. */
  timeZone: string | null;
  /** The text the date was read from (for 'text'). */
  found: string | null;
}

/** A market claim as the reader extracted it, before checking. */
export interface ExtractedClaim {
  sentenceIndex: number;
  /** The sentence, quoted as written. */
  sentence: string;
  /** The company as written ('Cambricon', '寒武纪', 'the stock' → the name it refers to). */
  company: string;
  symbol: string;
  kind: 'move' | 'market-cap';
  /** (move) claimed move as a fraction with its basis. */
  move: number | null;
  basis: ClaimBasis | null;
  /** (move) the words that state it: 'a bondi de 20 %', '涨停'. */
  moveText: string | null;
  /** (move) hedge kept from the text: 'nearly', 'près de', '逾', 'as much as'. */
  hedge: string | null;
  /** (move) true when the claim is a limit move (涨停/跌停, 'limit-up'): the move is the exchange's limit. */
  limitMove: boolean;
  /** (market-cap) the amounts as written and parsed. */
  amounts: MoneyAmount[];
  amountText: string | null;
  /** The day the sentence names for the move, resolved (null: none named). */
  statedDate: IsoDate | null;
  statedDateText: string | null;
  /** Where the claim's words are in the article (for highlighting). */
  spans: Span[];
  /** The input handed to checkClaim (the same as `impact check` flags). */
  input: ClaimInput;
}

/** A number the article states that is not checked, with the reason. */
export interface NotCheckedItem {
  sentenceIndex: number;
  sentence: string;
  text: string;
  start: number;
  end: number;
  kind: 'percent' | 'points' | 'amount' | 'count' | 'number' | 'limit';
  value: number;
  currency: string | null;
  reason: string;
}

/** The verdict of an article claim: checkClaim's, with 'unavailable' market caps as 'no-data'. */
export type ArticleVerdict = string;

/** One checked claim of the article (the `claims[]` of the output). */
export interface ArticleClaim extends Omit<ExtractedClaim, 'input'> {
  verdict: ArticleVerdict;
  matchedDate: IsoDate | null;
  /** The measured move (fraction) that was compared, for moves. */
  matchedMove: number | null;
  /** The sentence `impact check` gives for the same claim. */
  explanation: string;
  /** `impact check`'s evidence (one row per session of the window). */
  evidence: CandidateDay[];
  /** `impact check`'s market-cap comparison, for market-cap claims. */
  marketCap: MarketCapCheck | null;
  /** The `impact check` command line that gives the same answer. */
  checkCommand: string;
  /** The checkClaim input. */
  input: ClaimInput;
  notes: string[];
}

/** The answer for a whole article. */
export interface ArticleCheck {
  article: {
    date: IsoDate;
    /** 'flag' or 'text' ('refused' never reaches here: an article without a date is an InputError). */
    dateSource: 'flag' | 'text';
    dateText: string | null;
    time: string | null;
    timeZone: string | null;
    language: ArticleLanguage;
  };
  sentences: Sentence[];
  claims: ArticleClaim[];
  notChecked: NotCheckedItem[];
  /** checkClaim's full result behind each claim, same order as `claims` (null when the check could not run); for charts. */
  checks: (ClaimCheck | null)[];
  /**
   * What the checks ran and read, for the report footer (like a study's): the checkClaim calls of
   * the run log and the data files read (with the sha256 of the bytes read) when the data access
   * keeps a record (a DataStore does). Not part of the --json output.
   */
  provenance: { calls: LibraryCall[]; reads: DataRead[] };
}
