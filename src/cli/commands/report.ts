/**
 * `impact report` and `impact notebook`: run percent-format study scripts cell by cell and write
 * their reports. `impact report --all` runs every study in studies/ and writes reports/index.html
 * (what `npm start` does).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { InputError, DataError } from '../../errors.ts';
import { findProjectRoot } from '../../report/provenance.ts';
import type { StudyRun } from '../../report/runner.ts';
import { parseCommandArgs, SOURCE_OPTIONS } from '../args.ts';
import type { CliIO, Command } from '../io.ts';

const reportUsage = `Usage: impact report <study.ts> [<study.ts> ...] [--out DIR] [--format html,md,ipynb] [--no-wait]
                     [--data-dir DIR] [--source snapshot|yahoo] [--refresh]
       impact report --all [--out DIR] [--no-wait]

Runs each study script (percent-cell format: '// %%' code cells, '// %% [markdown]' cells) in a
fresh process, cell by cell, and writes into DIR/<study-id>/ (default reports/<study-id>/):
  index.html    one self-contained page (inline SVG and CSS, no network)
  report.md     Markdown with the charts as PNG files beside it (charts/)
  study.ipynb   with --format including ipynb (always with --all)
plus whatever the study saves (results.json). No wall-clock time is written: a rerun gives the
same bytes. A failing study writes nothing (its earlier report and results stay as they were) and
names the cell and line that failed. Nothing is written beside the study scripts.

One run at a time writes a reports folder: a second run (another terminal, a second npm start)
waits for the first and says so. Ctrl-C stops the study and removes its temporary files.

Options:
  --all            every studies/*.ts, all three formats, and DIR/index.html linking them
  --out DIR        reports folder (default: reports/ under the project root)
  --format LIST    which of html, md, ipynb to write (default html,md)
  --data-dir DIR   a data folder (impact import / impact fetch) overlaying the bundled snapshot
                   for the studies (handed to them as IMPACT_DATA_DIR); default $IMPACT_DATA_DIR
  --source S       snapshot (default; $IMPACT_SOURCE) or yahoo: the studies' event studies and
                   claim checks pull their securities and benchmarks from Yahoo Finance and pin
                   them in the data folder (default .cache/live); a rerun reads the pins (handed
                   to them as IMPACT_SOURCE)
  --refresh        with --source yahoo: pull again even where a pin covers the range
  --no-wait        stop with a message instead of waiting when another run is writing DIR
  -h, --help       this text

The footer lists every data file the study read, with the sha256 of the bytes it read; a file
that no longer matches its manifest stops the study (exit 1, naming the file).
`;

const notebookUsage = `Usage: impact notebook <study.ts> [--out DIR] [--no-wait]

Executes the study's cells in order and writes DIR/<study-id>/study.ipynb (nbformat 4): markdown
cells, code cells with their printed output, tables, and charts as Vega-Lite outputs with a PNG
fallback, each attached to the cell that made it. Default DIR: reports/.

Options:
  --out DIR        reports folder (default: reports/ under the project root)
  --data-dir DIR   a data folder overlaying the bundled snapshot (as for impact report)
  --source S       snapshot (default) or yahoo, as for impact report; --refresh likewise
  --no-wait        stop with a message instead of waiting when another run is writing DIR
  -h, --help       this text
`;

type Format = 'html' | 'md' | 'ipynb';

function studyPaths(args: string[], root: string): string[] {
  return args.map((a) => {
    const p = resolve(a);
    if (!existsSync(p)) throw new InputError(`study script not found: ${a}`);
    if (!p.endsWith('.ts')) throw new InputError(`a study is a .ts script, not '${a}'`);
    void root;
    return p;
  });
}

/**
 * Every study script of the project, sorted by name. Files starting with '_' (helpers) or '.'
 * (hidden: editor swap files, copies left by older versions of the runner) are not studies.
 */
export function allStudies(root: string): string[] {
  const dir = join(root, 'studies');
  if (!existsSync(dir)) throw new InputError(`no studies/ folder under ${root}`);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.startsWith('_') && !f.startsWith('.'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Runs `body` holding the lock on `outRoot`; Ctrl-C (SIGINT) or SIGTERM stops the running study,
 * removes its temporary files and the lock, and exits 130 / 143.
 */
async function withReportsLock<T>(outRoot: string, wait: boolean, io: CliIO, body: () => Promise<T>): Promise<T> {
  const { lockReportsDir } = await import('../../report/lock.ts');
  const { abortActiveRuns } = await import('../../report/runner.ts');
  const shown = relative(process.cwd(), outRoot) || outRoot;
  const release = await lockReportsDir(outRoot, { wait, onWait: () => io.stderr(`impact: another report run is writing ${shown}/; waiting for it to finish (Ctrl-C to stop)\n`) });
  const onSignal = (signal: NodeJS.Signals) => {
    abortActiveRuns();
    release();
    io.stderr(`impact: stopped (${signal}); nothing half-written was left in ${shown}/\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await body();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    release();
  }
}

/** What the studies read: a data folder and the price source (handed to their processes). */
interface StudyData {
  dataDir?: string;
  source?: 'snapshot' | 'yahoo';
  refresh?: boolean;
}

async function runAndWrite(path: string, outRoot: string, formats: readonly Format[], io: CliIO, root: string, data: StudyData): Promise<StudyRun> {
  // The report stage (runner, charts, vega) is loaded only when a study is actually run.
  const { runStudy, studyIdFromPath, failureMessage } = await import('../../report/index.ts');
  const { writeHtmlReport } = await import('../../report/html.ts');
  const { writeMarkdownReport } = await import('../../report/markdown-report.ts');
  const { writeNotebook } = await import('../../report/notebook.ts');
  const id = studyIdFromPath(path);
  const outDir = join(outRoot, id);
  // The id is one safe path segment (studyIdFromPath), so outDir is a child of outRoot; checked anyway.
  if (relative(outRoot, outDir) !== id) throw new InputError(`study ${path} would write outside ${outRoot}`);
  const shown = relative(process.cwd(), path) || path;
  io.stderr(`impact: running ${shown} ...\n`);
  const run = await runStudy(path, { outDir, rootDir: root, ...data });
  if (!run.ok) {
    io.stderr(`impact: ${failureMessage(run, shown)}\n`);
    return run;
  }
  const written: string[] = [];
  if (formats.includes('html')) written.push(writeHtmlReport(run.document, outDir));
  if (formats.includes('md')) written.push(writeMarkdownReport(run.document, outDir));
  if (formats.includes('ipynb')) written.push(writeNotebook(run.document, outDir));
  for (const w of written) io.stdout(`${relative(process.cwd(), w) || w}\n`);
  return run;
}

/**
 * --data-dir as an absolute path and --source / --refresh, checked here (one line, before any
 * study runs) like every command checks them. With --source yahoo the folder is made a data
 * folder when it is not one yet (the pins go there).
 */
async function studyData(values: { 'data-dir'?: string; source?: string; refresh?: boolean }): Promise<StudyData> {
  const { sourceFlags, ensureLiveFolder } = await import('../../data/live-source.ts');
  const { live } = sourceFlags(values);
  // Handed on only when given: the study's process inherits IMPACT_SOURCE otherwise.
  const source = values.source === undefined ? undefined : sourceFlags(values).source;
  const dataDir = values['data-dir'];
  if (dataDir !== undefined) {
    if (live) ensureLiveFolder(dataDir);
    const { openDataStore } = await import('../../data/store.ts');
    openDataStore({ dataDir });
  }
  return {
    ...(dataDir !== undefined ? { dataDir: resolve(dataDir) } : {}),
    ...(source !== undefined ? { source } : {}),
    ...(values.refresh ? { refresh: true } : {}),
  };
}

function parseFormats(text: string | undefined): Format[] {
  if (text === undefined) return ['html', 'md'];
  const parts = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const p of parts) if (p !== 'html' && p !== 'md' && p !== 'ipynb') throw new InputError(`--format takes html, md and/or ipynb, not '${p}'`);
  if (parts.length === 0) throw new InputError('--format is empty');
  return parts as Format[];
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'run study scripts and write HTML / Markdown (and notebook) reports; --all for every study',
  usage: reportUsage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      all: { type: 'boolean' },
      out: { type: 'string' },
      format: { type: 'string' },
      'data-dir': { type: 'string' },
      ...SOURCE_OPTIONS,
      'no-wait': { type: 'boolean' },
    });
    const data = await studyData(values);
    const root = findProjectRoot(process.cwd());
    const outRoot = resolve(values.out ?? join(root, 'reports'));
    const wait = !values['no-wait'];
    if (values.all) {
      if (positionals.length > 0) throw new InputError('--all takes no study paths');
      const studies = allStudies(root);
      return withReportsLock(outRoot, wait, io, async () => {
        const runs: StudyRun[] = [];
        for (const p of studies) runs.push(await runAndWrite(p, outRoot, ['html', 'md', 'ipynb'], io, root, data));
        const { writeReportsIndex } = await import('../../report/index.ts');
        const index = writeReportsIndex(outRoot, runs);
        io.stdout(`${relative(process.cwd(), index) || index}\n`);
        const failed = runs.filter((r) => !r.ok);
        if (failed.length > 0) throw new DataError(`${failed.length} of ${runs.length} studies failed: ${failed.map((r) => r.id).join(', ')}`);
        io.stderr(`impact: ${runs.length} studies written to ${relative(process.cwd(), outRoot) || outRoot}/ (open index.html)\n`);
        return 0;
      });
    }
    if (positionals.length === 0) throw new InputError('report needs a study script (or --all); see impact report --help');
    const formats = parseFormats(values.format);
    const paths = studyPaths(positionals, root);
    // A file name that makes no safe report folder ('..ts') is refused before anything runs.
    const { studyIdFromPath } = await import('../../report/runner.ts');
    for (const p of paths) studyIdFromPath(p);
    return withReportsLock(outRoot, wait, io, async () => {
      let failed = 0;
      for (const p of paths) if (!(await runAndWrite(p, outRoot, formats, io, root, data)).ok) failed++;
      if (failed > 0) throw new DataError(`${failed} stud${failed === 1 ? 'y' : 'ies'} failed (see above)`);
      return 0;
    });
  },
};

export const notebookCommand: Command = {
  name: 'notebook',
  summary: 'execute a study script cell by cell and write its Jupyter notebook',
  usage: notebookUsage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      out: { type: 'string' },
      'data-dir': { type: 'string' },
      ...SOURCE_OPTIONS,
      'no-wait': { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new InputError('notebook takes one study script; see impact notebook --help');
    const data = await studyData(values);
    const root = findProjectRoot(process.cwd());
    const outRoot = resolve(values.out ?? join(root, 'reports'));
    const [path] = studyPaths(positionals, root);
    const { studyIdFromPath } = await import('../../report/runner.ts');
    studyIdFromPath(path);
    return withReportsLock(outRoot, !values['no-wait'], io, async () => {
      const run = await runAndWrite(path, outRoot, ['ipynb'], io, root, data);
      if (!run.ok) throw new DataError(`study ${run.id} failed (see above)`);
      return 0;
    });
  },
};
