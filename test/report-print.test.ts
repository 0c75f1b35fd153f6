/**
 * Wide tables on screen and on paper (#11.9): on screen a wide table scrolls inside its own box;
 * printed on A4 every column is on the page. Checked on the CSS rules everywhere, and, where
 * Debian's chromium and poppler-utils are installed, by printing a page with a 14-column table to
 * PDF and finding every word inside the page's printable width.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPORT_CSS, renderHtmlReport } from '../src/report/html.ts';
import type { StudyDocument } from '../src/report/document.ts';

const tmp = mkdtempSync(join(tmpdir(), 'mi-print-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The body of the `@media print { ... }` block (balanced braces). */
function printBlock(css: string): string {
  const at = css.indexOf('@media print');
  if (at < 0) return '';
  let depth = 0;
  const open = css.indexOf('{', at);
  for (let i = open; i < css.length; i++) {
    if (css[i] === '{') depth++;
    else if (css[i] === '}' && --depth === 0) return css.slice(open + 1, i);
  }
  return '';
}

/** Declarations of every rule whose selector list contains `selector`, in `css`, joined. */
function rule(css: string, selector: string): string {
  const out: string[] = [];
  for (const m of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    if (m[1].split(',').map((s) => s.trim()).includes(selector)) out.push(m[2]);
  }
  return out.join(';');
}

const COLUMNS = ['event', 'symbol', 'day0', 'return', 'market', 'AR', 't', 'p', 'CAR[-1,+1]', 'p[-1,+1]', 'CAR[-5,+5]', 'p[-5,+5]', 'limit days', 'note'];
const ROW = ['deepseek-r2-rumours@2025-04-28', '688256.SS', '2025-04-28', '−16.97%', '+1.91%', '−13.33%', '−5.06', '<0.0001', '−12.40%', '0.0021', '−20.15%', '0.0410', '2025-04-28 down', 'the return on a limit day is censored; LASTWORDONTHEPAGE'];

const doc: StudyDocument = {
  id: 'wide',
  title: 'Wide table',
  cells: [
    { kind: 'markdown', source: '# Wide table', outputs: [] },
    { kind: 'code', source: 'showTable(rows)', outputs: [{ kind: 'table', columns: COLUMNS, rows: [ROW, ROW], caption: 'Fourteen columns' }] },
  ],
  provenance: { tool: { name: 'market-impact', version: '0' }, git: { commit: 'unknown', dirty: false }, node: 'v20', manifest: null, dataFiles: [], calls: [], parameters: {} },
} as StudyDocument;

describe('wide tables', () => {
  it('scroll in their own box on screen, and fill the A4 page with wrapping cells in print', () => {
    expect(rule(REPORT_CSS, '.table-wrap')).toMatch(/overflow-x:\s*auto/);
    expect(REPORT_CSS).toMatch(/@page\s*\{[^}]*size:\s*A4/);
    const print = printBlock(REPORT_CSS);
    expect(rule(print, '.table-wrap')).toMatch(/overflow:\s*visible/);
    expect(rule(print, 'table')).toMatch(/width:\s*100%/);
    expect(rule(print, 'td')).toMatch(/white-space:\s*normal/);
    expect(rule(print, 'td')).toMatch(/overflow-wrap:\s*break-word/);
    expect(rule(print, 'figure.chart svg')).toMatch(/max-width:\s*100%/);
    expect(rule(print, 'pre')).toMatch(/white-space:\s*pre-wrap/);
  });

  const haveChromium = spawnSync('chromium', ['--version']).status === 0 && spawnSync('pdftotext', ['-v']).status === 0;
  it.skipIf(!haveChromium)('print on A4 with every column inside the page (headless Chromium)', () => {
    const html = join(tmp, 'wide.html');
    const pdf = join(tmp, 'wide.pdf');
    writeFileSync(html, renderHtmlReport(doc));
    execFileSync('chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${html}`], { stdio: 'ignore', timeout: 120_000 });
    const boxes = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
    const page = /<page width="([\d.]+)" height="([\d.]+)"/.exec(boxes)!;
    expect(Number(page[1])).toBeCloseTo(595, 0); // A4 portrait, in points
    const words = [...boxes.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({ xMax: Number(m[2]), text: m[3] }));
    const text = words.map((w) => w.text).join(' ');
    for (const header of ['event', 'limit', 'note']) expect(text).toContain(header);
    expect(words.filter((w) => w.text === 'LASTWORDONTHEPAGE')).toHaveLength(2);
    // 12 mm right margin = 34 pt: nothing is drawn beyond it (clipped or scrolled-away columns would be).
    const right = Number(page[1]) - 34 + 1;
    expect(words.filter((w) => w.xMax > right)).toEqual([]);
  }, 120_000);
});
