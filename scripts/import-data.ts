/**
 * npm run data:import — rebuilds data/prices, data/fx, data/shares, data/manifest.json and
 * data/SOURCES.md from the raw public files in ../shared/data/raw (or RAW_DIR).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importSnapshot } from '../src/data/importer.ts';
import { isUserFacingError } from '../src/errors.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const rawDir = resolve(process.env.RAW_DIR ?? resolve(root, '..', 'shared', 'data', 'raw'));
try {
  const m = importSnapshot({ rawDir, dataDir: resolve(root, 'data'), log: (l) => console.log(l) });
  console.log(`wrote ${Object.keys(m.symbols).length} price files, ${Object.keys(m.aux).length} aux files, data/manifest.json and data/SOURCES.md`);
} catch (e) {
  if (isUserFacingError(e)) {
    console.error(`data:import: ${e.message}`);
    process.exit(1);
  }
  throw e;
}
