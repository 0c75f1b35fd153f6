/**
 * The run log: every library call that computed something a study shows, as plain data — which
 * function ran, what it was asked about, every option that shaped the result with its defaults
 * filled in, and the random seeds it drew from. It is one process-wide record, beside the data
 * layer's record of the files read (src/data/verified.ts `processDataReads`), and it is the only
 * shared state of its kind: library functions append to it at their boundary (runEventStudy,
 * checkClaim, regressCars, calendarTimePortfolio), the report's capture preload listens to it, and
 * the report footer lists what ran from it — never what a study declares about itself.
 *
 * @example
 * await runEventStudy({ events: [{ symbol: 'NVDA', date: '2025-01-27' }], benchmark: 'SPY' });
 * processLibraryCalls()[0];
 * // { kind: 'runEventStudy', inputs: { events: [{ symbol: 'NVDA', date: '2025-01-27', benchmark: 'SPY' }] },
 * //   parameters: { model: 'market', estimationWindow: [-250, -11], ..., bootstrap: { replications: 9999, seed: 1 } },
 * //   seeds: { bootstrap: 1 } }
 */
import type { EventSpec, StudyResult } from './types.ts';

/** A JSON value: what a call record holds (it crosses a process boundary as JSON). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The library functions that write to the run log. */
export type LibraryCallKind = 'runEventStudy' | 'checkClaim' | 'regressCars' | 'calendarTimePortfolio';

/** One library call as it ran. */
export interface LibraryCall {
  /** The library function. */
  kind: LibraryCallKind;
  /** What it was asked about (events, a claim, a regression's terms), defaults filled in. */
  inputs: Record<string, JsonValue>;
  /** Every option that shaped the result, after defaults. */
  parameters: Record<string, JsonValue>;
  /** Random seeds it used, by what they seed ('bootstrap' → 20250812); empty when none. */
  seeds: Record<string, number>;
}

/** The process-wide record, on globalThis so every copy of this module (and the report preload) shares it. */
interface CallLog {
  calls: LibraryCall[];
  listeners: ((call: LibraryCall) => void)[];
}
const LOG_KEY = Symbol.for('market-impact.library-calls');
function callLog(): CallLog {
  const g = globalThis as Record<symbol, unknown>;
  return (g[LOG_KEY] ??= { calls: [], listeners: [] }) as CallLog;
}

/**
 * Plain JSON of any value: non-finite numbers become null, typed arrays arrays, undefined keys
 * are dropped (what JSON.stringify does), so a record is the same before and after a round trip.
 */
export function toJsonValue(value: unknown): JsonValue {
  const text = JSON.stringify(value, (_k, v: unknown) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v));
  return text === undefined ? null : (JSON.parse(text) as JsonValue);
}

/** Appends a call to the process-wide run log and tells the listeners. */
export function recordLibraryCall(call: LibraryCall): void {
  const log = callLog();
  const plain = toJsonValue(call) as unknown as LibraryCall;
  log.calls.push(plain);
  for (const l of log.listeners) l(toJsonValue(plain) as unknown as LibraryCall);
}

/** Every library call this process has made, in order: what a study's report footer lists. */
export function processLibraryCalls(): LibraryCall[] {
  return callLog().calls.map((c) => toJsonValue(c) as unknown as LibraryCall);
}

/** Calls `listener` for each new call of this process (the report's capture preload uses it). */
export function onLibraryCall(listener: (call: LibraryCall) => void): void {
  callLog().listeners.push(listener);
}

/**
 * The seeds in a record of effective parameters: each option holding a numeric `seed`.
 * @example seedsOf({ model: 'market', bootstrap: { replications: 9999, seed: 7 } }) // { bootstrap: 7 }
 */
export function seedsOf(parameters: Record<string, unknown>): Record<string, number> {
  const seeds: Record<string, number> = {};
  for (const [key, value] of Object.entries(parameters)) {
    const seed = value !== null && typeof value === 'object' ? (value as { seed?: unknown }).seed : undefined;
    if (typeof seed === 'number' && Number.isFinite(seed)) seeds[key] = seed;
  }
  return seeds;
}

/** What runEventStudy was given, as far as the run log needs it. */
export interface EventStudyCallInput {
  /** Listed in the log when an array; a streamed iterable is recorded through the result's events. */
  events: readonly EventSpec[] | Iterable<EventSpec> | AsyncIterable<EventSpec>;
  benchmark?: string;
  dimsonLags?: number;
  loadSeries?: unknown;
  /** Where the prices came from when not the data store (a live source's note). */
  prices?: string | null;
  /** Events read from a stream (streamEventStudy over an iterable): their count, as they are not listed. */
  streamed?: number;
}

/**
 * The run-log record of a runEventStudy call: each event as given with the benchmark it was
 * studied against (its own, else the study's), and the result's effective parameters (every
 * default filled in, the bootstrap seed included) plus where the prices came from.
 */
export function eventStudyCall(input: EventStudyCallInput, result: Pick<StudyResult, 'parameters'>): LibraryCall {
  const events = (Array.isArray(input.events) ? input.events : []).map((e) => {
    const out: Record<string, JsonValue> = {};
    if (e.id !== undefined) out.id = e.id;
    out.symbol = e.symbol;
    if (e.timestamp !== undefined) out.timestamp = e.timestamp;
    else out.date = e.date ?? null;
    if (e.time !== undefined) out.time = e.time;
    if (e.timeZone !== undefined) out.timeZone = e.timeZone;
    out.benchmark = e.benchmark ?? input.benchmark ?? null;
    return out;
  });
  const parameters: Record<string, JsonValue> = {
    ...(toJsonValue(result.parameters) as Record<string, JsonValue>),
    ...(input.dimsonLags !== undefined ? { dimsonLags: input.dimsonLags } : {}),
    prices: input.prices ?? (input.loadSeries === undefined ? 'data store' : 'a loader the caller supplied'),
  };
  const inputs: Record<string, JsonValue> = { events };
  if (!Array.isArray(input.events) && input.streamed !== undefined) inputs.eventsStreamed = input.streamed;
  return { kind: 'runEventStudy', inputs, parameters, seeds: seedsOf(parameters) };
}

/**
 * The run-log record of a regressCars call: the events regressed (ids), the regressors, and the
 * window, dependent variable, cluster and baselines it used.
 */
export function carRegressionCall(
  spec: { regressors: readonly string[] },
  result: { window: string; dependent: string; cluster: string; baselines: Record<string, string>; used: readonly string[]; excluded: readonly { id: string }[] },
): LibraryCall {
  return {
    kind: 'regressCars',
    inputs: { regressors: [...spec.regressors], events: [...result.used], excluded: result.excluded.map((e) => e.id) },
    parameters: { window: result.window, dependent: result.dependent, cluster: result.cluster, baselines: { ...result.baselines } },
    seeds: {},
  };
}

/**
 * The run-log record of a calendarTimePortfolio call: each event held (id, symbol, day 0), the
 * factor file, and the model, weighting, horizon and Newey–West lags it used.
 */
export function calendarTimeCall(
  input: { events: readonly { id: string; symbol: string; day0: string }[]; factors: { name: string } },
  result: { model: string; weighting: string; horizon: number; neweyWestLags: number },
): LibraryCall {
  return {
    kind: 'calendarTimePortfolio',
    inputs: { events: input.events.map((e) => ({ id: e.id, symbol: e.symbol, day0: e.day0 })), factors: input.factors.name },
    parameters: { model: result.model, weighting: result.weighting, horizon: result.horizon, neweyWestLags: result.neweyWestLags },
    seeds: {},
  };
}
