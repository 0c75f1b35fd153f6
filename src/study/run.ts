/**
 * runEventStudy and streamEventStudy: from event specs to per-event and aggregate results, through
 * one engine (src/study/engine.ts) and one aggregate stage (src/study/aggregate.ts).
 *
 * Each event gets its own day 0 on its own exchange calendar; both windows hang off that day 0.
 * Per-event quantities are keyed by event id (one security often has several events). An event
 * that cannot be studied is never dropped silently: it lands in `skipped` with the reason.
 *
 * `runEventStudy` returns the whole StudyResult (every event's ARs and CARs) for studies that fit
 * in memory; `streamEventStudy` takes events from any (async) iterable, hands each result to a
 * callback as it is computed and keeps only the aggregate, for files of a million events.
 */
import { InputError } from '../errors.ts';
import type { PriceSeries } from '../types.ts';
import { openDataStore, type DataStore } from '../data/store.ts';
import { pinLive, priceSourceOf, type LiveSourceOptions } from '../data/live-source.ts';
import { createEngine, studyEvent, type EventWork } from './engine.ts';
import { createAggregator } from './aggregate.ts';
import { planWindows, type WindowPlan } from './grid.ts';
import { resolveStudyOptions, type ResolvedOptions } from './options.ts';
import { createIdAssigner, normalizeEventSpec, type DatedEventSpec } from './specs.ts';
import { type EventResult, type EventSpec, type SkippedEvent, type StudyOptions, type StudyResult } from './types.ts';
import { attachTables, type WithTables } from './tables.ts';
import { markOverlaps, overlapCounts } from './overlaps.ts';
import { eventStudyCall, recordLibraryCall } from './call-log.ts';

export { markOverlaps, overlapCounts, type OverlapRecords } from './overlaps.ts';

export { ALL_TESTS } from '../stats/battery.ts';
export { assignIds, normalizeEventSpec, type DatedEventSpec } from './specs.ts';

/** Loads a price series by symbol; the default reads the data store (the bundled snapshot, overlaid by `dataDir`). */
export type SeriesLoader = (symbol: string) => PriceSeries | Promise<PriceSeries>;

/**
 * Where a study's prices come from (one of them; default the bundled snapshot). `source: 'yahoo'`
 * (default: IMPACT_SOURCE) pulls and pins exactly the securities and benchmarks of the events over
 * the range their windows need (src/data/live-source.ts), in `dataDir` (default: IMPACT_DATA_DIR,
 * else `.cache/live`), and studies them from the pins; a second run reads the pins.
 */
export interface DataOptions extends LiveSourceOptions {
  /** A user data folder overlaying the bundled snapshot (see `impact import`); its symbols are found first. */
  dataDir?: string;
  /** An open data store (src/data/store.ts openDataStore); wins over dataDir. */
  data?: DataStore;
  /** A loader of your own (tests, other sources); wins over data and dataDir. */
  loadSeries?: SeriesLoader;
}


/**
 * With `source: 'yahoo'` (given, or IMPACT_SOURCE when the caller supplied no data of its own):
 * the events read into a list, their securities and benchmarks pinned over the range the windows
 * need, and the store on the pins. Null for the snapshot.
 */
async function liveData(
  events: Iterable<EventSpec> | AsyncIterable<EventSpec>,
  input: DataOptions,
  o: ResolvedOptions,
  plan: WindowPlan,
): Promise<{ events: EventSpec[]; store: DataStore; note: string } | null> {
  const { source, fromEnvironment } = priceSourceOf(input.source);
  if (source !== 'yahoo') return null;
  const own = input.data !== undefined || input.loadSeries !== undefined;
  if (own && fromEnvironment) return null; // the caller's own data wins over the environment's default
  if (own) throw new InputError("source 'yahoo' studies the prices it pins: drop data / loadSeries, or use source 'snapshot'");
  const list: EventSpec[] = [];
  for await (const e of events as AsyncIterable<EventSpec>) list.push(e);
  if (list.length === 0) throw new InputError('no events given');
  const symbols = new Set<string>();
  const dates: string[] = [];
  list.forEach((raw, i) => {
    const spec = normalizeEventSpec(raw, i);
    symbols.add(spec.symbol);
    const benchmark = spec.benchmark ?? o.benchmark;
    if (benchmark !== undefined && !o.spec.needsFactors) symbols.add(benchmark);
    // A malformed date is the event's own problem (it is skipped with the reason), not the pull's.
    if (isRealDate(spec.date)) dates.push(spec.date);
  });
  if (dates.length === 0) return { events: list, store: openDataStore({ dataDir: null }), note: '' };
  const pinned = await pinLive({
    ...input,
    symbols: [...symbols],
    dates,
    // Sessions before day 0 (estimation window and the model's padding) and after it.
    before: Math.max(0, -plan.first),
    after: Math.max(0, plan.last),
  });
  return { events: list, store: pinned.store, note: pinned.note };
}

/** A real calendar date 'YYYY-MM-DD'. */
function isRealDate(d: unknown): d is string {
  return typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
}

/** The loader a study uses, and the share counts of its data store (none with a loader of your own). */
function loaderOf(input: DataOptions): SeriesLoader & { sharesOutstanding?: (symbol: string, date: string) => number | null } {
  if (input.loadSeries !== undefined) {
    if (typeof input.loadSeries !== 'function') throw new InputError('loadSeries must be a function (symbol) => PriceSeries');
    return input.loadSeries;
  }
  if (input.dataDir !== undefined && typeof input.dataDir !== 'string') throw new InputError(`dataDir must be a folder path, got ${JSON.stringify(input.dataDir)}`);
  const store = input.data ?? openDataStore({ dataDir: input.dataDir });
  const load: SeriesLoader & { sharesOutstanding?: (symbol: string, date: string) => number | null } = (symbol) => store.loadSeries(symbol);
  load.sharesOutstanding = (symbol, date) => store.sharesOutstanding(symbol, date)?.shares ?? null;
  return load;
}

/** Progress of a streamed study. */
export interface StudyProgress {
  /** Events read so far (studied + skipped). */
  done: number;
  studied: number;
  skipped: number;
  /** 'aggregate' once every event is in and r̄ and the test battery are being computed. */
  stage?: 'events' | 'aggregate';
}

export interface StreamEventStudyOptions extends StudyOptions, DataOptions {
  /** Called with each studied event's result, in input order (awaited when it returns a promise). */
  onEvent?: (result: EventResult) => void | Promise<void>;
  /** Called with each skipped event. */
  onSkip?: (skipped: SkippedEvent) => void | Promise<void>;
  /** Called every `progressEvery` events (default 1,000). */
  onProgress?: (progress: StudyProgress) => void;
  progressEvery?: number;
  /** Skipped events kept in the summary (default 1,000; the count is always complete). */
  keepSkipped?: number;
  /** How many events to expect (e.g. an events file's line count): per-event arrays are sized once. */
  expectedEvents?: number;
  /**
   * Filled with milliseconds per stage when given ('events': reading, day 0, fits, ARs, CARs and
   * gathering, with series loading inside; 'series': loading and aligning series; 'r̄';
   * 'window tests'; 'daily tests'; 'overlaps'). Kept out of results so reruns stay byte-identical.
   */
  timings?: Record<string, number>;
}

export interface RunEventStudyInput extends Omit<StreamEventStudyOptions, 'onEvent' | 'keepSkipped'> {
  /** The events: a list, or any (async) iterable such as readEventsStream(file). */
  events: EventSpec[] | Iterable<EventSpec> | AsyncIterable<EventSpec>;
}

/** What a streamed study keeps: everything but the per-event rows. */
export interface StreamSummary extends Omit<StudyResult, 'events' | 'skipped'> {
  /** The first `keepSkipped` skipped events. */
  skipped: SkippedEvent[];
  counts: {
    events: number;
    studied: number;
    skipped: number;
    /** Events whose estimation window holds day 0 of another event of the same security. */
    withEstimationOverlap: number;
    /** Events whose event window overlaps another event's in calendar time. */
    withEventWindowOverlap: number;
  };
}

/** The parameters block of a result. */
function parametersOf(o: ResolvedOptions): StudyResult['parameters'] {
  return {
    model: o.model,
    measure: o.measure,
    ...(o.volumeBasis ? { volumeBasis: o.volumeBasis } : {}),
    estimationWindow: o.estimationWindow,
    eventWindow: o.eventWindow,
    carWindows: o.carWindows,
    minEstimationReturns: o.minEstimationReturns,
    day0Rule: o.day0Rule,
    tests: o.tests,
    bootstrap: o.bootstrap,
    factors: o.factors?.name ?? null,
  };
}

/**
 * Runs an event study on events as they come and keeps only the aggregate. Each studied event is
 * handed to `onEvent` as soon as it is computed (write it out, or drop it); the per-window
 * battery, r̄ and the daily tests are computed at the end from a few arrays per event (see
 * src/study/aggregate.ts). One engine underneath, the same numbers as runEventStudy.
 *
 * @example
 * const summary = await streamEventStudy(readEventsStream('events.csv'), { benchmark: 'SPY', onEvent: (e) => out.write(e) });
 * summary.aggregate[0].tests.bmpT
 */
export async function streamEventStudy(events: Iterable<EventSpec> | AsyncIterable<EventSpec>, options: StreamEventStudyOptions): Promise<StreamSummary> {
  const run = await runStudy(events, options, options.keepSkipped ?? 1000);
  // The run log, as for runEventStudy: what ran, for the report footer.
  recordLibraryCall(eventStudyCall({ ...options, events, streamed: run.summary.counts.events, prices: run.prices }, run.summary));
  return run.summary;
}

/** Distinct calendar notes listed in a study's notes (each event carries its own in `calendar`). */
const CALENDAR_NOTES_SHOWN = 5;

interface StudyRun {
  summary: StreamSummary;
  /** Where the prices came from, for the run log (null: the data store or the caller's loader). */
  prices: string | null;
}

async function runStudy(
  events: Iterable<EventSpec> | AsyncIterable<EventSpec>,
  options: StreamEventStudyOptions,
  keepSkipped: number,
): Promise<StudyRun> {
  if (events === null || events === undefined || (typeof (events as Iterable<EventSpec>)[Symbol.iterator] !== 'function' && typeof (events as AsyncIterable<EventSpec>)[Symbol.asyncIterator] !== 'function')) {
    throw new InputError('events must be a list (or an iterable) of { symbol, date } objects');
  }
  const o = resolveStudyOptions(options);
  const modelOptions = { dimsonLags: o.dimsonLags };
  const plan = planWindows(o.estimationWindow, o.eventWindow, o.carWindows, o.spec.padding(modelOptions));
  const live = await liveData(events, options, o, plan);
  if (live) events = live.events;
  const loader = loaderOf(options);
  const loadSeries: SeriesLoader = live ? (symbol) => live.store.loadSeries(symbol) : loader;
  // The volume measure's turnover basis reads share counts from the store the prices come from.
  const sharesOutstanding = live ? (symbol: string, date: string) => live.store.sharesOutstanding(symbol, date)?.shares ?? null : loader.sharesOutstanding;
  const measure = { measure: o.measure, volumeBasis: o.volumeBasis, sharesOutstanding };
  const engine = createEngine({ model: o.model, modelOptions, plan, minM: o.minEstimationReturns, day0Rule: o.day0Rule, factors: o.factors, loadSeries, measure });
  const timings = options.timings;
  const expectedEvents = options.expectedEvents ?? (Array.isArray(events) ? events.length : undefined);
  const aggregator = createAggregator({ plan, tests: o.tests, bootstrap: o.bootstrap, rbar: o.rbar, timings, expectedEvents, model: o.model, measure: o.measure });
  const tEvents = performance.now();
  // Dropped after the last event (its id table is the largest thing a million events leave behind).
  let assignId: ((e: DatedEventSpec, i: number) => string) | null = createIdAssigner();
  const skipped: SkippedEvent[] = [];
  const every = options.progressEvery ?? 1000;
  let index = 0;
  let studied = 0;
  let skippedCount = 0;
  // Calendars not made by a holiday table alone: said once per calendar in the study's notes.
  const calendarNotes = new Set<string>();
  let calendarEvents = 0;
  for await (const raw of events as AsyncIterable<EventSpec>) {
    const spec = normalizeEventSpec(raw, index);
    const id = (assignId as NonNullable<typeof assignId>)(spec, index);
    index++;
    const out: EventWork | SkippedEvent = await studyEvent(engine, spec, id, spec.benchmark ?? o.benchmark);
    if ('reason' in out) {
      skippedCount++;
      if (skipped.length < keepSkipped) skipped.push(out);
      if (options.onSkip) await options.onSkip(out);
    } else {
      studied++;
      const calNote = out.result.calendar.note;
      if (calNote !== null) {
        calendarEvents++;
        if (calendarNotes.size < CALENDAR_NOTES_SHOWN) calendarNotes.add(calNote);
      }
      aggregator.add(out);
      if (options.onEvent) await options.onEvent(out.result);
    }
    if (options.onProgress && index % every === 0) options.onProgress({ done: index, studied, skipped: skippedCount });
  }
  assignId = null;
  if (index === 0) throw new InputError('no events given');
  if (options.onProgress && index % every !== 0) options.onProgress({ done: index, studied, skipped: skippedCount });

  const notes = [...o.notes];
  if (live?.note) notes.push(live.note);
  for (const n of calendarNotes) notes.push(`calendar: ${n}`);
  if (calendarEvents > 0 && calendarNotes.size === CALENDAR_NOTES_SHOWN) {
    notes.push(`${calendarEvents.toLocaleString('en-US')} events are counted on calendars partly or wholly made from their own trading days (see each event's calendar.note)`);
  }
  if (studied === 0) notes.push('no event could be studied; see skipped for the reasons');
  if (skippedCount > skipped.length) notes.push(`${skippedCount.toLocaleString('en-US')} events were skipped; the first ${skipped.length.toLocaleString('en-US')} are listed`);
  if (timings) {
    timings.events = performance.now() - tEvents;
    timings.series = engine.seriesMs();
  }
  if (options.onProgress) options.onProgress({ done: index, studied, skipped: skippedCount, stage: 'aggregate' });
  const agg = aggregator.finish(engine.pairs);
  notes.push(...agg.notes);
  const tOverlaps = performance.now();
  const counted = overlapCounts(agg.overlapRecords, 0);
  let withEstimation = 0;
  let withEvent = 0;
  for (let i = 0; i < counted.estimation.length; i++) {
    if (counted.estimation[i] > 0) withEstimation++;
    if (counted.eventWindow[i] > 0) withEvent++;
  }
  if (timings) timings.overlaps = performance.now() - tOverlaps;
  const summary: StreamSummary = {
    parameters: parametersOf(o),
    skipped,
    aggregate: agg.aggregate,
    daily: agg.daily,
    rbar: agg.rbar,
    rbarSe: agg.rbarSe,
    rbarMethod: agg.rbarMethod,
    rbarPairs: agg.rbarPairs,
    notes,
    counts: { events: index, studied, skipped: skippedCount, withEstimationOverlap: withEstimation, withEventWindowOverlap: withEvent },
  };
  return { summary, prices: live?.note || null };
}

/**
 * Runs an event study. See StudyOptions for defaults (market model, [-250,-11], [-5,+5]).
 *
 * @example
 * const result = await runEventStudy({
 *   events: [{ symbol: 'NVDA', date: '2025-01-27' }],
 *   benchmark: 'SPY',
 * });
 * result.events[0].car[0]; // { window: '[-1,+1]', car, se, t, df, p, bhar, ... }
 */
export async function runEventStudy(input: RunEventStudyInput): Promise<StudyResult & WithTables> {
  if (input === null || input === undefined || typeof input !== 'object') {
    throw new InputError('runEventStudy needs an options object, e.g. { events: [{ symbol: "NVDA", date: "2025-01-27" }], benchmark: "SPY" }');
  }
  if (Array.isArray(input.events) && input.events.length === 0) throw new InputError('no events given');
  const results: EventResult[] = [];
  const { onEvent: _onEvent, ...rest } = input as RunEventStudyInput & { onEvent?: unknown };
  void _onEvent;
  const run = await runStudy(input.events, { ...rest, onEvent: (e) => void results.push(e) }, Infinity);
  markOverlaps(results);
  const { counts: _counts, ...summary } = run.summary;
  void _counts;
  const result: StudyResult = { ...summary, events: results, skipped: run.summary.skipped };
  recordLibraryCall(eventStudyCall({ ...input, prices: run.prices }, result)); // the run log: what ran, for the report footer
  return attachTables(result);
}

