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
import { parseCommandArgs } from '../args.ts';
import type { CliIO, Command } from '../io.ts';

const reportUsage = `Usage: impact report <study.ts> [<study.ts> ...] [--out DIR] [--format html,md,ipynb]
       impact report --all [--out DIR]

Runs each study script (percent-cell format: '// %%' code cells, '// %% [markdown]' cells) in a
fresh process, cell by cell, and writes into DIR/<study-id>/ (default reports/<study-id>/):
  index.html    one self-contained page (inline SVG and CSS, no network)
  report.md     Markdown with the charts as PNG files beside it (charts/)
  study.ipynb   with --format including ipynb (always with --all)
plus whatever the study saves (results.json). No wall-clock time is written: a rerun gives the
same bytes. A failing study writes nothing and names the cell and line that failed.

Options:
  --all            every studies/*.ts, all three formats, and DIR/index.html linking them
  --out DIR        reports folder (default: reports/ under the project root)
  --format LIST    which of html, md, ipynb to write (default html,md)
  --data-dir DIR   a data folder (impact import / impact fetch) overlaying the bundled snapshot
                   for the studies (handed to them as IMPACT_DATA_DIR); default $IMPACT_DATA_DIR
  -h, --help       this text

The footer lists every data file the study read, with the sha256 of the bytes it read; a file
that no longer matches its manifest stops the study (exit 1, naming the file).
`;

const notebookUsage = `Usage: impact notebook <study.ts> [--out DIR]

Executes the study's cells in order and writes DIR/<study-id>/study.ipynb (nbformat 4): markdown
cells, code cells with their printed output, tables, and charts as Vega-Lite outputs with a PNG
fallback, each attached to the cell that made it. Default DIR: reports/.

Options:
  --out DIR        reports folder (default: reports/ under the project root)
  --data-dir DIR   a data folder overlaying the bundled snapshot (as for impact report)
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

/** Every study script of the project, sorted by name. */
export function allStudies(root: string): string[] {
  const dir = join(root, 'studies');
  if (!existsSync(dir)) throw new InputError(`no studies/ folder under ${root}`);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
    .sort()
    .map((f) => join(dir, f));
}

async function runAndWrite(path: string, outRoot: string, formats: readonly Format[], io: CliIO, root: string, dataDir: string | undefined): Promise<StudyRun> {
  // The report stage (runner, charts, vega) is loaded only when a study is actually run.
  const { runStudy, studyIdFromPath, failureMessage } = await import('../../report/index.ts');
  const { writeHtmlReport } = await import('../../report/html.ts');
  const { writeMarkdownReport } = await import('../../report/markdown-report.ts');
  const { writeNotebook } = await import('../../report/notebook.ts');
  const id = studyIdFromPath(path);
  const outDir = join(outRoot, id);
  const shown = relative(process.cwd(), path) || path;
  io.stderr(`impact: running ${shown} ...\n`);
  const run = await runStudy(path, { outDir, rootDir: root, ...(dataDir !== undefined ? { dataDir } : {}) });
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

/** --data-dir as an absolute path, checked here (one line, before any study runs) like every command checks it. */
async function checkedDataDir(dataDir: string | undefined): Promise<string | undefined> {
  if (dataDir === undefined) return undefined;
  const { openDataStore } = await import('../../data/store.ts');
  openDataStore({ dataDir });
  return resolve(dataDir);
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
    });
    const dataDir = await checkedDataDir(values['data-dir']);
    const root = findProjectRoot(process.cwd());
    const outRoot = resolve(values.out ?? join(root, 'reports'));
    if (values.all) {
      if (positionals.length > 0) throw new InputError('--all takes no study paths');
      const runs: StudyRun[] = [];
      for (const p of allStudies(root)) runs.push(await runAndWrite(p, outRoot, ['html', 'md', 'ipynb'], io, root, dataDir));
      const { writeReportsIndex } = await import('../../report/index.ts');
      const index = writeReportsIndex(outRoot, runs);
      io.stdout(`${relative(process.cwd(), index) || index}\n`);
      const failed = runs.filter((r) => !r.ok);
      if (failed.length > 0) throw new DataError(`${failed.length} of ${runs.length} studies failed: ${failed.map((r) => r.id).join(', ')}`);
      io.stderr(`impact: ${runs.length} studies written to ${relative(process.cwd(), outRoot) || outRoot}/ (open index.html)\n`);
      return 0;
    }
    if (positionals.length === 0) throw new InputError('report needs a study script (or --all); see impact report --help');
    const formats = parseFormats(values.format);
    let failed = 0;
    for (const p of studyPaths(positionals, root)) if (!(await runAndWrite(p, outRoot, formats, io, root, dataDir)).ok) failed++;
    if (failed > 0) throw new DataError(`${failed} stud${failed === 1 ? 'y' : 'ies'} failed (see above)`);
    return 0;
  },
};

export const notebookCommand: Command = {
  name: 'notebook',
  summary: 'execute a study script cell by cell and write its Jupyter notebook',
  usage: notebookUsage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { out: { type: 'string' }, 'data-dir': { type: 'string' } });
    if (positionals.length !== 1) throw new InputError('notebook takes one study script; see impact notebook --help');
    const dataDir = await checkedDataDir(values['data-dir']);
    const root = findProjectRoot(process.cwd());
    const outRoot = resolve(values.out ?? join(root, 'reports'));
    const [path] = studyPaths(positionals, root);
    const run = await runAndWrite(path, outRoot, ['ipynb'], io, root, dataDir);
    if (!run.ok) throw new DataError(`study ${run.id} failed (see above)`);
    return 0;
  },
};
