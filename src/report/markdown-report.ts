/**
 * The Markdown report: `report.md` with charts saved beside it (`charts/<name>.png`, `.svg`,
 * `.vl.json`) and referenced by relative paths, tables as GitHub pipe tables. Raw HTML in prose
 * is neutralised (`<` → `&lt;` outside code) so the file renders safely anywhere.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { formatCell, isNumericColumn } from './display.ts';
import type { TableCell } from './capture.ts';
import { documentOutline } from './document.ts';
import type { Output, StudyDocument } from './document.ts';
import { writeFileAtomic } from './fs.ts';
import { callLines, formatParameter, provenanceLines } from './provenance.ts';
import type { ReportProvenance } from './provenance.ts';

/**
 * Escapes text for a pipe-table cell: `|` and `\` are backslash-escaped, `<` becomes `&lt;`,
 * newlines become `<br>` (the only way to break a line inside a GitHub table cell).
 * @example escapeTableCell('a|b') // 'a\\|b'
 */
export function escapeTableCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\r?\n/g, '<br>');
}

/**
 * Neutralises raw HTML in markdown prose: `<` outside code spans and fenced blocks becomes `&lt;`
 * (which renders as `<`), so a `<script>` in a note or an event name stays text.
 */
export function neutraliseHtml(markdown: string): string {
  let fence: string | undefined;
  return markdown
    .split('\n')
    .map((line) => {
      const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (fence !== undefined) {
        if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = undefined;
        return line;
      }
      if (f) {
        fence = f[1];
        return line;
      }
      return line
        .split(/(`+[^`]*`+)/)
        .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, '&lt;')))
        .join('');
    })
    .join('\n');
}

/** A fence long enough not to be closed by backticks inside `text`. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

function codeBlock(text: string, lang = ''): string {
  const fence = fenceFor(text);
  return `${fence}${lang}\n${text.replace(/\n$/, '')}\n${fence}`;
}

/** A GitHub pipe table (numeric columns right-aligned). */
export function tableToMarkdown(columns: readonly string[], rows: readonly TableCell[][], caption?: string): string {
  const numeric = columns.map((_, j) => isNumericColumn(rows as TableCell[][], j));
  const lines: string[] = [];
  if (caption !== undefined) lines.push(`*${escapeTableCell(caption).replace(/\*/g, '\\*')}*`, '');
  lines.push(`| ${columns.map(escapeTableCell).join(' | ')} |`);
  lines.push(`| ${columns.map((_, j) => (numeric[j] ? '---:' : '---')).join(' | ')} |`);
  for (const r of rows) lines.push(`| ${columns.map((_, j) => escapeTableCell(formatCell(r[j] ?? null))).join(' | ')} |`);
  return lines.join('\n');
}

/** Escapes text used as image alt text or link text. */
function escapeLinkText(text: string): string {
  return text.replace(/[\\[\]]/g, (c) => `\\${c}`).replace(/</g, '&lt;').replace(/\r?\n/g, ' ');
}

/** The reproducibility footer as Markdown (shared with the notebook). */
export function provenanceToMarkdown(p: ReportProvenance): string {
  const out: string[] = ['## Reproducibility', ''];
  for (const { label, value } of provenanceLines(p)) out.push(`- **${label}:** ${escapeTableCell(value)}`);
  if (p.dataFiles.length > 0) {
    const withSource = p.dataFiles.some((f) => f.source !== undefined);
    out.push('', '### Data files', '');
    out.push(
      tableToMarkdown(
        ['Symbol', 'File', 'Rows', 'First', 'Last', 'SHA-256', ...(withSource ? ['Source'] : [])],
        p.dataFiles.map((f) => [f.symbol, f.file ?? 'not in manifest', f.rows ?? null, f.first ?? null, f.last ?? null, f.sha256 ?? null, ...(withSource ? [f.source ?? null] : [])]),
      ),
    );
  }
  const kv = (title: string, rec: Record<string, unknown>) => {
    const keys = Object.keys(rec);
    if (keys.length === 0) return;
    out.push('', `### ${title}`, '', tableToMarkdown(['Name', 'Value'], keys.map((k) => [k, formatParameter(rec[k])])));
  };
  const calls = callLines(p.calls);
  if (calls.length > 0) {
    out.push('', '### What ran', '', tableToMarkdown(['#', 'Call', 'Inputs', 'Parameters', 'Seeds'], calls.map((c) => [c.n, c.call, c.inputs, c.parameters, c.seeds])));
  }
  kv('Parameters', p.parameters);
  return out.join('\n');
}

function outputToMarkdown(o: Output): string {
  switch (o.kind) {
    case 'stream':
      return codeBlock(o.text, 'text');
    case 'table':
      return tableToMarkdown(o.columns, o.rows, o.caption);
    case 'markdown':
      return neutraliseHtml(o.text);
    case 'error':
      return `**Error**\n\n${codeBlock(o.text, 'text')}`;
    case 'chart':
      return `![${escapeLinkText(o.alt)}](charts/${o.name}.png)\n\n<sub>Chart files: [Vega-Lite spec](charts/${o.name}.vl.json) · [SVG](charts/${o.name}.svg)</sub>`;
  }
}

/** '## Bottom line' and the conclusion, as the HTML report shows it under the title ('' without one). */
export function bottomLineMarkdown(conclusion: string | undefined): string {
  return conclusion === undefined || conclusion.trim() === '' ? '' : `## Bottom line\n\n${neutraliseHtml(conclusion.trim())}`;
}

/**
 * The text of report.md for a document (pure: same document → same bytes): the title, the
 * bottom line (as the HTML report starts), then every cell, and the reproducibility footer.
 */
export function renderMarkdownReport(doc: StudyDocument): string {
  const outline = documentOutline(doc);
  const parts: string[] = [`# ${neutraliseHtml(outline.title)}`];
  const bottom = bottomLineMarkdown(outline.conclusion);
  if (bottom !== '') parts.push(bottom);
  for (const cell of outline.cells) {
    if (cell.kind === 'markdown') {
      if (cell.source.trim() !== '') parts.push(neutraliseHtml(cell.source));
      continue;
    }
    parts.push(`<details><summary>Code</summary>\n\n${codeBlock(cell.source, 'ts')}\n\n</details>`);
    for (const o of cell.outputs) parts.push(outputToMarkdown(o));
  }
  parts.push(provenanceToMarkdown(doc.provenance));
  return `${parts.join('\n\n')}\n`;
}

/** Deletes chart files (`.png`, `.svg`, `.vl.json`) of charts this run no longer has, so the folder matches the report. */
function removeStaleCharts(chartsDir: string, current: ReadonlySet<string>): void {
  if (!existsSync(chartsDir)) return;
  for (const file of readdirSync(chartsDir)) {
    const m = /^(.+)\.(png|svg|vl\.json)$/.exec(file);
    if (m && !current.has(m[1])) rmSync(join(chartsDir, file), { force: true });
  }
}

/**
 * Writes `dir/report.md` and, for every chart, `dir/charts/<name>.png`, `.svg` and `.vl.json`.
 * Returns the path of report.md.
 */
export function writeMarkdownReport(doc: StudyDocument, dir: string): string {
  const names = new Set<string>();
  for (const cell of doc.cells) {
    for (const o of cell.outputs) {
      if (o.kind !== 'chart') continue;
      names.add(o.name);
      const base = join(dir, 'charts', o.name);
      writeFileAtomic(`${base}.png`, Buffer.from(o.png, 'base64'));
      writeFileAtomic(`${base}.svg`, o.svg);
      writeFileAtomic(`${base}.vl.json`, `${JSON.stringify(o.spec, null, 2)}\n`);
    }
  }
  removeStaleCharts(join(dir, 'charts'), names);
  const path = join(dir, 'report.md');
  writeFileAtomic(path, renderMarkdownReport(doc));
  return path;
}
