/**
 * The one look all market-impact charts share: a Vega-Lite `config` object plus the palette and
 * sizes the builders use. DejaVu Sans ships with Debian/Ubuntu and is the font the PNG renderer
 * loads explicitly, so SVG (in a browser) and PNG (resvg) look alike; the fallbacks cover macOS/Windows.
 */
import type { Config } from 'vega-lite';

/** CSS font-family list used for every text mark, axis, legend and title. */
export const CHART_FONT = 'DejaVu Sans, Verdana, Arial, Helvetica, sans-serif';

/** Total chart size in px (autosize 'fit' including padding): readable in an 800 px column. */
export const CHART_WIDTH = 760;
export const CHART_HEIGHT = 400;

/** The schema notebook front-ends know; the installed vega-lite 6 compiles it unchanged. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** Named colours, so a meaning keeps its colour across charts. */
export const PALETTE = {
  /** Observed prices / returns. */
  observed: '#1f4e79',
  /** Model-implied counterfactual. */
  model: '#6b6b6b',
  /** Event dates and day 0. */
  event: '#b03a2e',
  /** Shaded event window. */
  window: '#f2c57c',
  /** Prediction / confidence bands. */
  band: '#9ecae1',
  /** Something that stands out: outside the band, significant, matched day. */
  highlight: '#d9480f',
  /** Ordinary bars. */
  bar: '#4c78a8',
  /** Claimed move. */
  claim: '#7b2cbf',
  /** Price limits and reference lines. */
  reference: '#555555',
  /** Per-event background lines. */
  faint: '#8a8a8a',
  /** Censored (limit) days. */
  censored: '#000000',
} as const;

/** Vega-Lite config: fonts ≥ 11 px, light grid, titles left-aligned, legends on top. */
export const chartTheme: Config = {
  font: CHART_FONT,
  background: 'white',
  padding: 12,
  view: { stroke: '#d0d0d0' },
  title: {
    anchor: 'start',
    fontSize: 17,
    fontWeight: 'bold',
    color: '#1a1a1a',
    subtitleFontSize: 13,
    subtitleColor: '#4a4a4a',
    subtitlePadding: 4,
    offset: 10,
  },
  axis: {
    labelFontSize: 12,
    titleFontSize: 13,
    titleFontWeight: 'normal',
    titleColor: '#333333',
    labelColor: '#333333',
    gridColor: '#e6e6e6',
    domainColor: '#888888',
    tickColor: '#888888',
    titlePadding: 8,
  },
  legend: {
    orient: 'top',
    direction: 'horizontal',
    labelFontSize: 12,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    labelLimit: 360,
    symbolSize: 120,
    columnPadding: 16,
    padding: 0,
    offset: 6,
  },
  text: { fontSize: 11, font: CHART_FONT },
  line: { strokeWidth: 2 },
  tick: { thickness: 2 },
};
