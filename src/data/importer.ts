/**
 * The importer: raw public files (../shared/data/raw) -> the normalized snapshot (data/prices,
 * data/fx, data/shares, data/manifest.json, data/SOURCES.md). Numbers are only parsed and
 * re-written (volume lots x 100 -> shares); nothing is filled in, averaged or spliced.
 * The new snapshot is built in a staging folder and swapped in whole (see importSnapshot).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { DataError } from '../errors.ts';
import type { IsoDate, PriceRow } from '../types.ts';
import { csvLines } from './csv.ts';
import { FX_COLUMNS, FX_FILE, SHARES_COLUMNS, SHARES_FILE } from './fundamentals.ts';
import {
  COMPARE_SPAN,
  FX_SPEC,
  IMPORT_FROM,
  PRIMARY_SPECS,
  SHARE_SNAPSHOT_FILES,
  SNAPSHOT_SHARE_CAVEATS,
  STATED_SHARE_COUNTS,
  secondaryFormat,
  symbolOfRawFile,
  type PrimarySpec,
} from './import-specs.ts';
import {
  csvCoverage,
  PRICE_COLUMNS,
  sha256OfBytes,
  type ManifestAuxFile,
  type ManifestSymbol,
  type SnapshotManifest,
  type SourceComparison,
} from './manifest.ts';
import { compareReturns, parseRawPriceFile, type RawPriceRow } from './raw-formats.ts';
import { findSymbol, symbolFileName } from './symbols.ts';
import { formatSnapshotCsv } from './price-file.ts';

export { formatSnapshotCsv } from './price-file.ts';
import { verifySnapshot } from './verify.ts';
import { BUNDLED_FRENCH_DAILY, FRENCH_DAILY_NOTE, FRENCH_DAILY_RAW, buildFrenchDaily, frenchCoverage } from './french.ts';
import { EVENTS_FILE, eventsCoverage, parseEventsCatalogue } from './events.ts';

export interface ImportOptions {
  rawDir: string;
  dataDir: string;
  log?: (line: string) => void;
  /** Accept raw files whose sha256 differs from what the previous manifest records (changed, new). */
  acceptNewRaw?: boolean;
  /** How files are written into the staging folder (default fs.writeFileSync; tests inject faults). */
  writeFile?: (path: string, text: string) => void;
}

/** Reads raw files and remembers each one's sha256, in the order read (for the manifest's rawFiles). */
interface RawReader {
  dir: string;
  read(file: string): { text: string; sha256: string };
  hashes: Map<string, string>;
}

function rawReader(rawDir: string): RawReader {
  const hashes = new Map<string, string>();
  return {
    dir: rawDir,
    hashes,
    read(file) {
      const path = join(rawDir, file);
      if (!existsSync(path)) throw new DataError(`raw file ${path} is missing`);
      const bytes = readFileSync(path);
      const sha256 = sha256OfBytes(bytes);
      hashes.set(file, sha256);
      return { text: bytes.toString('utf8'), sha256 };
    },
  };
}

/** Date runs of `reference` trading days missing from `rows` (inside rows' own range), as 'a..b (n days)'. */
export function missingRuns(rows: readonly PriceRow[], reference: readonly PriceRow[], span: readonly [IsoDate, IsoDate]): string[] {
  if (rows.length === 0) return [];
  const have = new Set(rows.map((r) => r.date));
  const from = rows[0].date > span[0] ? rows[0].date : span[0];
  const to = rows[rows.length - 1].date < span[1] ? rows[rows.length - 1].date : span[1];
  const runs: string[] = [];
  let start: IsoDate | null = null;
  let last: IsoDate | null = null;
  let n = 0;
  const flush = () => {
    if (start !== null) runs.push(`${start}..${last} (${n} trading day${n === 1 ? '' : 's'})`);
    start = null;
    n = 0;
  };
  for (const r of reference) {
    if (r.date < from || r.date > to) continue;
    if (have.has(r.date)) flush();
    else {
      if (start === null) start = r.date;
      last = r.date;
      n++;
    }
  }
  flush();
  return runs;
}

function importPrimary(spec: PrimarySpec, raws: RawReader): { rows: RawPriceRow[]; manifest: Omit<ManifestSymbol, 'file' | 'sha256' | 'rows' | 'first' | 'last' | 'comparisons'>; rawRows: RawPriceRow[] } {
  const info = findSymbol(spec.symbol);
  if (!info) throw new DataError(`import spec names ${spec.symbol}, which is not in src/data/symbols.ts`);
  const raw = raws.read(spec.file);
  const parsed = parseRawPriceFile(raw.text, spec.file, spec.format);
  const dropped = parsed.dropped.map((d) => ({ date: d.date, reason: `line ${d.line}: ${d.reason}` }));
  let rows = parsed.rows;
  if (spec.dropLastRow) {
    const last = rows[rows.length - 1];
    dropped.push({ date: last.date, reason: `last row: ${spec.dropLastRow}` });
    rows = rows.slice(0, -1);
  }
  const before = rows.filter((r) => r.date < IMPORT_FROM).length;
  rows = rows.filter((r) => r.date >= IMPORT_FROM);
  if (rows.length === 0) throw new DataError(`${spec.file}: no rows on or after ${IMPORT_FROM}`);
  const notes = [...(spec.notes ?? [])];
  if (before > 0) notes.push(`${before} rows before ${IMPORT_FROM} not imported (not needed for 2024-2026 studies).`);
  return {
    rows,
    rawRows: parsed.rows,
    manifest: {
      symbol: info.symbol,
      name: info.name,
      aliases: info.aliases,
      exchange: info.exchange,
      currency: info.currency,
      timeZone: info.timeZone,
      kind: info.kind,
      ...(spec.listing ? { listingDate: spec.listing.date, listingSource: spec.listing.source } : {}),
      adjustment: spec.adjustment,
      raw: [{ file: spec.file, repo: spec.repo, path: spec.path, commit: spec.commit, sha256: raw.sha256 }],
      dropped,
      notes,
    },
  };
}

function compareSecondaries(symbol: string, primaryFile: string, primaryRows: readonly PriceRow[], raws: RawReader, log: (s: string) => void): SourceComparison[] {
  const out: SourceComparison[] = [];
  const inSpan = (rows: readonly PriceRow[]) => rows.filter((r) => r.date >= COMPARE_SPAN[0] && r.date <= COMPARE_SPAN[1]);
  const primary = inSpan(primaryRows);
  for (const sub of ['us', 'cn']) {
    const dir = join(raws.dir, sub);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const file = `${sub}/${name}`;
      if (!name.endsWith('.csv') || file === primaryFile || symbolOfRawFile(name) !== symbol) continue;
      try {
        const parsed = parseRawPriceFile(raws.read(file).text, file, secondaryFormat(name));
        const cmp = compareReturns(primary, inSpan(parsed.rows));
        if (cmp.overlapDays === 0) continue;
        out.push({ file, basis: parsed.hasAdjClose ? 'Adj Close column' : 'close as published (raw or auto-adjusted, see PROVENANCE.md)', ...cmp });
      } catch (e) {
        log(`note: ${file} not compared: ${(e as Error).message}`);
      }
    }
  }
  return out;
}

/** Share counts: the stated figures, cross-checked against the Eastmoney snapshot quotients. */
function importShares(raws: RawReader, log: (s: string) => void): { text: string; raw: ManifestAuxFile['raw']; notes: string[] } {
  const lines: string[] = [SHARES_COLUMNS.join(',')];
  const notes: string[] = [];
  const raw: ManifestAuxFile['raw'] = [];
  const snapshot = new Map<string, { total: number; float: number; asOf: IsoDate | null; file: string }>();
  for (const snap of SHARE_SNAPSHOT_FILES) {
    const { text, sha256 } = raws.read(snap.file);
    raw.push({ file: snap.file, repo: snap.repo, path: snap.path, commit: snap.commit, sha256 });
    const rows = csvLines(text);
    const head = rows[0].fields;
    const col = (n: string) => {
      const i = head.indexOf(n);
      if (i < 0) throw new DataError(`${snap.file}: no column ${n}`);
      return i;
    };
    const [iCode, iPrice, iTotal, iFloat] = [col('代码'), col('最新价'), col('总市值'), col('流通市值')];
    for (const { line, fields } of rows.slice(1)) {
      const symbol = findSymbol(`${fields[iCode]}.SS`)?.symbol;
      if (!symbol) continue;
      const price = Number(fields[iPrice]);
      if (!(price > 0)) throw new DataError(`${snap.file}: line ${line}: price '${fields[iPrice]}' is not positive`);
      const total = Number(fields[iTotal]) / price;
      const float = Number(fields[iFloat]) / price;
      snapshot.set(symbol, { total: Math.round(total), float: Math.round(float), asOf: snap.asOf, file: snap.file, });
    }
  }
  for (const s of STATED_SHARE_COUNTS) {
    const snap = snapshot.get(s.symbol);
    if (s.checkAgainstSnapshot) {
      if (!snap || snap.total !== s.totalShares) {
        throw new DataError(`share count ${s.totalShares} of ${s.symbol} does not match the Eastmoney snapshot (${snap?.total ?? 'absent'})`);
      }
    }
    const float = s.symbol === '688256.SS' && s.validTo === '2025-10-15' ? s.totalShares : snap && s.validFrom !== null && snap.asOf !== null && s.validFrom <= snap.asOf ? snap.float : '';
    lines.push([s.validFrom ?? '', s.validTo ?? '', s.symbol, s.totalShares, float, s.kind, s.source.replace(/,/g, ';')].join(','));
  }
  for (const [symbol, snap] of snapshot) {
    if (STATED_SHARE_COUNTS.some((s) => s.symbol === symbol)) continue;
    const caveat = SNAPSHOT_SHARE_CAVEATS[symbol] ?? 'earlier changes not checked';
    const what = `Eastmoney quote list of ${snap.asOf}: total = 总市值/最新价 and float = 流通市值/最新价; valid on that day only (${caveat})`;
    lines.push([snap.asOf ?? '', snap.asOf ?? '', symbol, snap.total, snap.float, 'snapshot', what].join(','));
    notes.push(`${symbol}: only the ${snap.asOf} Eastmoney count (${snap.total}); no dated count for 2024-2025, so market-cap checks before then report no data.`);
  }
  log(`shares: ${lines.length - 1} records`);
  return { text: `${lines.join('\n')}\n`, raw, notes };
}

function importFx(raws: RawReader): { text: string; raw: ManifestAuxFile['raw']; notes: string[] } {
  const { text, sha256 } = raws.read(FX_SPEC.file);
  const out = [FX_COLUMNS.join(',')];
  const rates = new Map<IsoDate, number>();
  let prev = '';
  let excluded = 0;
  for (const { line, fields } of csvLines(text).slice(1)) {
    const [d, s] = fields;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new DataError(`${FX_SPEC.file}: line ${line}: bad date '${d}'`);
    if (d <= prev) throw new DataError(`${FX_SPEC.file}: line ${line}: date ${d} not after ${prev}`);
    prev = d;
    const rate = Number(s);
    if (!(rate > 0)) throw new DataError(`${FX_SPEC.file}: line ${line}: rate '${s}' is not positive`);
    if (d < IMPORT_FROM) continue;
    if (d >= FX_SPEC.excludeFrom) {
      excluded++;
      continue;
    }
    rates.set(d, rate);
    out.push(`${d},${s}`);
  }
  const check = raws.read(FX_SPEC.compareWith);
  let common = 0;
  let maxDiff = 0;
  for (const { fields } of csvLines(check.text).slice(1)) {
    const r = rates.get(fields[0]);
    const v = Number(fields[1]);
    if (r === undefined || !(v > 0)) continue;
    common++;
    maxDiff = Math.max(maxDiff, Math.abs(r - v));
  }
  return {
    text: `${out.join('\n')}\n`,
    raw: [{ file: FX_SPEC.file, repo: FX_SPEC.repo, path: FX_SPEC.path, commit: FX_SPEC.commit, sha256 }],
    notes: [
      `FRED DEXCHUS (Fed H.10 noon buying rate in New York), CNY per USD. ${excluded} rows from ${FX_SPEC.excludeFrom} on came from a Yahoo fallback and are not imported.`,
      `Agrees with the independent FRED copy ${FX_SPEC.compareWith} on ${common} common dates: max |diff| ${maxDiff.toFixed(6)} CNY.`,
    ],
  };
}

/**
 * sha256 of each raw file as the previous manifest of `dataDir` records it (its rawFiles map, or
 * for an older manifest the raw entries of symbols and aux files); null when there is no manifest.
 * Read leniently: only the hashes are needed, even from a manifest older than today's checks.
 */
function recordedRawHashes(dataDir: string): Map<string, string> | null {
  const path = join(dataDir, 'manifest.json');
  if (!existsSync(path)) return null;
  let m: Partial<SnapshotManifest>;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as Partial<SnapshotManifest>;
  } catch (e) {
    throw new DataError(`${path}: not valid JSON (${(e as Error).message}); cannot compare the raw files with it`);
  }
  const out = new Map<string, string>(Object.entries(m.rawFiles ?? {}));
  for (const entry of [...Object.values(m.symbols ?? {}), ...Object.values(m.aux ?? {})]) {
    for (const r of entry.raw ?? []) if (!out.has(r.file)) out.set(r.file, r.sha256);
  }
  return out;
}

/** Raw files whose bytes differ from what the previous manifest recorded (or that it never recorded). */
function changedRawFiles(read: ReadonlyMap<string, string>, recorded: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [file, sha256] of read) {
    const before = recorded.get(file);
    if (before === undefined) out.push(`${file} is new (not in the manifest)`);
    else if (before !== sha256) out.push(`${file} changed (sha256 ${sha256.slice(0, 12)}…, the manifest records ${before.slice(0, 12)}…)`);
  }
  return out;
}

/** What the importer writes, relative to the data folder; everything else there is carried over. */
function isGenerated(rel: string): boolean {
  return rel === 'manifest.json' || rel === 'SOURCES.md' || rel === FX_FILE || rel === SHARES_FILE || rel === BUNDLED_FRENCH_DAILY || RETIRED.has(rel) || /^prices\/[^/]+\.csv$/.test(rel);
}

/** Files earlier importers wrote that the manifest now replaces (not carried over). */
const RETIRED = new Set(['factors/PROVENANCE.json']);

/** The events catalogue's manifest note: where its facts come from. */
const EVENTS_NOTE = 'AI-announcement catalogue transcribed by hand from ../shared/data/EVENTS-SOURCES.md: each event lists the public pages (URLs) that state its date and time; no prices.';

/** Puts back a snapshot left aside by an import that died between its two renames. */
function recoverInterruptedSwap(dataDir: string, log: (s: string) => void): void {
  if (existsSync(dataDir)) return;
  const parent = dirname(dataDir);
  const prefix = `.${basename(dataDir)}.previous-`;
  const left = existsSync(parent) ? readdirSync(parent).filter((n) => n.startsWith(prefix)).sort() : [];
  if (left.length === 0) return;
  renameSync(join(parent, left[left.length - 1]), dataDir);
  log(`restored ${dataDir} from ${left[left.length - 1]} (an earlier import was interrupted)`);
}

/**
 * Runs the whole import and returns the manifest it wrote.
 *
 * Refuses, before writing anything, a raw file whose sha256 differs from the one the previous
 * manifest of `dataDir` records (changed, truncated, or new) unless `acceptNewRaw`. The new
 * snapshot (prices, fx, shares, manifest, SOURCES.md, plus every other file of the folder such as
 * events.json) is built in a staging folder beside `dataDir`, read back through the same checks
 * as every later read, and only then swapped in by two renames; a failure anywhere before the
 * swap leaves the old snapshot whole, and one between the renames is repaired by the next import.
 */
export function importSnapshot(opts: ImportOptions): SnapshotManifest {
  const log = opts.log ?? (() => {});
  const dataDir = resolve(opts.dataDir);
  recoverInterruptedSwap(dataDir, log);
  const raws = rawReader(opts.rawDir);
  const symbols: Record<string, ManifestSymbol> = {};
  const outputs: { rel: string; text: string }[] = [];
  const imported = new Map<string, RawPriceRow[]>();
  for (const spec of PRIMARY_SPECS) {
    const { rows, manifest } = importPrimary(spec, raws);
    imported.set(spec.symbol, rows);
    const rel = `prices/${symbolFileName(spec.symbol)}`;
    const text = formatSnapshotCsv(rows);
    outputs.push({ rel, text });
    const cov = csvCoverage(text);
    symbols[spec.symbol] = {
      ...manifest,
      file: rel,
      first: cov.first,
      last: cov.last,
      rows: cov.rows,
      sha256: sha256OfBytes(text),
      comparisons: compareSecondaries(spec.symbol, spec.file, rows, raws, log),
    };
    log(`${spec.symbol.padEnd(10)} ${String(cov.rows).padStart(5)} rows ${cov.first}..${cov.last}  <- ${spec.file}`);
  }
  // Gaps: sessions of the market's own index/ETF calendar that a security lacks (suspensions).
  for (const [symbol, entry] of Object.entries(symbols)) {
    const reference = imported.get(entry.exchange === 'XSHG' || entry.exchange === 'XSHE' ? '000001.SS' : 'SPY');
    if (!reference || symbol === '000001.SS' || symbol === 'SPY') continue;
    const runs = missingRuns(imported.get(symbol)!, reference, ['2024-01-01', '2025-12-31']);
    if (runs.length > 0) entry.notes.push(`Missing sessions in 2024-2025 (vs the ${entry.exchange === 'XSHG' ? '000001.SS' : 'SPY'} calendar): ${runs.join(', ')}.`);
  }
  const aux: Record<string, ManifestAuxFile> = {};
  const fx = importFx(raws);
  const shares = importShares(raws, log);
  outputs.push({ rel: FX_FILE, text: fx.text }, { rel: SHARES_FILE, text: shares.text });
  aux.USDCNY = { file: FX_FILE, ...csvCoverage(fx.text), sha256: sha256OfBytes(fx.text), raw: fx.raw, notes: fx.notes };
  aux.shares = { file: SHARES_FILE, ...shareFileCoverage(shares.text), sha256: sha256OfBytes(shares.text), raw: shares.raw, notes: shares.notes };
  // The Fama–French daily factors: lines of the raw public file, from 2020 on.
  const ffRaw = raws.read(FRENCH_DAILY_RAW.file);
  const ff = buildFrenchDaily(ffRaw);
  outputs.push({ rel: BUNDLED_FRENCH_DAILY, text: ff.text });
  aux.FF3daily = {
    file: BUNDLED_FRENCH_DAILY,
    ...frenchCoverage(ff.factors),
    sha256: sha256OfBytes(ff.text),
    raw: [{ file: FRENCH_DAILY_RAW.file, repo: FRENCH_DAILY_RAW.repo, path: FRENCH_DAILY_RAW.path, commit: FRENCH_DAILY_RAW.commit, sha256: ffRaw.sha256 }],
    notes: [FRENCH_DAILY_NOTE],
  };
  // The events catalogue is curated, not imported: listed and hashed as it stands in the folder.
  const eventsPath = join(dataDir, EVENTS_FILE);
  if (!existsSync(eventsPath)) throw new DataError(`${eventsPath} is missing: the events catalogue is kept in the data folder and listed by the importer`);
  const eventsText = readFileSync(eventsPath, 'utf8');
  aux.events = { file: EVENTS_FILE, ...eventsCoverage(parseEventsCatalogue(eventsText, eventsPath)), sha256: sha256OfBytes(eventsText), raw: [], notes: [EVENTS_NOTE] };
  const manifest: SnapshotManifest = {
    schema: 'market-impact/snapshot@1',
    generatedBy: 'scripts/import-data.ts (npm run data:import) from ../shared/data/raw',
    priceColumns: PRICE_COLUMNS,
    symbols,
    aux,
    rawFiles: Object.fromEntries(raws.hashes),
  };

  // The raw files must be the ones the snapshot was made from, unless told otherwise.
  const recorded = recordedRawHashes(dataDir);
  if (recorded === null) log(`no previous manifest in ${dataDir}: raw file hashes recorded afresh`);
  else {
    const changed = changedRawFiles(raws.hashes, recorded);
    if (changed.length > 0) {
      const list = `${changed[0]}${changed.length > 1 ? ` (and ${changed.length - 1} more: ${changed.slice(1, 4).map((c) => c.split(' ')[0]).join(', ')}${changed.length > 4 ? ', …' : ''})` : ''}`;
      if (!opts.acceptNewRaw) throw new DataError(`raw file ${list}; check the new bytes against their PROVENANCE.md, then re-run with --accept-new-raw`);
      for (const c of changed) log(`accepted: ${c}`);
    }
  }

  // Build the whole new snapshot beside the old one, check it, then swap.
  const write = opts.writeFile ?? ((path: string, text: string) => writeFileSync(path, text));
  const staging = join(dirname(dataDir), `.${basename(dataDir)}.staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    mkdirSync(staging, { recursive: true });
    if (existsSync(dataDir)) {
      cpSync(dataDir, staging, { recursive: true, filter: (src) => src === dataDir || !isGenerated(relative(dataDir, src).split(sep).join('/')) });
    }
    for (const { rel, text } of [...outputs, { rel: 'manifest.json', text: `${JSON.stringify(manifest, null, 2)}\n` }, { rel: 'SOURCES.md', text: sourcesMarkdown(manifest) }]) {
      mkdirSync(dirname(join(staging, rel)), { recursive: true });
      write(join(staging, rel), text);
    }
    const check = verifySnapshot({ dataDir: staging });
    if (!check.ok) throw new DataError(`the new snapshot fails its own checks: ${check.problems[0]}`);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  if (!existsSync(dataDir)) {
    renameSync(staging, dataDir);
    return manifest;
  }
  const previous = join(dirname(dataDir), `.${basename(dataDir)}.previous-${process.pid}`);
  renameSync(dataDir, previous);
  try {
    renameSync(staging, dataDir);
  } catch (e) {
    renameSync(previous, dataDir);
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  rmSync(previous, { recursive: true, force: true });
  return manifest;
}

/** Rows and the span of dates (earliest to latest validFrom/validTo) of a shares.csv text. */
function shareFileCoverage(text: string): { rows: number; first: IsoDate; last: IsoDate } {
  const rows = csvLines(text).slice(1);
  const dates = rows.flatMap(({ fields }) => [fields[0], fields[1]]).filter((d) => d !== '').sort();
  return { rows: rows.length, first: dates[0] ?? '', last: dates[dates.length - 1] ?? '' };
}

const pp = (x: number | null) => (x === null ? '–' : `${x.toFixed(3)} pp`);

/** data/SOURCES.md: the manifest for people. Generated, so it always says what the files hold. */
export function sourcesMarkdown(m: SnapshotManifest): string {
  const out: string[] = [];
  out.push('# Sources of the bundled data');
  out.push('');
  out.push('Generated by `npm run data:import` (scripts/import-data.ts) from the byte-for-byte public files in');
  out.push('`../shared/data/raw` (their PROVENANCE.md files give each origin and quirk). Do not edit by hand:');
  out.push('`data/manifest.json` holds the same facts for programs, and `npx impact data verify` checks the hashes.');
  out.push('');
  out.push('Rules: one raw file per series (differently adjusted levels are never spliced), nothing filled in,');
  out.push('averaged or patched; returns come from `adjClose`; A-share volumes are converted from lots (手) to shares.');
  out.push(`Where data is missing it stays missing and is listed below. Rows before ${IMPORT_FROM} are not imported.`);
  out.push('');
  out.push(`Schema of \`prices/*.csv\`: ${m.priceColumns.map((c) => `\`${c}\``).join(', ')} (date exchange-local; turnoverPct only for A-shares).`);
  out.push('');
  out.push('## Price series');
  out.push('');
  out.push('| symbol | name | file | rows | first | last | sha256 (first 16) | raw file (repository @ commit) |');
  out.push('|---|---|---|---:|---|---|---|---|');
  for (const s of Object.values(m.symbols)) {
    const r = s.raw?.[0];
    if (!r) continue;
    out.push(`| ${s.symbol} | ${s.name} | \`${s.file}\` | ${s.rows} | ${s.first} | ${s.last} | \`${s.sha256.slice(0, 16)}\` | \`${r.file}\` (${r.repo}, \`${r.path}\` @ ${r.commit?.slice(0, 10)}) |`);
  }
  out.push('');
  out.push('## Adjustment, dropped rows, gaps and caveats');
  out.push('');
  for (const s of Object.values(m.symbols)) {
    out.push(`- **${s.symbol}**: ${s.adjustment}.`);
    if (s.listingDate) out.push(`  - listed ${s.listingDate}, as stated by ${s.listingSource}`);
    for (const d of s.dropped ?? []) out.push(`  - dropped ${d.date}: ${d.reason}`);
    for (const n of s.notes) out.push(`  - ${n}`);
  }
  out.push('');
  out.push(`## Do the sources agree? Daily returns of other public files vs the primary, ${COMPARE_SPAN[0]}..${COMPARE_SPAN[1]}`);
  out.push('');
  out.push('Returns compared only where both files have the same previous session. The primary uses adjClose; a file of');
  out.push('raw closes differs on ex-dividend days by the dividend yield, and the Spooky-Labs files are a single-venue feed.');
  out.push('');
  out.push('| symbol | other file | basis | common days | max abs diff | on | days > 0.05 pp |');
  out.push('|---|---|---|---:|---:|---|---:|');
  for (const s of Object.values(m.symbols)) {
    for (const c of s.comparisons ?? []) {
      out.push(`| ${s.symbol} | \`${c.file}\` | ${c.basis} | ${c.overlapDays} | ${pp(c.maxAbsDiffPp)} | ${c.maxDiffDate ?? '–'} | ${c.daysOver005Pp} |`);
    }
    if ((s.comparisons ?? []).length === 0) out.push(`| ${s.symbol} | (no second public file) | | | | | |`);
  }
  out.push('');
  out.push('## FX rates, share counts, factors and the events catalogue');
  out.push('');
  for (const [name, a] of Object.entries(m.aux)) {
    const from = a.raw.length > 0 ? `from ${a.raw.map((r) => `\`${r.file}\` (${r.repo} @ ${r.commit?.slice(0, 10)})`).join(', ')}` : 'no raw file (see the note)';
    out.push(`- **${name}** \`${a.file}\`: ${a.rows} rows, sha256 \`${a.sha256.slice(0, 16)}\`; ${from}.`);
    for (const n of a.notes) out.push(`  - ${n}`);
  }
  out.push('- Share counts stated by public pages are listed with their URLs in `../shared/data/raw/shares/SHARES-SOURCES.md`; each');
  out.push('  row of `shares/shares.csv` names its source and the days it is valid for. Days outside every range have no count.');
  out.push('');
  return out.join('\n');
}
