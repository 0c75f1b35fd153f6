/** `impact prices <symbol> --from D --to D`: daily rows with returns and A-share limit flags. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../errors.ts';
import type { IsoDate, PriceRow, PriceSeries } from '../../types.ts';
import { loadLabelledSnapshot, sliceSeries } from '../../data/source.ts';
import { addCalendarDays } from '../../calendar/dates.ts';
import { parseCommandArgs, parseDateOption } from '../args.ts';
import { fixed, formatCsv, formatTable, signedPercent } from '../format.ts';
import type { CliIO, Command } from '../io.ts';

const usage = `Usage: impact prices <symbol> --from YYYY-MM-DD --to YYYY-MM-DD [--json | --csv]
                     [--source snapshot|yahoo] [--data-dir DIR] [--refresh]

Daily prices of one symbol: date, open, high, low, close, adjClose, volume, the simple return
from the adjusted close in percent (adjClose_t / adjClose_t-1 - 1), and for China A-shares the
limit-up / limit-down flags (close at the daily price limit: the return is censored).

<symbol> is a Yahoo symbol or an alias from the manifest (NVDA, nvidia, 688256.SS, cambricon), or
a symbol of your data folder (--data-dir). Every file read is checked against its manifest's
sha256; a changed file is refused (exit 1, naming it).

Options:
  --from, --to     first and last date (inclusive, exchange-local), within the data's range
  --json           JSON: { symbol, name, exchange, currency, source, from, to, rows }
  --csv            CSV with a header row
  --source S       snapshot (default: the bundled data/prices, offline and reproducible) or
                   yahoo (live, pinned in a data folder as by impact fetch: a later run reads
                   the pinned files; when Yahoo is unreachable, only a series already covering
                   the range is used, with a notice)
  --data-dir DIR   a data folder (impact import / impact fetch) overlaying the bundled snapshot:
                   its symbols are found first; default $IMPACT_DATA_DIR, else none. With
                   --source yahoo, the folder to pin into (default .cache/live)
  --refresh        with --source yahoo: pull again even when a pin covers the range
  -h, --help       this text

Example: impact prices NVDA --from 2025-01-24 --to 2025-01-27
`;

/** One output row: the price row plus its return and (A-shares) limit flags. */
export interface PriceOutputRow extends PriceRow {
  /** Simple return from the previous row's adjClose, in percent; null for the first row of the data. */
  returnPct: number | null;
  limitUp?: boolean;
  limitDown?: boolean;
}

/**
 * Rows of `series` inside [from, to] with returns computed against the row before (which may lie
 * before `from`) and, for A-shares, the limit flags of returns/priceLimitFlags.
 */
export async function priceOutputRows(series: PriceSeries, from: IsoDate, to: IsoDate): Promise<PriceOutputRow[]> {
  // Loaded on use: `impact --help` should not pay for the returns stage.
  const { simpleReturns, priceLimitFlags, aShareBoard } = await import('../../returns/index.ts');
  const daily = simpleReturns(series); // from adjClose; the first row has none
  const returnOn = new Map(daily.dates.map((d, i) => [d, daily.returns[i] * 100]));
  // Every A-share board (Shanghai, Shenzhen, Beijing) has daily limits, decided by the code.
  const isAShare = aShareBoard(series.info.symbol) !== null;
  const flags = isAShare ? new Map(priceLimitFlags(series).map((f) => [f.date, f])) : undefined;
  const out: PriceOutputRow[] = [];
  for (const row of series.rows) {
    if (row.date < from || row.date > to) continue;
    const o: PriceOutputRow = { ...row, returnPct: returnOn.get(row.date) ?? null };
    if (flags) {
      const f = flags.get(row.date);
      o.limitUp = f?.limitUp ?? false;
      o.limitDown = f?.limitDown ?? false;
    }
    out.push(o);
  }
  return out;
}

function printRows(series: PriceSeries, rows: PriceOutputRow[], from: IsoDate, to: IsoDate, format: 'table' | 'json' | 'csv', io: CliIO): void {
  // The limit columns exist when priceOutputRows computed flags (A-share stocks).
  const limits = rows.some((r) => r.limitUp !== undefined);
  if (format === 'json') {
    const { info } = series;
    io.stdout(JSON.stringify({ symbol: info.symbol, name: info.name, exchange: info.exchange, currency: info.currency, source: series.source, from, to, rows }, null, 2) + '\n');
    return;
  }
  if (format === 'csv') {
    const header = ['date', 'open', 'high', 'low', 'close', 'adjClose', 'volume', 'returnPct', ...(limits ? ['limitUp', 'limitDown'] : [])];
    io.stdout(formatCsv(header, rows.map((r) => [r.date, r.open, r.high, r.low, r.close, r.adjClose, r.volume, r.returnPct, ...(limits ? [r.limitUp ?? false, r.limitDown ?? false] : [])])));
    return;
  }
  io.stdout(`${series.info.symbol}  ${series.info.name}  (${series.info.exchange}, ${series.info.currency})\n`);
  io.stdout(formatTable<PriceOutputRow>([
    { header: 'date', cell: (r) => r.date },
    { header: 'open', cell: (r) => fixed(r.open, 2), align: 'right' },
    { header: 'high', cell: (r) => fixed(r.high, 2), align: 'right' },
    { header: 'low', cell: (r) => fixed(r.low, 2), align: 'right' },
    { header: 'close', cell: (r) => fixed(r.close, 2), align: 'right' },
    { header: 'adjClose', cell: (r) => fixed(r.adjClose, 4), align: 'right' },
    { header: 'volume', cell: (r) => (r.volume === null ? '' : String(r.volume)), align: 'right' },
    { header: 'return %', cell: (r) => signedPercent(r.returnPct), align: 'right' },
    ...(limits ? [{ header: 'limit', cell: (r: PriceOutputRow) => (r.limitUp ? 'UP' : r.limitDown ? 'DOWN' : '') }] : []),
  ], rows));
  io.stdout(`source: ${series.source}\n`);
  if (limits && rows.some((r) => r.limitUp || r.limitDown)) {
    io.stdout('UP/DOWN: closed at the daily price limit; the return on that day is censored.\n');
  }
}

export const pricesCommand: Command = {
  name: 'prices',
  summary: 'daily prices, returns and limit flags of one symbol',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean' },
      csv: { type: 'boolean' },
      source: { type: 'string' },
      'data-dir': { type: 'string' },
      refresh: { type: 'boolean' },
    });
    if (positionals.length === 0) throw new InputError('missing <symbol>; usage: impact prices <symbol> --from YYYY-MM-DD --to YYYY-MM-DD');
    if (positionals.length > 1) throw new InputError(`expected one symbol, got ${positionals.length}: ${positionals.join(' ')}`);
    if (values.json && values.csv) throw new InputError('choose one of --json and --csv');
    const query = positionals[0];
    // Refuse path-like input ('../x') before it can reach a file name; aliases may hold spaces.
    if (query.trim() === '' || /[/\\\0]|\.\./.test(query)) {
      throw new InputError(`not a valid symbol: '${query}' (expected something like NVDA, ^GSPC or 688256.SS)`);
    }
    const from = parseDateOption('--from', values.from);
    const to = parseDateOption('--to', values.to);
    if (from > to) throw new InputError(`--from ${from} is after --to ${to}`);
    const sourceKind = values.source ?? 'snapshot';
    if (sourceKind !== 'snapshot' && sourceKind !== 'yahoo') throw new InputError(`--source must be snapshot or yahoo, not '${sourceKind}'`);
    const dataDir = values['data-dir'];
    if (values.refresh && sourceKind !== 'yahoo') throw new InputError('--refresh needs --source yahoo');

    const { defaultDataStore, openDataStore } = await import('../../data/store.ts');
    // With --source yahoo the folder may not exist yet (the pin creates it): resolve aliases in it
    // only when it already holds a manifest.
    const folderReady = dataDir === undefined || existsSync(join(dataDir, 'manifest.json'));
    const store = dataDir === undefined ? defaultDataStore() : folderReady || sourceKind !== 'yahoo' ? openDataStore({ dataDir }) : defaultDataStore({ dataDir: null });
    const resolveSymbol = (q: string) => store.resolveSymbol(q);
    let series: PriceSeries;
    if (sourceKind === 'snapshot') {
      const info = resolveSymbol(query);
      const full = await loadLabelledSnapshot(info.symbol, { dataDir });
      sliceSeries(full, { from, to }, `the ${full.source.replace(/ \(.*\)$/, '')}`); // range checks with clear messages
      series = full;
    } else {
      let symbol = query;
      try {
        symbol = resolveSymbol(query).symbol; // aliases ('nvidia') work for Yahoo too
      } catch {
        /* not in the manifest: ask Yahoo as typed */
      }
      // Extra days before --from: the first row in range needs a previous close for its return.
      const { ensureLive } = await import('../../data/live.ts');
      const live = await ensureLive({ symbols: [symbol], from: addCalendarDays(from, -20), to, dataDir, refresh: values.refresh, onNotice: (m) => io.stderr(`impact: ${m}\n`) });
      series = openDataStore({ dataDir: live.dataDir }).loadSeries(live.pinned[0].symbol);
    }
    const rows = await priceOutputRows(series, from, to);
    if (rows.length === 0) throw new InputError(`${series.info.symbol}: no trading days between ${from} and ${to}`);
    printRows(series, rows, from, to, values.json ? 'json' : values.csv ? 'csv' : 'table', io);
    return 0;
  },
};
