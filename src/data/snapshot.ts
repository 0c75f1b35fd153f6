/**
 * The bundled snapshot: data/prices/<symbol>.csv in one normalized schema
 * (date,open,high,low,close,adjClose,volume,turnoverPct), written by scripts/import-data.ts.
 * Reads go through the data store (store.ts): every file is checked against its manifest's sha256
 * and the row rules, and recorded for the report footer.
 */
import type { PriceSeries } from '../types.ts';
import { defaultDataStore } from './store.ts';

export { defaultDataDir } from './manifest.ts';
export { parseSnapshotCsv, priceRowProblem } from './price-file.ts';

export interface SnapshotOptions {
  /**
   * The snapshot folder holding manifest.json and prices/ (default: the project's data/, overlaid
   * by the IMPACT_DATA_DIR data folder when that is set).
   */
  dataDir?: string;
  /** Kept for compatibility: every read is now checked against the manifest. */
  verify?: boolean;
}

/**
 * The whole series of a symbol (or alias), checked against its manifest.
 * @example loadSnapshotSeries('NVDA').rows.find((r) => r.date === '2025-01-27')?.close // 118.42
 * @throws InputError for an unknown symbol; IntegrityError for a missing, changed or corrupt file
 */
export function loadSnapshotSeries(symbol: string, opts: SnapshotOptions = {}): PriceSeries {
  const store = opts.dataDir === undefined ? defaultDataStore() : defaultDataStore({ bundledDir: opts.dataDir, dataDir: null });
  return store.loadSeries(symbol);
}
