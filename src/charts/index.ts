/** Charts stage: Vega-Lite specs from plain records, rendered to SVG/PNG in Node. */
export * from './types.ts';
export { CHART_FONT, CHART_HEIGHT, CHART_WIDTH, PALETTE, VEGA_LITE_SCHEMA, chartTheme } from './theme.ts';
export { pricePathChart } from './price-path.ts';
export { abnormalReturnBars, carPath, caarPanel, LIMIT_UP_LABEL, LIMIT_DOWN_LABEL, MISSING_LABEL } from './abnormal-returns.ts';
export { claimEvidence } from './claim-evidence.ts';
export { testBattery } from './test-battery.ts';
export { compileToVega, renderSvg, renderPng, exportChart, pngFontOptions } from './render.ts';
export type { CompiledChart, ExportedChart } from './render.ts';
export { eventLabel, eventPricePath, eventArBars, eventCarPath, panelCaarChart, batteryChart, criticalValue, sharedYDomain, arBarsDomain } from './from-study.ts';
export { claimChart } from './from-claim.ts';
export { abnormalVolumeChart, modelComparisonChart, carRegressionChart, regressionTestsChart } from './methods.ts';
