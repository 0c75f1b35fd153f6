/** Study stage: runEventStudy, results as plain data and DataFrames, summaries for reports. */
export * from './types.ts';
export { runEventStudy, assignIds, normalizeEventSpec, markOverlaps, ALL_TESTS, type RunEventStudyInput, type SeriesLoader, type DatedEventSpec } from './run.ts';
export { returnsByDate } from './series.ts';
export { DEFAULT_CAR_WINDOWS, DEFAULT_ESTIMATION_WINDOW, DEFAULT_EVENT_WINDOW, DEFAULT_MIN_ESTIMATION_RETURNS, windowLabel, parseWindow, validateWindows } from './windows.ts';
export { studyRows, studyTable, attachTables, TABLE_KINDS, type TableKind, type WithTables } from './tables.ts';
export { pct, num, pValue, stars, formatStudy } from './format.ts';
export { parseEventsCsv, readEventsCsv } from './events-file.ts';
export { parseFactorCsv, readFactorCsv } from './factors.ts';
export { marketModelPanel } from './panel.ts';
export * from './summaries.ts';
export { processLibraryCalls, onLibraryCall, recordLibraryCall, seedsOf, type LibraryCall, type LibraryCallKind, type JsonValue } from './call-log.ts';
export * from './conclusions.ts';
