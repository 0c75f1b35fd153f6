/**
 * The claim checker: did the security really move by the claimed amount around the report date?
 *
 * It looks at the sessions from `lookback` trading days before the report date up to the report
 * date itself (articles are often dated the day after the move), on the security's own exchange
 * calendar, and measures on each: the close-to-close return, the intraday high/low against the
 * previous close, the benchmark's return, the market-model abnormal return with its t and p
 * (estimation [-250, -11] relative to that day by default, STATISTICS.md; through the study
 * engine, see abnormal.ts), the A-share limit flags, and the
 * market value. The claim is then matched against the measured moves (see classifyMatch).
 */
import { CalendarError, InputError } from '../errors.ts';
import type { IsoDate, PriceRow, PriceSeries, RelWindow, SymbolInfo } from '../types.ts';
import { calendarForSeries, tradingDayIndex, tradingDayOnOrBefore, type TradingCalendar } from '../calendar/calendar.ts';
import { simpleReturns } from '../returns/returns.ts';
import { aShareBoard, priceLimitFlags, type PriceLimitFlag } from '../returns/price-limits.ts';
import { checkClaimEstimation, claimModelSampler } from './abnormal.ts';
import { normalizeClaim } from './parse.ts';
import { explainCheck } from './explain.ts';
import { claimCheckCall } from './calls.ts';
import { recordLibraryCall } from '../study/call-log.ts';
import { priceSourceOf } from '../data/live-source.ts';
import {
  APPROXIMATE_PP,
  LIMIT_MATCH_PP,
  MIN_ESTIMATION_DAYS,
  checkOptionsWithDefaults,
  defaultBenchmark,
  type CheckClaimOptions,
} from './options.ts';
import type {
  CandidateDay,
  Claim,
  ClaimCheck,
  ClaimDataAccess,
  ClaimInput,
  ClaimVerdict,
  MarketCapCheck,
  MarketCapComparison,
  MarketCapStatus,
  MoneyAmount,
  MoveVerdict,
  Stretch,
} from './types.ts';

export {
  CLAIM_ESTIMATION_WINDOW,
  MIN_ESTIMATION_DAYS,
  APPROXIMATE_PP,
  LIMIT_MATCH_PP,
  DEFAULT_CAP_TOLERANCE,
  CAP_APPROXIMATE_FACTOR,
  DEFAULT_MAX_STRETCH,
  defaultBenchmark,
  checkOptionsWithDefaults,
  type CheckClaimOptions,
} from './options.ts';

/**
 * The data of a check nobody passed data to, loaded lazily (so tests with injected data never read
 * files): the data store (bundled snapshot overlaid by `dataDir` / IMPACT_DATA_DIR), or with
 * `source: 'yahoo'` (default IMPACT_SOURCE) the claim's security and benchmark pinned from Yahoo.
 */
async function defaultData(input: ClaimInput, opts: CheckClaimOptions): Promise<ClaimDataAccess> {
  if (priceSourceOf(opts.source).source === 'yahoo') {
    const { liveClaimData } = await import('./live-data.ts');
    return liveClaimData([input], opts);
  }
  const { snapshotClaimData } = await import('./data-access.ts');
  return snapshotClaimData(opts.dataDir === undefined ? {} : { dataDir: opts.dataDir });
}

/**
 * Checks one claim. `data` defaults to the data store: the bundled snapshot, overlaid by
 * `opts.dataDir` (or IMPACT_DATA_DIR) when given; with `opts.source: 'yahoo'` (or IMPACT_SOURCE)
 * the prices are pulled from Yahoo Finance and pinned (src/claims/live-data.ts).
 * @example
 * const c = await checkClaim({ subject: '688256.SS', reportedOn: '2025-08-13', move: '+20%', marketCap: 355e9 });
 * c.verdict // 'confirmed'; c.matchedDate // '2025-08-12'
 * @throws InputError for an unknown subject, a malformed move or date, or a date the data does not reach
 */
export async function checkClaim(input: ClaimInput, data?: ClaimDataAccess, opts: CheckClaimOptions = {}): Promise<ClaimCheck> {
  return checkClaimWith(input, data ?? (await defaultData(input, opts)), opts);
}

/** Synchronous core of checkClaim, with explicit data access. Every check lands in the run log (src/study/call-log.ts). */
export function checkClaimWith(input: ClaimInput, data: ClaimDataAccess, opts: CheckClaimOptions = {}): ClaimCheck {
  const check = checkClaimUnlogged(input, data, opts);
  recordLibraryCall(claimCheckCall(check, checkOptionsWithDefaults(opts))); // the run log: what ran, for the report footer
  return check;
}

function checkClaimUnlogged(input: ClaimInput, data: ClaimDataAccess, opts: CheckClaimOptions): ClaimCheck {
  if (input === null || typeof input !== 'object') throw new InputError('a claim must be an object with subject, reportedOn and move');
  if (typeof input.subject !== 'string' || input.subject.trim() === '') throw new InputError('claim subject is missing (a symbol or name such as NVDA or cambricon)');
  const security = data.resolveSymbol(input.subject.trim());
  const claim = normalizeClaim(input, security.currency);
  const { capTolerance, capApproximate, maxStretchSessions: maxStretch, estimationWindow, minEstimationDays } = checkOptionsWithDefaults(opts);
  const estimation = checkClaimEstimation(estimationWindow, minEstimationDays);
  const notes: string[] = [];

  const series = data.loadSeries(security.symbol);
  if (series.rows.length < 2) throw new InputError(`${security.symbol}: the data (${series.source}) has fewer than two prices`);
  const first = series.rows[0].date;
  const last = series.rows[series.rows.length - 1].date;
  const cal = securityCalendar(security, series);
  // Sessions counted on the security's own trading days rather than a holiday table: say so.
  if (cal.basis !== 'table' && cal.note !== null) notes.push(`calendar: ${cal.note}`);
  const windowDays = claimWindow(cal, claim, security, first, last);

  // Benchmark: explicit (errors are the user's to fix) or the exchange default (missing is a note).
  let benchmark: SymbolInfo | null = null;
  let benchSeries: PriceSeries | null = null;
  const benchQuery = claim.benchmark ?? defaultBenchmark(security);
  if (benchQuery !== null) {
    try {
      benchmark = data.resolveSymbol(benchQuery);
      if (benchmark.symbol === security.symbol) {
        notes.push(`${security.symbol} is its own benchmark: no abnormal return computed (give --market another symbol)`);
        benchmark = null;
      } else benchSeries = data.loadSeries(benchmark.symbol);
    } catch (e) {
      if (claim.benchmark !== undefined) throw e;
      notes.push(`default benchmark ${benchQuery} unavailable (${(e as Error).message}); no abnormal returns`);
      benchmark = null;
    }
  } else notes.push(`no default benchmark for ${security.exchange}; give one with --market for abnormal returns`);

  const evidence = measureDays(series, security, cal, windowDays, claim.reportedOn, benchSeries, data, notes, estimation);
  const withData = evidence.filter((d) => d.closeReturn !== null);
  const base = {
    claim,
    security,
    benchmark,
    window: { from: windowDays[0], to: windowDays[windowDays.length - 1], sessions: windowDays.length },
    evidence,
    notes,
    sources: { prices: series.source, benchmark: benchSeries?.source ?? null },
  };

  if (withData.length === 0) {
    const result: ClaimCheck = {
      ...base,
      verdict: 'no-data',
      moveVerdict: 'no-data',
      explanation: '',
      matchedDate: null,
      matchedMove: null,
      differencePp: null,
      matchRule: null,
      priceLimitBound: null,
      stretch: null,
      marketCap: claim.marketCap.length > 0 ? unavailableCap(null, capTolerance, capApproximate, 'no price in the window') : null,
    };
    result.explanation = explainCheck(result);
    return result;
  }

  const match =
    claim.basis === 'cumulative'
      ? matchCumulative(claim, series, cal, windowDays, benchSeries, maxStretch, estimation)
      : matchSingleDay(claim, withData);
  const matchedDay = evidence.find((d) => d.date === match.date) ?? withData[withData.length - 1];
  if (matchedDay.limitUp || matchedDay.limitDown) {
    notes.push(
      `${matchedDay.date} closed limit-${matchedDay.limitUp ? 'up' : 'down'} (±${((matchedDay.limit ?? 0) * 100).toFixed(0)}% rule): the return is censored, the move without the limit would have been at least as large`,
    );
  }
  if (matchedDay.multiSession) notes.push(`${matchedDay.date}: the return spans a suspension or data gap (more than one session)`);

  // A move no session could have had (beyond the daily limit) is contradicted, however close the
  // limit close comes: the claimed number itself is impossible.
  const bound = match.verdict === 'confirmed' || claim.basis === 'cumulative' ? null : priceLimitBound(claim.move, claim.tolerancePp, withData);
  const moveVerdict: MoveVerdict = bound ? 'contradicted' : match.verdict;
  const marketCap = claim.marketCap.length > 0 ? checkMarketCap(claim.marketCap, security, matchedDay, evidence, data, capTolerance, capApproximate) : null;
  const result: ClaimCheck = {
    ...base,
    verdict: combineVerdicts(moveVerdict, marketCap?.status ?? null),
    moveVerdict,
    explanation: '',
    matchedDate: match.date,
    matchedMove: match.move,
    differencePp: (match.move - claim.move) * 100,
    // A contradicted claim has no match, only the closest session.
    matchRule: bound ? 'closest' : match.rule,
    priceLimitBound: bound,
    stretch: match.stretch,
    marketCap,
  };
  result.explanation = explainCheck(result);
  return result;
}

/**
 * The headline verdict from the move verdict and the market-cap status (null: no value claimed).
 * The move decides first (no-data, contradicted, not-found stand as they are); then a claimed
 * value more than the approximate band off makes the claim `inconsistent`, a value or a move
 * that is only approximately right makes it `approximate`; an unavailable value leaves the move's
 * verdict (the explanation says the value could not be checked).
 * @example combineVerdicts('confirmed', 'inconsistent') // 'inconsistent'
 * @example combineVerdicts('contradicted', 'inconsistent') // 'contradicted'
 * @example combineVerdicts('confirmed', 'approximate') // 'approximate'
 */
export function combineVerdicts(move: MoveVerdict, cap: MarketCapStatus | null): ClaimVerdict {
  if (move === 'no-data' || move === 'contradicted' || move === 'not-found') return move;
  if (cap === 'inconsistent') return 'inconsistent';
  if (move === 'approximate' || cap === 'approximate') return 'approximate';
  return 'confirmed';
}

/**
 * The daily price limit that makes a claimed one-day move impossible, or null when none does.
 * A close (or an intraday extreme) cannot lie beyond the limit price, so when every searched
 * session had a limit in force (and none bridges a suspension, where returns compound over
 * several sessions) and the claim exceeds the largest of those limits by more than the tolerance,
 * no session could have matched: the claim is contradicted, not merely unmatched.
 * @example priceLimitBound(0.25, 1.5, [{ limit: 0.2, multiSession: false }]) // { limit: 0.2, sessions: 1 }
 * @example priceLimitBound(0.21, 1.5, [{ limit: 0.2, multiSession: false }]) // null (within 1.5 pp of the limit)
 */
export function priceLimitBound(claimed: number, tolerancePp: number, days: readonly Pick<CandidateDay, 'limit' | 'multiSession'>[]): { limit: number; sessions: number } | null {
  if (days.length === 0) return null;
  let largest = 0;
  for (const d of days) {
    if (d.limit === null || !(d.limit > 0) || d.multiSession) return null;
    largest = Math.max(largest, d.limit);
  }
  return (Math.abs(claimed) - largest) * 100 > tolerancePp + 1e-9 ? { limit: largest, sessions: days.length } : null;
}

/** The security's calendar, extended by its own data days beyond the holiday tables. */
function securityCalendar(security: SymbolInfo, series: PriceSeries): TradingCalendar {
  return calendarForSeries({ ...series, info: security });
}

/**
 * The sessions searched: the `lookback` sessions before the report date, plus the report date
 * itself when it is a session. Throws when the data does not reach the window at all.
 */
export function claimWindow(cal: TradingCalendar, claim: Pick<Claim, 'reportedOn' | 'lookback'>, security: SymbolInfo, first: IsoDate, last: IsoDate): IsoDate[] {
  const noData = () =>
    new InputError(
      `no trading data for ${security.symbol} around ${claim.reportedOn}: the data covers ${first}..${last}`,
    );
  if (claim.reportedOn < first) throw noData();
  if (claim.reportedOn < cal.from || claim.reportedOn > cal.to) throw noData();
  let end: IsoDate;
  try {
    end = tradingDayOnOrBefore(cal, claim.reportedOn);
  } catch (e) {
    if (e instanceof CalendarError) throw noData();
    throw e;
  }
  const k = tradingDayIndex(cal, end);
  const count = Math.max(1, claim.lookback + (end === claim.reportedOn ? 1 : 0));
  const days = cal.days.slice(Math.max(0, k - count + 1), k + 1);
  if (days[days.length - 1] < first || days[0] > last) throw noData();
  return days;
}

/** Adjustment factor of a row: adjClose / close (1 when the vendor did not adjust). */
const adjFactor = (r: PriceRow) => r.adjClose / r.close;

/** Everything measured on each window day (see CandidateDay). */
function measureDays(
  series: PriceSeries,
  security: SymbolInfo,
  cal: TradingCalendar,
  windowDays: IsoDate[],
  reportedOn: IsoDate,
  bench: PriceSeries | null,
  data: ClaimDataAccess,
  notes: string[],
  estimation: RelWindow,
): CandidateDay[] {
  const rowIndex = new Map(series.rows.map((r, i) => [r.date, i]));
  // Every A-share board has daily limits (Shanghai, Shenzhen and Beijing), decided by the code.
  const isAShare = aShareBoard(security.symbol) !== null;
  const flags = new Map<IsoDate, PriceLimitFlag>();
  if (isAShare) for (const f of priceLimitFlags(series)) flags.set(f.date, f);
  const benchReturn = bench ? returnsByDate(bench) : null;
  const model = bench ? claimModelSampler(series, bench, estimation, MIN_ESTIMATION_DAYS) : null;
  const reportIdx = tradingDayIndex(cal, tradingDayOnOrBefore(cal, reportedOn));
  const reportIsSession = tradingDayIndex(cal, reportedOn) >= 0;

  return windowDays.map((date) => {
    const k = tradingDayIndex(cal, date);
    const sessionsBeforeReport = reportIdx - k + (reportIsSession ? 0 : 1);
    const i = rowIndex.get(date);
    const empty: CandidateDay = {
      date,
      sessionsBeforeReport,
      prevDate: null,
      prevClose: null,
      close: null,
      high: null,
      low: null,
      closeReturn: null,
      intradayHigh: null,
      intradayLow: null,
      multiSession: false,
      marketReturn: benchReturn?.get(date) ?? null,
      abnormal: null,
      limit: null,
      limitUp: false,
      limitDown: false,
      touchedUp: false,
      touchedDown: false,
      marketCap: null,
      impliedFloatShares: null,
    };
    if (i === undefined || i === 0) {
      notes.push(`${security.symbol} has no ${i === 0 ? 'previous close' : 'price'} for ${date} in ${series.source}`);
      return empty;
    }
    const row = series.rows[i];
    const prev = series.rows[i - 1];
    const prevAdj = prev.adjClose;
    const f = adjFactor(row);
    const prevK = tradingDayIndex(cal, prev.date);
    const flag = flags.get(date);
    const shares = data.sharesOutstanding(security.symbol, date);
    const day: CandidateDay = {
      ...empty,
      prevDate: prev.date,
      prevClose: prev.close,
      close: row.close,
      high: row.high,
      low: row.low,
      closeReturn: row.adjClose / prevAdj - 1,
      intradayHigh: row.high === null ? null : (row.high * f) / prevAdj - 1,
      intradayLow: row.low === null ? null : (row.low * f) / prevAdj - 1,
      multiSession: prevK >= 0 && k - prevK > 1,
      limit: flag?.limit ?? null,
      limitUp: flag?.limitUp ?? false,
      limitDown: flag?.limitDown ?? false,
      touchedUp: flag?.touchedUp ?? false,
      touchedDown: flag?.touchedDown ?? false,
      marketCap: shares ? row.close * shares.shares : null,
      impliedFloatShares: impliedFloat(row),
    };
    if (model) {
      const m = model(k, k);
      if (typeof m === 'string') day.abnormalNote = m;
      else day.abnormal = m.day;
    }
    return day;
  });
}

/** Float shares implied by volume and turnover (换手率 = volume / float shares). */
export function impliedFloat(row: Pick<PriceRow, 'volume' | 'turnoverPct'>): number | null {
  const t = row.turnoverPct;
  if (row.volume === null || !(row.volume > 0) || t === undefined || t === null || !(t > 0)) return null;
  return row.volume / (t / 100);
}

function returnsByDate(series: PriceSeries): Map<IsoDate, number> {
  const rs = simpleReturns(series);
  return new Map(rs.dates.map((d, i) => [d, rs.returns[i]]));
}

interface Match {
  verdict: 'confirmed' | 'approximate' | 'not-found';
  date: IsoDate;
  move: number;
  rule: ClaimCheck['matchRule'];
  stretch: Stretch | null;
}

/** Same direction as the claim (a zero claim matches either). */
const sameDirection = (claimed: number, measured: number) => claimed === 0 || Math.sign(measured) === Math.sign(claimed);

/**
 * The verdict for one measured move: `confirmed` within the tolerance (or, on a day closing at
 * the daily limit in the claim's direction, when the claim is within 0.1 pp of the limit);
 * `approximate` within 5 pp; otherwise no match. Both need the move's sign to agree with the claim's.
 * @example classifyMatch(0.2, 0.1995, 1.5, false) // 'tolerance'
 */
export function classifyMatch(claimed: number, measured: number, tolerancePp: number, atLimit: { limit: number | null; up: boolean; down: boolean } | false): 'tolerance' | 'price-limit' | 'approximate' | null {
  if (!sameDirection(claimed, measured)) return null;
  const diffPp = Math.abs(measured - claimed) * 100;
  if (diffPp <= tolerancePp + 1e-9) return 'tolerance';
  if (atLimit && atLimit.limit !== null) {
    const limitPp = atLimit.limit * 100;
    if (atLimit.up && claimed > 0 && Math.abs(claimed * 100 - limitPp) <= LIMIT_MATCH_PP + 1e-9) return 'price-limit';
    if (atLimit.down && claimed < 0 && Math.abs(claimed * 100 + limitPp) <= LIMIT_MATCH_PP + 1e-9) return 'price-limit';
  }
  if (diffPp <= APPROXIMATE_PP + 1e-9) return 'approximate';
  return null;
}

/** Best single day on the close or intraday basis. Ties go to the day nearest the report. */
function matchSingleDay(claim: Claim, days: CandidateDay[]): Match {
  const intraday = claim.basis === 'intraday';
  const measured = (d: CandidateDay): number | null => (intraday ? (claim.move >= 0 ? d.intradayHigh : d.intradayLow) : d.closeReturn);
  const scored = days
    .map((d) => {
      const m = measured(d);
      if (m === null) return null;
      const atLimit = intraday ? { limit: d.limit, up: d.touchedUp, down: d.touchedDown } : { limit: d.limit, up: d.limitUp, down: d.limitDown };
      return { d, m, rule: classifyMatch(claim.move, m, claim.tolerancePp, atLimit), diff: Math.abs(m - claim.move) };
    })
    .filter((x): x is NonNullable<typeof x> => x !== null);
  if (scored.length === 0) {
    // Intraday basis without highs/lows: fall back to nothing measurable.
    throw new InputError(`${claim.subject}: the data has no intraday highs and lows in the window; use --basis close`);
  }
  const rank = (rule: string | null) => (rule === 'tolerance' || rule === 'price-limit' ? 0 : rule === 'approximate' ? 1 : 2);
  scored.sort((a, b) => rank(a.rule) - rank(b.rule) || a.diff - b.diff || a.d.sessionsBeforeReport - b.d.sessionsBeforeReport);
  const best = scored[0];
  const verdict = rank(best.rule) === 0 ? 'confirmed' : rank(best.rule) === 1 ? 'approximate' : 'not-found';
  return { verdict, date: best.d.date, move: best.m, rule: best.rule ?? 'closest', stretch: null };
}

/**
 * Cumulative basis: of all stretches of 2..maxStretch sessions ending on a window day, the one
 * whose compounded return Π(1 + R_t) - 1 (adjusted closes) is closest to the claim; ties go to
 * the shorter stretch, then the later end.
 */
function matchCumulative(claim: Claim, series: PriceSeries, cal: TradingCalendar, windowDays: IsoDate[], bench: PriceSeries | null, maxStretch: number, estimation: RelWindow): Match {
  const rowIndex = new Map(series.rows.map((r, i) => [r.date, i]));
  let best: { stretch: Stretch; rule: ReturnType<typeof classifyMatch>; diff: number } | null = null;
  const rank = (rule: string | null) => (rule === 'tolerance' ? 0 : rule === 'approximate' ? 1 : 2);
  for (const end of windowDays) {
    const j = rowIndex.get(end);
    if (j === undefined) continue;
    for (let L = 2; L <= maxStretch && j - L >= 0; L++) {
      const cumulativeReturn = series.rows[j].adjClose / series.rows[j - L].adjClose - 1;
      const rule = classifyMatch(claim.move, cumulativeReturn, claim.tolerancePp, false);
      const diff = Math.abs(cumulativeReturn - claim.move);
      const better =
        best === null ||
        rank(rule) < rank(best.rule) ||
        (rank(rule) === rank(best.rule) && (diff < best.diff - 1e-12 || (Math.abs(diff - best.diff) <= 1e-12 && (L < best.stretch.sessions || (L === best.stretch.sessions && end > best.stretch.to)))));
      if (better) best = { stretch: { from: series.rows[j - L + 1].date, to: end, sessions: L, cumulativeReturn, car: null }, rule, diff };
    }
  }
  if (best === null) throw new InputError(`${claim.subject}: not enough prices before ${windowDays[windowDays.length - 1]} for a multi-day move`);
  if (bench) {
    const model = claimModelSampler(series, bench, estimation, MIN_ESTIMATION_DAYS);
    const startK = tradingDayIndex(cal, best.stretch.from);
    const endK = tradingDayIndex(cal, best.stretch.to);
    const m = startK >= 0 && endK >= 0 ? model(startK, endK) : 'stretch outside the calendar';
    if (typeof m !== 'string') best.stretch.car = m.car;
  }
  const verdict = rank(best.rule) === 0 ? 'confirmed' : rank(best.rule) === 1 ? 'approximate' : 'not-found';
  return { verdict, date: best.stretch.to, move: best.stretch.cumulativeReturn, rule: best.rule ?? 'closest', stretch: best.stretch };
}

function unavailableCap(date: IsoDate | null, tolerance: number, approximate: number, note: string): MarketCapCheck {
  return { status: 'unavailable', date, price: null, shares: null, sharesSource: null, computed: null, comparisons: [], floatCrossCheck: null, tolerance, approximate, note };
}

/**
 * The status of one relative difference computed / claimed - 1: consistent within `tolerance`,
 * approximate within `approximate`, else inconsistent.
 * @example capStatus(-0.29, 0.05, 0.1) // 'inconsistent'
 */
export function capStatus(difference: number, tolerance: number, approximate: number): 'consistent' | 'approximate' | 'inconsistent' {
  const d = Math.abs(difference);
  return d <= tolerance ? 'consistent' : d <= approximate ? 'approximate' : 'inconsistent';
}

/**
 * Converts an amount between the security's currency and the claim's, USD and CNY only,
 * with the USD/CNY rate of `date` (or the latest before it).
 */
function convert(value: number, from: string, to: string, date: IsoDate, data: ClaimDataAccess): { value: number; fx: MarketCapComparison['fx'] } | string {
  if (from === to) return { value, fx: null };
  const pair = new Set([from, to]);
  if (!(pair.has('USD') && pair.has('CNY'))) return `no exchange rate for ${from} to ${to} (only USD/CNY is available)`;
  const fx = data.usdCnyRate(date);
  if (!fx) return `no USD/CNY rate on or shortly before ${date}`;
  return { value: from === 'CNY' ? value / fx.rate : value * fx.rate, fx };
}

/**
 * Market value = close × total shares on the matched day, compared with each claimed amount in
 * that amount's currency; plus the float count implied by turnover as a cross-check.
 */
function checkMarketCap(
  claimed: MoneyAmount[],
  security: SymbolInfo,
  day: CandidateDay,
  evidence: CandidateDay[],
  data: ClaimDataAccess,
  tolerance: number,
  approximate: number,
): MarketCapCheck {
  if (day.close === null) return unavailableCap(day.date, tolerance, approximate, `no close on ${day.date}`);
  const shares = data.sharesOutstanding(security.symbol, day.date);
  if (!shares) {
    return unavailableCap(day.date, tolerance, approximate, `no share count for ${security.symbol} on ${day.date} in the data`);
  }
  const computed = day.close * shares.shares;
  const comparisons: MarketCapComparison[] = [];
  const problems: string[] = [];
  for (const c of claimed) {
    const conv = convert(computed, security.currency, c.currency, day.date, data);
    if (typeof conv === 'string') {
      problems.push(conv);
      continue;
    }
    comparisons.push({ claimed: c, computed: conv.value, difference: conv.value / c.value - 1, fx: conv.fx });
  }
  const implied = day.impliedFloatShares;
  const floatCrossCheck =
    implied === null
      ? null
      : { impliedFloatShares: implied, statedFloatShares: shares.floatShares, difference: shares.floatShares ? implied / shares.floatShares - 1 : null };
  // The worst comparison decides: a value wrong in one currency is wrong.
  const order: MarketCapStatus[] = ['consistent', 'approximate', 'inconsistent'];
  const status: MarketCapStatus =
    comparisons.length === 0 ? 'unavailable' : comparisons.map((c) => capStatus(c.difference, tolerance, approximate)).reduce((a, b) => (order.indexOf(b) > order.indexOf(a) ? b : a));
  // Which window day's close fits the first claim best: articles sometimes use another day's price.
  let bestNote = '';
  if (comparisons.length > 0 && status !== 'consistent') {
    const target = comparisons[0];
    const scale = target.computed / computed; // currency conversion factor of that comparison
    const fits = evidence
      .filter((d) => d.marketCap !== null)
      .map((d) => ({ date: d.date, diff: (d.marketCap! * scale) / target.claimed.value - 1 }))
      .sort((a, b) => Math.abs(a.diff) - Math.abs(b.diff));
    if (fits.length > 0 && fits[0].date !== day.date && Math.abs(fits[0].diff) <= tolerance) {
      bestNote = `; the claimed value fits the close of ${fits[0].date} (${(fits[0].diff * 100).toFixed(1)}%)`;
    }
  }
  return {
    status,
    date: day.date,
    price: day.close,
    shares: shares.shares,
    sharesSource: shares.source,
    computed: { value: computed, currency: security.currency },
    comparisons,
    floatCrossCheck,
    tolerance,
    approximate,
    note: `close ${day.close} × ${shares.shares} shares (${shares.source})${problems.length > 0 ? `; ${problems.join('; ')}` : ''}${bestNote}`,
  };
}
