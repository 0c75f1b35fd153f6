/**
 * `impact data verify`: every file of a data folder against its manifest, reporting all problems
 * at once instead of stopping at the first (which is what a read does).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { IsoDate } from '../types.ts';
import { readAuxFile, shareCountsIn, usdCnyIn, FX_FILE, SHARES_FILE } from './fundamentals.ts';
import { BUNDLED_FRENCH_DAILY, frenchCoverage, parseFrenchFactors } from './french.ts';
import { EVENTS_FILE, eventsCoverage, parseEventsCatalogue } from './events.ts';
import { defaultDataDir, readManifest } from './manifest.ts';
import { parseSnapshotCsv } from './price-file.ts';
import { fileSha256, readVerified } from './verified.ts';

export interface VerifiedFile {
  symbol: string;
  file: string;
  rows: number;
  first: IsoDate;
  last: IsoDate;
  ok: boolean;
}

export interface VerifyReport {
  ok: boolean;
  problems: string[];
  symbols: VerifiedFile[];
  aux: VerifiedFile[];
}

/**
 * Checks every file of a folder against its manifest: it exists, its SHA-256 matches, its row
 * count and date range match, every row passes the row rules; each pinned raw file (a Yahoo
 * response) matches its recorded sha256; and no file under prices/ is missing from the manifest.
 * Never throws for a bad file: each problem is one line naming the file.
 * @throws DataError only when the manifest itself is missing or malformed
 */
export function verifySnapshot(opts: { dataDir?: string } = {}): VerifyReport {
  const dataDir = opts.dataDir ?? defaultDataDir();
  const folder = 'bundled';
  const manifest = readManifest(dataDir);
  const problems: string[] = [];
  const attempt = (line: VerifiedFile, name: string, read: () => void): VerifiedFile => {
    try {
      read();
      line.ok = true;
    } catch (e) {
      const message = (e as Error).message;
      problems.push(message.includes(line.file) ? message.replace(line.file, `${line.file} (${name})`) : `${line.file} (${name}): ${message}`);
    }
    return line;
  };
  const symbols = Object.values(manifest.symbols).map((s) => {
    const line: VerifiedFile = { symbol: s.symbol, file: s.file, rows: s.rows, first: s.first, last: s.last, ok: false };
    attempt(line, s.symbol, () => readVerified(dataDir, s, parseSnapshotCsv, (rows) => ({ rows: rows.length, first: rows[0]?.date ?? '', last: rows[rows.length - 1]?.date ?? '' })));
    if (line.ok && s.origin?.kind === 'yahoo') {
      const raw = join(dataDir, s.origin.rawFile);
      if (!existsSync(raw)) {
        problems.push(`${s.origin.rawFile} (${s.symbol}, the pinned Yahoo response) is missing`);
        line.ok = false;
      } else if (fileSha256(raw) !== s.origin.rawSha256) {
        problems.push(`${s.origin.rawFile} (${s.symbol}, the pinned Yahoo response): sha256 does not match the manifest`);
        line.ok = false;
      }
    }
    return line;
  });
  const aux = Object.entries(manifest.aux).map(([name, a]) => {
    const line: VerifiedFile = { symbol: name, file: a.file, rows: a.rows, first: a.first, last: a.last, ok: false };
    return attempt(line, name, () => {
      if (a.file === SHARES_FILE) shareCountsIn(dataDir, { folder, record: false });
      else if (a.file === FX_FILE) usdCnyIn(dataDir, { folder, record: false });
      else if (a.file === BUNDLED_FRENCH_DAILY) readAuxFile(dataDir, a.file, 'factors', parseFrenchFactors, frenchCoverage, { folder, record: false });
      else if (a.file === EVENTS_FILE) readAuxFile(dataDir, a.file, 'events', parseEventsCatalogue, eventsCoverage, { folder, record: false });
      else {
        const sha = existsSync(join(dataDir, a.file)) ? fileSha256(join(dataDir, a.file)) : null;
        if (sha === null) throw new Error('is missing');
        if (sha !== a.sha256) throw new Error(`sha256 ${sha.slice(0, 12)}… does not match the manifest's ${a.sha256.slice(0, 12)}…`);
      }
    });
  });
  const listed = new Set(Object.values(manifest.symbols).map((s) => s.file));
  const pricesDir = join(dataDir, 'prices');
  if (existsSync(pricesDir)) {
    for (const f of readdirSync(pricesDir).sort()) {
      if (f.endsWith('.csv') && !listed.has(`prices/${f}`)) problems.push(`prices/${f} is not in the manifest`);
    }
  }
  return { ok: problems.length === 0, problems, symbols, aux };
}
