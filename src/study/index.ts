/** Study stage: runEventStudy, results as plain data and DataFrames, summaries for reports. */
export * from './types.ts';
export {
  runEventStudy,
  streamEventStudy,
  markOverlaps,
  overlapCounts,
  ALL_TESTS,
  type RunEventStudyInput,
  type StreamEventStudyOptions,
  type StreamSummary,
  type StudyProgress,
  type DataOptions,
  type SeriesLoader,
  type OverlapRecords,
} from './run.ts';
export { assignIds, normalizeEventSpec, createIdAssigner, type DatedEventSpec } from './specs.ts';
export { resolveStudyOptions, BOOTSTRAP_MAX_EVENTS, BOOTSTRAP_MAX_REPLICATIONS, type ResolvedOptions } from './options.ts';
export { seriesGrid, pairGrid, planWindows, alignOnto, type SeriesGrid, type PairGrid, type WindowPlan } from './grid.ts';
export { createEngine, studyEvent, computeEvent, replayResiduals, type Engine, type EngineOptions, type EventWork } from './engine.ts';
export { createAggregator, type Aggregator, type AggregateOutput } from './aggregate.ts';
export { DEFAULT_CAR_WINDOWS, DEFAULT_ESTIMATION_WINDOW, DEFAULT_EVENT_WINDOW, DEFAULT_MIN_ESTIMATION_RETURNS, windowLabel, parseWindow, validateWindows } from './windows.ts';
export { studyRows, studyTable, attachTables, TABLE_KINDS, type TableKind, type WithTables } from './tables.ts';
export { pct, num, pValue, stars, formatStudy } from './format.ts';
export { parseEventsCsv, readEventsCsv, readEventsStream, createCsvSplitter, EVENT_COLUMNS, type EventsFileOptions } from './events-file.ts';
export { parseFactorCsv, readFactorCsv } from './factors.ts';
export * from './summaries.ts';
export { processLibraryCalls, onLibraryCall, recordLibraryCall, seedsOf, type LibraryCall, type LibraryCallKind, type JsonValue } from './call-log.ts';
export * from './conclusions.ts';
export { simulateNullRejectionRates, type SizeOptions, type RejectionRates } from './size.ts';
