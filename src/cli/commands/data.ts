/** `impact data verify | summary`: the snapshot's integrity and coverage, and the catalogue. */
import { join } from 'node:path';
import { DataError, InputError } from '../../errors.ts';
import { loadEvents } from '../../data/events.ts';
import { parseCommandArgs } from '../args.ts';
import { formatTable } from '../format.ts';
import type { CliIO, Command } from '../io.ts';

const usage = `Usage: impact data verify [--data-dir DIR]
       impact data summary [--data-dir DIR]

  verify    check every file of the bundled snapshot (and of the data folder, when given)
            against its manifest.json: SHA-256 hashes, row counts, first/last dates, the row
            rules (positive, plausible prices; close within [low, high]), pinned raw files;
            prints one line per symbol and exits 1 naming the first file that does not match
  summary   what the data covers: symbols with their date ranges (the data folder's first),
            and the events catalogue (count, date range, events per security)

Options:
  --data-dir DIR   a data folder (impact import / impact fetch) overlaying the bundled
                   snapshot; default $IMPACT_DATA_DIR, else none
  -h, --help       this text
`;

type VerifyReport = ReturnType<typeof import('../../data/verify.ts').verifySnapshot>;
type SymbolLine = VerifyReport['symbols'][number] & { folder?: string };

function symbolTable(lines: SymbolLine[], withFolder: boolean): string {
  return formatTable<SymbolLine>([
    { header: 'symbol', cell: (s) => s.symbol },
    ...(withFolder ? [{ header: 'folder', cell: (s: SymbolLine) => s.folder ?? '' }] : []),
    { header: 'rows', cell: (s) => String(s.rows), align: 'right' },
    { header: 'first', cell: (s) => s.first },
    { header: 'last', cell: (s) => s.last },
    { header: 'ok', cell: (s) => (s.ok ? 'ok' : 'MISMATCH') },
  ], lines);
}

/** The bundled snapshot and, when given, the user folder: each verified, the user's listed first. */
async function verifyAll(dataDir: string | null): Promise<{ folder: string; manifest: string; report: VerifyReport }[]> {
  const { verifySnapshot } = await import('../../data/verify.ts');
  const { defaultDataDir } = await import('../../data/manifest.ts');
  const { shownPath } = await import('../../data/verified.ts');
  const out: { folder: string; manifest: string; report: VerifyReport }[] = [];
  if (dataDir !== null) {
    const { openDataStore } = await import('../../data/store.ts');
    openDataStore({ dataDir }); // the same checks on the folder as every command (exists, has a manifest)
    out.push({ folder: dataDir, manifest: shownPath(join(dataDir, 'manifest.json')), report: verifySnapshot({ dataDir }) });
  }
  out.push({ folder: 'bundled', manifest: shownPath(join(defaultDataDir(), 'manifest.json')), report: verifySnapshot() });
  return out;
}

async function verify(dataDir: string | null, io: CliIO): Promise<number> {
  const folders = await verifyAll(dataDir);
  const lines = folders.flatMap((f) => f.report.symbols.map((s) => ({ ...s, folder: f.folder })));
  io.stdout(symbolTable(lines, dataDir !== null));
  const problems = folders.flatMap((f) => f.report.problems);
  if (problems.length > 0) {
    for (const p of problems) io.stdout(`problem: ${p}\n`);
    throw new DataError(`data verification failed: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more problem(s) listed above)` : ''}`);
  }
  for (const f of folders) {
    const n = f.report.symbols.length + f.report.aux.length;
    io.stdout(`${n === 1 ? 'the 1 file matches' : `all ${n} files match`} ${f.manifest}\n`);
  }
  return 0;
}

async function summary(dataDir: string | null, io: CliIO): Promise<number> {
  const folders = await verifyAll(dataDir);
  io.stdout(`Price data (${folders.map((f) => f.folder === 'bundled' ? 'the bundled snapshot' : `data folder ${f.folder}`).join(' overlaying ')}; checked against ${folders.map((f) => f.manifest).join(' and ')}):\n`);
  io.stdout(symbolTable(folders.flatMap((f) => f.report.symbols.map((s) => ({ ...s, folder: f.folder }))), dataDir !== null));
  const problems = folders.flatMap((f) => f.report.problems);
  if (problems.length > 0) io.stdout(`WARNING: ${problems.length} problem(s); run impact data verify\n`);
  const events = loadEvents();
  io.stdout(`\nEvents catalogue (data/events.json): ${events.length} events, ${events[0]?.date}..${events[events.length - 1]?.date}; `);
  io.stdout(`${events.filter((e) => e.time !== null).length} with a stated clock time, ${events.reduce((n, e) => n + e.sources.length, 0)} source URLs\n`);
  const perSecurity = new Map<string, number>();
  for (const e of events) for (const s of e.securities) perSecurity.set(s, (perSecurity.get(s) ?? 0) + 1);
  io.stdout(formatTable<[string, number]>([
    { header: 'security', cell: ([s]) => s },
    { header: 'events', cell: ([, n]) => String(n), align: 'right' },
  ], [...perSecurity.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))));
  io.stdout('\nNext: impact events | impact prices NVDA --from 2025-01-24 --to 2025-01-27 | impact --help\n');
  return 0;
}

export const dataCommand: Command = {
  name: 'data',
  summary: 'verify the bundled snapshot (and a data folder), or summarise what data and events exist',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { 'data-dir': { type: 'string' } });
    const [sub, ...extra] = positionals;
    if (extra.length > 0) throw new InputError(`unexpected argument '${extra[0]}'; see impact data --help`);
    const { dataDirFromEnv } = await import('../../data/store.ts');
    const dataDir = values['data-dir'] ?? dataDirFromEnv();
    if (sub === 'verify') return verify(dataDir, io);
    if (sub === 'summary') return summary(dataDir, io);
    throw new InputError(sub === undefined ? 'missing subcommand: impact data verify | impact data summary' : `unknown subcommand 'data ${sub}'; use verify or summary`);
  },
};
