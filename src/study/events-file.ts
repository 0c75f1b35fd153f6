/**
 * Events files for `impact event --events file.csv`: a header naming the columns symbol and date,
 * optionally market, time, tz, id and label (case-insensitive), and any other columns, which are
 * kept as event characteristics (for cross-sectional regressions of CARs). Read as a stream, a
 * chunk at a time, so a file of a million events is never held whole.
 *
 * CSV as RFC 4180 writes it: a field in double quotes may hold commas, line breaks and doubled
 * quotes (""). Refused, naming the file and line: a repeated column name; an unknown column one
 * edit from a known one, or two from one of five letters or more (a typo such as 'markt' or
 * 'lable': "did you mean market?"; 'size' or 'type' are characteristics); a row with the
 * wrong number of fields; an empty symbol, a bad date, time or time zone; and the same row twice
 * (unless allowDuplicates).
 */
import { closeSync, createReadStream, openSync, readFileSync, readSync } from 'node:fs';
import { InputError } from '../errors.ts';
import { parseIsoDate } from '../calendar/dates.ts';
import { editDistance } from '../data/suggest.ts';
import type { EventSpec } from './types.ts';
import { createHashCounter } from './specs.ts';

/** The columns with a meaning; any other column is a characteristic. */
export const EVENT_COLUMNS = ['symbol', 'date', 'market', 'time', 'tz', 'id', 'label'] as const;

export interface EventsFileOptions {
  /** Allow the same row (every field equal) more than once (default: an error). */
  allowDuplicates?: boolean;
}

/**
 * Splits CSV text into rows of fields, carrying a quoted field across line breaks. Feed text with
 * `push` (any chunking), then `end`; `onRow(fields, line)` gets each row with its first line number.
 */
export function createCsvSplitter(onRow: (fields: string[], line: number) => void, name: string) {
  let field = '';
  let fields: string[] = [];
  let inQuotes = false;
  let quoteJustClosed = false;
  let line = 1;
  let rowLine = 1;
  let sawAny = false;
  let pendingCR = false;
  const endRow = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !quoteJustClosed)) onRow(fields, rowLine);
    fields = [];
    field = '';
    quoteJustClosed = false;
  };
  return {
    push(text: string): void {
      for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (!sawAny) {
          sawAny = true;
          if (c === '\uFEFF') continue;
        }
        if (pendingCR) {
          pendingCR = false;
          if (c === '\n') continue;
        }
        if (inQuotes) {
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i++;
            } else if (i + 1 === text.length) {
              // A quote at a chunk's end: decided by the next chunk's first character.
              inQuotes = false;
              quoteJustClosed = true;
            } else {
              inQuotes = false;
              quoteJustClosed = true;
            }
          } else {
            if (c === '\n') line++;
            field += c;
          }
          continue;
        }
        if (c === '"') {
          if (quoteJustClosed) {
            // "" split across chunks: an escaped quote inside the field.
            field += '"';
            inQuotes = true;
            quoteJustClosed = false;
          } else if (field.trim() === '') {
            field = '';
            inQuotes = true;
          } else throw new InputError(`${name}: line ${line}: a quote inside an unquoted field; quote the whole field ("...")`);
        } else if (c === ',') {
          fields.push(field);
          field = '';
          quoteJustClosed = false;
        } else if (c === '\n' || c === '\r') {
          endRow();
          line++;
          rowLine = line;
          if (c === '\r') pendingCR = true;
        } else {
          if (quoteJustClosed && c !== ' ' && c !== '\t') throw new InputError(`${name}: line ${line}: text after a closing quote`);
          field += c;
        }
      }
    },
    end(): void {
      if (inQuotes) throw new InputError(`${name}: line ${rowLine}: a quoted field is not closed`);
      if (field !== '' || fields.length > 0 || quoteJustClosed) endRow();
    },
  };
}

/** Column roles of a header: which index holds which known column, and the characteristics. */
interface Header {
  index: Record<(typeof EVENT_COLUMNS)[number], number>;
  characteristics: { name: string; index: number }[];
  width: number;
}

/** Reads the header row (see module doc for what is refused). */
function readHeader(cells: string[], name: string): Header {
  const names = cells.map((s) => s.trim());
  const lower = names.map((s) => s.toLowerCase());
  const index = Object.fromEntries(EVENT_COLUMNS.map((c) => [c, -1])) as Header['index'];
  const seen = new Map<string, number>();
  const characteristics: Header['characteristics'] = [];
  for (const [j, h] of lower.entries()) {
    if (h === '') throw new InputError(`${name}: line 1, column ${j + 1} has no name`);
    const before = seen.get(h);
    if (before !== undefined) throw new InputError(`${name}: line 1: column '${names[j]}' appears twice (columns ${before + 1} and ${j + 1})`);
    seen.set(h, j);
    if ((EVENT_COLUMNS as readonly string[]).includes(h)) {
      index[h as (typeof EVENT_COLUMNS)[number]] = j;
      continue;
    }
    // A near miss of a known column is a typo, not a characteristic: one edit away, or two from a
    // name of five letters or more ('markt', 'lable'); 'size' and 'type' stay characteristics.
    const near = EVENT_COLUMNS.filter((k) => !lower.includes(k) && (editDistance(h, k) <= 1 || (k.length >= 5 && editDistance(h, k) <= 2)));
    if (near.length > 0) {
      throw new InputError(`${name}: line 1, column ${j + 1}: unknown column '${names[j]}'; did you mean ${near.map((k) => `'${k}'`).join(' or ')}? (other columns are kept as event characteristics)`);
    }
    characteristics.push({ name: names[j], index: j });
  }
  if (index.symbol < 0 || index.date < 0) throw new InputError(`${name}: line 1 must name at least the columns 'symbol' and 'date'`);
  return { index, characteristics, width: names.length };
}

/** One data row as an EventSpec (see module doc for what is refused). */
function toEvent(cells: string[], line: number, header: Header, name: string): EventSpec {
  const where = `${name}: line ${line}`;
  if (cells.length !== header.width) throw new InputError(`${where} has ${cells.length} fields, the header has ${header.width}`);
  const col = (k: (typeof EVENT_COLUMNS)[number]) => (header.index[k] < 0 ? '' : cells[header.index[k]].trim());
  const symbol = col('symbol');
  if (!symbol) throw new InputError(`${where}: empty symbol`);
  let date: string;
  try {
    date = parseIsoDate(col('date'));
  } catch {
    throw new InputError(`${where}: '${col('date')}' is not a valid date (YYYY-MM-DD)`);
  }
  const time = col('time');
  if (time && !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) throw new InputError(`${where}: time '${time}' is not HH:MM (24-hour)`);
  const tz = col('tz');
  if (tz) checkZone(tz, where);
  const event: EventSpec = { symbol, date };
  const market = col('market');
  if (market) event.benchmark = market;
  if (time) event.time = time;
  if (tz) event.timeZone = tz;
  const id = col('id');
  if (id) event.id = id;
  const label = col('label');
  if (label) event.label = label;
  if (header.characteristics.length > 0) {
    const c: Record<string, string> = {};
    for (const { name: k, index } of header.characteristics) c[k] = cells[index].trim();
    event.characteristics = c;
  }
  return event;
}

const zonesOk = new Set<string>();
function checkZone(tz: string, where: string): void {
  if (zonesOk.has(tz)) return;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw new InputError(`${where}: '${tz}' is not an IANA time zone (e.g. America/New_York, Asia/Shanghai)`);
  }
  zonesOk.add(tz);
}

/** The row as compared for duplicates: every field, trimmed. */
const rowKey = (cells: string[]) => cells.map((c) => c.trim()).join('\u0000');

/**
 * Turns rows into events: header first, then data rows; duplicate rows refused unless allowed
 * (64-bit hashes of the rows; a hash seen before is confirmed against the earlier rows by
 * `confirm`, so a hash collision never refuses a file).
 */
function eventParser(name: string, opts: EventsFileOptions, confirm: (key: string, line: number) => number | null) {
  let header: Header | null = null;
  // Repeated rows: an error, found by hashing rows; with an id column a repeated row repeats its
  // id, which the study's id check refuses anyway, so no table is kept (a million rows cost 20 MB).
  // Allowed repeats of a row with an id get '#2', '#3' so that each keeps a unique id.
  let rows: ReturnType<typeof createHashCounter> | null = null;
  return {
    row(cells: string[], line: number): EventSpec | null {
      if (!header) {
        header = readHeader(cells, name);
        const hasId = header.index.id >= 0;
        rows = Boolean(opts.allowDuplicates) === hasId ? createHashCounter() : null;
        return null;
      }
      if (cells.every((c) => c.trim() === '')) return null;
      const event = toEvent(cells, line, header, name);
      if (rows) {
        const key = rowKey(cells);
        const before = rows.add(key);
        if (before > 0) {
          if (opts.allowDuplicates) {
            if (event.id) event.id = `${event.id}#${before + 1}`;
          } else {
            const first = confirm(key, line);
            if (first !== null) {
              throw new InputError(`${name}: line ${line} repeats line ${first} (the same event twice); remove it, or pass --allow-duplicates to study it twice`);
            }
          }
        }
      }
      return event;
    },
    header: () => header,
  };
}

/** Parses events CSV text; a bad row is an InputError naming the file and line. */
export function parseEventsCsv(text: string, name: string, opts: EventsFileOptions = {}): EventSpec[] {
  const events: EventSpec[] = [];
  const confirm = (key: string, line: number): number | null => {
    let found: number | null = null;
    const again = createCsvSplitter((cells, l) => {
      if (found === null && l > 1 && l < line && rowKey(cells) === key) found = l;
    }, name);
    again.push(text);
    again.end();
    return found;
  };
  const parser = eventParser(name, opts, confirm);
  const splitter = createCsvSplitter((cells, line) => {
    const e = parser.row(cells, line);
    if (e) events.push(e);
  }, name);
  splitter.push(text);
  splitter.end();
  if (!parser.header()) throw new InputError(`${name}: empty file; the first line must name the columns (symbol,date,...)`);
  if (events.length === 0) throw new InputError(`${name}: no events (only a header)`);
  return events;
}

/** Reads a whole events file (small files; see readEventsStream for large ones). */
export function readEventsCsv(path: string, opts: EventsFileOptions = {}): EventSpec[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`events file ${path} cannot be read (does it exist?)`);
  }
  return parseEventsCsv(text, path, opts);
}

/**
 * Reads an events file as a stream of events, 1 MB at a time: memory stays flat whatever the
 * file's length. Errors (InputError naming the file and line) surface while iterating.
 * @example for await (const e of readEventsStream('events.csv')) ...
 */
export async function* readEventsStream(path: string, opts: EventsFileOptions = {}): AsyncGenerator<EventSpec> {
  let stream;
  try {
    stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
  } catch {
    throw new InputError(`events file ${path} cannot be read (does it exist?)`);
  }
  const confirm = (key: string, line: number): number | null => {
    // Rare (a duplicate row or a hash collision): look for the row again from the start.
    let found: number | null = null;
    const again = createCsvSplitter((cells, l) => {
      if (found === null && l > 1 && l < line && rowKey(cells) === key) found = l;
    }, path);
    again.push(readFileSync(path, 'utf8'));
    again.end();
    return found;
  };
  const parser = eventParser(path, opts, confirm);
  let batch: EventSpec[] = [];
  const splitter = createCsvSplitter((cells, line) => {
    const e = parser.row(cells, line);
    if (e) batch.push(e);
  }, path);
  let count = 0;
  try {
    for await (const chunk of stream) {
      splitter.push(chunk as string);
      const ready = batch;
      batch = [];
      for (const e of ready) {
        count++;
        yield e;
      }
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EISDIR' || (e as NodeJS.ErrnoException).code === 'EACCES') {
      throw new InputError(`events file ${path} cannot be read (does it exist?)`);
    }
    throw e;
  }
  splitter.end();
  for (const e of batch) {
    count++;
    yield e;
  }
  if (!parser.header()) throw new InputError(`${path}: empty file; the first line must name the columns (symbol,date,...)`);
  if (count === 0) throw new InputError(`${path}: no events (only a header)`);
}

/** Data lines of a file (line breaks counted, header excluded), for progress estimates: read in 1 MB blocks, no parsing. */
export function countLines(path: string): number {
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  let n = 0;
  let lastByte = 10;
  try {
    for (;;) {
      const got = readSync(fd, buf, 0, buf.length, null);
      if (got === 0) break;
      for (let i = 0; i < got; i++) if (buf[i] === 10) n++;
      lastByte = buf[got - 1];
    }
  } finally {
    closeSync(fd);
  }
  if (lastByte !== 10) n++;
  return Math.max(0, n - 1);
}
