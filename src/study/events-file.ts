/**
 * Events files for `impact event --events file.csv`: columns symbol, date and
 * optionally market, time, tz, id, label (header names are case-insensitive).
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.ts';
import { parseIsoDate } from '../calendar/dates.ts';
import type { EventSpec } from './types.ts';

const KNOWN = new Set(['symbol', 'date', 'market', 'time', 'tz', 'id', 'label']);

/** Parses events CSV text; a bad row is an InputError naming the file and line. */
export function parseEventsCsv(text: string, name: string): EventSpec[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((s) => s.trim().toLowerCase());
  for (const [j, h] of header.entries()) {
    if (!KNOWN.has(h)) throw new InputError(`${name}: line 1, column ${j + 1}: unknown column '${h}' (expected symbol, date, market, time, tz, id, label)`);
  }
  if (!header.includes('symbol') || !header.includes('date')) {
    throw new InputError(`${name}: line 1 must name at least the columns 'symbol' and 'date'`);
  }
  const col = (cells: string[], key: string) => {
    const j = header.indexOf(key);
    return j < 0 ? '' : (cells[j] ?? '').trim();
  };
  const events: EventSpec[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split(',');
    const where = `${name}: line ${i + 1}`;
    if (cells.length !== header.length) throw new InputError(`${where} has ${cells.length} fields, the header has ${header.length}`);
    const symbol = col(cells, 'symbol');
    if (!symbol) throw new InputError(`${where}: empty symbol`);
    let date: string;
    try {
      date = parseIsoDate(col(cells, 'date'));
    } catch {
      throw new InputError(`${where}: '${col(cells, 'date')}' is not a valid date (YYYY-MM-DD)`);
    }
    const time = col(cells, 'time');
    if (time && !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) throw new InputError(`${where}: time '${time}' is not HH:MM (24-hour)`);
    const tz = col(cells, 'tz');
    if (tz) {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
      } catch {
        throw new InputError(`${where}: '${tz}' is not an IANA time zone (e.g. America/New_York, Asia/Shanghai)`);
      }
    }
    const event: EventSpec = { symbol, date };
    const market = col(cells, 'market');
    if (market) event.benchmark = market;
    if (time) event.time = time;
    if (tz) event.timeZone = tz;
    const id = col(cells, 'id');
    if (id) event.id = id;
    const label = col(cells, 'label');
    if (label) event.label = label;
    events.push(event);
  }
  if (events.length === 0) throw new InputError(`${name}: no events (only a header)`);
  return events;
}

export function readEventsCsv(path: string): EventSpec[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`events file ${path} cannot be read (does it exist?)`);
  }
  return parseEventsCsv(text, path);
}
