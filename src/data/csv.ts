/**
 * Minimal CSV reading for the price files: no quoted fields occur in them, so a line is split
 * on commas. A UTF-8 byte-order mark and CRLF line ends are accepted; blank lines are skipped.
 */

/** One non-blank line of a CSV text: its 1-based line number and its fields. */
export interface CsvLine {
  line: number;
  fields: string[];
}

/**
 * Splits a CSV text into lines of fields.
 * @example csvLines('\uFEFFa,b\r\n1,2\n\n') // [{line: 1, fields: ['a','b']}, {line: 2, fields: ['1','2']}]
 */
export function csvLines(text: string): CsvLine[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: CsvLine[] = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    if (raw.trim() === '') continue;
    out.push({ line: i + 1, fields: raw.split(',').map((f) => f.trim()) });
  }
  return out;
}

/** A number as the shortest text that parses back to the same double ('' for null). */
export function csvNumber(value: number | null): string {
  return value === null ? '' : String(value);
}
