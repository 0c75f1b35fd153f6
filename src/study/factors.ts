/**
 * Loading user-supplied factor tables (e.g. Fama-French daily factors) from CSV.
 * The first column is the date; every other column is one factor, in decimal
 * returns (0.0123 = 1.23%). Percent-scaled files (as Kenneth French publishes)
 * are accepted with `{ scale: 0.01 }`.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.ts';
import { parseIsoDate } from '../calendar/dates.ts';
import type { FactorTable } from './types.ts';

/** Parses factor CSV text; every bad cell is an InputError naming the file, line and column. */
export function parseFactorCsv(text: string, name: string, opts: { scale?: number } = {}): FactorTable {
  const scale = opts.scale ?? 1;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((s) => s.trim());
  if (header.length < 2) throw new InputError(`${name}: line 1 must be a header 'date,<factor>,...' with at least one factor column`);
  const factorNames = header.slice(1);
  for (const [j, f] of factorNames.entries()) {
    if (!f) throw new InputError(`${name}: line 1, column ${j + 2} has an empty factor name`);
  }
  if (new Set(factorNames).size !== factorNames.length) throw new InputError(`${name}: line 1 repeats a factor name`);
  const dates: string[] = [];
  const values: number[][] = factorNames.map(() => []);
  let previous = '';
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const cells = line.split(',').map((s) => s.trim());
    if (cells.length !== header.length) {
      throw new InputError(`${name}: line ${i + 1} has ${cells.length} fields, the header has ${header.length}`);
    }
    let date: string;
    try {
      date = parseIsoDate(cells[0]);
    } catch {
      throw new InputError(`${name}: line ${i + 1}: '${cells[0]}' is not a date (YYYY-MM-DD)`);
    }
    if (date <= previous) throw new InputError(`${name}: line ${i + 1}: date ${date} is not after the previous row's ${previous} (dates must be sorted and unique)`);
    previous = date;
    dates.push(date);
    for (let j = 0; j < factorNames.length; j++) {
      const cell = cells[j + 1];
      const v = Number(cell);
      if (cell === '' || !Number.isFinite(v)) {
        throw new InputError(`${name}: line ${i + 1}, factor '${factorNames[j]}' on ${date}: '${cell}' is not a finite number (NaN and Infinity are not allowed)`);
      }
      values[j].push(v * scale);
    }
  }
  if (dates.length === 0) throw new InputError(`${name}: no data rows`);
  const columns: Record<string, Float64Array> = {};
  factorNames.forEach((f, j) => (columns[f] = Float64Array.from(values[j])));
  return { name, dates, columns };
}

/** Reads a factor CSV file; a missing file is an InputError naming the path. */
export function readFactorCsv(path: string, opts: { scale?: number } = {}): FactorTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`factor file ${path} cannot be read (does it exist?)`);
  }
  return parseFactorCsv(text, path, opts);
}
