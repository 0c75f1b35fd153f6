/**
 * npm run data:import [-- --accept-new-raw] — rebuilds data/prices, data/fx, data/shares,
 * data/manifest.json and data/SOURCES.md from the raw public files in ../shared/data/raw (or
 * RAW_DIR). Raw files whose sha256 differs from what data/manifest.json records (changed,
 * truncated, new) are refused unless --accept-new-raw; the snapshot is replaced as one unit.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { importSnapshot } from '../src/data/importer.ts';
import { isUserFacingError } from '../src/errors.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const rawDir = resolve(process.env.RAW_DIR ?? resolve(root, '..', 'shared', 'data', 'raw'));
try {
  let acceptNewRaw = false;
  try {
    acceptNewRaw = parseArgs({ options: { 'accept-new-raw': { type: 'boolean' } }, strict: true }).values['accept-new-raw'] === true;
  } catch (e) {
    console.error(`data:import: ${(e as Error).message} (the only option is --accept-new-raw)`);
    process.exit(1);
  }
  const m = importSnapshot({ rawDir, dataDir: resolve(root, 'data'), acceptNewRaw, log: (l) => console.log(l) });
  console.log(`wrote ${Object.keys(m.symbols).length} price files, ${Object.keys(m.aux).length} aux files, data/manifest.json and data/SOURCES.md`);
} catch (e) {
  if (isUserFacingError(e)) {
    console.error(`data:import: ${e.message}`);
    process.exit(1);
  }
  throw e;
}
