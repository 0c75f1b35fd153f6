/**
 * market-impact: event studies on real prices, from one script.
 *
 * @example
 * import { runEventStudy } from 'market-impact';
 * const result = await runEventStudy({ events: [{ symbol: 'NVDA', date: '2025-01-27' }], benchmark: 'SPY' });
 */
export * from './types.ts';
export * from './errors.ts';
// data
export { loadSnapshotSeries, defaultDataDir, parseSnapshotCsv, priceRowProblem } from './data/snapshot.ts';
export { SYMBOLS, resolveSymbol, findSymbol, symbolFileName, suggestSymbols } from './data/symbols.ts';
export { readManifest } from './data/manifest.ts';
export { verifySnapshot } from './data/verify.ts';
export { openDataStore, defaultDataStore, processDataReads, DATA_DIR_ENV, type DataStore, type DataStoreOptions, type DataRead } from './data/store.ts';
export { writeFolderSeries } from './data/folder.ts';
export { sharesOutstanding, usdCnyRate, loadShareCounts, loadUsdCny } from './data/fundamentals.ts';
export { loadEvents, findEvent, getEvent, type EventRecord } from './data/events.ts';
export { snapshotSource, yahooSource, withFallback, sliceSeries, type PriceSource } from './data/source.ts';
// stages
export * from './calendar/index.ts';
export * from './returns/index.ts';
export * from './models/index.ts';
export * from './stats/index.ts';
export * from './study/index.ts';
export * from './claims/index.ts';
export {
  pricePathChart,
  abnormalReturnBars,
  carPath,
  caarPanel,
  claimEvidence,
  testBattery,
  formatPValue,
  compileToVega,
  renderSvg,
  renderPng,
  exportChart,
  eventLabel,
  eventPricePath,
  eventArBars,
  eventCarPath,
  panelCaarChart,
  batteryChart,
  criticalValue,
  claimChart,
  type VegaLiteSpec,
  type ChartEvent,
  type PricePathInput,
  type AbnormalReturnInput,
  type AbnormalReturnRow as ChartAbnormalReturnRow,
  type CarPathInput,
  type CaarPanelInput,
  type ClaimEvidenceInput,
  type ClaimEvidenceRow,
  type TestBatteryInput,
  type TestBatteryRow,
} from './charts/index.ts';
// the display API studies call, and the report writers
export {
  show,
  showTable,
  showChart,
  markdown,
  provenance,
  saveResults,
  runStudy,
  writeStudyReports,
  writeReportsIndex,
} from './report/index.ts';
