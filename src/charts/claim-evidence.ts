/**
 * Evidence for a claim like "Cambricon jumped 20%": the daily moves around the report date next
 * to the claimed move and the exchange's price limit.
 */
import { InputError } from '../errors.ts';
import { PALETTE } from './theme.ts';
import { checkDate, checkFinite, checkRows, checkText, signedPercent, specFrame } from './spec-base.ts';
import { LIMIT_DOWN_LABEL, LIMIT_UP_LABEL, legendEntry } from './abnormal-returns.ts';
import type { ClaimEvidenceInput, VegaLiteSpec } from './types.ts';

const CHART = 'claimEvidence';
const MATCHED = 'matched day';
const OTHER = 'close-to-close return';
const RANGE = 'intraday range (low–high)';
/** A vertical line as a legend symbol (SVG path in the unit square), like the intraday rules. */
const VERTICAL_LINE = 'M0,-1L0,1';

/**
 * Bars of daily close-to-close returns by date, thin rules for the intraday range (low to high,
 * measured from the previous close), a solid line at the claimed move, dashed lines at ±limit,
 * the matched day in the highlight colour and limit-up/down closes marked with triangles.
 *
 * @example
 * claimEvidence({ title: 'Did Cambricon jump 20%?', claimedMove: 0.2, limit: 0.2,
 *   matchedDate: '2024-08-26', rows: [{ date: '2024-08-26', ret: 0.2, high: 0.2, low: 0.03, limitUp: true }] });
 */
export function claimEvidence(input: ClaimEvidenceInput): VegaLiteSpec {
  checkText(CHART, 'title', input.title);
  const claimedMove = checkFinite(CHART, 'claimedMove', input.claimedMove);
  const limit = input.limit === undefined || input.limit === null ? null : checkFinite(CHART, 'limit', input.limit);
  if (limit !== null && limit <= 0) throw new InputError(`${CHART}: limit must be a positive fraction (0.1 for ±10%), got ${limit}`);
  const matchedDate = input.matchedDate === undefined ? undefined : checkDate(CHART, 'matchedDate', input.matchedDate);
  const rows = checkRows(CHART, 'rows', input.rows).map((r, i) => {
    const date = checkDate(CHART, `rows[${i}].date`, r.date);
    const where = `rows[${i}] (${date})`;
    const ret = checkFinite(CHART, `${where}.ret`, r.ret);
    const high = r.high === undefined ? null : checkFinite(CHART, `${where}.high`, r.high);
    const low = r.low === undefined ? null : checkFinite(CHART, `${where}.low`, r.low);
    if (high !== null && low !== null && low > high) throw new InputError(`${CHART}: ${where} low ${low} > high ${high}`);
    return {
      date,
      ret,
      high,
      low,
      role: date === matchedDate ? MATCHED : OTHER,
      marker: r.limitUp ? LIMIT_UP_LABEL : r.limitDown ? LIMIT_DOWN_LABEL : null,
    };
  });
  if (matchedDate !== undefined && !rows.some((r) => r.date === matchedDate)) {
    throw new InputError(`${CHART}: matchedDate ${matchedDate} is not one of the rows' dates`);
  }
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  // One band per trading day (weekends and holidays take no room); labels formatted in UTC so an
  // ISO date never shifts a day with the machine's time zone.
  const x = {
    field: 'date',
    type: 'ordinal',
    sort: 'ascending',
    axis: { title: 'Trading day', labelAngle: 0, labelOverlap: true, grid: false, labelExpr: "utcFormat(toDate(datum.value), '%b %d')" },
  };
  const tooltip = [
    { field: 'date', type: 'nominal', title: 'Date' },
    { field: 'ret', type: 'quantitative', title: 'Close-to-close return', format: '.2%' },
    { field: 'high', type: 'quantitative', title: 'Intraday high vs prev close', format: '.2%' },
    { field: 'low', type: 'quantitative', title: 'Intraday low vs prev close', format: '.2%' },
    { field: 'marker', type: 'nominal', title: 'Note' },
  ];
  const roles = matchedDate !== undefined ? [OTHER, MATCHED] : [OTHER];
  const layers: object[] = [
    {
      mark: { type: 'bar', width: { band: 0.7 } },
      encoding: {
        x,
        y: {
          field: 'ret',
          type: 'quantitative',
          // Padding leaves room for the limit markers and the labels of the claim/limit lines.
          scale: { padding: 22 },
          axis: { title: 'Return from previous close (%)', format: '.1%' },
        },
        y2: { datum: 0 },
        color: {
          field: 'role',
          type: 'nominal',
          scale: { domain: roles, range: [PALETTE.bar, ...(matchedDate ? [PALETTE.highlight] : [])] },
          legend: { title: null, symbolType: 'square' },
        },
        tooltip,
      },
    },
  ];
  if (rows.some((r) => r.high !== null && r.low !== null)) {
    // Its own legend, drawn as what it labels: a thin vertical line.
    const range = legendEntry('rangeName', RANGE, '#222222', { symbolType: VERTICAL_LINE, symbolStrokeWidth: 1.5, symbolSize: 150 });
    layers.push({
      transform: [{ filter: 'isValid(datum.high) && isValid(datum.low)' }, range.transform],
      mark: { type: 'rule', strokeWidth: 1.5 },
      encoding: {
        x,
        y: { field: 'low', type: 'quantitative' },
        y2: { field: 'high' },
        stroke: range.encoding,
        tooltip,
      },
    });
  }
  layers.push({
    data: { values: [{ y: 0 }] },
    mark: { type: 'rule', color: '#444444', strokeWidth: 1 },
    encoding: { y: { field: 'y', type: 'quantitative' } },
  });
  // Reference lines: the claim (solid, labelled on the left) and the price limits (dashed, right).
  const claimLine = [{ y: claimedMove, label: `claimed ${signedPercent(claimedMove)}` }];
  layers.push(
    {
      data: { values: claimLine },
      mark: { type: 'rule', color: PALETTE.claim, strokeWidth: 2 },
      encoding: { y: { field: 'y', type: 'quantitative' } },
    },
    {
      data: { values: claimLine },
      mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, dy: -3, color: PALETTE.claim, fontSize: 12, fontWeight: 'bold' },
      encoding: { x: { value: 0 }, y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } },
    },
  );
  if (limit !== null) {
    const limitLines = [
      { y: limit, label: `price limit ${signedPercent(limit)}` },
      { y: -limit, label: `price limit ${signedPercent(-limit)}` },
    ];
    layers.push(
      {
        data: { values: limitLines },
        mark: { type: 'rule', color: PALETTE.reference, strokeWidth: 1.5, strokeDash: [6, 4] },
        encoding: { y: { field: 'y', type: 'quantitative' } },
      },
      {
        data: { values: limitLines },
        mark: { type: 'text', align: 'right', baseline: 'bottom', dx: -4, dy: -3, color: PALETTE.reference, fontSize: 11 },
        encoding: { x: { value: 'width' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } },
      },
    );
  }
  const markers = [LIMIT_UP_LABEL, LIMIT_DOWN_LABEL].filter((m) => rows.some((r) => r.marker === m));
  for (const m of markers) {
    layers.push({
      transform: [{ filter: { field: 'marker', equal: m } }],
      mark: { type: 'point', filled: true, size: 110, color: PALETTE.censored, opacity: 1, yOffset: m === LIMIT_UP_LABEL ? -9 : 9 },
      encoding: {
        x,
        y: { field: 'ret', type: 'quantitative' },
        shape: {
          field: 'marker',
          type: 'nominal',
          scale: { domain: markers, range: markers.map((k) => (k === LIMIT_UP_LABEL ? 'triangle-up' : 'triangle-down')) },
          legend: { title: null, orient: 'bottom', symbolFillColor: PALETTE.censored, symbolStrokeColor: PALETTE.censored },
        },
        tooltip,
      },
    });
  }
  return { ...specFrame(input.title, input.subtitle), data: { values: rows }, layer: layers } as VegaLiteSpec;
}
