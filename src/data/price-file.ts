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
  // Checked one by one, without building a list per row: this runs on every row of every read.
  const problem =
    priceProblem('open', row.open) ?? priceProblem('high', row.high) ?? priceProblem('low', row.low) ?? priceProblem('close', row.close) ?? priceProblem('adjClose', row.adjClose);
  if (problem !== null) return problem;
  const { high, low, close } = row;
  if (high !== null && low !== null) {
    if (low > high) return `low ${low} is above high ${high}`;
    if (close < low || close > high) return `close ${close} is outside [low ${low}, high ${high}]`;
  }
  if (row.volume !== null && !(Number.isFinite(row.volume) && row.volume >= 0)) return `volume ${row.volume} is not a count`;
  if (row.turnoverPct != null && !(Number.isFinite(row.turnoverPct) && row.turnoverPct >= 0)) return `turnoverPct ${row.turnoverPct} is not a percentage`;
  return null;
}

/** Why one price (when present) breaks the rules, or null. */
function priceProblem(name: string, v: number | null): string | null {
  if (v === null) return null;
  if (!Number.isFinite(v) || v <= 0) return `${name} ${v} is not a positive price`;
  if (v < PRICE_BOUNDS.min || v > PRICE_BOUNDS.max) return `${name} ${v} is not a plausible price (outside ${PRICE_BOUNDS.min}..${PRICE_BOUNDS.max})`;
  return null;
}

function cell(file: string, line: number, name: string, text: string, required: boolean): number | null {
  if (text === '') {
    if (required) throw new IntegrityError(`${file}: line ${line}: ${name} is empty`);
    return null;
  }
  if (!DECIMAL.test(text)) throw new IntegrityError(`${file}: line ${line}: ${name} '${text}' is not a number`);
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
    // The message prefix is built only when a row is refused (this loop reads every stored row).
    const where = () => `${file}: line ${line}`;
    if (fields.length !== PRICE_COLUMNS.length) throw new IntegrityError(`${where()}: expected ${PRICE_COLUMNS.length} fields, got ${fields.length}`);
    const [date, open, high, low, close, adjClose, volume, turnover] = fields;
    if (!isRealIsoDate(date)) throw new IntegrityError(`${where()}: bad date '${date}'`);
    const prev = rows[rows.length - 1];
    if (prev && date <= prev.date) throw new IntegrityError(`${where()}: date ${date} is not after ${prev.date}`);
    const row: PriceRow = {
      date,
      open: cell(file, line, 'open', open, false),
      high: cell(file, line, 'high', high, false),
      low: cell(file, line, 'low', low, false),
      close: cell(file, line, 'close', close, true)!,
      adjClose: cell(file, line, 'adjClose', adjClose, true)!,
      volume: cell(file, line, 'volume', volume, false),
    };
    const t = cell(file, line, 'turnoverPct', turnover, false);
    if (t !== null) row.turnoverPct = t;
    const problem = priceRowProblem(row);
    if (problem) throw new IntegrityError(`${where()} (${date}): ${problem}`);
    rows.push(row);
  }
  return rows;
}

/**
 * True for a real calendar date written YYYY-MM-DD (no 2025-02-30).
 * @example isRealIsoDate('2024-02-29') // true
 */
export function isRealIsoDate(d: string): boolean {
  if (d.length !== 10 || !ISO_DATE.test(d)) return false;
  const year = +d.slice(0, 4);
  const month = +d.slice(5, 7);
  const day = +d.slice(8, 10);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 ? (leap ? 29 : 28) : MONTH_DAYS[month - 1]);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

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
