/** `impact data verify | summary`: the snapshot's integrity and coverage, and the catalogue. */
import { DataError, InputError } from '../../errors.ts';
import { loadEvents } from '../../data/events.ts';
import { parseCommandArgs } from '../args.ts';
import { formatTable } from '../format.ts';
import type { CliIO, Command } from '../io.ts';

const usage = `Usage: impact data verify [--data-dir DIR]
       impact data summary [--data-dir DIR]

  verify    check every file of the snapshot against data/manifest.json (SHA-256 hashes, row
            counts, first/last dates, gaps); prints one line per symbol and exits 1 naming the
            first file that does not match
  summary   what the bundled data covers: symbols with their date ranges, and the events
            catalogue (count, date range, events per security)

Options:
  --data-dir DIR   use another data folder (holding manifest.json and prices/)
  -h, --help       this text
`;

type VerifyReport = ReturnType<typeof import('../../data/manifest.ts').verifySnapshot>;
type SymbolLine = VerifyReport['symbols'][number];

function symbolTable(report: VerifyReport): string {
  return formatTable<SymbolLine>([
    { header: 'symbol', cell: (s) => s.symbol },
    { header: 'rows', cell: (s) => String(s.rows), align: 'right' },
    { header: 'first', cell: (s) => s.first },
    { header: 'last', cell: (s) => s.last },
    { header: 'ok', cell: (s) => (s.ok ? 'ok' : 'MISMATCH') },
  ], report.symbols);
}

async function verify(dataDir: string | undefined, io: CliIO): Promise<number> {
  const { verifySnapshot } = await import('../../data/manifest.ts');
  const report = verifySnapshot({ dataDir });
  io.stdout(symbolTable(report));
  if (!report.ok || report.problems.length > 0) {
    for (const p of report.problems) io.stdout(`problem: ${p}\n`);
    const first = report.problems[0] ?? `${report.symbols.filter((s) => !s.ok).map((s) => s.symbol).join(', ')} failed verification`;
    throw new DataError(`snapshot verification failed: ${first}${report.problems.length > 1 ? ` (and ${report.problems.length - 1} more problem(s) listed above)` : ''}`);
  }
  io.stdout(`all ${report.symbols.length} files match data/manifest.json\n`);
  return 0;
}

async function summary(dataDir: string | undefined, io: CliIO): Promise<number> {
  const { verifySnapshot } = await import('../../data/manifest.ts');
  const report = verifySnapshot({ dataDir });
  io.stdout('Price snapshot (data/prices, checked against data/manifest.json):\n');
  io.stdout(symbolTable(report));
  if (!report.ok) io.stdout(`WARNING: ${report.problems.length} problem(s); run impact data verify\n`);
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
  summary: 'verify the bundled snapshot, or summarise what data and events exist',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { 'data-dir': { type: 'string' } });
    const [sub, ...extra] = positionals;
    if (extra.length > 0) throw new InputError(`unexpected argument '${extra[0]}'; see impact data --help`);
    if (sub === 'verify') return verify(values['data-dir'], io);
    if (sub === 'summary') return summary(values['data-dir'], io);
    throw new InputError(sub === undefined ? 'missing subcommand: impact data verify | impact data summary' : `unknown subcommand 'data ${sub}'; use verify or summary`);
  },
};
