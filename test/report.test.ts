/**
 * End-to-end tests of the report stage: fixture studies in percent format are run in a child
 * process by the runner, then written as HTML, Markdown and a notebook.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureMessage, writeReportsIndex, writeStudyReports } from '../src/report/index.ts';
import type { StudyReports } from '../src/report/index.ts';

const FIXTURES = resolve(import.meta.dirname, 'fixtures/studies');
const ROOT = resolve(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'mi-report-test-'));
const manifestPath = join(tmp, 'manifest.json');
const NVDA_SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

let basicA: StudyReports;
let basicB: StudyReports;
let xss: StudyReports;
let failing: StudyReports;

/** Every file under `dir`, as sorted relative paths. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

beforeAll(async () => {
  writeFileSync(
    manifestPath,
    JSON.stringify({ symbols: { NVDA: { file: 'data/prices/NVDA.csv', sha256: NVDA_SHA, first: '2020-01-02', last: '2025-06-30', rows: 1381, raw: [] } } }),
  );
  // Two runs of the same study (determinism), the hostile-names study and the failing one.
  // Two at a time: the machine has two cores.
  [basicA, basicB] = await Promise.all([
    writeStudyReports(join(FIXTURES, 'basic.ts'), join(tmp, 'a', 'basic'), { manifestPath }),
    writeStudyReports(join(FIXTURES, 'basic.ts'), join(tmp, 'b', 'basic'), { manifestPath }),
  ]);
  [xss, failing] = await Promise.all([
    writeStudyReports(join(FIXTURES, 'xss.ts'), join(tmp, 'a', 'xss'), { manifestPath }),
    writeStudyReports(join(FIXTURES, 'failing.ts'), join(tmp, 'a', 'failing'), { manifestPath }),
  ]);
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// A structural validator for nbformat 4.5 (required keys, types, ids, outputs per output_type),
// written from the nbformat v4.5 JSON schema.

const MULTILINE = (v: unknown) => typeof v === 'string' || (Array.isArray(v) && v.every((s) => typeof s === 'string'));
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function onlyKeys(where: string, obj: Record<string, unknown>, required: string[], optional: string[] = []): string[] {
  const errors: string[] = [];
  for (const k of required) if (!(k in obj)) errors.push(`${where}: missing '${k}'`);
  for (const k of Object.keys(obj)) if (!required.includes(k) && !optional.includes(k)) errors.push(`${where}: unexpected key '${k}'`);
  return errors;
}

function validateMimeBundle(where: string, data: unknown): string[] {
  if (!isObject(data)) return [`${where}: data must be an object`];
  const errors: string[] = [];
  for (const [mime, value] of Object.entries(data)) {
    if (/^application\/(.*\+)?json$/.test(mime)) continue; // any JSON value
    if (!/^[a-zA-Z0-9]+\/[a-zA-Z0-9\-+.]+$/.test(mime)) errors.push(`${where}: bad mime type '${mime}'`);
    else if (!MULTILINE(value)) errors.push(`${where}: ${mime} must be a string or list of strings`);
  }
  return errors;
}

function validateOutput(where: string, o: unknown): string[] {
  if (!isObject(o)) return [`${where}: output must be an object`];
  switch (o.output_type) {
    case 'stream':
      return [
        ...onlyKeys(where, o, ['output_type', 'name', 'text']),
        ...(o.name === 'stdout' || o.name === 'stderr' ? [] : [`${where}: stream name must be stdout/stderr`]),
        ...(MULTILINE(o.text) ? [] : [`${where}: stream text must be multiline string`]),
      ];
    case 'display_data':
      return [...onlyKeys(where, o, ['output_type', 'data', 'metadata']), ...validateMimeBundle(where, o.data), ...(isObject(o.metadata) ? [] : [`${where}: metadata must be an object`])];
    case 'execute_result':
      return [...onlyKeys(where, o, ['output_type', 'data', 'metadata', 'execution_count']), ...validateMimeBundle(where, o.data)];
    case 'error':
      return [
        ...onlyKeys(where, o, ['output_type', 'ename', 'evalue', 'traceback']),
        ...(typeof o.ename === 'string' && typeof o.evalue === 'string' ? [] : [`${where}: ename/evalue must be strings`]),
        ...(Array.isArray(o.traceback) && o.traceback.every((s) => typeof s === 'string') ? [] : [`${where}: traceback must be a list of strings`]),
      ];
    default:
      return [`${where}: unknown output_type ${String(o.output_type)}`];
  }
}

/** Returns the list of problems (empty = valid nbformat 4.5 structure). */
function validateNotebook(nb: unknown): string[] {
  if (!isObject(nb)) return ['notebook must be an object'];
  const errors = onlyKeys('notebook', nb, ['nbformat', 'nbformat_minor', 'metadata', 'cells']);
  if (nb.nbformat !== 4) errors.push('nbformat must be 4');
  if (typeof nb.nbformat_minor !== 'number' || nb.nbformat_minor < 5) errors.push('nbformat_minor must be >= 5 (cell ids)');
  if (!isObject(nb.metadata)) errors.push('metadata must be an object');
  else {
    const ks = nb.metadata.kernelspec;
    if (ks !== undefined && !(isObject(ks) && typeof ks.name === 'string' && typeof ks.display_name === 'string')) errors.push('kernelspec needs name and display_name');
    const li = nb.metadata.language_info;
    if (li !== undefined && !(isObject(li) && typeof li.name === 'string')) errors.push('language_info needs name');
  }
  if (!Array.isArray(nb.cells)) return [...errors, 'cells must be a list'];
  const ids = new Set<string>();
  nb.cells.forEach((cell, i) => {
    const where = `cell ${i}`;
    if (!isObject(cell)) {
      errors.push(`${where}: must be an object`);
      return;
    }
    if (typeof cell.id !== 'string' || !/^[a-zA-Z0-9-_]{1,64}$/.test(cell.id)) errors.push(`${where}: bad id`);
    else if (ids.has(cell.id)) errors.push(`${where}: duplicate id ${cell.id}`);
    else ids.add(cell.id);
    if (!isObject(cell.metadata)) errors.push(`${where}: metadata must be an object`);
    if (!MULTILINE(cell.source)) errors.push(`${where}: source must be a string or list of strings`);
    if (cell.cell_type === 'markdown') errors.push(...onlyKeys(where, cell, ['id', 'cell_type', 'metadata', 'source'], ['attachments']));
    else if (cell.cell_type === 'code') {
      errors.push(...onlyKeys(where, cell, ['id', 'cell_type', 'metadata', 'source', 'outputs', 'execution_count']));
      if (!(cell.execution_count === null || (Number.isInteger(cell.execution_count) && (cell.execution_count as number) >= 0))) errors.push(`${where}: bad execution_count`);
      if (!Array.isArray(cell.outputs)) errors.push(`${where}: outputs must be a list`);
      else cell.outputs.forEach((o, j) => errors.push(...validateOutput(`${where} output ${j}`, o)));
    } else errors.push(`${where}: bad cell_type ${String(cell.cell_type)}`);
  });
  return errors;
}

const joinSource = (s: string | string[]) => (Array.isArray(s) ? s.join('') : s);

// ---------------------------------------------------------------------------------------------

describe('runner + writers on the basic fixture', () => {
  it('runs the study and attaches outputs to the cells that produced them', () => {
    const doc = basicA.run.document;
    expect(basicA.run.ok).toBe(true);
    expect(doc.id).toBe('basic');
    expect(doc.title).toBe('Basic fixture study');
    expect(doc.cells.map((c) => c.kind)).toEqual(['markdown', 'code', 'markdown', 'code', 'code', 'markdown', 'code']);
    expect(doc.cells[1].outputs).toEqual([{ kind: 'stream', name: 'stdout', text: 'hello from the first code cell & friends\n' }]);
    expect(doc.cells[3].outputs).toEqual([
      { kind: 'table', columns: ['day', 'ar'], rows: [[-1, '0.10%'], [0, '\u221216.93%'], [1, '2.12%']], caption: 'Abnormal returns' },
    ]);
    expect(doc.cells[4].outputs.map((o) => o.kind)).toEqual(['chart']);
    expect(doc.cells[6].outputs).toEqual([{ kind: 'markdown', text: 'NVDA fell **16.93%** on day 0.' }]);
  });

  it('writes an HTML page with the escaped text, an inline SVG chart, a TOC and the footer', () => {
    const html = readFileSync(basicA.html!, 'utf8');
    expect(html).toContain('<pre class="stream">hello from the first code cell &amp; friends</pre>');
    expect(html).toMatch(/<figure class="chart" id="chart-ar-bars"[^>]*><svg [^>]*>/);
    expect(html).toContain('<td class="num">\u221216.93%</td>');
    expect(html).toContain('<details class="code">');
    expect(html).toContain('<a href="#abnormal-returns">Abnormal returns</a>');
    expect(html).toContain('<h2 id="abnormal-returns">Abnormal returns</h2>');
    expect(html).toContain('<section class="conclusion" aria-labelledby="bottom-line"><h2 id="bottom-line">Bottom line</h2>\n<p>NVDA fell <strong>16.93%</strong> on day 0.</p>');
    // Every in-page link has a target, and ids are unique.
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of html.matchAll(/href="#([^"]+)"/g)) expect(ids, m[1]).toContain(m[1]);
    expect(html).toContain(createHash('sha256').update(readFileSync(join(ROOT, 'data/prices/NVDA.csv'))).digest('hex'));
    expect(html).not.toContain(NVDA_SHA);
    expect(html).not.toMatch(/<script|<link |src="http|href="http|@import/i); // self-contained, no network
    // The title appears once as the page heading, not twice.
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
  });

  it('starts report.md with the title and the bottom line, as the HTML page does', () => {
    const md = readFileSync(basicA.markdown!, 'utf8');
    expect(md.startsWith('# Basic fixture study\n\n## Bottom line\n\nNVDA fell **16.93%** on day 0.\n\nA *tiny* study')).toBe(true);
    expect(md.match(/^# /gm)).toHaveLength(1); // the title once
  });

  it('writes Markdown that references PNGs which exist, plus the spec and SVG', () => {
    const md = readFileSync(basicA.markdown!, 'utf8');
    const refs = [...md.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    expect(refs).toEqual(['charts/ar-bars.png']);
    const png = readFileSync(join(dirname(basicA.markdown!), refs[0]));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(JSON.parse(readFileSync(join(basicA.outDir, 'charts/ar-bars.vl.json'), 'utf8')).mark).toBe('bar');
    expect(readFileSync(join(basicA.outDir, 'charts/ar-bars.svg'), 'utf8')).toMatch(/^<svg /);
    expect(md).toContain('| day | ar |\n| ---: | ---: |\n| \u22121 | 0.10% |');
    // The footer lists what the study read (NVDA, with the sha256 of the bytes read), not what it
    // declared (^GSPC was declared, never read; the fixture manifest's NVDA hash is not the file's).
    const nvdaSha = createHash('sha256').update(readFileSync(join(ROOT, 'data/prices/NVDA.csv'))).digest('hex');
    expect(md).toContain(`| NVDA | data/prices/NVDA.csv | 1256 | 2021-04-12 | 2026-04-10 | ${nvdaSha} | github.com/dane-anderson/equity-signal-engine data/NVDA.csv @ 3317209da4 |`);
    const footer = md.slice(md.indexOf('## Reproducibility'));
    expect(footer).not.toContain(NVDA_SHA);
    expect(footer).not.toContain('^GSPC');
  });

  it('writes a valid nbformat 4.5 notebook with the chart attached to the chart cell', () => {
    const nb = JSON.parse(readFileSync(basicA.notebook!, 'utf8'));
    expect(validateNotebook(nb)).toEqual([]);
    expect(nb.metadata.kernelspec).toEqual({ name: 'tslab', display_name: 'TypeScript', language: 'typescript' });
    const code = nb.cells.filter((c: { cell_type: string }) => c.cell_type === 'code');
    expect(code.map((c: { execution_count: number }) => c.execution_count)).toEqual([1, 2, 3, 4]);
    // Like the HTML page: the title and the bottom line first, then the study's cells.
    expect(nb.cells.map((c: { id: string }) => c.id)).toEqual(['summary', 'cell-1', 'cell-2', 'cell-3', 'cell-4', 'cell-5', 'cell-6', 'cell-7', 'reproducibility']);
    expect(joinSource(nb.cells[0].source)).toBe('# Basic fixture study\n\n## Bottom line\n\nNVDA fell **16.93%** on day 0.');
    const withChart = nb.cells.filter((c: { outputs?: { data?: Record<string, unknown> }[] }) =>
      (c.outputs ?? []).some((o) => o.data?.['application/vnd.vegalite.v5+json'] !== undefined),
    );
    expect(withChart).toHaveLength(1);
    expect(joinSource(withChart[0].source)).toContain("showChart(");
    const chartOut = withChart[0].outputs[0];
    expect(chartOut.data['application/vnd.vegalite.v5+json'].title).toBe('AR by day');
    expect(Buffer.from(chartOut.data['image/png'], 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
    const tableOut = nb.cells[4].outputs[0];
    expect(tableOut.output_type).toBe('display_data');
    expect(joinSource(tableOut.data['text/html'])).toContain('<td class="num">\u221216.93%</td>');
    expect(joinSource(tableOut.data['text/plain'])).toContain('\n  0  \u221216.93%\n');
    expect(nb.cells[2].outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: ['hello from the first code cell & friends\n'] }]);
    // The study's first cell without the title heading the summary cell already shows.
    expect(joinSource(nb.cells[1].source)).toBe('A *tiny* study used by the report tests: text, a table and a chart.');
  });

  it('gives byte-identical files on two runs', () => {
    const a = listFiles(join(tmp, 'a', 'basic'));
    const b = listFiles(join(tmp, 'b', 'basic'));
    expect(a).toEqual(['charts/ar-bars.png', 'charts/ar-bars.svg', 'charts/ar-bars.vl.json', 'index.html', 'report.md', 'results.json', 'study.ipynb']);
    expect(b).toEqual(a);
    for (const f of a) expect(readFileSync(join(tmp, 'b', 'basic', f)).equals(readFileSync(join(tmp, 'a', 'basic', f))), f).toBe(true);
  });

  it('keeps the results.json the study saved, untouched', () => {
    expect(basicA.results).toBe(join(basicA.outDir, 'results.json'));
    expect(readFileSync(basicA.results!, 'utf8')).toBe('{\n  "symbol": "NVDA",\n  "ar0": -0.1693\n}\n');
  });

  it('leaves no instrumented copy or temp file beside the study', () => {
    expect(readdirSync(FIXTURES).filter((f) => f.startsWith('.') || f.includes('.run.') || f.endsWith('.tmp'))).toEqual([]);
  });

  it('prints tables aligned and one line per chart on a plain run, writing nothing', () => {
    const cwd = mkdtempSync(join(tmp, 'plain-'));
    const before = readdirSync(FIXTURES).sort();
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', join(FIXTURES, 'basic.ts')], { cwd: resolve(import.meta.dirname, '..'), encoding: 'utf8' });
    expect(stdout).toContain('Abnormal returns\nday       ar\n---  -------\n \u22121    0.10%\n  0  \u221216.93%\n  1    2.12%\n');
    expect(stdout).toContain('chart: ar-bars\n');
    expect(stdout).toContain('results: not saved');
    expect(readdirSync(cwd)).toEqual([]);
    expect(readdirSync(FIXTURES).sort()).toEqual(before);
  });
});

describe('hostile text', () => {
  const EVIL = '<script>alert(1)</script>';

  it('is escaped everywhere in the HTML (table, markdown cell, computed markdown, chart, footer)', () => {
    expect(xss.run.ok).toBe(true);
    const html = readFileSync(xss.html!, 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>'); // table cell
    expect(html).toContain('<p>The event &lt;script&gt;alert(1)&lt;/script&gt; is studied here'); // markdown cell
    expect(html).toContain('[a bad link](javascript:alert(1))'); // shown as text, not linked
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('<a href="https://example.com/?a=1&amp;b=2">a good one</a>');
    // The chart title is in the inline SVG, escaped by vega's SVG writer.
    const svg = /<figure class="chart" id="chart-evil-chart"[^>]*>(<svg[\s\S]*?<\/svg>)/.exec(html)?.[1] ?? '';
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;</text>');
    // The footer's "What ran" lists the event id the study passed, escaped.
    expect(html).toContain('<td>1 event: NVDA (id &lt;script&gt;alert(1)&lt;/script&gt;) on 2025-01-27 vs SPY</td>');
  });

  it('stays a plain string in the notebook (JSON values, not markup)', () => {
    const nb = JSON.parse(readFileSync(xss.notebook!, 'utf8'));
    expect(validateNotebook(nb)).toEqual([]);
    expect(joinSource(nb.cells[1].source)).toContain(`The event ${EVIL} is studied here`);
    // The bottom line is computed text: neutralised like every markdown output.
    expect(joinSource(nb.cells[0].source)).toBe('# Hostile names\n\n## Bottom line\n\nSummary &lt;script>alert(1)&lt;/script>');
    const outputs = nb.cells[2].outputs;
    expect(outputs[0]).toEqual({ output_type: 'stream', name: 'stdout', text: [`event: ${EVIL}\n`] });
    expect(joinSource(outputs[1].data['text/plain'])).toContain(EVIL);
    expect(joinSource(outputs[1].data['text/html'])).not.toContain('<script');
    expect(outputs[2].data['application/vnd.vegalite.v5+json'].title).toBe(EVIL);
    // Computed markdown is rendered by notebook front-ends: its HTML is neutralised as in the reports.
    const md = joinSource(outputs[3].data['text/markdown']);
    expect(md).toBe('Computed: the event &lt;script>alert(1)&lt;/script> **moved** the price.');
    expect(md).not.toMatch(/<script/i);
  });

  it('never reaches a terminal raw: control characters in symbols and ids are escaped by every CLI printer', async () => {
    const { run } = await import('./helpers/cli.ts');
    const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
    // An unknown symbol is echoed in the error line.
    const bad = await run('check', 'NV\u001b[2J\u0007DA', '--move', '+1%', '--reported', '2025-01-27');
    expect(bad.code).toBe(1);
    expect(bad.err).not.toMatch(raw);
    expect(bad.err).toContain("unknown symbol 'NV\\u001b[2J\\u0007DA'");
    // Ids from an events file are printed in the text report; JSON output stays valid and equal.
    const file = join(tmp, 'evil-events.csv');
    writeFileSync(file, 'id,symbol,date\nred\u001b[31m\u009b2J,NVDA,2025-01-27\nflip\u202egpj.exe,AMD,2025-01-27\n');
    const text = await run('event', '--events', file, '--market', 'SPY', '--bootstrap', '0');
    expect(text.code).toBe(0);
    expect(text.out).not.toMatch(raw);
    expect(text.out).toContain('red\\u001b[31m\\u009b2J: NVDA');
    expect(text.out).toContain('flip\\u202egpj.exe: AMD');
    const json = await run('event', '--events', file, '--market', 'SPY', '--bootstrap', '0', '--json');
    expect(json.out).not.toMatch(raw);
    expect(JSON.parse(json.out).events.map((e: { id: string }) => e.id)).toEqual(['red\u001b[31m\u009b2J', 'flip\u202egpj.exe']);
  });

  it('is neutralised in the Markdown report and the reports index', () => {
    const md = readFileSync(xss.markdown!, 'utf8');
    // Outside code blocks no raw <script> remains.
    const outsideCode = md.replace(/(`{3,})[\s\S]*?\1/g, '');
    expect(outsideCode).not.toMatch(/<script/i);
    expect(md).toContain('| &lt;script>alert(1)&lt;/script> | \u22120.05 |');
    expect(md).toContain('| 1 | runEventStudy | 1 event: NVDA (id &lt;script>alert(1)&lt;/script>) on 2025-01-27 vs SPY |');
    const indexPath = writeReportsIndex(join(tmp, 'a'), [basicA.run, xss.run, failing.run]);
    const index = readFileSync(indexPath, 'utf8');
    expect(index).not.toMatch(/<script/i);
    expect(index).toContain('<a href="basic/index.html">Basic fixture study</a>');
    expect(index).toContain('<a href="basic/study.ipynb">Notebook</a>');
    expect(index).toContain('<p>NVDA fell 16.93% on day 0.</p>');
    expect(index).toContain('<p>Summary &lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(index).toContain('(last run failed)');
  });
});

describe('a failing study', () => {
  it('returns ok:false with the error on the failing cell and writes no reports', () => {
    const run = failing.run;
    expect(run.ok).toBe(false);
    expect(run.exitCode).not.toBe(0);
    expect(run.failedCell).toBe(2);
    const cell = run.document.cells[2];
    expect(cell.source).toContain("throw new Error('boom in the second code cell')");
    const error = cell.outputs.find((o) => o.kind === 'error');
    expect(error?.kind === 'error' && error.text).toMatch(/^Error: boom in the second code cell\n\s+at .*test\/fixtures\/studies\/failing\.ts:11:7/);
    expect(cell.outputs[0]).toEqual({ kind: 'stream', name: 'stdout', text: 'second cell starts\n' });
    expect(run.document.cells[3].outputs).toEqual([]);
    expect(failing.html).toBeUndefined();
    expect(run.failedLine).toBe(9); // the '// %%' line of the failing cell
    expect(failureMessage(run, 'failing.ts')).toBe('study failing.ts failed in code cell 2 (line 9): Error: boom in the second code cell');
    expect(existsSync(join(tmp, 'a', 'failing'))).toBe(false);
  });

  it('ran the study under its own path: no instrumented copy is ever written beside it', () => {
    const out = failing.run.document.cells[1].outputs[0];
    const script = out.kind === 'stream' ? /script: (.*)/.exec(out.text)?.[1] ?? '' : '';
    expect(script).toBe(join(FIXTURES, 'failing.ts'));
    expect(readdirSync(FIXTURES).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});
