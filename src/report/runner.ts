/**
 * The percent-format study runner. A study is a plain TypeScript script whose top-level comment
 * lines `// %% [markdown]` and `// %%` start cells. The runner instruments the source so it
 * announces each code cell (`;(globalThis as any).__miCell?.(i);` on the marker line itself, so
 * line numbers in stack traces stay those of the original), runs the study in a child Node with
 * tsx, and attaches every output (stdout, stderr, tables, charts, markdown, the error) to the cell
 * that produced it.
 *
 * No copy of the study is ever written beside it: a module load hook hands the child the
 * instrumented source under the study's own URL (so its imports, `market-impact` included,
 * resolve exactly as for the original, and stack traces name the original file). The capture
 * file and the instrumented source live in a private folder under the OS temp directory, named
 * with the runner's pid so a folder left by a killed run is recognised and removed by the next.
 * What the study saves (results.json) goes to a staging folder beside its report folder and is
 * moved in only when the study succeeds, so a failed run never leaves results newer than the report.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../errors.ts';
import type { VegaLiteSpec } from '../charts/types.ts';
import { DATA_DIR_ENV } from '../data/store.ts';
import { REFRESH_ENV, SOURCE_ENV } from '../data/live-source.ts';
import type { DataRead } from '../data/verified.ts';
import type { LibraryCall } from '../study/call-log.ts';
import { CAPTURE_ENV, OUT_DIR_ENV } from './capture.ts';
import type { CaptureRecord, ProvenanceInput } from './capture.ts';
import { mergeStreams, studyTitle } from './document.ts';
import type { DocumentCell, Output, StudyDocument } from './document.ts';
import { collectProvenance, findProjectRoot, mergeProvenanceInputs } from './provenance.ts';
import type { GitState } from './provenance.ts';

/** A parsed cell. `markerLine` is the 0-based line of its `// %%` marker (-1: code before any marker). */
export interface Cell {
  kind: 'markdown' | 'code';
  source: string;
  markerLine: number;
}

/** A top-level cell marker: `// %%` at column 0, optionally `[markdown]` and a title. */
const MARKER = /^\/\/\s?%%(?:\s|$)/;
const MARKDOWN_MARKER = /^\/\/\s?%%\s*\[(?:markdown|md)\]/;

/**
 * Splits a percent-format script into cells. Markdown cells lose their leading `// ` (or `//`);
 * code cells keep their text. Leading/trailing blank lines are trimmed and empty cells dropped;
 * code before the first marker is a code cell of its own.
 *
 * @example
 * parsePercentScript('// %% [markdown]\n// # Title\n// %%\nconsole.log(1);\n')
 * // [{ kind: 'markdown', source: '# Title', markerLine: 0 }, { kind: 'code', source: 'console.log(1);', markerLine: 2 }]
 */
export function parsePercentScript(source: string): Cell[] {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  const cells: Cell[] = [];
  let current: { kind: 'markdown' | 'code'; markerLine: number; lines: string[] } = { kind: 'code', markerLine: -1, lines: [] };
  const flush = () => {
    const body = current.kind === 'markdown' ? current.lines.map((l) => l.replace(/^\s*\/\/ ?/, '')) : current.lines;
    while (body.length > 0 && body[0].trim() === '') body.shift();
    while (body.length > 0 && body[body.length - 1].trim() === '') body.pop();
    if (body.length > 0) cells.push({ kind: current.kind, source: body.join('\n'), markerLine: current.markerLine });
  };
  lines.forEach((line, i) => {
    if (MARKER.test(line)) {
      flush();
      current = { kind: MARKDOWN_MARKER.test(line) ? 'markdown' : 'code', markerLine: i, lines: [] };
    } else {
      current.lines.push(line);
    }
  });
  flush();
  return cells;
}

/**
 * The instrumented script: each code cell's marker line (or line 1 for code before any marker)
 * gets a cell-boundary call prepended on the same line. Markers are top-level comments, so the
 * inserted statement is top-level too.
 */
export function instrumentScript(source: string, cells: readonly Cell[]): string {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  cells.forEach((cell, index) => {
    if (cell.kind !== 'code') return;
    const at = Math.max(cell.markerLine, 0);
    lines[at] = `;(globalThis as any).__miCell?.(${index});${lines[at]}`;
  });
  return lines.join('\n');
}

/** Result of {@link runStudy}: the document plus how the run went. */
export interface StudyRun {
  ok: boolean;
  id: string;
  studyPath: string;
  document: StudyDocument;
  /** Index (into document.cells) of the cell that failed, when !ok. */
  failedCell?: number;
  /** The error text attached to the failing cell, when !ok. */
  error?: string;
  /** 1-based line of the failing cell's marker in the study file, when !ok. */
  failedLine?: number;
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runStudy}. */
export interface RunStudyOptions {
  /** Directory the study may write results.json into (exposed as MARKET_IMPACT_OUT_DIR). */
  outDir?: string;
  /** Kill the study after this long. Default 10 minutes. */
  timeoutMs?: number;
  /** Project root (default: nearest package.json above the study). */
  rootDir?: string;
  manifestPath?: string;
  git?: GitState;
  /** PNG width as a multiple of the SVG width (default 2, sharp on high-density screens). */
  pngScale?: number;
  /**
   * A user data folder overlaying the bundled snapshot for the study (passed as IMPACT_DATA_DIR;
   * default: whatever IMPACT_DATA_DIR this process has).
   */
  dataDir?: string;
  /**
   * Where the study's library calls get prices (passed as IMPACT_SOURCE; default: whatever this
   * process has): 'yahoo' pulls and pins what runEventStudy / checkClaim / checkArticle need.
   */
  source?: 'snapshot' | 'yahoo';
  /** With source 'yahoo': pull again (passed as IMPACT_REFRESH=1). */
  refresh?: boolean;
}

/** A study id names its report folder: no path separator or control character, not starting with '.'. */
const STUDY_ID = /^[^./\\\u0000-\u001f][^/\\\u0000-\u001f]*$/;

/**
 * File-safe study id from its path: `studies/nvda-deepseek.ts` → 'nvda-deepseek'. The id names
 * the report folder, so a name that could leave the reports folder or hide in it ('..ts' → '.',
 * '...ts' → '..', '.x.ts') or carry odd characters is refused.
 * @throws InputError naming the file when its name makes no safe folder name
 */
export function studyIdFromPath(studyPath: string): string {
  const id = basename(studyPath, extname(studyPath));
  if (!STUDY_ID.test(id)) {
    throw new InputError(`study file name '${basename(studyPath)}' does not make a report folder name (it must not start with '.'): rename it, e.g. to my-study.ts`);
  }
  return id;
}

let runCounter = 0;

/** True when a process with this pid exists (signal 0 probes without signalling). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Prefix of the runner's private temp folders: `mi-run-<pid>-XXXXXX` under the OS temp dir. */
const WORK_PREFIX = 'mi-run-';

/**
 * Removes what runs killed before their clean-up left behind: private temp folders
 * (`mi-run-<pid>-*`), staging folders in `reportsDir` (`.staging-<id>-<pid>-<n>`) and, from older
 * versions of the runner, instrumented copies beside studies (`.<id>.<pid>-<n>.run.ts`) — each
 * only when its pid is no longer running.
 */
export function removeStaleRunFiles(dirs: { tempDir?: string; reportsDir?: string; studiesDir?: string } = {}): string[] {
  const removed: string[] = [];
  const sweep = (dir: string | undefined, pattern: RegExp) => {
    if (dir === undefined || !existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const m = pattern.exec(name);
      if (!m || Number(m[1]) === process.pid || processAlive(Number(m[1]))) continue;
      try {
        rmSync(join(dir, name), { recursive: true, force: true });
        removed.push(join(dir, name));
      } catch {
        // Another user's folder in a shared temp dir: not ours to remove.
      }
    }
  };
  sweep(dirs.tempDir ?? tmpdir(), /^mi-run-(\d+)-/);
  sweep(dirs.reportsDir, /^\.staging-.+-(\d+)-\d+$/);
  sweep(dirs.studiesDir, /^\..+\.(\d+)-\d+\.run\.ts$/);
  return removed;
}

/** Children and temp folders of runs under way, so an interrupted CLI can stop and remove them. */
const active = new Set<{ child?: ChildProcess; paths: string[] }>();

/**
 * Stops every study child this process started and removes their temp and staging folders
 * (synchronously: meant for a SIGINT/SIGTERM handler just before exiting).
 */
export function abortActiveRuns(): void {
  for (const run of active) {
    run.child?.kill('SIGKILL');
    for (const p of run.paths) rmSync(p, { recursive: true, force: true });
  }
  active.clear();
}

/**
 * The module hooks (run in Node's hooks thread): for the study's own URL `load` returns the
 * instrumented source instead of the file's, before tsx compiles it; every other module loads as
 * usual. `resolve` lets a study outside this package (`impact new-study NAME --out DIR`) import
 * 'market-impact' as this installation's entry point when nothing else provides it.
 */
const LOAD_HOOK = `let target, source, entry;
export async function initialize(data) { target = data.url; source = data.source; entry = data.entry; }
export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (e) {
    if (specifier === 'market-impact' && entry) return { url: entry, shortCircuit: true };
    throw e;
  }
}
export async function load(url, context, nextLoad) {
  if (url.split('?')[0] === target) return { format: 'module', source, shortCircuit: true };
  return nextLoad(url, context);
}`;

/** This package's entry point (src/index.ts), what `import ... from 'market-impact'` means in a study (from src/ or a built dist/). */
const PACKAGE_ENTRY = new URL('../../src/index.ts', import.meta.url).href;

/** Environment variable handing the child the study URL and the file with its instrumented source. */
export const INSTRUMENT_ENV = 'MARKET_IMPACT_INSTRUMENT';

/** The first `--import` of the child: registers LOAD_HOOK (before tsx, so tsx compiles what it returns). */
const INSTRUMENT_PRELOAD = `import { register } from 'node:module';
import { readFileSync } from 'node:fs';
const spec = process.env.${INSTRUMENT_ENV};
if (spec) {
  const { url, file } = JSON.parse(spec);
  register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(LOAD_HOOK)}`)}, { data: { url, source: readFileSync(file, 'utf8'), entry: ${JSON.stringify(PACKAGE_ENTRY)} } });
}`;

/**
 * Moves every entry of `from` into `to` (creating it), replacing files of the same name; folders
 * are merged. Renames only (staging sits beside the report folder, on the same file system).
 */
function moveInto(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const src = join(from, name);
    const dst = join(to, name);
    if (statSync(src).isDirectory() && existsSync(dst) && statSync(dst).isDirectory()) moveInto(src, dst);
    else {
      if (existsSync(dst) && statSync(dst).isDirectory()) rmSync(dst, { recursive: true, force: true });
      renameSync(src, dst);
    }
  }
}

/** The tsx ESM loader, resolved from this package's node_modules. */
function tsxLoaderUrl(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('tsx/package.json');
  return pathToFileURL(join(dirname(pkgPath), 'dist', 'loader.mjs')).href;
}

/** Rewrites paths in error text: the hidden copy → the original, the project root → relative. */
function cleanErrorText(text: string, hiddenPath: string, studyPath: string, rootDir: string): string {
  const hiddenUrl = pathToFileURL(hiddenPath).href;
  const studyUrl = pathToFileURL(studyPath).href;
  const relStudy = studyPath.startsWith(`${rootDir}/`) ? studyPath.slice(rootDir.length + 1) : studyPath;
  return text
    .split(hiddenUrl)
    .join(studyUrl)
    .split(hiddenPath)
    .join(studyPath)
    .split(studyUrl)
    .join(relStudy)
    .split(`${pathToFileURL(rootDir).href}/`)
    .join('')
    .split(`${rootDir}/`)
    .join('')
    .split('\n')
    .filter((l) => !/^\s+at .*(node:internal|node_modules[\\/]tsx)/.test(l))
    .join('\n')
    .trimEnd();
}

interface ChildResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function runChild(args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number, onSpawn: (child: ChildProcess) => void): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    onSpawn(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolvePromise({ exitCode, signal, timedOut, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

function parseCaptureFile(path: string): CaptureRecord[] {
  if (!existsSync(path)) return [];
  const records: CaptureRecord[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      records.push(JSON.parse(line) as CaptureRecord);
    } catch {
      // A line cut short by a killed process: nothing after it can be trusted either.
      break;
    }
  }
  return records;
}

/** Renders a captured chart to SVG + base64 PNG; a bad spec becomes an error output. */
async function renderChartOutput(rec: Extract<CaptureRecord, { type: 'chart' }>, pngScale: number): Promise<Output> {
  try {
    // Loaded on first use: studies import this module through the package entry point, and a
    // plain study run should not pay for vega/resvg unless the runner renders a chart.
    const { renderPng, renderSvg } = await import('../charts/render.ts');
    const svg = await renderSvg(rec.spec as VegaLiteSpec);
    const svgWidth = Number(/<svg[^>]*\swidth="(\d+(?:\.\d+)?)"/.exec(svg)?.[1] ?? 0);
    const png = renderPng(svg, svgWidth > 0 ? { width: Math.round(svgWidth * pngScale) } : {});
    const title = (rec.spec as { title?: unknown }).title;
    const titleText = typeof title === 'string' ? title : typeof (title as { text?: unknown })?.text === 'string' ? (title as { text: string }).text : rec.name;
    return { kind: 'chart', name: rec.name, spec: rec.spec, svg, png: png.toString('base64'), alt: rec.alt ?? `Chart: ${titleText}` };
  } catch (e) {
    return { kind: 'error', text: `chart '${rec.name}' could not be rendered: ${(e as Error).message}` };
  }
}

/**
 * Runs a percent-format study in a child process and returns its document, outputs attached to
 * cells. Never throws for a failing study: `ok: false` with the error on the failing cell.
 * Throws InputError when the study file is missing or has no cells.
 */
export async function runStudy(studyPath: string, options: RunStudyOptions = {}): Promise<StudyRun> {
  const absPath = resolve(studyPath);
  if (!existsSync(absPath)) throw new InputError(`study file not found: ${studyPath}`);
  const source = readFileSync(absPath, 'utf8');
  const cells = parsePercentScript(source);
  if (cells.length === 0) throw new InputError(`study ${studyPath} has no cells (expected '// %%' markers)`);
  const id = studyIdFromPath(absPath);
  const rootDir = options.rootDir ?? findProjectRoot(dirname(absPath));
  const outDir = options.outDir === undefined ? undefined : resolve(options.outDir);
  removeStaleRunFiles({ reportsDir: outDir === undefined ? undefined : dirname(outDir), studiesDir: dirname(absPath) });
  // The hidden path is the study itself: the hook hands the child the instrumented source under its URL.
  const hiddenPath = absPath;
  const workDir = mkdtempSync(join(tmpdir(), `${WORK_PREFIX}${process.pid}-`));
  const capturePath = join(workDir, 'capture.jsonl');
  const instrumentedPath = join(workDir, `instrumented${extname(absPath)}`);
  const stagingDir = outDir === undefined ? undefined : join(dirname(outDir), `.staging-${id}-${process.pid}-${++runCounter}`);
  // The TypeScript preload in src/ (the child runs tsx), whether this runner runs from src/ or the built dist/.
  const preloadUrl = new URL('../../src/report/capture-preload.ts', import.meta.url).href;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    [CAPTURE_ENV]: capturePath,
    [INSTRUMENT_ENV]: JSON.stringify({ url: pathToFileURL(absPath).href, file: instrumentedPath }),
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    NODE_NO_WARNINGS: '1',
  };
  if (stagingDir !== undefined) env[OUT_DIR_ENV] = stagingDir;
  else delete env[OUT_DIR_ENV];
  // The data folder reaches the study's own process through the variable the data store honours.
  if (options.dataDir !== undefined) env[DATA_DIR_ENV] = resolve(options.dataDir);
  // So do the price source and the refresh flag (src/data/live-source.ts reads them as defaults).
  if (options.source !== undefined) env[SOURCE_ENV] = options.source;
  if (options.refresh !== undefined) env[REFRESH_ENV] = options.refresh ? '1' : '0';
  const timeoutMs = options.timeoutMs ?? 600_000;

  let child: ChildResult;
  let records: CaptureRecord[];
  const tracked: { child?: ChildProcess; paths: string[] } = { paths: [workDir, ...(stagingDir === undefined ? [] : [stagingDir])] };
  active.add(tracked);
  try {
    writeFileSync(instrumentedPath, instrumentScript(source, cells));
    const args = ['--import', `data:text/javascript,${encodeURIComponent(INSTRUMENT_PRELOAD)}`, '--import', tsxLoaderUrl(), '--import', preloadUrl, absPath];
    child = await runChild(args, rootDir, env, timeoutMs, (c) => (tracked.child = c));
    records = parseCaptureFile(capturePath);
  } catch (e) {
    if (stagingDir !== undefined) rmSync(stagingDir, { recursive: true, force: true });
    throw e;
  } finally {
    active.delete(tracked);
    rmSync(workDir, { recursive: true, force: true });
  }

  const firstCode = cells.findIndex((c) => c.kind === 'code');
  const outputs: Output[][] = cells.map(() => []);
  const provenanceInputs: ProvenanceInput[] = [];
  const reads: DataRead[] = [];
  const calls: LibraryCall[] = [];
  let current = firstCode >= 0 ? firstCode : 0;
  let errorRecord: Extract<CaptureRecord, { type: 'error' }> | undefined;
  let chartFailed: number | undefined;
  const pngScale = options.pngScale ?? 2;
  for (const rec of records) {
    switch (rec.type) {
      case 'cell':
        if (rec.index >= 0 && rec.index < cells.length) current = rec.index;
        break;
      case 'stream':
        outputs[current].push({ kind: 'stream', name: rec.name, text: rec.text });
        break;
      case 'table':
        outputs[current].push(rec.caption === undefined ? { kind: 'table', columns: rec.columns, rows: rec.rows } : { kind: 'table', columns: rec.columns, rows: rec.rows, caption: rec.caption });
        break;
      case 'chart': {
        const out = await renderChartOutput(rec, pngScale);
        if (out.kind === 'error' && chartFailed === undefined) chartFailed = current;
        outputs[current].push(out);
        break;
      }
      case 'markdown':
        outputs[current].push({ kind: 'markdown', text: rec.text });
        break;
      case 'provenance':
        provenanceInputs.push(rec.provenance);
        break;
      case 'data-read':
        reads.push(rec.read);
        break;
      case 'library-call':
        calls.push(rec.call);
        break;
      case 'error':
        errorRecord = rec;
        break;
    }
  }

  let ok = child.exitCode === 0 && chartFailed === undefined;
  let failedCell: number | undefined;
  let error: string | undefined;
  if (child.exitCode !== 0) {
    let text: string;
    if (child.timedOut) text = `study timed out after ${timeoutMs} ms and was stopped`;
    else if (errorRecord !== undefined) {
      const frames = errorRecord.stack.split('\n').filter((l) => /^\s+at /.test(l));
      text = [`${errorRecord.name}: ${errorRecord.message}`, ...frames].join('\n');
    } else if (child.stderr.trim() !== '') text = child.stderr;
    else text = child.signal ? `study was killed by ${child.signal}` : `study exited with code ${child.exitCode}`;
    error = cleanErrorText(text, hiddenPath, absPath, rootDir);
    outputs[current].push({ kind: 'error', text: error });
    failedCell = current;
    ok = false;
  } else if (chartFailed !== undefined) {
    failedCell = chartFailed;
    error = (outputs[chartFailed].find((o) => o.kind === 'error') as { text: string }).text;
  }

  // What the study saved reaches its report folder only with a successful run.
  if (stagingDir !== undefined && outDir !== undefined) {
    try {
      if (ok && existsSync(stagingDir)) moveInto(stagingDir, outDir);
    } finally {
      rmSync(stagingDir, { recursive: true, force: true });
    }
  }

  const docCells: DocumentCell[] = cells.map((c, i) => ({ kind: c.kind, source: c.source, outputs: mergeStreams(outputs[i]) }));
  const provenance = collectProvenance(mergeProvenanceInputs(provenanceInputs), { rootDir, manifestPath: options.manifestPath, git: options.git, reads, calls });
  const document: StudyDocument = { id, title: studyTitle(docCells, id), cells: docCells, provenance };
  const run: StudyRun = { ok, id, studyPath: absPath, document, exitCode: child.exitCode, stdout: child.stdout, stderr: child.stderr };
  if (failedCell !== undefined) {
    run.failedCell = failedCell;
    run.failedLine = Math.max(cells[failedCell].markerLine, 0) + 1;
  }
  if (error !== undefined) run.error = error;
  return run;
}

/**
 * One line for the CLI when a study failed, naming the study, the cell (numbered like the HTML
 * report's "Code · cell N") and the error's first line.
 * @example failureMessage(run) // "study studies/x.ts failed in code cell 2 (line 9): Error: boom"
 */
export function failureMessage(run: StudyRun, displayPath = run.studyPath): string {
  if (run.ok) return `study ${displayPath} ran successfully`;
  const cellIndex = run.failedCell ?? 0;
  const codeNumber = run.document.cells.slice(0, cellIndex + 1).filter((c) => c.kind === 'code').length;
  const first = (run.error ?? 'unknown error').split('\n')[0];
  return `study ${displayPath} failed in code cell ${codeNumber} (line ${run.failedLine ?? '?'}): ${first}`;
}
