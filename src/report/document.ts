/**
 * The document model every writer reads: a study's cells with their outputs, plus provenance.
 * Plain JSON-safe data (charts carry their spec, SVG text and base64 PNG), so a document can be
 * stored, compared and rendered without re-running the study.
 */
import type { TableCell } from './capture.ts';
import type { ReportProvenance } from './provenance.ts';

/** One output of a code cell, in the order it was produced. */
export type Output =
  | { kind: 'stream'; text: string; name?: 'stdout' | 'stderr' }
  | { kind: 'table'; columns: string[]; rows: TableCell[][]; caption?: string }
  | { kind: 'chart'; name: string; spec: unknown; svg: string; png: string; alt: string }
  | { kind: 'markdown'; text: string }
  | { kind: 'error'; text: string };

/** A notebook cell: markdown prose or code with its outputs (markdown cells have none). */
export interface DocumentCell {
  kind: 'markdown' | 'code';
  source: string;
  outputs: Output[];
}

/** A rendered study: what the HTML, Markdown and notebook writers turn into files. */
export interface StudyDocument {
  /** File-safe id, the study file name without extension. */
  id: string;
  title: string;
  cells: DocumentCell[];
  provenance: ReportProvenance;
}

/**
 * The study title: the first level-1 heading in document order, in a markdown cell or in markdown
 * a code cell computed (`markdown('# ...')`, so a title can name what the study ran on); else the
 * first heading of any level in a markdown cell; else the id.
 * @example studyTitle([{ kind: 'markdown', source: '# NVDA on DeepSeek day', outputs: [] }], 'x') // 'NVDA on DeepSeek day'
 */
export function studyTitle(cells: readonly DocumentCell[], id: string): string {
  for (const cell of cells) {
    const sources = cell.kind === 'markdown' ? [cell.source] : cell.outputs.flatMap((o) => (o.kind === 'markdown' ? [o.text] : []));
    for (const source of sources) {
      const m = /^\s{0,3}#\s+(.+?)\s*#*\s*$/m.exec(source);
      if (m) return m[1];
    }
  }
  for (const cell of cells) {
    if (cell.kind !== 'markdown') continue;
    const m = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/m.exec(cell.source);
    if (m) return m[1];
  }
  return id;
}

/**
 * The study's conclusion: the provenance summary if given, else the last computed markdown
 * (`markdown()`) of the last code cell that has one — studies end with their verdict.
 */
export function studyConclusion(doc: StudyDocument): string | undefined {
  if (doc.provenance.summary !== undefined && doc.provenance.summary.trim() !== '') return doc.provenance.summary;
  for (let i = doc.cells.length - 1; i >= 0; i--) {
    const md = doc.cells[i].outputs.filter((o) => o.kind === 'markdown');
    if (md.length > 0) return (md[md.length - 1] as { text: string }).text;
    if (doc.cells[i].kind === 'code' && doc.cells[i].outputs.length > 0) return undefined;
  }
  return undefined;
}

/**
 * Removes the first heading line of a markdown cell when it is the study title (the page or
 * notebook header shows the title itself); any other source is returned unchanged.
 * @example dropTitleHeading('# NVDA\n\nText', 'NVDA') // '\nText'
 */
export function dropTitleHeading(source: string, title: string): string {
  const lines = source.split('\n');
  const at = lines.findIndex((l) => /^\s{0,3}#{1,6}\s+/.test(l));
  if (at < 0 || lines[at].replace(/^\s{0,3}#{1,6}\s+/, '').replace(/\s*#*\s*$/, '') !== title) return source;
  lines.splice(at, 1);
  return lines.join('\n');
}

/**
 * The order every writer presents a study in: the title, the bottom line (the conclusion, when
 * the study has one), then the cells, without the title heading they would repeat: the first
 * markdown cell or computed markdown output carrying it loses that line (`titleCell`: the index
 * of that cell, or -1 when no cell carried the title; an output left empty is dropped).
 */
export function documentOutline(doc: StudyDocument): { title: string; conclusion: string | undefined; cells: DocumentCell[]; titleCell: number } {
  let titleCell = -1;
  const strip = (text: string) => dropTitleHeading(text, doc.title).replace(/^\s*\n/, '');
  const cells = doc.cells.map((cell, i) => {
    if (titleCell >= 0) return cell;
    if (cell.kind === 'markdown') {
      if (dropTitleHeading(cell.source, doc.title) === cell.source) return cell;
      titleCell = i;
      return { ...cell, source: strip(cell.source) };
    }
    const at = cell.outputs.findIndex((o) => o.kind === 'markdown' && dropTitleHeading(o.text, doc.title) !== o.text);
    if (at < 0) return cell;
    titleCell = i;
    const text = strip((cell.outputs[at] as { text: string }).text);
    const outputs = text.trim() === '' ? cell.outputs.filter((_, j) => j !== at) : cell.outputs.map((o, j) => (j === at ? { kind: 'markdown' as const, text } : o));
    return { ...cell, outputs };
  });
  return { title: doc.title, conclusion: studyConclusion(doc), cells, titleCell };
}

/**
 * A one-line plain-text version of markdown (first paragraph, markup removed), for the index.
 * @example oneLine('**NVDA** fell *17%*.\n\nMore.') // 'NVDA fell 17%.'
 */
export function oneLine(markdownText: string): string {
  const first = markdownText.trim().split(/\n\s*\n/)[0] ?? '';
  return first
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|`)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Merges adjacent stream outputs of the same stream, so a cell shows one block of text. */
export function mergeStreams(outputs: readonly Output[]): Output[] {
  const merged: Output[] = [];
  for (const o of outputs) {
    const prev = merged[merged.length - 1];
    if (o.kind === 'stream' && prev?.kind === 'stream' && (prev.name ?? 'stdout') === (o.name ?? 'stdout')) {
      merged[merged.length - 1] = { ...prev, text: prev.text + o.text };
    } else {
      merged.push(o);
    }
  }
  return merged;
}
