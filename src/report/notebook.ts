/**
 * The Jupyter notebook: nbformat 4.5 with deterministic cell ids ('cell-1', …), a TypeScript
 * kernelspec (tslab), markdown cells, and code cells carrying their outputs: stdout/stderr as
 * stream outputs, tables as display_data (text/html + text/plain), computed markdown as
 * text/markdown with raw HTML neutralised (as in report.md), charts as display_data with
 * the Vega-Lite spec (application/vnd.vegalite.v5+json), a PNG fallback and text/plain, errors
 * as error outputs. The reproducibility footer is the last markdown cell and also sits in the
 * notebook metadata as JSON.
 */
import { join } from 'node:path';
import { formatTableText } from './display.ts';
import type { StudyDocument, Output } from './document.ts';
import { writeFileAtomic } from './fs.ts';
import { tableToHtml } from './html.ts';
import { bottomLineMarkdown, neutraliseHtml, provenanceToMarkdown } from './markdown-report.ts';
import { documentOutline } from './document.ts';

/** nbformat multiline string: a list of lines, each but the last ending in '\n'. */
export function toNotebookSource(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  return lines.map((l, i) => (i < lines.length - 1 ? `${l}\n` : l)).filter((l) => l !== '');
}

type NbOutput =
  | { output_type: 'stream'; name: 'stdout' | 'stderr'; text: string[] }
  | { output_type: 'display_data'; data: Record<string, unknown>; metadata: Record<string, unknown> }
  | { output_type: 'error'; ename: string; evalue: string; traceback: string[] };

/** One document output → one nbformat output. */
export function toNotebookOutput(o: Output): NbOutput {
  switch (o.kind) {
    case 'stream':
      return { output_type: 'stream', name: o.name ?? 'stdout', text: toNotebookSource(o.text) };
    case 'table':
      return {
        output_type: 'display_data',
        data: { 'text/html': toNotebookSource(tableToHtml(o.columns, o.rows, o.caption)), 'text/plain': toNotebookSource(formatTableText(o)) },
        metadata: {},
      };
    case 'markdown':
      // Computed prose carries data (event names, notes): raw HTML in it is neutralised as in
      // report.md, so a notebook front-end renders it as text, like the HTML report does.
      return { output_type: 'display_data', data: { 'text/markdown': toNotebookSource(neutraliseHtml(o.text)), 'text/plain': toNotebookSource(o.text) }, metadata: {} };
    case 'chart':
      return {
        output_type: 'display_data',
        data: { 'application/vnd.vegalite.v5+json': o.spec, 'image/png': o.png, 'text/plain': [`<VegaLite chart '${o.name}': ${o.alt}>`] },
        metadata: {},
      };
    case 'error': {
      const first = o.text.split('\n')[0] ?? '';
      const m = /^([A-Za-z_$][\w$]*): ?(.*)$/.exec(first);
      return { output_type: 'error', ename: m ? m[1] : 'Error', evalue: m ? m[2] : first, traceback: o.text.split('\n') };
    }
  }
}

/**
 * The notebook as a plain object (nbformat 4.5). It opens like the HTML report: a first cell
 * ('summary') with the title and the bottom line, then the study's cells (the first without the
 * title heading it would repeat).
 */
export function toNotebook(doc: StudyDocument): Record<string, unknown> {
  let executionCount = 0;
  const outline = documentOutline(doc);
  const summary = [`# ${outline.title}`, bottomLineMarkdown(outline.conclusion)].filter((s) => s !== '').join('\n\n');
  const cells: Record<string, unknown>[] = [{ cell_type: 'markdown', id: 'summary', metadata: {}, source: toNotebookSource(summary) }];
  outline.cells.forEach((cell, i) => {
    const id = `cell-${i + 1}`;
    if (cell.kind === 'markdown') {
      if (cell.source.trim() !== '') cells.push({ cell_type: 'markdown', id, metadata: {}, source: toNotebookSource(cell.source) });
      return;
    }
    executionCount++;
    cells.push({ cell_type: 'code', id, metadata: {}, execution_count: executionCount, source: toNotebookSource(cell.source), outputs: cell.outputs.map(toNotebookOutput) });
  });
  cells.push({ cell_type: 'markdown', id: 'reproducibility', metadata: {}, source: toNotebookSource(provenanceToMarkdown(doc.provenance)) });
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' },
      language_info: { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript', codemirror_mode: { name: 'javascript', typescript: true } },
      title: doc.title,
      'market-impact': { id: doc.id, provenance: doc.provenance },
    },
    cells,
  };
}

/** Writes `dir/study.ipynb` (1-space JSON like Jupyter itself) and returns its path. */
export function writeNotebook(doc: StudyDocument, dir: string): string {
  const path = join(dir, 'study.ipynb');
  writeFileAtomic(path, `${JSON.stringify(toNotebook(doc), null, 1)}\n`);
  return path;
}
