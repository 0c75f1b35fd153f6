/**
 * The HTML report: one self-contained file (inline CSS, inline SVG charts, no scripts, no network)
 * with the study header, a table of contents, the conclusion, every cell (code collapsible) with
 * its outputs, and the reproducibility footer. Every string from a study, its data or its files
 * passes through escapeHtml (markdown through the safe converter in markdown.ts).
 */
import { join } from 'node:path';
import { formatCell, isNumericColumn } from './display.ts';
import { documentOutline, studyConclusion } from './document.ts';
import type { Output, StudyDocument } from './document.ts';
import { writeFileAtomic } from './fs.ts';
import { createSlugger, escapeHtml, markdownToHtml } from './markdown.ts';
import type { HeadingInfo } from './markdown.ts';
import { callLines, formatParameter, provenanceLines } from './provenance.ts';
import type { ReportProvenance } from './provenance.ts';

/**
 * Readable, print-friendly styles; no web fonts (nothing is fetched). On screen a wide table
 * scrolls inside its own box (.table-wrap); printed (A4), tables take the page width, cells wrap
 * and nothing scrolls, so every column is on paper; charts shrink to the page.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg-soft: #f6f8fa; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: #fff; font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.page { max-width: 56rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
header.study { border-bottom: 1px solid var(--line); margin-bottom: 1.5rem; }
header.study .kicker { color: var(--muted); font-size: .85rem; text-transform: uppercase; letter-spacing: .05em; margin: 0; }
h1 { font-size: 2rem; line-height: 1.2; margin: .3rem 0 1rem; }
h2 { font-size: 1.45rem; margin: 2.2rem 0 .6rem; line-height: 1.3; }
h3 { font-size: 1.15rem; margin: 1.6rem 0 .5rem; }
a { color: var(--accent); }
code, pre { font: 14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
:not(pre) > code { background: var(--bg-soft); padding: .1em .3em; border-radius: 4px; }
pre { background: var(--bg-soft); padding: .8rem 1rem; overflow-x: auto; border-radius: 6px; margin: .6rem 0; }
pre.stream { background: #fbfbfb; border-left: 3px solid var(--line); white-space: pre; }
pre.stderr { border-left-color: #d4a72c; }
pre.error { background: #fff1f0; border-left: 3px solid #cf222e; color: #82071e; white-space: pre-wrap; }
nav.toc { background: var(--bg-soft); border-radius: 6px; padding: .6rem 1.2rem; margin: 1rem 0 1.5rem; font-size: .95rem; }
nav.toc h2 { font-size: 1rem; margin: .4rem 0; }
nav.toc ol { margin: 0; padding-left: 1.2rem; }
nav.toc li.level-3 { margin-left: 1rem; list-style-type: circle; }
section.conclusion { border-left: 4px solid var(--accent); background: #f0f6fd; padding: .4rem 1.2rem; border-radius: 0 6px 6px 0; margin: 1.5rem 0; }
section.conclusion h2 { margin-top: .6rem; font-size: 1.15rem; }
details.code { margin: 1rem 0 .3rem; }
details.code > summary { cursor: pointer; color: var(--muted); font-size: .85rem; }
.outputs { margin: .3rem 0 1.2rem; }
.table-wrap { overflow-x: auto; margin: .8rem 0; }
table { border-collapse: collapse; font-size: .92rem; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; color: var(--muted); font-size: .88rem; padding-bottom: .3rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .7rem; text-align: left; vertical-align: top; white-space: nowrap; }
td:last-child:not(.num) { white-space: normal; min-width: 10rem; }
thead th { border-bottom: 2px solid var(--fg); }
.num { text-align: right; }
figure.chart { margin: 1rem 0; overflow-x: auto; }
figure.chart svg, figure.chart img { max-width: 100%; height: auto; }
figure.chart figcaption { color: var(--muted); font-size: .88rem; }
footer.reproducibility { border-top: 1px solid var(--line); margin-top: 3rem; font-size: .92rem; color: var(--muted); }
footer.reproducibility td.hash { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; overflow-wrap: anywhere; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 10.5pt; line-height: 1.45; }
  .page { max-width: none; padding: 0; }
  details.code, nav.toc { display: none; }
  .table-wrap, figure.chart, pre { overflow: visible; }
  table { width: 100%; font-size: 8pt; }
  th, td { white-space: normal; overflow-wrap: break-word; padding: .15rem .3rem; }
  th.num, td.num { white-space: nowrap; }
  td:last-child:not(.num) { min-width: 0; }
  pre, pre.stream, code { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 8pt; }
  figure.chart svg, figure.chart img { max-width: 100%; height: auto; }
  tr, figure.chart, section.conclusion { break-inside: avoid; }
  h2, h3, caption { break-after: avoid; }
}
`.trim();

/**
 * True when an SVG can be inlined as is: it is an <svg> element with no script, event handler,
 * foreignObject or javascript: URL. Our renderer (vega) escapes all text, so this only guards
 * against a renderer bug; an unsafe SVG is shown as its PNG instead.
 */
export function isInlineSafeSvg(svg: string): boolean {
  return /^\s*<svg[\s>]/.test(svg) && !/<script|<foreignObject|\son[a-z]+\s*=|javascript:|<!ENTITY|<iframe|<object|<embed/i.test(svg);
}

/**
 * Prefixes every id in an SVG (and its url(#…) / href="#…" references) so several inline charts in
 * one page cannot resolve each other's clip paths or gradients.
 */
export function prefixSvgIds(svg: string, prefix: string): string {
  const ids = new Set<string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) ids.add(m[1]);
  if (ids.size === 0) return svg;
  return svg
    .replace(/(\sid=")([^"]+)"/g, (m, a: string, id: string) => (ids.has(id) ? `${a}${prefix}${id}"` : m))
    .replace(/url\(#([^)]+)\)/g, (m, id: string) => (ids.has(id) ? `url(#${prefix}${id})` : m))
    .replace(/(href=")#([^"]+)"/g, (m, a: string, id: string) => (ids.has(id) ? `${a}#${prefix}${id}"` : m));
}

/** An HTML table of a table output (numeric columns right-aligned, wide tables scroll). */
export function tableToHtml(columns: readonly string[], rows: readonly (readonly (string | number | boolean | null)[])[], caption?: string): string {
  const numeric = columns.map((_, j) => isNumericColumn(rows as (string | number | boolean | null)[][], j));
  const cls = (j: number) => (numeric[j] ? ' class="num"' : '');
  const head = columns.map((c, j) => `<th scope="col"${cls(j)}>${escapeHtml(c)}</th>`).join('');
  const body = rows.map((r) => `<tr>${columns.map((_, j) => `<td${cls(j)}>${escapeHtml(formatCell(r[j] ?? null))}</td>`).join('')}</tr>`).join('\n');
  const cap = caption === undefined ? '' : `<caption>${escapeHtml(caption)}</caption>`;
  return `<div class="table-wrap"><table>${cap}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}

function outputToHtml(o: Output, chartIndex: number, md: (text: string) => string): string {
  switch (o.kind) {
    case 'stream':
      return `<pre class="stream${o.name === 'stderr' ? ' stderr' : ''}">${escapeHtml(o.text.replace(/\n$/, ''))}</pre>`;
    case 'table':
      return tableToHtml(o.columns, o.rows, o.caption);
    case 'markdown':
      return `<div class="md-output">${md(o.text)}</div>`;
    case 'error':
      return `<pre class="error" role="alert">${escapeHtml(o.text)}</pre>`;
    case 'chart': {
      const body = isInlineSafeSvg(o.svg)
        ? prefixSvgIds(o.svg, `c${chartIndex}-`)
        : `<img alt="${escapeHtml(o.alt)}" src="data:image/png;base64,${o.png.replace(/[^A-Za-z0-9+/=]/g, '')}">`;
      return `<figure class="chart" id="chart-${escapeHtml(o.name)}" role="group" aria-label="${escapeHtml(o.alt)}">${body}<figcaption>${escapeHtml(o.alt)}</figcaption></figure>`;
    }
  }
}

/** The reproducibility footer as HTML. */
export function provenanceToHtml(p: ReportProvenance): string {
  const parts: string[] = ['<footer class="reproducibility" id="reproducibility">', '<h2>Reproducibility</h2>', '<dl class="meta">'];
  for (const { label, value } of provenanceLines(p)) parts.push(`<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`);
  parts.push('</dl>');
  if (p.dataFiles.length > 0) {
    const withSource = p.dataFiles.some((f) => f.source !== undefined);
    parts.push('<h3>Data files</h3>');
    parts.push(
      `<div class="table-wrap"><table><thead><tr><th scope="col">Symbol</th><th scope="col">File</th><th scope="col" class="num">Rows</th><th scope="col">First</th><th scope="col">Last</th><th scope="col">SHA-256</th>${withSource ? '<th scope="col">Source</th>' : ''}</tr></thead><tbody>${p.dataFiles
        .map(
          (f) =>
            `<tr><td>${escapeHtml(f.symbol)}</td><td>${escapeHtml(f.file ?? 'not in manifest')}</td><td class="num">${f.rows ?? ''}</td><td>${escapeHtml(f.first ?? '')}</td><td>${escapeHtml(f.last ?? '')}</td><td class="hash">${escapeHtml(f.sha256 ?? '')}</td>${withSource ? `<td>${escapeHtml(f.source ?? '')}</td>` : ''}</tr>`,
        )
        .join('')}</tbody></table></div>`,
    );
  }
  const kv = (title: string, rec: Record<string, unknown>) => {
    const keys = Object.keys(rec);
    if (keys.length === 0) return;
    parts.push(`<h3>${escapeHtml(title)}</h3>`);
    parts.push(`<div class="table-wrap"><table><tbody>${keys.map((k) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(formatParameter(rec[k]))}</td></tr>`).join('')}</tbody></table></div>`);
  };
  const calls = callLines(p.calls);
  if (calls.length > 0) {
    parts.push('<h3>What ran</h3>');
    parts.push(
      `<div class="table-wrap"><table><thead><tr><th scope="col" class="num">#</th><th scope="col">Call</th><th scope="col">Inputs</th><th scope="col">Parameters</th><th scope="col">Seeds</th></tr></thead><tbody>${calls
        .map((c) => `<tr><td class="num">${c.n}</td><td><code>${escapeHtml(c.call)}</code></td><td>${escapeHtml(c.inputs)}</td><td>${escapeHtml(c.parameters)}</td><td>${escapeHtml(c.seeds)}</td></tr>`)
        .join('')}</tbody></table></div>`,
    );
  }
  kv('Parameters', p.parameters);
  parts.push('</footer>');
  return parts.join('\n');
}

/** The full HTML page of a study document (a pure function: same document → same bytes). */
export function renderHtmlReport(doc: StudyDocument): string {
  const slug = createSlugger();
  for (const reserved of ['contents', 'bottom-line', 'reproducibility']) slug(reserved);
  const headings: HeadingInfo[] = [];
  const md = (text: string) => markdownToHtml(text, { slug, onHeading: (h) => headings.push(h) });
  const mdNoToc = (text: string) => markdownToHtml(text, { slug });
  let codeNumber = 0;
  let chartIndex = 0;
  const body: string[] = [];
  // The cells without the title heading the page header shows (in a markdown cell or computed markdown).
  for (const cell of documentOutline(doc).cells) {
    if (cell.kind === 'markdown') {
      if (cell.source.trim() !== '') body.push(`<section class="prose">\n${md(cell.source)}\n</section>`);
      continue;
    }
    codeNumber++;
    body.push(`<details class="code"><summary>Code · cell ${codeNumber}</summary><pre><code class="language-typescript">${escapeHtml(cell.source)}</code></pre></details>`);
    if (cell.outputs.length > 0) body.push(`<div class="outputs">\n${cell.outputs.map((o) => outputToHtml(o, ++chartIndex, mdNoToc)).join('\n')}\n</div>`);
  }
  const conclusion = studyConclusion(doc);
  const toc = headings.filter((h) => h.level >= 1 && h.level <= 3);
  const tocItems = [
    ...(conclusion === undefined ? [] : [{ level: 2, id: 'bottom-line', text: 'Bottom line' }]),
    ...toc,
    { level: 2, id: 'reproducibility', text: 'Reproducibility' },
  ];
  const minLevel = Math.min(...tocItems.map((h) => h.level));
  const nav = `<nav class="toc" aria-labelledby="contents"><h2 id="contents">Contents</h2><ol>\n${tocItems
    .map((h) => `<li class="level-${h.level - minLevel + 2}"><a href="#${escapeHtml(h.id)}">${escapeHtml(h.text)}</a></li>`)
    .join('\n')}\n</ol></nav>`;
  const conclusionHtml = conclusion === undefined ? '' : `<section class="conclusion" aria-labelledby="bottom-line"><h2 id="bottom-line">Bottom line</h2>\n${mdNoToc(conclusion)}\n</section>`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${escapeHtml(`${doc.provenance.tool.name} ${doc.provenance.tool.version}`)}">`,
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>\n${REPORT_CSS}\n</style>`,
    '</head>',
    '<body>',
    '<div class="page">',
    `<header class="study"><p class="kicker">Event study · ${escapeHtml(doc.id)}</p><h1>${escapeHtml(doc.title)}</h1></header>`,
    nav,
    conclusionHtml,
    '<main>',
    ...body,
    '</main>',
    provenanceToHtml(doc.provenance),
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Writes `dir/index.html` (atomically) and returns its path. */
export function writeHtmlReport(doc: StudyDocument, dir: string): string {
  const path = join(dir, 'index.html');
  writeFileAtomic(path, renderHtmlReport(doc));
  return path;
}
