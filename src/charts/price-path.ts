/**
 * Price path around an event: observed closes, the model-implied counterfactual across the event
 * window (dashed), vertical rules at event dates and the event window shaded.
 */
import { InputError } from '../errors.ts';
import { PALETTE } from './theme.ts';
import { checkDate, checkFinite, checkRows, checkText, specFrame } from './spec-base.ts';
import type { PricePathInput, VegaLiteSpec } from './types.ts';

const CHART = 'pricePathChart';
/** Pixel offsets of stacked event labels, so labels of nearby events do not overprint. */
const LABEL_ROWS = [4, 20, 36];

/**
 * Line chart of closing prices with the counterfactual path and event markers.
 * Dates are drawn on a UTC time scale, so an ISO date never shifts a day with the machine's time zone.
 *
 * @example
 * pricePathChart({ title: 'NVIDIA around DeepSeek-R1', symbol: 'NVDA', currency: 'USD',
 *   prices: [{ date: '2025-01-24', close: 142.62 }, { date: '2025-01-27', close: 118.42 }],
 *   events: [{ date: '2025-01-27', label: 'DeepSeek-R1 sell-off' }] });
 */
export function pricePathChart(input: PricePathInput): VegaLiteSpec {
  checkText(CHART, 'title', input.title);
  const symbol = checkText(CHART, 'symbol', input.symbol);
  const currency = checkText(CHART, 'currency', input.currency);
  const prices = checkRows(CHART, 'prices', input.prices);
  const closeName = `${symbol} close`;
  const modelName = 'Model-implied path (no event)';

  const lineRows: { date: string; value: number; series: string }[] = prices.map((p, i) => ({
    date: checkDate(CHART, `prices[${i}].date`, p.date),
    value: positive(`prices[${i}].close (${p.date})`, p.close),
    series: closeName,
  }));
  const counterfactual = input.counterfactual ?? [];
  counterfactual.forEach((c, i) => {
    lineRows.push({
      date: checkDate(CHART, `counterfactual[${i}].date`, c.date),
      value: positive(`counterfactual[${i}].value (${c.date})`, c.value),
      series: modelName,
    });
  });
  const seriesNames = counterfactual.length > 0 ? [closeName, modelName] : [closeName];

  const times = prices.map((p) => Date.parse(`${p.date}T00:00:00Z`));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const events = (input.events ?? []).map((e, i) => {
    const date = checkDate(CHART, `events[${i}].date`, e.date);
    const t = Date.parse(`${date}T00:00:00Z`);
    // Labels in the right part of the chart are right-aligned so they stay inside the plot.
    const rightSide = t1 > t0 && (t - t0) / (t1 - t0) > 0.6;
    return { date, label: checkText(CHART, `events[${i}].label`, e.label), rightSide, labelY: LABEL_ROWS[i % LABEL_ROWS.length] };
  });

  const layers: object[] = [];
  if (input.eventWindow) {
    const from = checkDate(CHART, 'eventWindow.from', input.eventWindow.from);
    const to = checkDate(CHART, 'eventWindow.to', input.eventWindow.to);
    if (from > to) throw new InputError(`${CHART}: eventWindow.from ${from} is after eventWindow.to ${to}`);
    layers.push(
      {
        data: { values: [{ from, to }] },
        mark: { type: 'rect', color: PALETTE.window, opacity: 0.3 },
        encoding: {
          x: { field: 'from', type: 'temporal', scale: { type: 'utc' } },
          x2: { field: 'to' },
        },
      },
      {
        data: { values: [{ from, label: 'event window' }] },
        mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, dy: -4, color: '#8a5a00', fontSize: 11 },
        encoding: {
          x: { field: 'from', type: 'temporal', scale: { type: 'utc' } },
          y: { value: 'height' },
          text: { field: 'label' },
        },
      },
    );
  }
  layers.push({
    data: { values: lineRows },
    mark: { type: 'line', strokeWidth: 2 },
    encoding: {
      x: {
        field: 'date',
        type: 'temporal',
        scale: { type: 'utc' },
        axis: { title: 'Date', labelAngle: 0, labelOverlap: true, grid: false },
      },
      y: {
        field: 'value',
        type: 'quantitative',
        scale: { zero: false },
        axis: { title: `Close (${currency})`, format: ',.2f' },
      },
      color: {
        field: 'series',
        type: 'nominal',
        scale: { domain: seriesNames, range: [PALETTE.observed, PALETTE.model] },
        legend: { title: null, symbolType: 'stroke', symbolStrokeWidth: 2.5 },
      },
      strokeDash: {
        field: 'series',
        type: 'nominal',
        scale: { domain: seriesNames, range: [[1, 0], [6, 4]] },
        legend: { title: null, symbolType: 'stroke', symbolStrokeWidth: 2.5 },
      },
      tooltip: [
        { field: 'date', type: 'nominal', title: 'Date' },
        { field: 'series', type: 'nominal', title: 'Series' },
        { field: 'value', type: 'quantitative', title: `Price (${currency})`, format: ',.2f' },
      ],
    },
  });
  if (events.length > 0) {
    layers.push(
      {
        data: { values: events },
        mark: { type: 'rule', color: PALETTE.event, strokeWidth: 1.5, strokeDash: [4, 3] },
        encoding: {
          x: { field: 'date', type: 'temporal', scale: { type: 'utc' } },
          tooltip: [
            { field: 'date', type: 'nominal', title: 'Date' },
            { field: 'label', type: 'nominal', title: 'Event' },
          ],
        },
      },
      ...(['left', 'right'] as const).map((side) => ({
        data: { values: events },
        transform: [{ filter: side === 'right' ? 'datum.rightSide' : '!datum.rightSide' }],
        mark: {
          type: 'text',
          align: side,
          baseline: 'top',
          dx: side === 'right' ? -4 : 4,
          color: PALETTE.event,
          fontSize: 11,
          fontWeight: 'bold',
        },
        encoding: {
          x: { field: 'date', type: 'temporal', scale: { type: 'utc' } },
          y: { field: 'labelY', type: 'quantitative', scale: null },
          text: { field: 'label' },
        },
      })),
    );
  }
  return { ...specFrame(input.title, input.subtitle), layer: layers } as VegaLiteSpec;
}

function positive(what: string, value: unknown): number {
  const x = checkFinite(CHART, what, value);
  if (x <= 0) throw new InputError(`${CHART}: ${what} must be a positive price, got ${x}`);
  return x;
}
