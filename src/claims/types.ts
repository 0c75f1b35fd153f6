/**
 * Records of the claims stage: a claim as a journalist states it ("Cambricon jumped 20% on
 * 2025-08-13, to a market value of 355 billion yuan"), and the evidence the checker returns.
 * All moves are fractions (0.2 = +20%); "pp" fields are percentage points.
 */
import type { IsoDate, SymbolInfo } from '../types.ts';
import type { DataStore } from '../data/store.ts';

/**
 * Which move the claim is about:
 * - close: close-to-close return of one day (the usual "shares rose 20%");
 * - intraday: the day's high (for a rise) or low (for a fall) against the previous close ("jumped as much as 20%");
 * - cumulative: a compounded multi-day move ending in the window ("up 50% this week").
 */
export type ClaimBasis = 'close' | 'intraday' | 'cumulative';

export const CLAIM_BASES: readonly ClaimBasis[] = ['close', 'intraday', 'cumulative'];

/**
 * What the prices say about the claimed move alone:
 * - confirmed: a session within the tolerance (default ±1.5 pp), or a close at the daily price
 *   limit when the claim cites that limit (within 0.1 pp);
 * - approximate: a session within ±5 pp, same direction;
 * - contradicted: the move is impossible on that exchange: every searched session had a daily
 *   price limit, and the claim exceeds it by more than the tolerance (+25% on a ±20% board);
 *   close and intraday bases only (a multi-day move can exceed a one-day limit);
 * - not-found: no session comes close (the closest is shown);
 * - no-data: no price in the window.
 */
export type MoveVerdict = 'confirmed' | 'approximate' | 'contradicted' | 'not-found' | 'no-data';

export const MOVE_VERDICTS: readonly MoveVerdict[] = ['confirmed', 'approximate', 'contradicted', 'not-found', 'no-data'];

/**
 * The claimed market value against close × total shares, the worst of its comparisons:
 * consistent within the tolerance (default 5%), approximate within twice it (default 10%),
 * inconsistent beyond; unavailable without a close, a share count or an exchange rate.
 */
export type MarketCapStatus = 'consistent' | 'approximate' | 'inconsistent' | 'unavailable';

export const MARKET_CAP_STATUSES: readonly MarketCapStatus[] = ['consistent', 'approximate', 'inconsistent', 'unavailable'];

/**
 * The headline verdict of a check, weighing the move and the market value together (see
 * combineVerdicts in check.ts):
 * - no-data, contradicted, not-found: the move verdict of that name (the move decides first);
 * - inconsistent: the move is confirmed or approximate but the claimed market value is not
 *   (more than twice the cap tolerance off): a claim with a wrong value is not confirmed;
 * - approximate: the move or the market value (or both) is only approximately right;
 * - confirmed: the move is confirmed and the market value, if one was claimed, is consistent
 *   (or could not be checked: the explanation says so).
 * The move verdict (`moveVerdict`) and the market-cap status (`marketCap.status`) stay visible
 * separately in every output.
 */
export type ClaimVerdict = 'confirmed' | 'approximate' | 'inconsistent' | 'contradicted' | 'not-found' | 'no-data';

/** Every headline verdict, best first (the order summaries list them in). */
export const CLAIM_VERDICTS: readonly ClaimVerdict[] = ['confirmed', 'approximate', 'inconsistent', 'contradicted', 'not-found', 'no-data'];

/** Headline verdicts a script should treat as "the claim is wrong" (`impact check --strict` exits 3). */
export const FAILING_VERDICTS: readonly ClaimVerdict[] = ['inconsistent', 'contradicted', 'not-found'];

/** A claimed market capitalisation in one currency ('CNY' or 'USD'). */
export interface MoneyAmount {
  value: number;
  currency: string;
}

/**
 * A claim in the loose form users type or write in a claims file. Strings are parsed by
 * src/claims/parse.ts: move '+20%', '-17%', 0.2 (not the ambiguous bare 20); market cap 355e9,
 * '355 billion yuan', '$49.7bn', or a list of amounts in several currencies.
 */
export interface ClaimInput {
  /** Names the claim in messages and output (claims files). */
  id?: string;
  /** Symbol or alias: '688256.SS', 'cambricon', '寒武纪', 'NVDA'. */
  subject: string;
  /** Date of the article / report, 'YYYY-MM-DD' (exchange-local). */
  reportedOn: IsoDate;
  move: number | string;
  basis?: ClaimBasis;
  /** A bare number is in the security's currency. */
  marketCap?: number | string | MoneyAmount | (number | string | MoneyAmount)[] | null;
  /** Trading sessions before the report date to search (default 5). */
  lookback?: number;
  /** Benchmark symbol for the market model (default per exchange, see defaultBenchmark). */
  benchmark?: string;
  /** Tolerance for `confirmed`, percentage points (default 1.5). */
  tolerancePp?: number;
}

/** A claim after parsing and validation. */
export interface Claim {
  id?: string;
  subject: string;
  reportedOn: IsoDate;
  /** Claimed move as a fraction (0.2 = +20%). */
  move: number;
  basis: ClaimBasis;
  marketCap: MoneyAmount[];
  lookback: number;
  benchmark?: string;
  tolerancePp: number;
}

/** The market model's reading of one day (estimation [-250, -11] relative to that day). */
export interface DayAbnormalReturn {
  /** AR = R - (α + β R_m). */
  ar: number;
  /** E[R] = α + β R_m. */
  expected: number;
  alpha: number;
  beta: number;
  /** Valid estimation days. */
  M: number;
  /** t = AR / S_t (prediction variance incl. estimation error), Student t with df = M - 2. */
  t: number;
  df: number;
  /** Two-sided p-value of t. */
  p: number;
}

/** Everything measured on one candidate day. Returns are fractions from the adjusted close. */
export interface CandidateDay {
  date: IsoDate;
  /** Trading sessions before the report date (0 = the report date itself). */
  sessionsBeforeReport: number;
  prevDate: IsoDate | null;
  prevClose: number | null;
  close: number | null;
  high: number | null;
  low: number | null;
  /** Close-to-close return (adjClose_t / adjClose_t-1 - 1); null when the day has no price. */
  closeReturn: number | null;
  /** High and low against the previous close (split/dividend-consistent via the adjustment factor). */
  intradayHigh: number | null;
  intradayLow: number | null;
  /** True when the return bridges a suspension or data gap (more than one session). */
  multiSession: boolean;
  /** The benchmark's close-to-close return on the same date. */
  marketReturn: number | null;
  abnormal: DayAbnormalReturn | null;
  /** Why `abnormal` is null, when it is. */
  abnormalNote?: string;
  /** The exchange's daily limit fraction in force (0.2 = ±20%), null where none. */
  limit: number | null;
  limitUp: boolean;
  limitDown: boolean;
  touchedUp: boolean;
  touchedDown: boolean;
  /** Close × total shares, in the security's currency; null without a share count. */
  marketCap: number | null;
  /** volume / turnover: float shares implied by the A-share turnover ratio (cross-check). */
  impliedFloatShares: number | null;
}

/** A multi-day stretch (cumulative basis). */
export interface Stretch {
  /** First day of the move (its return is the first compounded). */
  from: IsoDate;
  to: IsoDate;
  sessions: number;
  /** Π(1 + R_t) - 1 over the stretch. */
  cumulativeReturn: number;
  /** Σ AR_t over the stretch, when every day has one. */
  car: number | null;
}

/** The claimed capitalisation against the computed one, in the claim's currency. */
export interface MarketCapComparison {
  claimed: MoneyAmount;
  /** Computed cap in the claim's currency. */
  computed: number;
  /** computed / claimed - 1. */
  difference: number;
  /** USD/CNY rate used when the claim's currency differs from the security's. */
  fx: { rate: number; date: IsoDate; source: string } | null;
}

export interface MarketCapCheck {
  status: MarketCapStatus;
  /** The day the caps are computed on (the matched day, else the report date's session). */
  date: IsoDate | null;
  price: number | null;
  shares: number | null;
  sharesSource: string | null;
  /** Computed cap in the security's currency. */
  computed: MoneyAmount | null;
  comparisons: MarketCapComparison[];
  /** Float shares from volume / turnover on that day, next to the stated float count. */
  floatCrossCheck: { impliedFloatShares: number; statedFloatShares: number | null; difference: number | null } | null;
  /** Largest |difference| accepted as consistent (default 0.05). */
  tolerance: number;
  /** Largest |difference| called approximate (default 2 × tolerance). */
  approximate: number;
  note: string;
}

/** The checker's answer for one claim. */
export interface ClaimCheck {
  claim: Claim;
  /** The resolved subject and benchmark. */
  security: SymbolInfo;
  benchmark: SymbolInfo | null;
  /** The headline verdict: move and market value weighed together. */
  verdict: ClaimVerdict;
  /** What the prices say about the move alone. */
  moveVerdict: MoveVerdict;
  /** One sentence a journalist could quote, computed from the numbers below. */
  explanation: string;
  /** The matched (or closest) day; for cumulative, the stretch's last day. */
  matchedDate: IsoDate | null;
  /** The measured move that was compared with the claim (fraction). */
  matchedMove: number | null;
  /** matchedMove - claim, percentage points. */
  differencePp: number | null;
  /** Why the match counts: within tolerance, or a price-limit close cited as the limit. */
  matchRule: 'tolerance' | 'price-limit' | 'approximate' | 'closest' | null;
  /**
   * For a `contradicted` move: the daily price limit that makes it impossible (fraction, 0.2 for
   * ±20%: the largest limit in force on the searched sessions) and how many sessions were
   * searched; null otherwise.
   */
  priceLimitBound: { limit: number; sessions: number } | null;
  stretch: Stretch | null;
  /** Every session of the window, oldest first. */
  evidence: CandidateDay[];
  window: { from: IsoDate; to: IsoDate; sessions: number };
  marketCap: MarketCapCheck | null;
  notes: string[];
  sources: { prices: string; benchmark: string | null };
}

export type { FxLookup, SharesLookup } from '../data/store.ts';

/**
 * Where the checker gets its data: the data store's four reads (src/data/store.ts, one
 * definition of each), injectable so tests run on synthetic series.
 */
export type ClaimDataAccess = Pick<DataStore, 'resolveSymbol' | 'loadSeries' | 'sharesOutstanding' | 'usdCnyRate'>;
