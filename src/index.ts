/**
 * market-impact: event studies on real prices, from one script.
 *
 * @example
 * import { runEventStudy } from 'market-impact';
 * const result = await runEventStudy({ events: [{ symbol: 'NVDA', date: '2025-01-27' }], benchmark: 'SPY' });
 */
export * from './types.ts';
export * from './errors.ts';
// one formatter per quantity (p-values, signed percentages, numbers, booleans)
export { formatPValue, pPhrase, signedPercent, MINUS, yesNo } from './format.ts';
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
export { ensureLive, pinYahooSeries, liveRange, defaultLiveDir, type EnsureLiveOptions, type EnsureLiveResult, type PinnedSeries } from './data/live.ts';
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
  sharedYDomain,
  arBarsDomain,
  claimChart,
  abnormalVolumeChart,
  modelComparisonChart,
  carRegressionChart,
  regressionTestsChart,
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
export {
  checkArticle,
  checkArticleWith,
  extractArticle,
  formatArticleCheck,
  splitSentences,
  findNumbers,
  parseLocalizedNumber,
  findArticleDate,
  findDayMentions,
  resolveDayMention,
  buildAliasTable,
  compileCompanyFinder,
  parseAliasFile,
  detectLanguage,
  classifySentence,
  type ArticleCheck,
  type ArticleClaim,
  type NotCheckedItem,
  type CheckArticleOptions,
  type ArticleLanguage,
  type AliasEntry,
} from './claims/article/index.ts';
// methods (#13): GARCH market model (MODELS 'garch'), Savickas test (BATTERY 'savickasT'), measures (volume, volatility)
export { fitGarch, forecastGarch, garchLogLikelihood, type GarchFit, type GarchOptions, type GarchForecast, type GarchForecastInput, type GarchParameters, type GarchStandardErrors } from './models/garch.ts';
export { savickasT, garchStandardizedCar } from './stats/tests/savickas.ts';
export { holmAdjust, bhAdjust, adjustPValues, multipleTesting, type PAdjustMethod, type PValues, type MultipleTestingSummary } from './stats/multiple.ts';
export { linearRegression, type RegressionInput, type RegressionFit, type CoefficientRow, type StandardErrorRow } from './stats/regression.ts';
export { welchT, rankSumTest, type RankSumResult } from './stats/tests/two-sample.ts';
export { regressCars, subgroupCaar, priorReturns, priorReturnFromRows, type CarRegressionSpec, type CarRegression, type RegressionTerm, type SubgroupCaar, type SubgroupRow, type SubgroupComparison, type CharacteristicValue } from './study/regress.ts';
export { parseFrenchFactors, readFrenchFactors, loadBundledFrenchDaily, checkFactorCoverage, buildFrenchDaily, type FrenchFactors } from './data/french.ts';
export { calendarTimePortfolio, calendarTimeData, type CalendarTimeInput, type CalendarTimeResult, type CalendarTimeDay, type CalendarTimeEvent } from './study/calendar-time.ts';
export { studyMultipleTesting, adjustedPValues, type AdjustedFamily, type AdjustedPValues } from './study/multiple-testing.ts';
export { MEASURES, MEASURE_NAMES, TURNOVER_LOG_CONSTANT, type Measure, type MeasureSpec, type VolumeBasis } from './study/measures.ts';
export { volatilityFit } from './models/volatility.ts';
export { fitGarchMarketModel, type GarchEventFit } from './models/garch-event.ts';
