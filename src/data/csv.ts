/**
 * CSV reading for price, FX, share-count and user files. Fields are separated by a delimiter
 * (',' by default, ';' for many European exports); a field in double quotes may hold the
 * delimiter, line breaks and doubled quotes ("a ""b"", c" is one field: a "b", c). Fields are
 * trimmed outside quotes. A UTF-8 byte-order mark and CRLF line ends are accepted; blank lines
 * are skipped.
 */
import { DataError } from '../errors.ts';

/** One non-blank record of a CSV text: the 1-based line it starts on and its fields. */
export interface CsvLine {
  line: number;
  fields: string[];
}

export interface CsvOptions {
  /** Field separator (default ','). */
  delimiter?: ',' | ';';
  /** Named in errors (default 'CSV'). */
  file?: string;
}

/**
 * Splits a CSV text into records of fields.
 * @example csvLines('\uFEFFa,b\r\n1,2\n\n') // [{line: 1, fields: ['a','b']}, {line: 2, fields: ['1','2']}]
 * @example csvLines('"Jan 27, 2025",118.42\n')[0].fields // ['Jan 27, 2025', '118.42']
 * @throws DataError for an unterminated quoted field or text after a closing quote, naming the line
 */
export function csvLines(text: string, opts: CsvOptions = {}): CsvLine[] {
  const delimiter = opts.delimiter ?? ',';
  const file = opts.file ?? 'CSV';
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: CsvLine[] = [];
  // Fast path: no quote anywhere (every bundled file), so a line is split on the delimiter.
  if (!body.includes('"')) {
    const lines = body.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
      if (raw.trim() === '') continue;
      out.push({ line: i + 1, fields: raw.split(delimiter).map((f) => f.trim()) });
    }
    return out;
  }
  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let field = '';
  let quoted = false; // the current field was quoted (its content is kept verbatim)
  let blank = true; // nothing but whitespace so far in this record
  const endField = () => {
    fields.push(quoted ? field : field.trim());
    field = '';
    quoted = false;
  };
  const endRecord = () => {
    endField();
    if (!blank) out.push({ line: recordLine, fields });
    fields = [];
    blank = true;
  };
  let i = 0;
  while (i < body.length) {
    const ch = body[i];
    if (ch === '"' && field.trim() === '' && !quoted) {
      // A quoted field: read to the closing quote ("" is a literal quote).
      const startLine = line;
      field = '';
      quoted = true;
      blank = false;
      i++;
      for (;;) {
        if (i >= body.length) throw new DataError(`${file}: line ${startLine}: quoted field is never closed`);
        const c = body[i];
        if (c === '"') {
          if (body[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        field += c;
        i++;
      }
      // Only spaces may follow the closing quote before the delimiter or line end.
      while (i < body.length && (body[i] === ' ' || body[i] === '\t')) i++;
      const next = body[i];
      if (i < body.length && next !== delimiter && next !== '\n' && next !== '\r') {
        throw new DataError(`${file}: line ${line}: unexpected text after a closing quote`);
      }
      continue;
    }
    if (ch === delimiter) {
      endField();
      blank = false;
      i++;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      endRecord();
      if (ch === '\r' && body[i + 1] === '\n') i++;
      i++;
      line++;
      recordLine = line;
      continue;
    }
    if (quoted) throw new DataError(`${file}: line ${line}: unexpected text after a closing quote`);
    if (ch.trim() !== '') blank = false;
    field += ch;
    i++;
  }
  if (!blank || field.trim() !== '' || fields.length > 0) endRecord();
  return out;
}

/**
 * Column positions of a header, refusing a name that occurs twice (which column would be meant?).
 * Names are compared after `normalize` (default: as written, trimmed).
 * @example headerIndex(['Date', 'Close'], 'x.csv', 1).get('Close') // 1
 * @throws DataError naming the file, line and duplicated column
 */
export function headerIndex(names: readonly string[], file: string, line: number, normalize: (name: string) => string = (n) => n.trim()): Map<string, number> {
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    const key = normalize(name);
    if (key === '') return;
    const seen = index.get(key);
    if (seen !== undefined) {
      throw new DataError(`${file}: line ${line}: column '${name.trim()}' appears twice in the header (columns ${seen + 1} and ${i + 1})`);
    }
    index.set(key, i);
  });
  return index;
}

/** A number as the shortest text that parses back to the same double ('' for null). */
export function csvNumber(value: number | null): string {
  return value === null ? '' : String(value);
}
