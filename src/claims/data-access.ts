/**
 * The checker's default data: the bundled snapshot (prices, share counts, USD/CNY). Kept apart
 * from check.ts so tests can pass synthetic series instead (see ClaimDataAccess).
 */
import { resolveSymbol } from '../data/symbols.ts';
import { loadSnapshotSeries } from '../data/snapshot.ts';
import { sharesOutstanding, usdCnyRate } from '../data/fundamentals.ts';
import type { ClaimDataAccess } from './types.ts';

/**
 * Snapshot-backed data access, optionally from another data folder.
 * @example checkClaim(claim, snapshotClaimData({ dataDir: 'data' }))
 */
export function snapshotClaimData(opts: { dataDir?: string } = {}): ClaimDataAccess {
  const dataDir = opts.dataDir;
  return {
    resolveSymbol,
    loadSeries: (symbol) => loadSnapshotSeries(symbol, { dataDir }),
    sharesOutstanding: (symbol, date) => {
      const hit = sharesOutstanding(symbol, date, { dataDir });
      if (!hit) return null;
      const span =
        hit.validFrom === null && hit.validTo === null
          ? 'for all dates'
          : hit.validFrom === null
            ? `until ${hit.validTo}`
            : hit.validTo === null
              ? `from ${hit.validFrom}`
              : `${hit.validFrom}..${hit.validTo}`;
      return { shares: hit.totalShares, floatShares: hit.floatShares, asOf: hit.asOf, source: `${hit.kind} share count valid ${span}: ${hit.source}` };
    },
    usdCnyRate: (date) => usdCnyRate(date, { dataDir }),
  };
}
