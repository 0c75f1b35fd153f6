/**
 * The normalized price file (date,open,high,low,close,adjClose,volume,turnoverPct) and the row
 * rules every series must pass before a study may use it. The same rules guard the importer of
 * the bundled snapshot, `impact import` of a user's file, and every read of a stored file.
 */
import { IntegrityError } from '../errors.ts';
import type { PriceRow } from '../types.ts';
import { csvLines, csvNumber } from './csv.ts';
import { PRICE_COLUMNS } from './manifest.ts';

/**
 * The plausible range of a quoted price. Nothing traded is quoted below a millionth or above a
 * billion of its currency unit; outside it sits corruption (5e-324, 1e308, a misplaced exponent).
 */
export const PRICE_BOUNDS = { min: 1e-6, max: 1e9 } as const;

/** A decimal number as the normalized files write it (no hex, no 'Infinity', no spaces). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The row rules, one line naming the problem. `where` is '<file>: line <n>'.
 * - every price present (open, high, low, close, adjClose) is finite and within PRICE_BOUNDS
 *   (so positive, never denormal or absurd);
 * - low <= high, and close within [low, high] where both exist. adjClose needs no test of its
 *   own against them: for a dividend-adjusted series it sits on another scale, and scaling low and
 *   high by adjClose/close makes the test the same as the close's;
 * - volume and turnover, when present, are finite and not negative.
 * @example priceRowProblem({ date: '2025-01-27', open: null, high: 130, low: 116, close: 141.42, adjClose: 141.42, volume: null }) // 'close 141.42 is outside [low 116, high 130]'
 */
export function priceRowProblem(row: PriceRow): string | null {
  const prices: [string, number | null][] = [
    ['open', row.open],
    ['high', row.high],
    ['low', row.low],
    ['close', row.close],
    ['adjClose', row.adjClose],
  ];
  for (const [name, v] of prices) {
    if (v === null) continue;
    if (!Number.isFinite(v) || v <= 0) return `${name} ${v} is not a positive price`;
    if (v < PRICE_BOUNDS.min || v > PRICE_BOUNDS.max) return `${name} ${v} is not a plausible price (outside ${PRICE_BOUNDS.min}..${PRICE_BOUNDS.max})`;
  }
  const { high, low, close } = row;
  if (high !== null && low !== null) {
    if (low > high) return `low ${low} is above high ${high}`;
    if (close < low || close > high) return `close ${close} is outside [low ${low}, high ${high}]`;
  }
  if (row.volume !== null && !(Number.isFinite(row.volume) && row.volume >= 0)) return `volume ${row.volume} is not a count`;
  if (row.turnoverPct != null && !(Number.isFinite(row.turnoverPct) && row.turnoverPct >= 0)) return `turnoverPct ${row.turnoverPct} is not a percentage`;
  return null;
}

function cell(where: string, name: string, text: string, required: boolean): number | null {
  if (text === '') {
    if (required) throw new IntegrityError(`${where}: ${name} is empty`);
    return null;
  }
  if (!DECIMAL.test(text)) throw new IntegrityError(`${where}: ${name} '${text}' is not a number`);
  return Number(text);
}

/**
 * Parses a normalized price file. Strict: the header must be the snapshot schema, dates real and
 * strictly increasing, every row must pass {@link priceRowProblem}; any violation names the file
 * and line.
 * @example parseSnapshotCsv('date,open,high,low,close,adjClose,volume,turnoverPct\n2025-01-24,,,,142.62,142.62,,\n', 'x.csv')[0].close // 142.62
 * @throws IntegrityError naming the file and line
 */
export function parseSnapshotCsv(text: string, file: string): PriceRow[] {
  const lines = csvLines(text, { file });
  const header = lines[0]?.fields.join(',');
  if (header !== PRICE_COLUMNS.join(',')) {
    throw new IntegrityError(`${file}: header '${header ?? ''}' is not the snapshot schema '${PRICE_COLUMNS.join(',')}'`);
  }
  const rows: PriceRow[] = [];
  for (let k = 1; k < lines.length; k++) {
    const { line, fields } = lines[k];
    const where = `${file}: line ${line}`;
    if (fields.length !== PRICE_COLUMNS.length) throw new IntegrityError(`${where}: expected ${PRICE_COLUMNS.length} fields, got ${fields.length}`);
    const [date, open, high, low, close, adjClose, volume, turnover] = fields;
    if (!isRealIsoDate(date)) throw new IntegrityError(`${where}: bad date '${date}'`);
    const prev = rows[rows.length - 1];
    if (prev && date <= prev.date) throw new IntegrityError(`${where}: date ${date} is not after ${prev.date}`);
    const row: PriceRow = {
      date,
      open: cell(where, 'open', open, false),
      high: cell(where, 'high', high, false),
      low: cell(where, 'low', low, false),
      close: cell(where, 'close', close, true)!,
      adjClose: cell(where, 'adjClose', adjClose, true)!,
      volume: cell(where, 'volume', volume, false),
    };
    const t = cell(where, 'turnoverPct', turnover, false);
    if (t !== null) row.turnoverPct = t;
    const problem = priceRowProblem(row);
    if (problem) throw new IntegrityError(`${where} (${date}): ${problem}`);
    rows.push(row);
  }
  return rows;
}

/**
 * True for a real calendar date written YYYY-MM-DD (no 2025-02-30).
 * @example isRealIsoDate('2024-02-29') // true
 */
export function isRealIsoDate(d: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) return false;
  const t = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return t.getUTCFullYear() === +m[1] && t.getUTCMonth() === +m[2] - 1 && t.getUTCDate() === +m[3];
}

/**
 * The normalized CSV text of rows (the snapshot schema, PRICE_COLUMNS): numbers as the shortest
 * text that reads back to the same double, '' for a missing value.
 * @example formatSnapshotCsv([{ date: '2025-01-24', open: null, high: null, low: null, close: 142.62, adjClose: 142.62, volume: null }]) // 'date,open,...\n2025-01-24,,,,142.62,142.62,,\n'
 */
export function formatSnapshotCsv(rows: readonly PriceRow[]): string {
  const out = [PRICE_COLUMNS.join(',')];
  for (const r of rows) {
    out.push([r.date, csvNumber(r.open), csvNumber(r.high), csvNumber(r.low), csvNumber(r.close), csvNumber(r.adjClose), csvNumber(r.volume), csvNumber(r.turnoverPct ?? null)].join(','));
  }
  return `${out.join('\n')}\n`;
}
