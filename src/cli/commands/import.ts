/** `impact import FILE.csv --symbol S --exchange X --currency C`: your own daily prices into a data folder. */
import { relative } from 'node:path';
import { InputError } from '../../errors.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command } from '../io.ts';

const usage = `Usage: impact import FILE.csv --symbol S --exchange MIC --currency C [--name N]
                     [--kind stock|etf|index] [--time-zone TZ] [--listing-date D]
                     [--data-dir DIR] [--json]

Reads your own daily price file into a data folder, in the same normalized format as the bundled
snapshot, with a manifest entry recording the file's name and sha256, the import time (UTC), the
rows, range, exchange, currency and the date format detected. Every command then finds the
symbol with --data-dir DIR (or IMPACT_DATA_DIR=DIR); the bundled symbols stay available, e.g. as
the market benchmark.

The file: a Date column plus Close and/or Adj Close; Open, High, Low and Volume when present;
other columns are listed and ignored. Any column order and case ('Adj Close', 'adj_close',
'AdjClose'); comma or semicolon between fields; quoted fields may hold the delimiter. Dates in
ISO (2025-01-27), day-first (27/01/2025), month-first (01/27/2025) or with month names
(27-Jan-2025, Jan 27, 2025): the format is detected and printed, and a file whose day/month
order cannot be told from its rows is refused. Newest-first files are reversed (and said so).

Refused, naming the line: unreadable dates, duplicate dates, rows out of order, empty or
non-numeric prices, decimal commas, prices that are not positive or absurd (outside 1e-6..1e9),
a close outside [low, high], fewer than 2 rows. Only a Close column: adjClose = close, and the
manifest says the series is unadjusted (returns then ignore dividends).

Importing the same file again changes no byte (the original import time is kept).

Options:
  --symbol S       the symbol to file it under (MYCO, VOD.L); it overlays a bundled symbol of
                   the same name
  --exchange MIC   ISO 10383 code of the exchange: XNYS, XNAS, XSHG, XSHE, XHKG, XLON, XETR...
  --currency C     ISO 4217 code of the prices: USD, EUR, CNY (GBp for pence)
  --name N         a readable name (default: the symbol)
  --kind K         stock (default), etf or index
  --time-zone TZ   IANA time zone of the exchange, needed only when the calendar does not know
                   the exchange (e.g. Europe/Warsaw for XWAR)
  --listing-date D the security's first trading day (YYYY-MM-DD), when you know it: only a known
                   listing date marks the first sessions after listing (China A-shares: no price
                   limit there); the file's first row is never taken to be the listing day
  --data-dir DIR   the data folder to write (created if missing); default: $IMPACT_DATA_DIR.
                   One of the two is required: the bundled data/ is never written by import
  --json           print the manifest entry as JSON
  -h, --help       this text

Example:
  impact import myco.csv --symbol MYCO --exchange XNAS --currency USD --data-dir my-data
  impact event MYCO --market SPY --date 2025-01-27 --data-dir my-data
`;

const KINDS = ['stock', 'etf', 'index'] as const;

export const importCommand: Command = {
  name: 'import',
  summary: 'import your own daily price file (CSV) into a data folder',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      symbol: { type: 'string' },
      exchange: { type: 'string' },
      currency: { type: 'string' },
      name: { type: 'string' },
      kind: { type: 'string' },
      'time-zone': { type: 'string' },
      'listing-date': { type: 'string' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new InputError(`import takes one price file, got ${positionals.length === 0 ? 'none' : positionals.join(' ')}; see impact import --help`);
    for (const k of ['symbol', 'exchange', 'currency'] as const) if (values[k] === undefined) throw new InputError(`missing --${k}; see impact import --help`);
    const kind = values.kind ?? 'stock';
    if (!(KINDS as readonly string[]).includes(kind)) throw new InputError(`--kind must be one of ${KINDS.join(', ')}, not '${kind}'`);
    const { DATA_DIR_ENV, dataDirFromEnv } = await import('../../data/store.ts');
    const dataDir = values['data-dir'] ?? dataDirFromEnv();
    if (dataDir === null) throw new InputError(`missing --data-dir DIR (or ${DATA_DIR_ENV}=DIR): the folder to import into; the bundled data/ is never written by import`);
    const exchange = values.exchange!.toUpperCase();
    const { assertExchangeCode, importUserPriceFile } = await import('../../data/user-import.ts');
    assertExchangeCode(exchange);
    let timeZone = values['time-zone'];
    if (timeZone !== undefined) {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone });
      } catch {
        throw new InputError(`--time-zone '${timeZone}' is not an IANA time zone (e.g. Europe/London)`);
      }
    } else {
      const { getExchange } = await import('../../calendar/exchanges.ts');
      try {
        timeZone = getExchange(exchange).timeZone;
      } catch {
        throw new InputError(`the calendar has no table for exchange ${exchange}; pass --time-zone (its IANA zone, e.g. Europe/Warsaw) so dates and announcement times can be placed`);
      }
    }
    const result = importUserPriceFile({
      file: positionals[0],
      symbol: values.symbol!,
      exchange,
      currency: values.currency!,
      timeZone,
      name: values.name,
      kind: kind as (typeof KINDS)[number],
      dataDir,
      ...(values['listing-date'] !== undefined ? { listingDate: values['listing-date'] } : {}),
    });
    if (values.json) {
      io.stdout(`${JSON.stringify({ dataDir, changed: result.changed, entry: result.entry }, null, 2)}\n`);
      return 0;
    }
    const { entry, parsed } = result;
    const origin = entry.origin?.kind === 'user-file' ? entry.origin : undefined;
    const shownDir = relative(process.cwd(), dataDir) || '.';
    const dir = shownDir.startsWith('..') ? dataDir : shownDir;
    io.stdout(`imported ${origin?.file} as ${entry.symbol} (${entry.name}; ${entry.exchange}, ${entry.currency}, ${entry.timeZone})\n`);
    io.stdout(`  file     sha256 ${origin?.sha256}\n`);
    io.stdout(`  rows     ${entry.rows}, ${entry.first}..${entry.last}\n`);
    io.stdout(`  read as  delimiter '${parsed.delimiter}', dates ${parsed.dateFormat} (${parsed.dateFormatReason})\n`);
    io.stdout(`  columns  ${Object.entries(parsed.columns).map(([h, f]) => `${h} -> ${f}`).join(', ')}${parsed.ignoredColumns.length > 0 ? `; not used: ${parsed.ignoredColumns.join(', ')}` : ''}\n`);
    io.stdout(`  prices   ${entry.adjustment}\n`);
    if (entry.listingDate) io.stdout(`  listed   ${entry.listingDate} (${entry.listingSource})\n`);
    for (const n of parsed.notes) io.stdout(`  note     ${n}\n`);
    io.stdout(
      result.changed
        ? `  wrote    ${dir}/${entry.file} and ${dir}/manifest.json (imported at ${origin?.importedAt})\n`
        : `  unchanged: ${dir} already holds this file (imported at ${origin?.importedAt}); no byte written\n`,
    );
    const weekBefore = new Date(Date.parse(`${entry.last}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
    const from = weekBefore < entry.first ? entry.first : weekBefore;
    io.stdout(`next: impact prices ${entry.symbol} --from ${from} --to ${entry.last} --data-dir ${dir}\n`);
    return 0;
  },
};
