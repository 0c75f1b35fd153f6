/**
 * The display API study scripts call. On a plain run (`npx tsx studies/x.ts`) it prints to stdout:
 * text as is, tables aligned, charts as one line `chart: <name>` (nothing is written). Under the
 * notebook runner (`MARKET_IMPACT_CAPTURE` set) it prints the same and also appends a structured
 * record to the capture file, which the runner attaches to the current cell.
 *
 * Dependency-light on purpose: a danfo DataFrame is recognised by shape (`.columns` + `.values`,
 * or `.toJSON()` giving records), so danfo is never loaded just to print.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { InputError } from '../errors.ts';
import { fixed, percent, significant, yesNo } from '../format.ts';
import { OUT_DIR_ENV, appendCaptureRecord, captureFile, writeUncaptured } from './capture.ts';
import type { ProvenanceInput, TableCell } from './capture.ts';

/** How to print one column: a function of the raw value, or fixed digits (optionally as percent). */
export type ColumnFormat = ((value: unknown) => string) | { digits?: number; percent?: boolean };

/** Options of {@link showTable}. */
export interface TableOptions {
  caption?: string;
  /** Columns to show, in this order (default: all, in first-seen order). */
  columns?: string[];
  /** Per-column formats; formatted cells become strings in the report. */
  format?: Record<string, ColumnFormat>;
}

/** A table as plain data: column names and rows of JSON-safe cells. */
export interface PlainTable {
  columns: string[];
  rows: TableCell[][];
  caption?: string;
}

/** Anything a table can be made of: records, or a DataFrame-like object. */
export type TableLike =
  | readonly Record<string, unknown>[]
  | { columns: readonly string[]; values: readonly unknown[][] }
  | { values: readonly unknown[]; index: readonly unknown[]; name?: unknown }
  | { toJSON(): unknown };

/**
 * Converts any value to a JSON-safe table cell. Non-finite numbers become the strings 'NaN', '∞',
 * '-∞' (JSON has no such numbers and a silent null would hide them); dates become ISO strings.
 */
export function toTableCell(value: unknown): TableCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return Object.is(value, -0) ? 0 : value;
    return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '-∞';
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return JSON.stringify(value) ?? String(value);
}

/**
 * Number → text for tables: integers exactly, others to 6 significant digits (no trailing
 * zeros), with the typographic minus of every printed number (src/format.ts).
 * @example formatNumber(-0.123456789) // '−0.123457'
 */
export function formatNumber(value: number): string {
  return significant(value);
}

/** Table cell → display text: '' for null, booleans as 'yes' / 'no', numbers by formatNumber. */
export function formatCell(cell: TableCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return formatNumber(cell);
  if (typeof cell === 'boolean') return yesNo(cell);
  return String(cell);
}

function isRecordArray(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r));
}

function isFrameLike(value: unknown): value is { columns: readonly string[]; values: readonly unknown[][] } {
  if (value === null || typeof value !== 'object') return false;
  const v = value as { columns?: unknown; values?: unknown };
  return Array.isArray(v.columns) && Array.isArray(v.values) && v.values.every((r) => Array.isArray(r));
}

/** A danfo Series (or alike): 1-D `.values` with a matching `.index`. */
function isSeriesLike(value: unknown): value is { values: readonly unknown[]; index: readonly unknown[]; name?: unknown } {
  if (value === null || typeof value !== 'object') return false;
  const v = value as { values?: unknown; index?: unknown };
  return Array.isArray(v.values) && Array.isArray(v.index) && v.values.length === v.index.length && !v.values.some((x) => Array.isArray(x));
}

/** True when {@link toPlainTable} can make a table of `value`. */
export function isTableLike(value: unknown): value is TableLike {
  if (isRecordArray(value) || isFrameLike(value) || isSeriesLike(value)) return true;
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function' && !(value instanceof Date)) {
    try {
      return isRecordArray((value as { toJSON(): unknown }).toJSON());
    } catch {
      return false;
    }
  }
  return false;
}

function applyFormat(format: ColumnFormat, value: unknown): TableCell {
  if (typeof format === 'function') return format(value);
  if (typeof value !== 'number' || !Number.isFinite(value)) return toTableCell(value);
  const digits = format.digits ?? 2;
  return format.percent ? percent(value, digits) : fixed(value, digits);
}

/**
 * Makes a plain table from records or a DataFrame-like value.
 * @example toPlainTable([{ a: 1, b: 'x' }]) // { columns: ['a', 'b'], rows: [[1, 'x']] }
 */
export function toPlainTable(value: TableLike, options: TableOptions = {}): PlainTable {
  let columns: string[];
  let rawRows: unknown[][];
  if (isFrameLike(value)) {
    columns = value.columns.map(String);
    rawRows = value.values.map((r) => [...r]);
  } else if (isSeriesLike(value)) {
    const name = typeof value.name === 'string' && value.name !== '' ? value.name : 'value';
    columns = ['index', name];
    rawRows = value.values.map((v, i) => [value.index[i], v]);
  } else {
    const records = (Array.isArray(value) ? value : (value as { toJSON(): unknown }).toJSON()) as Record<string, unknown>[];
    if (!Array.isArray(records)) throw new InputError('showTable: expected an array of records or a DataFrame (with .columns and .values)');
    const seen = new Set<string>();
    for (const r of records) for (const k of Object.keys(r)) seen.add(k);
    columns = [...seen];
    rawRows = records.map((r) => columns.map((c) => r[c]));
  }
  let picked = columns.map((_, i) => i);
  if (options.columns !== undefined) {
    picked = options.columns.map((c) => {
      const i = columns.indexOf(c);
      if (i < 0) throw new InputError(`showTable: no column '${c}' (columns are: ${columns.join(', ')})`);
      return i;
    });
  }
  const outColumns = picked.map((i) => columns[i]);
  const formats = options.format ?? {};
  for (const key of Object.keys(formats)) {
    if (!outColumns.includes(key)) throw new InputError(`showTable: format given for unknown column '${key}'`);
  }
  const rows = rawRows.map((r) =>
    picked.map((i) => {
      const f = formats[columns[i]];
      return f === undefined ? toTableCell(r[i]) : applyFormat(f, r[i]);
    }),
  );
  return options.caption === undefined ? { columns: outColumns, rows } : { columns: outColumns, rows, caption: options.caption };
}

/** True for cells printed right-aligned: numbers and number-like text ('−1.23%', '1,024', '<0.0001'). */
export function isNumericCell(cell: TableCell): boolean {
  if (typeof cell === 'number') return true;
  return typeof cell === 'string' && /^<?[+\-−]?(\d[\d,]*(\.\d*)?|\.\d+)(e[+-]?\d+)?\s?%?$|^-?∞$|^NaN$/i.test(cell.trim());
}

/** True when every non-empty cell of column `j` is numeric (so the column is right-aligned). */
export function isNumericColumn(rows: readonly TableCell[][], j: number): boolean {
  let any = false;
  for (const r of rows) {
    const c = r[j];
    if (c === null || c === '') continue;
    if (!isNumericCell(c)) return false;
    any = true;
  }
  return any;
}

/**
 * Aligned plain-text rendering of a table (numbers right-aligned), for the terminal.
 * @example formatTableText({ columns: ['a'], rows: [[1], [10]] }) // 'a\n--\n 1\n10\n'
 */
export function formatTableText(table: PlainTable): string {
  const text = table.rows.map((r) => r.map(formatCell).map((s) => s.replace(/\r?\n/g, ' ')));
  const widths = table.columns.map((c, j) => Math.max(c.length, ...text.map((r) => r[j].length)));
  const numeric = table.columns.map((_, j) => isNumericColumn(table.rows, j));
  const pad = (s: string, j: number) => (numeric[j] ? s.padStart(widths[j]) : s.padEnd(widths[j]));
  const lines: string[] = [];
  if (table.caption !== undefined) lines.push(table.caption);
  lines.push(table.columns.map(pad).join('  ').trimEnd());
  lines.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of text) lines.push(r.map(pad).join('  ').trimEnd());
  return `${lines.join('\n')}\n`;
}

/** Prints to stdout; under capture the text is not recorded (a structured record is). */
function print(text: string): void {
  if (captureFile() === undefined) process.stdout.write(text);
  else writeUncaptured(text);
}

/**
 * Shows a table: aligned text on stdout, a table output in reports and notebooks.
 * @example showTable([{ symbol: 'NVDA', car: -0.17 }], { caption: 'CAR[0,1]', format: { car: { percent: true } } });
 */
export function showTable(value: TableLike, options: TableOptions = {}): void {
  const empty = Array.isArray(value) && value.length === 0;
  if (!empty && !isTableLike(value)) {
    throw new InputError('showTable: expected an array of records or a DataFrame (with .columns and .values)');
  }
  const table: PlainTable = empty
    ? { columns: options.columns ?? [], rows: [], ...(options.caption === undefined ? {} : { caption: options.caption }) }
    : toPlainTable(value, options);
  print(formatTableText(table));
  appendCaptureRecord({ type: 'table', ...table });
}

/**
 * Shows any value: tables (record arrays, DataFrames) as tables, strings as text, other values
 * through util.inspect.
 */
export function show(value: unknown, options: TableOptions = {}): void {
  if (isTableLike(value)) {
    showTable(value, options);
    return;
  }
  const text = typeof value === 'string' ? value : inspect(value, { depth: 6, colors: false, breakLength: 100, sorted: false });
  // console.log so the text is captured exactly like any other console output.
  console.log(text);
}

/** Options of {@link showChart}. */
export interface ChartOptions {
  /** File-safe name: letters, digits, '.', '_', '-'. Used for chart files and anchors. */
  name: string;
  /** Text alternative for readers who cannot see the chart. */
  alt?: string;
}

const CHART_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const chartNames = new Set<string>();

/**
 * Shows a Vega-Lite chart. Plain run: prints `chart: <name>` and writes nothing. Under the runner
 * the spec is recorded and rendered to SVG/PNG by the runner.
 */
export function showChart(spec: object, options: ChartOptions): void {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) throw new InputError('showChart: the spec must be a Vega-Lite spec object');
  if (!CHART_NAME.test(options.name)) {
    throw new InputError(`showChart: chart name '${options.name}' must be letters, digits, '.', '_' or '-' (it names files)`);
  }
  if (chartNames.has(options.name)) throw new InputError(`showChart: chart name '${options.name}' is used twice in this study`);
  chartNames.add(options.name);
  print(`chart: ${options.name}\n`);
  appendCaptureRecord({ type: 'chart', name: options.name, spec: JSON.parse(JSON.stringify(spec)) as unknown, ...(options.alt === undefined ? {} : { alt: options.alt }) });
}

/** Shows computed prose (markdown). Printed as is on a plain run. */
export function markdown(text: string): void {
  print(text.endsWith('\n') ? text : `${text}\n`);
  appendCaptureRecord({ type: 'markdown', text });
}

/** What older studies passed to provenance(), now recorded by the library as it runs. */
const DERIVED_KEYS = ['symbols', 'parameters', 'seeds'] as const;

/**
 * Gives the study's one-line conclusion (`summary`, built from its results) for the reports index
 * and the bottom line. What the footer lists — the files read, the library calls made with their
 * parameters and seeds — is recorded as the study runs, never declared: keys older studies passed
 * for it (symbols, parameters, seeds) are ignored, and a note on stderr says so.
 */
export function provenance(input: ProvenanceInput): void {
  const ignored = DERIVED_KEYS.filter((k) => (input as Record<string, unknown>)[k] !== undefined);
  if (ignored.length > 0) {
    process.stderr.write(`provenance(): ${ignored.join(', ')} ignored: the footer lists the files the study read and the library calls it made, as they ran\n`);
  }
  const summary = input.summary;
  print(summary === undefined ? 'provenance: no summary\n' : `provenance: summary: ${summary}\n`);
  appendCaptureRecord({ type: 'provenance', provenance: summary === undefined ? {} : { summary } });
}

/**
 * Saves the study's machine-readable results as `results.json` (2-space JSON, atomic write) in
 * `options.dir`, or in the report directory when run by the runner. On a plain run without `dir`
 * nothing is written. Returns the path written, if any.
 */
export function saveResults(data: unknown, options: { dir?: string } = {}): string | undefined {
  const dir = options.dir ?? process.env[OUT_DIR_ENV];
  if (dir === undefined || dir === '') {
    print('results: not saved (plain run, no dir given)\n');
    return undefined;
  }
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'results.json');
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(data, null, 2)}\n`);
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  print(`results: ${path}\n`);
  return path;
}
