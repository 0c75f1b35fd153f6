/**
 * Calendar-time portfolios (Jaffe 1974; Mandelker 1974; Fama 1998; Mitchell & Stafford 2000), for
 * events that cluster in time, where the cross-sectional tests' independence assumption fails.
 *
 * Each calendar day t, the portfolio holds every security that is in its post-event window
 * [0, H] (sessions day 0 .. day H of the security's own calendar; a security with two overlapping
 * windows is held once). Its return R_p,t is the equal-weighted mean of the members' returns that
 * day, or value-weighted by each member's market value at the previous close. Then
 *
 *   CAPM:  R_p,t − RF_t = α + β·(Mkt−RF)_t + e_t,
 *   FF3:   R_p,t − RF_t = α + β·(Mkt−RF)_t + s·SMB_t + h·HML_t + e_t        (Fama & French 1993),
 *
 * by OLS over the days with at least one member (in time order; days with none are left out and
 * listed), RF_t and the factors from Kenneth French's file. α is the mean daily abnormal return of
 * the event portfolio. Its t uses Newey & West (1987) HAC standard errors with
 * L = ⌊4(T/100)^(2/9)⌋ lags (Newey & West 1994) unless given: the portfolio's composition changes
 * from day to day, so its residual variance is not constant, and consecutive days share most of
 * their members, so residuals may be autocorrelated. The classical t is reported beside it.
 */
import { InputError } from '../errors.ts';
import type { IsoDate } from '../types.ts';
import { checkFactorCoverage, requireFactorColumns, type FrenchFactors } from '../data/french.ts';
import { linearRegression, type RegressionFit, type StandardErrorRow } from '../stats/regression.ts';
import { calendarTimeCall, recordLibraryCall } from './call-log.ts';

/** One event for a calendar-time portfolio: a security and its day 0 (a session of its calendar). */
export interface CalendarTimeEvent {
  id: string;
  symbol: string;
  day0: IsoDate;
}

/** Input of {@link calendarTimePortfolio}: plain data, no file access. */
export interface CalendarTimeInput {
  events: CalendarTimeEvent[];
  /** Each symbol's trading sessions, sorted ascending (its exchange calendar). */
  sessions: Record<string, readonly IsoDate[]>;
  /** Each symbol's daily simple returns by date. */
  returns: Record<string, ReadonlyMap<IsoDate, number>>;
  /** H: the portfolio holds sessions 0..H after day 0. */
  horizon: number;
  factors: FrenchFactors;
  /** 'capm' (Mkt-RF) or 'ff3' (Mkt-RF, SMB, HML); default 'ff3'. */
  model?: 'capm' | 'ff3';
  /** 'equal' (default) or 'value' (needs marketValue). */
  weighting?: 'equal' | 'value';
  /** Market value of a symbol at the close before `date` (value weighting). */
  marketValue?: (symbol: string, date: IsoDate) => number | null;
  /** Newey–West lags; default ⌊4(T/100)^(2/9)⌋. */
  neweyWestLags?: number;
}

/** One calendar day of the portfolio. */
export interface CalendarTimeDay {
  date: IsoDate;
  /** Members with a return that day. */
  n: number;
  members: string[];
  /** R_p,t (null on a day with no member). */
  portfolioReturn: number | null;
  riskFree: number;
  /** R_p,t − RF_t (null on a day with no member). */
  excessReturn: number | null;
}

/** The result of {@link calendarTimePortfolio}. */
export interface CalendarTimeResult {
  model: 'capm' | 'ff3';
  weighting: 'equal' | 'value';
  horizon: number;
  from: IsoDate;
  to: IsoDate;
  /** Every factor day in [from, to], with the members held. */
  days: CalendarTimeDay[];
  /** Days in [from, to] on which no security was held (left out of the regression). */
  emptyDays: IsoDate[];
  /** Securities per day over the regression days. */
  securitiesPerDay: { min: number; mean: number; max: number };
  /** T, the regression days. */
  T: number;
  /** α with its Newey–West standard error, t (T − k df) and two-sided p. */
  alpha: { estimate: number } & StandardErrorRow;
  /** α with the classical OLS standard error. */
  alphaClassical: StandardErrorRow;
  neweyWestLags: number;
  regression: RegressionFit;
  /** Events not held (day 0 not a session of the security), with the reason. */
  skipped: { id: string; reason: string }[];
  notes: string[];
}

const FACTOR_COLUMNS = { capm: ['Mkt-RF'], ff3: ['Mkt-RF', 'SMB', 'HML'] } as const;

/**
 * Builds the calendar-time portfolio and regresses its excess return on the factors (see the
 * module doc for every definition).
 * @throws DataError when the factor file lacks a date the portfolio needs (naming the dates);
 *   InputError for H < 0, no usable event, fewer regression days than coefficients + 1, or a
 *   missing market value under value weighting.
 * @example
 * const ct = calendarTimePortfolio({ events, sessions, returns, horizon: 20, factors, model: 'ff3' });
 * ct.alpha; // { estimate, se, t, p, df } — daily abnormal return, Newey–West t
 */
export function calendarTimePortfolio(input: CalendarTimeInput): CalendarTimeResult {
  const model = input.model ?? 'ff3';
  const weighting = input.weighting ?? 'equal';
  const H = input.horizon;
  if (!(Number.isInteger(H) && H >= 0)) throw new InputError(`calendar-time horizon H must be a whole number of sessions ≥ 0, got ${H}`);
  if (model !== 'capm' && model !== 'ff3') throw new InputError(`calendar-time model must be capm or ff3, not '${String(model)}'`);
  if (weighting === 'value' && !input.marketValue) throw new InputError('value weighting needs market values (marketValue)');
  if (input.factors.frequency !== 'daily') throw new InputError(`${input.factors.name} holds ${input.factors.frequency} factors; calendar-time portfolios here are daily`);
  const factorCols = requireFactorColumns(input.factors, [...FACTOR_COLUMNS[model], 'RF']);

  const holdings = new Map<IsoDate, Set<string>>();
  const skipped: { id: string; reason: string }[] = [];
  const notes: string[] = [];
  let from: IsoDate | null = null;
  let to: IsoDate | null = null;
  for (const e of input.events) {
    const sessions = input.sessions[e.symbol];
    const i0 = sessions ? sessions.indexOf(e.day0) : -1;
    if (i0 < 0) {
      skipped.push({ id: e.id, reason: `day 0 ${e.day0} is not a session of ${e.symbol}` });
      continue;
    }
    const last = Math.min(i0 + H, sessions.length - 1);
    if (last < i0 + H) notes.push(`${e.id}: the window is cut at ${sessions[last]}, ${i0 + H - last} session(s) short of day ${H} (end of data)`);
    for (let i = i0; i <= last; i++) {
      const d = sessions[i];
      if (!holdings.has(d)) holdings.set(d, new Set());
      holdings.get(d)!.add(e.symbol);
    }
    if (from === null || e.day0 < from) from = e.day0;
    if (to === null || sessions[last] > to) to = sessions[last];
  }
  if (from === null || to === null) throw new InputError(`no event can be held: ${skipped.map((s) => `${s.id}: ${s.reason}`).join('; ')}`);
  // Every day a security is held must have factors (this names the missing dates).
  checkFactorCoverage(input.factors, [...holdings.keys()]);

  const fDates = input.factors.dates;
  const rf = input.factors.columns.RF;
  const days: CalendarTimeDay[] = [];
  const regRows: number[] = []; // factor-row index of each regression day
  const excess: number[] = [];
  for (let r = 0; r < fDates.length; r++) {
    const date = fDates[r];
    if (date < from || date > to) continue;
    const held = [...(holdings.get(date) ?? [])].sort();
    const members: string[] = [];
    let num = 0;
    let den = 0;
    for (const s of held) {
      const ret = input.returns[s]?.get(date);
      if (ret === undefined || !Number.isFinite(ret)) continue;
      let w = 1;
      if (weighting === 'value') {
        const mv = input.marketValue!(s, date);
        if (!(mv !== null && mv > 0 && Number.isFinite(mv))) throw new InputError(`value weighting: no market value for ${s} before ${date} (no share count?); use equal weights`);
        w = mv;
      }
      members.push(s);
      num += w * ret;
      den += w;
    }
    const portfolioReturn = members.length > 0 ? num / den : null;
    const excessReturn = portfolioReturn === null ? null : portfolioReturn - rf[r];
    days.push({ date, n: members.length, members, portfolioReturn, riskFree: rf[r], excessReturn });
    if (excessReturn !== null) {
      regRows.push(r);
      excess.push(excessReturn);
    }
  }
  const emptyDays = days.filter((d) => d.n === 0).map((d) => d.date);
  const T = regRows.length;
  const k = FACTOR_COLUMNS[model].length + 1;
  if (T <= k) throw new InputError(`calendar-time regression has ${T} portfolio day(s) for ${k} coefficients; widen the horizon or add events`);
  const lags = input.neweyWestLags ?? Math.floor(4 * (T / 100) ** (2 / 9));
  const regression = linearRegression({
    y: Float64Array.from(excess),
    columns: FACTOR_COLUMNS[model].map((_, j) => Float64Array.from(regRows, (r) => factorCols[j][r])),
    names: [...FACTOR_COLUMNS[model]],
    hacLags: lags,
  });
  const counts = days.filter((d) => d.n > 0).map((d) => d.n);
  if (emptyDays.length > 0) notes.push(`${emptyDays.length} day(s) in ${from}..${to} hold no security and are left out of the regression`);
  const a = regression.coefficients[0];
  recordLibraryCall(calendarTimeCall(input, { model, weighting, horizon: H, neweyWestLags: lags })); // the run log: what ran, for the report footer
  return {
    model,
    weighting,
    horizon: H,
    from,
    to,
    days,
    emptyDays,
    securitiesPerDay: { min: Math.min(...counts), mean: counts.reduce((s, v) => s + v, 0) / counts.length, max: Math.max(...counts) },
    T,
    alpha: { estimate: a.estimate, ...a.neweyWest! },
    alphaClassical: a.classical,
    neweyWestLags: lags,
    regression,
    skipped,
    notes,
  };
}

/** An event as given to {@link calendarTimeData}: a date (and time/zone) like an EventSpec. */
export interface CalendarTimeEventSpec {
  id?: string;
  symbol: string;
  date: IsoDate;
  time?: string;
  timeZone?: string;
}

/**
 * The plain data {@link calendarTimePortfolio} needs, from price series: each symbol's sessions
 * (its exchange calendar within its data), its one-session simple returns (multi-session returns
 * across gaps dropped, as the engine does) and each event's day 0 by the engine's rule (the first
 * session at or after the announcement; after the close -> next session). `loadSeries` defaults to
 * the bundled snapshot. Ids default to SYMBOL@DATE as in runEventStudy.
 */
export async function calendarTimeData(
  specs: CalendarTimeEventSpec[],
  loadSeries?: (symbol: string) => import('../types.ts').PriceSeries | Promise<import('../types.ts').PriceSeries>,
): Promise<Pick<CalendarTimeInput, 'events' | 'sessions' | 'returns'> & { skipped: { id: string; reason: string }[] }> {
  const { loadSnapshotSeries } = await import('../data/snapshot.ts');
  const { seriesGrid } = await import('./grid.ts');
  const load = loadSeries ?? ((s: string) => loadSnapshotSeries(s));
  const sessions: Record<string, IsoDate[]> = {};
  const returns: Record<string, Map<IsoDate, number>> = {};
  const grids = new Map<string, ReturnType<typeof seriesGrid>>();
  const events: CalendarTimeEvent[] = [];
  const skipped: { id: string; reason: string }[] = [];
  const seen = new Map<string, number>();
  for (const spec of specs) {
    const base = spec.id ?? `${spec.symbol}@${spec.date}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const id = count === 1 ? base : `${base}#${count}`;
    if (!grids.has(spec.symbol)) {
      // The engine's own view of a series: its calendar, and one-session returns on it.
      const grid = seriesGrid(await load(spec.symbol));
      const days = grid.calendar.days;
      grids.set(spec.symbol, grid);
      sessions[spec.symbol] = days.slice(grid.firstData, grid.lastData + 1);
      const byDate = new Map<IsoDate, number>();
      grid.returns.forEach((r, k) => {
        if (!Number.isNaN(r)) byDate.set(days[k], r);
      });
      returns[spec.symbol] = byDate;
    }
    const resolved = grids.get(spec.symbol)!.day0({ date: spec.date, time: spec.time, timeZone: spec.timeZone }, 'next');
    if (!resolved.day0) skipped.push({ id, reason: resolved.reason });
    else events.push({ id, symbol: spec.symbol, day0: resolved.day0 });
  }
  return { events, sessions, returns, skipped };
}
