/**
 * Event-window charts of abnormal returns: daily AR bars against their prediction band,
 * the CAR path of one event, and the CAAR panel of many events.
 */
import { InputError } from '../errors.ts';
import { PALETTE } from './theme.ts';
import { checkDate, checkFinite, checkInteger, checkRows, checkText, relAxisValues, specFrame } from './spec-base.ts';
import type { AbnormalReturnInput, CaarPanelInput, CarPathInput, VegaLiteSpec } from './types.ts';

/** Legend text of censored days: the observed return understates the move the news caused. */
export const LIMIT_UP_LABEL = 'limit-up close (return censored)';
export const LIMIT_DOWN_LABEL = 'limit-down close (return censored)';
export const MISSING_LABEL = 'no price (missing)';
const REL_TITLE = 'Trading days relative to day 0';
/** Light fill of the per-day prediction band. */
const BAND_FILL = '#d6e6f4';

/**
 * A constant legend entry for one layer: a calculated `field` holding `label`, with its own
 * one-entry scale (give each legend its own field: legends on one field are merged). (A `datum` encoding cannot carry a scale or legend in the
 * Vega-Lite schema; a field can.)
 */
export function legendEntry(field: string, label: string, color: string, legend: Record<string, unknown>) {
  return {
    transform: { calculate: JSON.stringify(label), as: field },
    encoding: { field, type: 'nominal', scale: { domain: [label], range: [color] }, legend: { title: null, ...legend } },
  };
}

/** A horizontal rule at y = 0 with its own one-row data, so it is drawn once. */
function zeroRule() {
  return {
    data: { values: [{ y: 0 }] },
    mark: { type: 'rule', color: '#444444', strokeWidth: 1 },
    encoding: { y: { field: 'y', type: 'quantitative' } },
  };
}

/** A dashed vertical rule at relative day 0 (quantitative x). */
function dayZeroRule() {
  return {
    data: { values: [{ rel: 0 }] },
    mark: { type: 'rule', color: PALETTE.event, strokeWidth: 1.2, strokeDash: [4, 3] },
    encoding: { x: { field: 'rel', type: 'quantitative' } },
  };
}

/**
 * Bars of daily abnormal returns (percent axis) over the event window, each day's ±1.96·S_t
 * prediction band drawn behind its bar, bars outside the band highlighted, limit-up/down days
 * marked with a triangle (their return is censored) and days without a price marked with a cross.
 * x is the relative day; the calendar date is in the tooltip.
 *
 * @example
 * abnormalReturnBars({ title: 'NVDA abnormal returns', rows: [
 *   { date: '2025-01-27', rel: 0, ar: -0.17, band: 0.06 }] });
 */
export function abnormalReturnBars(input: AbnormalReturnInput): VegaLiteSpec {
  const chart = 'abnormalReturnBars';
  checkText(chart, 'title', input.title);
  const rows = checkRows(chart, 'rows', input.rows).map((r, i) => {
    const where = `rows[${i}] (${String(r.date)})`;
    const date = checkDate(chart, `rows[${i}].date`, r.date);
    const rel = checkInteger(chart, `${where}.rel`, r.rel);
    const band = checkFinite(chart, `${where}.band`, r.band);
    if (band < 0) throw new InputError(`${chart}: ${where}.band must be ≥ 0 (a half-width), got ${band}`);
    const missing = r.missing === true || r.ar === null;
    const ar = missing ? null : checkFinite(chart, `${where}.ar`, r.ar);
    const outside = ar !== null && Math.abs(ar) > band;
    const marker = r.limitUp ? LIMIT_UP_LABEL : r.limitDown ? LIMIT_DOWN_LABEL : missing ? MISSING_LABEL : null;
    return {
      date,
      rel,
      ar,
      band,
      lower: -band,
      upper: band,
      status: outside ? 'AR outside 95% band' : 'AR within 95% band',
      marker,
      markerY: ar ?? 0,
    };
  });
  const seen = new Set<number>();
  for (const r of rows) {
    if (seen.has(r.rel)) throw new InputError(`${chart}: relative day ${r.rel} appears twice (date ${r.date})`);
    seen.add(r.rel);
  }
  rows.sort((a, b) => a.rel - b.rel);

  const statusDomain = ['AR within 95% band', 'AR outside 95% band', '±1.96·S prediction band'];
  const statusRange = [PALETTE.bar, PALETTE.highlight, BAND_FILL];
  // The colour scale keeps all three entries (so colours agree across charts); the legend lists
  // only what this chart draws.
  const shownStatuses = statusDomain.filter((s) => s === '±1.96·S prediction band' || rows.some((r) => r.ar !== null && r.status === s));
  const yDomain = input.yDomain === undefined ? undefined : checkDomain(chart, input.yDomain);
  const markers = [LIMIT_UP_LABEL, LIMIT_DOWN_LABEL, MISSING_LABEL].filter((m) => rows.some((r) => r.marker === m));
  const shapeOf: Record<string, string> = {
    [LIMIT_UP_LABEL]: 'triangle-up',
    [LIMIT_DOWN_LABEL]: 'triangle-down',
    [MISSING_LABEL]: 'cross',
  };
  const tickValues = relAxisValues(rows.map((r) => r.rel));
  const x = {
    field: 'rel',
    type: 'ordinal',
    sort: 'ascending',
    // No gap between days, so the per-day prediction bands join into one stepped band.
    scale: { paddingInner: 0, paddingOuter: 0.05 },
    // Typographic minus, like the quantitative axes ('−5' not '-5').
    axis: { title: REL_TITLE, labelAngle: 0, labelExpr: "replace(datum.label, '-', '\u2212')", ...(tickValues ? { values: tickValues } : {}) },
  };
  const tooltip = [
    { field: 'date', type: 'nominal', title: 'Date' },
    { field: 'rel', type: 'ordinal', title: 'Relative day' },
    { field: 'ar', type: 'quantitative', title: 'Abnormal return', format: '.2%' },
    { field: 'band', type: 'quantitative', title: '±1.96·S band', format: '.2%' },
    { field: 'marker', type: 'nominal', title: 'Note' },
  ];
  const layers: object[] = [
    {
      // The stroke in the band's own colour hides hairline seams between adjacent days.
      mark: { type: 'bar', width: { band: 1 }, stroke: BAND_FILL, strokeWidth: 1 },
      encoding: {
        x,
        y: { field: 'lower', type: 'quantitative' },
        y2: { field: 'upper' },
        color: { datum: '±1.96·S prediction band' },
        tooltip,
      },
    },
    {
      transform: [{ filter: 'datum.ar !== null' }],
      mark: { type: 'bar', width: { band: 0.6 } },
      encoding: {
        x,
        y: {
          field: 'ar',
          type: 'quantitative',
          axis: { title: 'Abnormal return (%)', format: '.1%' },
          // A shared domain (small multiples) or room above/below the extreme bars for the limit markers.
          ...(yDomain ? { scale: { domain: yDomain, nice: false } } : markers.length > 0 ? { scale: { padding: 16 } } : {}),
        },
        color: {
          field: 'status',
          type: 'nominal',
          scale: { domain: statusDomain, range: statusRange },
          legend: { title: null, symbolType: 'square', symbolStrokeWidth: 0, values: shownStatuses },
        },
        tooltip,
      },
    },
    zeroRule(),
  ];
  const markerShift: Record<string, number> = { [LIMIT_UP_LABEL]: -9, [LIMIT_DOWN_LABEL]: 9, [MISSING_LABEL]: 0 };
  for (const m of markers) {
    layers.push({
      transform: [{ filter: { field: 'marker', equal: m } }],
      mark: { type: 'point', filled: true, size: 110, color: PALETTE.censored, yOffset: markerShift[m], opacity: 1 },
      encoding: {
        x,
        y: { field: 'markerY', type: 'quantitative' },
        shape: {
          field: 'marker',
          type: 'nominal',
          scale: { domain: markers, range: markers.map((k) => shapeOf[k]) },
          legend: { title: null, orient: 'bottom', symbolFillColor: PALETTE.censored, symbolStrokeColor: PALETTE.censored },
        },
        tooltip,
      },
    });
  }
  return { ...specFrame(input.title, input.subtitle), data: { values: rows }, layer: layers } as VegaLiteSpec;
}

/**
 * The cumulative abnormal return of one event over its window, with its 95% confidence band,
 * a zero line and a dashed rule at day 0.
 */
export function carPath(input: CarPathInput): VegaLiteSpec {
  const chart = 'carPath';
  checkText(chart, 'title', input.title);
  const rows = checkRows(chart, 'rows', input.rows)
    .map((r, i) => {
      const rel = checkInteger(chart, `rows[${i}].rel`, r.rel);
      const where = `rows[${i}] (day ${rel})`;
      const car = checkFinite(chart, `${where}.car`, r.car);
      const lower = checkFinite(chart, `${where}.lower`, r.lower);
      const upper = checkFinite(chart, `${where}.upper`, r.upper);
      if (lower > upper) throw new InputError(`${chart}: ${where} lower ${lower} > upper ${upper}`);
      return { rel, car, lower, upper };
    })
    .sort((a, b) => a.rel - b.rel);
  const x = relAxis(rows.map((r) => r.rel));
  const yDomain = input.yDomain === undefined ? undefined : checkDomain(chart, input.yDomain);
  const band = legendEntry('bandName', '95% confidence band', PALETTE.band, { symbolType: 'square', symbolOpacity: 0.45 });
  // The legend's line looks like the mark: the CAR colour and width, with its dot.
  const line = legendEntry('lineName', 'CAR', PALETTE.observed, { symbolType: 'stroke', symbolStrokeWidth: 2.5, symbolOpacity: 1 });
  const tooltip = [
    { field: 'rel', type: 'quantitative', title: 'Relative day' },
    { field: 'car', type: 'quantitative', title: 'CAR', format: '.2%' },
    { field: 'lower', type: 'quantitative', title: '95% lower', format: '.2%' },
    { field: 'upper', type: 'quantitative', title: '95% upper', format: '.2%' },
  ];
  const layers = [
    {
      mark: { type: 'area', opacity: 0.45 },
      encoding: {
        x,
        y: { field: 'lower', type: 'quantitative' },
        y2: { field: 'upper' },
        fill: band.encoding,
      },
      transform: [band.transform],
    },
    zeroRule(),
    dayZeroRule(),
    {
      transform: [line.transform],
      mark: { type: 'line', strokeWidth: 2.5, point: { filled: true, size: 40, color: PALETTE.observed } },
      encoding: {
        x,
        y: { field: 'car', type: 'quantitative', axis: { title: 'Cumulative abnormal return (%)', format: '.1%' }, ...(yDomain ? { scale: { domain: yDomain, nice: false } } : {}) },
        stroke: line.encoding,
        tooltip,
      },
    },
  ];
  return { ...specFrame(input.title, input.subtitle), data: { values: rows }, layer: layers } as VegaLiteSpec;
}

/**
 * Many events at once: one faint CAR line per event, the bold CAAR line on top and, when given,
 * its 95% band.
 */
export function caarPanel(input: CaarPanelInput): VegaLiteSpec {
  const chart = 'caarPanel';
  checkText(chart, 'title', input.title);
  const perEvent = (input.perEvent ?? []).map((r, i) => {
    const id = checkText(chart, `perEvent[${i}].id`, r.id);
    const rel = checkInteger(chart, `perEvent[${i}].rel`, r.rel);
    return { id, rel, car: checkFinite(chart, `perEvent[${i}] (${id}, day ${rel}).car`, r.car) };
  });
  const caar = checkRows(chart, 'caar', input.caar)
    .map((r, i) => {
      const rel = checkInteger(chart, `caar[${i}].rel`, r.rel);
      const where = `caar[${i}] (day ${rel})`;
      const row: { rel: number; caar: number; lower?: number; upper?: number } = {
        rel,
        caar: checkFinite(chart, `${where}.caar`, r.caar),
      };
      if (r.lower !== undefined || r.upper !== undefined) {
        row.lower = checkFinite(chart, `${where}.lower`, r.lower);
        row.upper = checkFinite(chart, `${where}.upper`, r.upper);
        if (row.lower > row.upper) throw new InputError(`${chart}: ${where} lower ${row.lower} > upper ${row.upper}`);
      }
      return row;
    })
    .sort((a, b) => a.rel - b.rel);
  const nEvents = new Set(perEvent.map((r) => r.id)).size;
  const eventsName = `Individual events (N = ${nEvents})`;
  const hasBand = caar.some((r) => r.lower !== undefined);
  const yDomain = input.yDomain === undefined ? undefined : checkDomain(chart, input.yDomain);
  // One legend for both line layers, each entry drawn as its line is: colour, width and opacity
  // are all encoded by the series name on shared scales, so Vega-Lite merges them into one legend.
  const names = perEvent.length > 0 ? [eventsName, 'CAAR'] : ['CAAR'];
  const pick = <T,>(events: T, caarValue: T) => (perEvent.length > 0 ? [events, caarValue] : [caarValue]);
  const lineLegend = { title: null, symbolType: 'stroke' };
  const seriesEncoding = {
    stroke: { field: 'series', type: 'nominal', sort: names, scale: { domain: names, range: pick(PALETTE.faint, PALETTE.observed) }, legend: lineLegend },
    // An 'ordinal' scale maps each name to its own value (a point scale would interpolate).
    strokeWidth: { field: 'series', type: 'ordinal', sort: names, scale: { type: 'ordinal', domain: names, range: pick(1.2, 3.5) }, legend: lineLegend },
    opacity: { field: 'series', type: 'ordinal', sort: names, scale: { type: 'ordinal', domain: names, range: pick(0.45, 1) }, legend: lineLegend },
  };
  const x = relAxis([...caar.map((r) => r.rel), ...perEvent.map((r) => r.rel)]);
  const layers: object[] = [];
  if (hasBand) {
    const band = legendEntry('bandName', '95% confidence band', PALETTE.band, { symbolType: 'square', symbolOpacity: 0.45 });
    layers.push({
      data: { values: caar },
      transform: [{ filter: 'isValid(datum.lower)' }, band.transform],
      mark: { type: 'area', opacity: 0.45 },
      encoding: {
        x,
        y: { field: 'lower', type: 'quantitative' },
        y2: { field: 'upper' },
        fill: band.encoding,
      },
    });
  }
  if (perEvent.length > 0) {
    layers.push({
      data: { values: perEvent },
      transform: [{ calculate: JSON.stringify(eventsName), as: 'series' }],
      mark: { type: 'line' },
      encoding: {
        x,
        y: { field: 'car', type: 'quantitative' },
        detail: { field: 'id', type: 'nominal' },
        ...seriesEncoding,
        tooltip: [
          { field: 'id', type: 'nominal', title: 'Event' },
          { field: 'rel', type: 'quantitative', title: 'Relative day' },
          { field: 'car', type: 'quantitative', title: 'CAR', format: '.2%' },
        ],
      },
    });
  }
  layers.push(zeroRule(), dayZeroRule(), {
    data: { values: caar },
    transform: [{ calculate: "'CAAR'", as: 'series' }],
    mark: { type: 'line', point: { filled: true, size: 45, color: PALETTE.observed } },
    encoding: {
      x,
      y: { field: 'caar', type: 'quantitative', axis: { title: 'Cumulative average abnormal return (%)', format: '.1%' }, ...(yDomain ? { scale: { domain: yDomain, nice: false } } : {}) },
      ...seriesEncoding,
      // Bounds in the tooltip only when they exist: an absent field would read 'NaN%'.
      tooltip: [
        { field: 'rel', type: 'quantitative', title: 'Relative day' },
        { field: 'caar', type: 'quantitative', title: 'CAAR', format: '.2%' },
        ...(hasBand
          ? [
              { field: 'lower', type: 'quantitative', title: '95% lower', format: '.2%' },
              { field: 'upper', type: 'quantitative', title: '95% upper', format: '.2%' },
            ]
          : []),
      ],
    },
  });
  return { ...specFrame(input.title, input.subtitle), layer: layers } as VegaLiteSpec;
}

/** Checks a y-domain [lo, hi] given for small multiples. */
function checkDomain(chart: string, domain: readonly [number, number]): [number, number] {
  const lo = checkFinite(chart, 'yDomain[0]', domain?.[0]);
  const hi = checkFinite(chart, 'yDomain[1]', domain?.[1]);
  if (!(lo < hi)) throw new InputError(`${chart}: yDomain must be [low, high] with low < high, got [${lo}, ${hi}]`);
  return [lo, hi];
}

/** Quantitative relative-day x encoding with integer ticks. */
function relAxis(rels: number[]) {
  return {
    field: 'rel',
    type: 'quantitative',
    scale: { domain: [Math.min(...rels), Math.max(...rels)], nice: false },
    axis: { title: REL_TITLE, format: 'd', tickMinStep: 1, labelFlush: true },
  };
}
