/**
 * One formatter per quantity, for every human-readable output (terminal, HTML, Markdown,
 * notebook, chart labels): p-values, signed percentages, fixed-digit numbers, booleans, and the
 * escape that keeps control characters off the terminal. Machine formats (JSON, CSV, results.json,
 * chart data) keep plain numbers and ASCII '-'.
 *
 * Conventions: negative numbers carry the typographic minus U+2212 ('−5.06', '−16.97%'), the style
 * d3-format (and so every chart axis) already uses; p-values print with four decimals and as
 * '<0.0001' below that, the precision a p-value from 9999 bootstrap draws or a t table supports.
 */

/** The minus sign of every human-readable number (U+2212). */
export const MINUS = '\u2212';

/** Smallest p-value printed as a number; below it prints '<0.0001'. */
export const P_FLOOR = 0.0001;

/** A leading ASCII '-' replaced by the typographic minus: '-1.5' -> '−1.5'. */
function typographic(text: string): string {
  return text.startsWith('-') ? MINUS + text.slice(1) : text;
}

/**
 * A security's name in a sentence or a chart title: its display name without the trailing
 * parenthetical, and without any parenthetical holding CJK text (the fonts a fresh machine has
 * for PNG export, DejaVu, have no CJK glyphs: such text would render as empty boxes).
 * @example shortName('Cambricon (寒武纪)') // 'Cambricon'
 * @example shortName('SMIC (中芯国际, STAR A shares)') // 'SMIC'
 * @example shortName('Alphabet (class A)') // 'Alphabet'
 */
export function shortName(name: string): string {
  return name.replace(/\s*\([^)]*[\u3400-\u9fff][^)]*\)/g, '').replace(/\s*\([^)]*\)\s*$/, '').trim() || name;
}

/**
 * A p-value for a table cell: four decimals, '<0.0001' below that, '—' when there is none.
 * @example formatPValue(0.03456) // '0.0346'
 * @example formatPValue(1e-7) // '<0.0001'
 */
export function formatPValue(p: unknown): string {
  if (typeof p !== 'number' || !Number.isFinite(p)) return '—';
  return p < P_FLOOR ? `<${P_FLOOR.toFixed(4)}` : p.toFixed(4);
}

/**
 * A p-value in a sentence or a chart label: 'p = 0.0346', 'p < 0.0001', 'p n/a'.
 * @example pPhrase(0.2) // 'p = 0.2000'
 * @example pPhrase(0) // 'p < 0.0001'
 */
export function pPhrase(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return 'p n/a';
  return p < P_FLOOR ? `p < ${P_FLOOR.toFixed(4)}` : `p = ${p.toFixed(4)}`;
}

/**
 * A fraction as a percentage with an explicit sign: '+20.00%', '−16.97%', and '0.00%' for a value
 * that rounds to zero (no sign). '—' when there is none.
 * @example signedPercent(-0.1697) // '−16.97%'
 * @example signedPercent(0.2, 1) // '+20.0%'
 */
export function signedPercent(fraction: number | null | undefined, digits = 2): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  const text = Math.abs(fraction * 100).toFixed(digits);
  if (Number(text) === 0) return `${text}%`;
  return `${fraction < 0 ? MINUS : '+'}${text}%`;
}

/**
 * A fraction as a percentage, sign only when negative: '−16.97%', '20.00%'.
 * @example percent(0.05, 1) // '5.0%'
 */
export function percent(fraction: number | null | undefined, digits = 2): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  const text = Math.abs(fraction * 100).toFixed(digits);
  return `${fraction < 0 && Number(text) !== 0 ? MINUS : ''}${text}%`;
}

/**
 * A number with fixed digits and the typographic minus; '—' when there is none.
 * @example fixed(-5.0612, 2) // '−5.06'
 */
export function fixed(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = value.toFixed(digits);
  return Number(text) === 0 ? text.replace(/^-/, '') : typographic(text);
}

/**
 * A number to `digits` significant digits with the typographic minus, for numbers quoted in notes.
 * @example precise(-1.521963, 6) // '−1.52196'
 */
export function precise(value: number, digits: number): string {
  return typographic(value.toPrecision(digits));
}

/**
 * A number to six significant digits (integers exactly), typographic minus: for table cells
 * whose column has no format of its own.
 * @example significant(-0.123456789) // '−0.123457'
 */
export function significant(value: number): string {
  const text = Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  return typographic(text);
}

/**
 * A boolean as a word a reader understands: 'yes' / 'no'.
 * @example yesNo(true) // 'yes'
 */
export function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

/**
 * Characters that must not reach a terminal raw: C0 controls other than newline and tab
 * (ESC starts colour and cursor sequences, CR overwrites a line, BEL rings), DEL, C1 controls
 * (U+0080-U+009F, CSI among them) and the bidirectional overrides and isolates that reorder
 * what a reader sees (U+202A-U+202E, U+2066-U+2069).
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Escapes control characters as visible `\uXXXX` text, so a symbol, id or file name read from
 * input can be printed safely (inside a JSON string the escape is the same character again, so
 * JSON output stays valid and equal). Newlines and tabs are kept.
 * @example escapeControlChars('NV\u001b[31mDA') // 'NV\\u001b[31mDA'
 */
export function escapeControlChars(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
