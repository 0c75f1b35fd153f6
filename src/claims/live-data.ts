/**
 * Claims on live prices (`--source yahoo`): the checker's data access over prices pulled from
 * Yahoo Finance and pinned in a data folder (src/data/live-source.ts), for `checkClaim`,
 * `impact check` (one claim or a claims file) and `checkArticle` / `impact article`.
 *
 * The benchmark a claim is measured against depends on the security's exchange (SPY for a US
 * listing, the STAR 50 for a STAR stock: defaultBenchmark), so the securities are pinned first,
 * then their benchmarks. A benchmark the claim names must be had (else one line naming Yahoo); a
 * default one that cannot be had is left out with the reason, and the check says "no abnormal
 * returns", as it does on the snapshot.
 */
import { SourceError } from '../errors.ts';
import { pinLive, yahooSymbol, type LiveSourceOptions } from '../data/live-source.ts';
import type { IsoDate } from '../types.ts';
import { checkOptionsWithDefaults, defaultBenchmark, type CheckClaimOptions } from './options.ts';
import { parseLookback } from './parse.ts';
import type { ClaimDataAccess, ClaimInput } from './types.ts';

export interface LiveClaimOptions extends LiveSourceOptions, Pick<CheckClaimOptions, 'estimationWindow' | 'maxStretchSessions'> {
  /** The data folder pins go to and are read from (default: IMPACT_DATA_DIR, else `.cache/live`). */
  dataDir?: string;
}

/** A real 'YYYY-MM-DD' (a bad report date is the claim's own error, raised by the checker). */
const isDate = (d: unknown): d is IsoDate => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));

/**
 * Pins what `claims` need and returns the data access to check them with: each subject over the
 * sessions its check reads (the lookback, the estimation window of the abnormal returns or the
 * longest cumulative stretch before it, up to the report date), with Yahoo's share count for
 * market values; then each claim's benchmark (its own, else the exchange default) over the same
 * range. Then `checkClaimWith(input, data)` for each.
 * @throws SourceError naming Yahoo when a security, or a benchmark a claim names, cannot be had
 * @example
 * const data = await liveClaimData([{ subject: 'AAPL', reportedOn: '2020-10-01', move: '+3%' }]);
 * checkClaimWith({ subject: 'AAPL', reportedOn: '2020-10-01', move: '+3%' }, data);
 */
export async function liveClaimData(claims: readonly ClaimInput[], opts: LiveClaimOptions = {}): Promise<ClaimDataAccess> {
  const { estimationWindow, maxStretchSessions } = checkOptionsWithDefaults(opts);
  const usable = claims.filter((c) => c && typeof c.subject === 'string' && c.subject.trim() !== '' && isDate(c.reportedOn));
  const lookback = (c: ClaimInput) => {
    try {
      return parseLookback(c.lookback);
    } catch {
      return 0; // a bad lookback is the claim's own error, raised by the checker
    }
  };
  const before = Math.max(0, ...usable.map(lookback)) + Math.max(-estimationWindow[0], maxStretchSessions) + 1;
  const dates = usable.map((c) => c.reportedOn);
  if (usable.length === 0) {
    const { openDataStore } = await import('../data/store.ts');
    return openDataStore({ dataDir: null });
  }
  const common = { ...opts, dates, before, after: 0 };
  // The securities first: their exchange decides the default benchmark.
  const first = await pinLive({ ...common, symbols: usable.map((c) => c.subject), shares: true });
  const named = new Set<string>();
  const defaults = new Set<string>();
  for (const c of usable) {
    if (c.benchmark !== undefined) named.add(yahooSymbol(c.benchmark));
    else {
      let d: string | null = null;
      try {
        d = defaultBenchmark(first.store.resolveSymbol(yahooSymbol(c.subject)));
      } catch {
        d = null; // the checker names the unknown subject
      }
      if (d !== null) defaults.add(d);
    }
  }
  let store = first.store;
  if (named.size > 0) store = (await pinLive({ ...common, symbols: [...named] })).store;
  const unavailable = new Map<string, SourceError>();
  const wanted = [...defaults].filter((d) => !named.has(d));
  if (wanted.length > 0) {
    try {
      store = (await pinLive({ ...common, symbols: wanted })).store;
    } catch (e) {
      if (!(e instanceof SourceError)) throw e;
      for (const d of wanted) unavailable.set(d.toUpperCase(), e);
    }
  }
  const data = store;
  const refuse = (symbol: string) => {
    const e = unavailable.get(yahooSymbol(symbol).toUpperCase());
    if (e) throw new SourceError(e.message, e.kind);
  };
  return {
    resolveSymbol: (q) => (refuse(q), data.resolveSymbol(q)),
    loadSeries: (s) => (refuse(s), data.loadSeries(s)),
    sharesOutstanding: (s, d) => data.sharesOutstanding(s, d),
    usdCnyRate: (d) => data.usdCnyRate(d),
    // The files the checks read (the report footer lists them).
    reads: () => data.reads(),
  } as ClaimDataAccess;
}
