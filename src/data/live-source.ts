/**
 * `--source yahoo` for every library entry point that studies prices (runEventStudy,
 * streamEventStudy, checkClaim, checkArticle) and the commands on top of them (impact event,
 * check, article, report, notebook): one set of options, one default, one way to pin.
 *
 * A caller that knows its symbols and dates asks {@link pinLive} for exactly those over the range
 * its windows need; the prices are pulled from Yahoo Finance and pinned in a data folder
 * (src/data/live.ts ensureLive: raw answer + normalized series + manifest), and everything is then
 * read through `openDataStore({ dataDir })`, hash-checked and recorded for the report footer. A
 * second run reads the pins and makes no request, so a report re-runs to the same bytes.
 *
 * Defaults come from the environment, as the data folder does (IMPACT_DATA_DIR): IMPACT_SOURCE
 * (`snapshot` or `yahoo`) and IMPACT_REFRESH (`1`) — how `impact report --source yahoo
 * [--refresh]` hands them to a study, which runs in its own process.
 *
 * @example
 * const { store } = await pinLive({ symbols: ['AAPL', 'SPY'], dates: ['2020-10-01'], before: 261, after: 5 });
 * store.loadSeries('AAPL'); // the pinned Yahoo series
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import type { IsoDate } from '../types.ts';
import { writeFileAtomic } from './atomic.ts';
import { assertWritableDataDir, emptyManifest } from './folder.ts';
import { dataDirFromEnv, openDataStore, shownPath, type DataStore } from './store.ts';
import { resolveSymbol as resolveBundledSymbol } from './symbols.ts';

/** Environment variable naming the default price source ('snapshot' or 'yahoo'). */
export const SOURCE_ENV = 'IMPACT_SOURCE';
/** Environment variable asking live sources to pull again ('1'). */
export const REFRESH_ENV = 'IMPACT_REFRESH';

/** Where prices come from: the bundled snapshot (overlaid by a data folder), or Yahoo Finance pinned in a data folder. */
export type PriceSource = 'snapshot' | 'yahoo';
export const PRICE_SOURCES: readonly PriceSource[] = ['snapshot', 'yahoo'];

/** The options every entry point that can go live takes. */
export interface LiveSourceOptions {
  /** 'yahoo': pull and pin the prices the call needs (default: IMPACT_SOURCE, else 'snapshot'). */
  source?: PriceSource;
  /** With 'yahoo': pull again even where a pin covers the range (default: IMPACT_REFRESH=1). */
  refresh?: boolean;
  /** The fetch Yahoo is asked through (tests inject a replay of recorded answers). */
  fetch?: typeof fetch;
  /** Per-request limit in ms (default 20 000). */
  timeoutMs?: number;
  /** One-line notices (a fallback to a pinned or bundled series, dropped rows). */
  onNotice?: (line: string) => void;
}

/**
 * The price source of a call: the option when given (checked), else IMPACT_SOURCE, else
 * 'snapshot'. `fromEnvironment` says whether it came from the environment (a caller that supplied
 * its own data then keeps it).
 * @throws InputError for anything but 'snapshot' or 'yahoo'
 * @example priceSourceOf(undefined) // { source: 'snapshot', fromEnvironment: false } (IMPACT_SOURCE unset)
 */
export function priceSourceOf(source: unknown, what = 'source'): { source: PriceSource; fromEnvironment: boolean } {
  if (source !== undefined) {
    if (!(PRICE_SOURCES as readonly unknown[]).includes(source)) throw new InputError(`${what} must be snapshot or yahoo, not '${String(source)}'`);
    return { source: source as PriceSource, fromEnvironment: false };
  }
  const env = process.env[SOURCE_ENV];
  if (env === undefined || env.trim() === '') return { source: 'snapshot', fromEnvironment: false };
  if (!(PRICE_SOURCES as readonly string[]).includes(env.trim())) throw new InputError(`${SOURCE_ENV} must be snapshot or yahoo, not '${env}'`);
  return { source: env.trim() as PriceSource, fromEnvironment: true };
}

/**
 * A command's `--source S` and `--refresh`: the source (default IMPACT_SOURCE, else snapshot),
 * and `--refresh` only with yahoo.
 * @throws InputError for another source, or --refresh without --source yahoo
 */
export function sourceFlags(values: { source?: string; refresh?: boolean }): { source: PriceSource; live: boolean; refresh: boolean | undefined } {
  const { source } = priceSourceOf(values.source, '--source');
  if (values.refresh && source !== 'yahoo') throw new InputError('--refresh needs --source yahoo');
  return { source, live: source === 'yahoo', refresh: values.refresh };
}

/** The refresh flag of a call: the option when given, else IMPACT_REFRESH=1. */
export function refreshOf(refresh: boolean | undefined): boolean {
  if (refresh !== undefined) return refresh;
  return process.env[REFRESH_ENV] === '1';
}

/**
 * A symbol as Yahoo is asked for it: a bundled alias ('nvidia', '寒武纪') becomes its symbol,
 * anything else is kept as typed (trimmed).
 * @example yahooSymbol('nvidia') // 'NVDA'
 */
export function yahooSymbol(query: string): string {
  try {
    return resolveBundledSymbol(query).symbol;
  } catch {
    return query.trim();
  }
}

/** The data folder pins go to and are read from: `dataDir`, else IMPACT_DATA_DIR, else `.cache/live` (undefined here). */
export function liveDataDirOf(dataDir: string | undefined): string | undefined {
  return dataDir ?? dataDirFromEnv() ?? undefined;
}

/**
 * Makes `dir` a data folder (an empty manifest) when it is not one yet, so a study handed it as
 * IMPACT_DATA_DIR can open it before its first pin.
 */
export function ensureLiveFolder(dir: string): void {
  if (existsSync(join(dir, 'manifest.json'))) return;
  assertWritableDataDir(dir);
  writeFileAtomic(join(dir, 'manifest.json'), `${JSON.stringify(emptyManifest('market-impact data folder (impact fetch / --source yahoo)'), null, 2)}\n`);
}

export interface PinLiveOptions extends LiveSourceOptions {
  /** Symbols (or bundled aliases) to pin; duplicates are asked once. */
  symbols: readonly string[];
  /** The days the call is about (day 0 candidates, report dates). */
  dates: readonly IsoDate[];
  /** Trading sessions needed before the earliest date and after the latest (windows, padding). */
  before: number;
  after: number;
  /** The data folder (default: IMPACT_DATA_DIR, else `.cache/live`). */
  dataDir?: string;
  /** Pin Yahoo's share counts too (market-cap checks); default false. */
  shares?: boolean;
}

export interface PinnedLive {
  /** The store to read everything through: the pins, overlaying the bundled snapshot. */
  store: DataStore;
  dataDir: string;
  /** One line for a result's notes: where the prices come from (retrieval times, not how they were obtained this run). */
  note: string;
}

/**
 * Pulls (or reads the pins of) every symbol over the range `before` sessions ahead of the
 * earliest date to `after` sessions beyond the latest, and opens the store on the data folder.
 * @throws SourceError with one line naming Yahoo and the reason when a symbol cannot be had
 */
export async function pinLive(opts: PinLiveOptions): Promise<PinnedLive> {
  const symbols = [...new Set(opts.symbols.map(yahooSymbol))];
  const { ensureLive, liveRange } = await import('./live.ts');
  const range = liveRange([...opts.dates], opts.before, opts.after);
  const live = await ensureLive({
    symbols,
    ...range,
    dataDir: liveDataDirOf(opts.dataDir),
    refresh: refreshOf(opts.refresh),
    shares: opts.shares ?? false,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.onNotice ? { onNotice: opts.onNotice } : {}),
  });
  const parts = live.pinned.map((p) => (p.retrievedAt ? `${p.symbol} retrieved ${p.retrievedAt}` : `${p.symbol} from ${p.folder === 'bundled' ? 'the bundled snapshot' : shownPath(p.file)}`));
  return {
    store: openDataStore({ dataDir: live.dataDir }),
    dataDir: live.dataDir,
    note: `prices from Yahoo Finance, pinned in ${shownPath(live.dataDir)} (${parts.join('; ')})`,
  };
}
