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
          // Room above/below the extreme bars for the limit markers.
          ...(markers.length > 0 ? { scale: { padding: 16 } } : {}),
        },
        color: {
          field: 'status',
          type: 'nominal',
          scale: { domain: statusDomain, range: statusRange },
          legend: { title: null, symbolType: 'square' },
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
        fill: { datum: '95% confidence band', scale: { domain: ['95% confidence band'], range: [PALETTE.band] }, legend: { title: null, symbolType: 'square' } },
      },
    },
    zeroRule(),
    dayZeroRule(),
    {
      mark: { type: 'line', strokeWidth: 2.5, point: { filled: true, size: 40, color: PALETTE.observed } },
      encoding: {
        x,
        y: { field: 'car', type: 'quantitative', axis: { title: 'Cumulative abnormal return (%)', format: '.1%' } },
        stroke: { datum: 'CAR', scale: { domain: ['CAR'], range: [PALETTE.observed] }, legend: { title: null, symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 } },
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
  const strokeScale =
    perEvent.length > 0
      ? { domain: [eventsName, 'CAAR'], range: [PALETTE.faint, PALETTE.observed] }
      : { domain: ['CAAR'], range: [PALETTE.observed] };
  const x = relAxis([...caar.map((r) => r.rel), ...perEvent.map((r) => r.rel)]);
  const layers: object[] = [];
  if (hasBand) {
    layers.push({
      data: { values: caar },
      transform: [{ filter: 'isValid(datum.lower)' }],
      mark: { type: 'area', opacity: 0.45 },
      encoding: {
        x,
        y: { field: 'lower', type: 'quantitative' },
        y2: { field: 'upper' },
        fill: { datum: '95% confidence band', scale: { domain: ['95% confidence band'], range: [PALETTE.band] }, legend: { title: null, symbolType: 'square' } },
      },
    });
  }
  if (perEvent.length > 0) {
    layers.push({
      data: { values: perEvent },
      mark: { type: 'line', strokeWidth: 1.2, opacity: 0.45 },
      encoding: {
        x,
        y: { field: 'car', type: 'quantitative' },
        detail: { field: 'id', type: 'nominal' },
        stroke: { datum: eventsName },
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
    mark: { type: 'line', strokeWidth: 3.5, point: { filled: true, size: 45, color: PALETTE.observed } },
    encoding: {
      x,
      y: { field: 'caar', type: 'quantitative', axis: { title: 'Cumulative average abnormal return (%)', format: '.1%' } },
      stroke: { datum: 'CAAR', scale: strokeScale, legend: { title: null, symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 } },
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

/** Quantitative relative-day x encoding with integer ticks. */
function relAxis(rels: number[]) {
  return {
    field: 'rel',
    type: 'quantitative',
    scale: { domain: [Math.min(...rels), Math.max(...rels)], nice: false },
    axis: { title: REL_TITLE, format: 'd', tickMinStep: 1, labelFlush: true },
  };
}
