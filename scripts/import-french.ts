/**
 * npm run data:import-french — rebuilds data/factors/F-F_Research_Data_Factors_daily.csv and
 * data/factors/PROVENANCE.json from ../shared/data/raw/ff (or RAW_DIR): the Fama–French daily
 * three factors from 2020 on, lines copied unchanged (see src/data/french.ts importFrenchDaily).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFrenchDaily } from '../src/data/french.ts';
import { isUserFacingError } from '../src/errors.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const rawDir = resolve(process.env.RAW_DIR ?? resolve(root, '..', 'shared', 'data', 'raw'));
try {
  const p = importFrenchDaily({ rawDir, dataDir: resolve(root, 'data') });
  console.log(`wrote data/factors: ${p.rows} daily rows ${p.first}..${p.last}, sha256 ${p.sha256}`);
} catch (e) {
  if (isUserFacingError(e)) {
    console.error(`data:import-french: ${e.message}`);
    process.exit(1);
  }
  throw e;
}
