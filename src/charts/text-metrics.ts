/**
 * Text widths for vega's layout when no canvas is available. Vega's built-in estimate
 * (0.8 × font size per character) over-reserves room for DejaVu Sans (≈0.6 em average), which
 * spreads legends and axis titles apart; these are the real advance widths of DejaVu Sans and
 * DejaVu Sans Bold (font units, 2048 per em) for printable ASCII and the few symbols the charts use,
 * read from the TTFs, so the SVG/PNG layout matches the glyphs resvg draws. A table in the source,
 * not a font read at run time, keeps layout identical on machines without the font.
 */
import * as vega from 'vega';

const UNITS_PER_EM = 2048;
/** Advance widths of characters 32..126. */
const REGULAR_ASCII = [651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, 2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024, 1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716];
const BOLD_ASCII = [713, 934, 1067, 1716, 1425, 2052, 1786, 627, 936, 936, 1071, 1716, 778, 850, 778, 748, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 819, 819, 1716, 1716, 1716, 1188, 2048, 1585, 1561, 1503, 1700, 1399, 1399, 1681, 1714, 762, 762, 1587, 1305, 2038, 1714, 1741, 1501, 1741, 1577, 1475, 1397, 1663, 1585, 2259, 1579, 1483, 1485, 936, 748, 936, 1716, 1024, 1024, 1382, 1466, 1214, 1466, 1389, 891, 1466, 1458, 702, 702, 1362, 702, 2134, 1458, 1407, 1466, 1466, 1010, 1219, 979, 1458, 1335, 1892, 1321, 1335, 1192, 1458, 748, 1458, 1716];
const REGULAR_EXTRA: Record<string, number> = { '\u2212': 1716, '\u00b7': 651, '\u00b1': 1716, '\u2265': 1716, '\u2264': 1716, '\u2026': 2048, '\u2013': 1024, '\u2014': 2048, '\u00b0': 1024, '\u00d7': 1716, '\u2019': 651, '\u2018': 651, '\u201c': 1061, '\u201d': 1061, '\u00a0': 651, '\u20ac': 1303, '\u00a5': 1303, '\u00a3': 1303 };
const BOLD_EXTRA: Record<string, number> = { '\u2212': 1716, '\u00b7': 778, '\u00b1': 1716, '\u2265': 1716, '\u2264': 1716, '\u2026': 2048, '\u2013': 1024, '\u2014': 2048, '\u00b0': 1024, '\u00d7': 1716, '\u2019': 778, '\u2018': 778, '\u201c': 1346, '\u201d': 1346, '\u00a0': 713, '\u20ac': 1425, '\u00a5': 1425, '\u00a3': 1425 };
/** Width assumed for other characters: about an 'n' for Latin/Greek, a full em for CJK (wide) text. */
const OTHER_NARROW = 1300;
const OTHER_WIDE = 2048;

/** Width in px of `text` set in DejaVu Sans at `fontSize` px (bold when `bold`). */
export function dejaVuTextWidth(text: string, fontSize: number, bold = false): number {
  const ascii = bold ? BOLD_ASCII : REGULAR_ASCII;
  const extra = bold ? BOLD_EXTRA : REGULAR_EXTRA;
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 32;
    if (code >= 32 && code <= 126) units += ascii[code - 32];
    else if (extra[ch] !== undefined) units += extra[ch];
    else units += code >= 0x1100 ? OTHER_WIDE : OTHER_NARROW;
  }
  return (units / UNITS_PER_EM) * fontSize;
}

interface TextItem {
  fontSize?: number | string;
  limit?: number | string;
  fontWeight?: number | string;
}

/** Vega's own default when a text item has no font size. */
const VEGA_DEFAULT_FONT_SIZE = 11;

/**
 * Installs {@link dejaVuTextWidth} as vega's text measure (vega calls it for label layout,
 * truncation, legend and title bounds). Idempotent; only affects vega in this process.
 */
export function useDejaVuTextMetrics(): void {
  // vega re-exports vega-scenegraph's textMetrics; its typings do not declare it.
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } }).textMetrics;
  metrics.width = (item: TextItem, text: unknown): number => {
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : VEGA_DEFAULT_FONT_SIZE;
    const s = text == null ? '' : String(text).trim();
    if (size <= 0 || s === '') return 0;
    const w = item.fontWeight;
    const bold = w === 'bold' || w === 'bolder' || (typeof w === 'number' && w >= 600) || (typeof w === 'string' && Number(w) >= 600);
    const width = dejaVuTextWidth(s, size, bold);
    // Vega truncates text to `limit` px when drawing; bounds must see the truncated width
    // (vega's own estimator does this via textValue()).
    const limit = Number(item.limit);
    return limit > 0 ? Math.min(width, limit) : width;
  };
}
