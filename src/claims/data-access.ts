/**
 * The checker's default data: the data store (bundled snapshot, overlaid by a user data folder
 * when one is given or named by IMPACT_DATA_DIR), every file hash-checked and every read recorded
 * for the report footer. Kept apart from check.ts so tests can pass synthetic series instead
 * (see ClaimDataAccess).
 */
import { defaultDataStore, openDataStore } from '../data/store.ts';
import type { ClaimDataAccess } from './types.ts';

/**
 * Store-backed data access. `dataDir` is a user data folder overlaying the bundled snapshot
 * (default: IMPACT_DATA_DIR, else none); `bundledDir` replaces the bundled snapshot folder.
 * @example checkClaim(claim, snapshotClaimData({ dataDir: 'my-data' }))
 */
export function snapshotClaimData(opts: { dataDir?: string; bundledDir?: string } = {}): ClaimDataAccess {
  const store = opts.dataDir === undefined && opts.bundledDir === undefined ? defaultDataStore() : openDataStore(opts);
  return {
    resolveSymbol: (q) => store.resolveSymbol(q),
    loadSeries: (s) => store.loadSeries(s),
    sharesOutstanding: (s, d) => store.sharesOutstanding(s, d),
    usdCnyRate: (d) => store.usdCnyRate(d),
  };
}
