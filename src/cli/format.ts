/** Plain-text output helpers: aligned tables and CSV. */
import { fixed as sharedFixed } from '../format.ts';

export interface Column<R> {
  header: string;
  /** Cell text for a row. */
  cell: (row: R) => string;
  /** Numbers read best right-aligned. */
  align?: 'left' | 'right';
}

/**
 * An aligned text table (header, a rule, rows), two spaces between columns, no trailing spaces.
 * @example formatTable([{ header: 'a', cell: (r) => r }], ['x']) // 'a\n-\nx\n'
 */
export function formatTable<R>(columns: Column<R>[], rows: R[]): string {
  const cells = rows.map((r) => columns.map((c) => c.cell(r)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i].length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (columns[i].align === 'right' ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n') + '\n';
}

/** RFC 4180 CSV: quote fields holding commas, quotes or newlines. */
export function formatCsv(header: string[], rows: (string | number | boolean | null)[][]): string {
  const field = (v: string | number | boolean | null) => {
    const s = v === null ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\n') + '\n';
}

/** A number with fixed decimals (typographic minus, src/format.ts), or '' for null. */
export function fixed(v: number | null | undefined, decimals: number): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '' : sharedFixed(v, decimals);
}

/** A signed percentage (already in percent) with 2 decimals: '+1.23' / '−16.97'; '' for null. */
export function signedPercent(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '';
  const text = sharedFixed(v, 2);
  return v > 0 && Number(text) !== 0 ? `+${text}` : text;
}
