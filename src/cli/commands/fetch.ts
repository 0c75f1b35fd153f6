/** `impact fetch SYMBOL[,SYMBOL...] --from D --to D`: pull daily prices from Yahoo Finance and pin them in a data folder. */
import { InputError } from '../../errors.ts';
import { parseCommandArgs, parseDateOption } from '../args.ts';
import { formatTable } from '../format.ts';
import type { CliIO, Command } from '../io.ts';

const usage = `Usage: impact fetch SYMBOL[,SYMBOL...] --from YYYY-MM-DD --to YYYY-MM-DD
                    [--data-dir DIR] [--refresh] [--json]

Pulls daily prices (with dividend and split events) from Yahoo Finance and pins them in a data
folder: Yahoo's raw answer under raw/yahoo/, the normalized series under prices/, and a
manifest entry with the request, the retrieval time and both sha256s. For stocks the bundled
snapshot has no share count for, Yahoo's shares outstanding (quoteSummary) are pinned too, dated
with the retrieval day. A later run for a range inside a pinned one reads the pinned files and
makes no request, so reports re-run to the same bytes.

Yahoo unreachable (offline, no answer or a stalled answer within 20 s, HTTP 5xx or 429): a symbol
is served only by a series that already covers the whole range (pinned, or bundled), with a
notice; otherwise one line names Yahoo and the reason (exit 1).

Options:
  --from, --to     first and last date (inclusive, exchange-local)
  --data-dir DIR   the data folder to pin into (default: .cache/live under the project, gitignored)
  --refresh        pull again even when a pin covers the range
  --json           JSON: { dataDir, series: [{ symbol, how, file, rawFile, rows, first, last, retrievedAt, sharesAsOf }] }
  -h, --help       this text

Example: impact fetch AAPL,SPY --from 2019-08-01 --to 2020-10-31 --data-dir my-data
`;

export const fetchCommand: Command = {
  name: 'fetch',
  summary: 'pull daily prices from Yahoo Finance and pin them in a data folder',
  usage,
  async run(args, io: CliIO) {
    const { values, positionals } = parseCommandArgs(args, {
      from: { type: 'string' },
      to: { type: 'string' },
      'data-dir': { type: 'string' },
      refresh: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (positionals.length === 0) throw new InputError('missing SYMBOL; usage: impact fetch SYMBOL[,SYMBOL...] --from YYYY-MM-DD --to YYYY-MM-DD');
    const symbols = positionals.flatMap((p) => p.split(',')).map((s) => s.trim()).filter((s) => s !== '');
    if (symbols.length === 0) throw new InputError('missing SYMBOL; usage: impact fetch SYMBOL[,SYMBOL...] --from YYYY-MM-DD --to YYYY-MM-DD');
    const from = parseDateOption('--from', values.from);
    const to = parseDateOption('--to', values.to);
    if (from > to) throw new InputError(`--from ${from} is after --to ${to}`);
    // Loaded on use: yahoo-finance2 and the data modules are not needed for --help.
    const { ensureLive } = await import('../../data/live.ts');
    const { shownPath } = await import('../../data/store.ts');
    const result = await ensureLive({
      symbols,
      from,
      to,
      dataDir: values['data-dir'],
      refresh: values.refresh,
      onNotice: (m) => io.stderr(`impact: ${m}\n`),
    });
    if (values.json) {
      const series = result.pinned.map((p) => ({ ...p, file: shownPath(p.file), rawFile: p.rawFile === null ? null : shownPath(p.rawFile) }));
      io.stdout(`${JSON.stringify({ dataDir: shownPath(result.dataDir), series }, null, 2)}\n`);
      return 0;
    }
    const how = { pulled: 'pulled from Yahoo', pinned: 'pinned earlier', fallback: 'fallback' } as const;
    io.stdout(formatTable([
      { header: 'symbol', cell: (p) => p.symbol },
      { header: 'rows', cell: (p) => String(p.rows), align: 'right' },
      { header: 'first', cell: (p) => p.first },
      { header: 'last', cell: (p) => p.last },
      { header: 'how', cell: (p) => how[p.how] },
      { header: 'retrieved', cell: (p) => p.retrievedAt ?? '' },
      { header: 'shares as of', cell: (p) => p.sharesAsOf ?? '' },
      { header: 'file', cell: (p) => shownPath(p.file) },
    ], result.pinned));
    io.stdout(`data folder: ${shownPath(result.dataDir)} (read it with --data-dir ${shownPath(result.dataDir)})\n`);
    return 0;
  },
};
