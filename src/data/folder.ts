/**
 * Writing a user data folder: the same layout as the bundled snapshot (manifest.json, prices/),
 * plus raw/ for what a series was made from (a pinned Yahoo response). `impact import` and the live
 * Yahoo source both add series through {@link writeFolderSeries}, so a folder always reads back
 * through `openDataStore({ dataDir })` with every file checked against its manifest hash.
 */
import { existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataError, InputError } from '../errors.ts';
import { writeFileAtomic } from './atomic.ts';
import { csvCoverage, defaultDataDir, PRICE_COLUMNS, readManifest, sha256OfBytes, type ManifestSymbol, type SnapshotManifest } from './manifest.ts';
import { parseSnapshotCsv } from './price-file.ts';
import { symbolFileName } from './symbols.ts';

/** An empty data-folder manifest. */
export function emptyManifest(generatedBy: string): SnapshotManifest {
  return { schema: 'market-impact/snapshot@1', generatedBy, priceColumns: PRICE_COLUMNS, symbols: {}, aux: {} };
}

/** Writes `bytes` unless the file already holds exactly them (a re-import changes no byte, not even mtime). */
function writeIfChanged(path: string, bytes: string | Buffer): boolean {
  if (existsSync(path) && readFileSync(path).equals(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes))) return false;
  writeFileAtomic(path, bytes);
  return true;
}

/**
 * Refuses the bundled snapshot as a target: it is written only by `npm run data:import` from the
 * raw public files.
 * @throws InputError when `dataDir` is the bundled data folder
 */
export function assertWritableDataDir(dataDir: string): void {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : resolve(p));
  if (real(dataDir) === real(defaultDataDir())) {
    throw new InputError(`refusing to write into the bundled snapshot ${dataDir}: it is made only by npm run data:import; give another --data-dir`);
  }
}

/** The folder's manifest, or an empty one when the folder has none yet. */
export function readOrCreateManifest(dataDir: string): SnapshotManifest {
  return existsSync(join(dataDir, 'manifest.json')) ? readManifest(dataDir) : emptyManifest('market-impact data folder (impact import / impact fetch)');
}

/** What a caller states about a series; the writer fills in file, rows, range and sha256. */
export type FolderSeriesEntry = Omit<ManifestSymbol, 'file' | 'first' | 'last' | 'rows' | 'sha256'>;

/**
 * Adds (or replaces) one series in a data folder: `csvText` (the normalized snapshot schema, see
 * PRICE_COLUMNS) goes to prices/<symbol>.csv, each `extraFiles` entry to its path under the folder,
 * and the manifest entry is written last, so a reader never finds a manifest naming a file that is
 * not there yet. Every file is written atomically (temp file, then rename); the same input writes
 * the same bytes.
 * Writes nothing that already holds the same bytes; refuses the bundled snapshot as a target and
 * a series the store would refuse to read (row rules, fewer than 2 rows).
 * @returns the manifest entry as written, and whether any byte on disk changed
 */
export function writeFolderSeries(
  dataDir: string,
  entry: FolderSeriesEntry,
  csvText: string,
  extraFiles: { rel: string; bytes: string | Buffer }[] = [],
): ManifestSymbol & { changed: boolean } {
  assertWritableDataDir(dataDir);
  const header = csvText.slice(0, csvText.indexOf('\n'));
  if (header !== PRICE_COLUMNS.join(',')) throw new DataError(`${entry.symbol}: normalized CSV must start with '${PRICE_COLUMNS.join(',')}', got '${header}'`);
  // The same rules as every later read: never write a file the store would refuse.
  parseSnapshotCsv(csvText, `${entry.symbol} (normalized)`);
  const cov = csvCoverage(csvText);
  if (cov.rows < 2) throw new DataError(`${entry.symbol}: a series needs at least 2 rows, got ${cov.rows}`);
  mkdirSync(join(dataDir, 'prices'), { recursive: true });
  const file = `prices/${symbolFileName(entry.symbol)}`;
  const manifest = readOrCreateManifest(dataDir);
  let changed = false;
  for (const f of extraFiles) {
    if (f.rel.includes('..') || f.rel.startsWith('/') || f.rel.includes('\\')) throw new DataError(`refusing to write outside the data folder: ${f.rel}`);
    changed = writeIfChanged(join(dataDir, f.rel), f.bytes) || changed;
  }
  changed = writeIfChanged(join(dataDir, file), csvText) || changed;
  const written: ManifestSymbol = { ...entry, file, first: cov.first, last: cov.last, rows: cov.rows, sha256: sha256OfBytes(csvText) };
  manifest.symbols[entry.symbol] = written;
  changed = writeIfChanged(join(dataDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`) || changed;
  return { ...written, changed };
}
