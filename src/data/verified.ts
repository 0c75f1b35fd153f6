/**
 * Integrity on every read. A data file (price series, FX rates, share counts) is used only after
 * its bytes hash to the sha256 its folder's manifest records, and its rows and range match the
 * manifest. The hash and the parsed value are cached per file by size, mtime, ctime and inode, so
 * a study that asks for the same series many times hashes and parses it once; any write to the
 * file (even one that keeps size and mtime) changes ctime and forces a fresh check.
 *
 * Every verified read lands in a process-wide record ({@link processDataReads}), so a report can
 * list exactly which files, with the sha256 of the bytes actually read, a study used.
 */
import { closeSync, existsSync, fstatSync, openSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { DataError, IntegrityError } from '../errors.ts';
import type { IsoDate } from '../types.ts';
import { parseManifest, sha256OfBytes, type SnapshotManifest } from './manifest.ts';

/** One file a study read: what a report footer lists. */
export interface DataRead {
  /** The symbol of a price file; null for the other files. */
  symbol: string | null;
  /** A price series, USD/CNY rates, share counts, the Fama–French factors, or the events catalogue. */
  kind: 'prices' | 'fx' | 'shares' | 'factors' | 'events';
  /** Which folder it came from: the bundled snapshot or a user data folder. */
  folder: 'bundled' | 'user';
  /** The file's path as shown to people (relative to the working directory when inside it). */
  file: string;
  /** SHA-256 of the bytes actually read (equal to the manifest's, or the read was refused). */
  sha256: string;
  rows: number;
  first: IsoDate;
  last: IsoDate;
  /** Where the numbers come from, from the manifest (raw repository, user file, Yahoo request). */
  source: string;
  /** The manifest that vouched for the file (path as shown, like `file`). */
  manifest: string;
  /** sha256 of that manifest's bytes as read. */
  manifestSha256: string;
}

/** Path as shown to people: relative to the working directory when inside it. */
export function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** What identifies one version of a file without reading it. */
function statKey(st: Stats): string {
  return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
}

/** Bytes of a file and the stat of the same open file (so the key belongs to those bytes). */
function readWithKey(path: string): { bytes: Buffer; key: string } {
  const fd = openSync(path, 'r');
  try {
    const key = statKey(fstatSync(fd));
    return { bytes: readFileSync(fd), key };
  } finally {
    closeSync(fd);
  }
}

const hashCache = new Map<string, { key: string; sha256: string }>();

/**
 * sha256 of a file's bytes, cached by path, size, mtime, ctime and inode.
 * @example fileSha256('data/prices/NVDA.csv') // '5c1f…' (64 hex digits)
 */
export function fileSha256(path: string): string {
  const abs = resolve(path);
  const hit = hashCache.get(abs);
  if (hit && hit.key === statKey(statSync(abs))) return hit.sha256;
  const { bytes, key } = readWithKey(abs);
  const sha256 = sha256OfBytes(bytes);
  hashCache.set(abs, { key, sha256 });
  return sha256;
}

const manifestCache = new Map<string, { key: string; manifest: SnapshotManifest; sha256: string }>();

/**
 * A folder's manifest.json, parsed and validated (see validateManifest), cached while the file is
 * unchanged. Callers must not mutate it.
 * @throws DataError when it is missing or malformed, naming it
 */
export function readManifestCached(dir: string): SnapshotManifest {
  const path = resolve(dir, 'manifest.json');
  if (!existsSync(path)) throw new DataError(`${shownPath(path)} is missing`);
  const hit = manifestCache.get(path);
  if (hit && hit.key === statKey(statSync(path))) return hit.manifest;
  const { bytes, key } = readWithKey(path);
  const manifest = parseManifest(bytes.toString('utf8'), shownPath(path));
  manifestCache.set(path, { key, manifest, sha256: sha256OfBytes(bytes) });
  return manifest;
}

/** sha256 of the bytes of a folder's manifest.json as last read by {@link readManifestCached}. */
export function manifestSha256(dir: string): string {
  readManifestCached(dir);
  return manifestCache.get(resolve(dir, 'manifest.json'))!.sha256;
}

/** What a manifest says about one file. */
export interface ExpectedFile {
  /** Relative to the folder: 'prices/NVDA.csv'. */
  file: string;
  sha256: string;
  rows: number;
  first: IsoDate;
  last: IsoDate;
}

const parsedCache = new Map<string, { key: string; sha256: string; value: unknown; coverage: { rows: number; first: IsoDate; last: IsoDate } }>();

/**
 * `parse` of a data file whose bytes hash to the manifest's sha256 and whose rows and range match
 * it. The value comes from memory while the file is unchanged; callers must not mutate it.
 * `coverage` reports rows and first/last date of the parsed value.
 * @throws IntegrityError naming the file when it is missing, changed or disagrees with the manifest
 */
export function readVerified<T>(
  dir: string,
  expected: ExpectedFile,
  parse: (text: string, shown: string) => T,
  coverage: (value: T) => { rows: number; first: IsoDate; last: IsoDate },
): { value: T; sha256: string; path: string } {
  const path = resolve(dir, expected.file);
  const shown = shownPath(path);
  if (!existsSync(path)) throw new IntegrityError(`${shown} is missing (listed in ${shownPath(join(dir, 'manifest.json'))})`);
  let hit = parsedCache.get(path);
  if (!hit || hit.key !== statKey(statSync(path))) {
    const { bytes, key } = readWithKey(path);
    const sha256 = sha256OfBytes(bytes);
    hashCache.set(path, { key, sha256 });
    if (sha256 !== expected.sha256) {
      parsedCache.delete(path);
      throw mismatch(shown, sha256, expected.sha256);
    }
    const value = parse(bytes.toString('utf8'), shown);
    hit = { key, sha256, value, coverage: coverage(value) };
    parsedCache.set(path, hit);
  }
  if (hit.sha256 !== expected.sha256) throw mismatch(shown, hit.sha256, expected.sha256);
  const c = hit.coverage;
  if (c.rows !== expected.rows || c.first !== expected.first || c.last !== expected.last) {
    throw new IntegrityError(`${shown}: holds ${c.rows} rows ${c.first}..${c.last}, its manifest says ${expected.rows} rows ${expected.first}..${expected.last}`);
  }
  return { value: hit.value as T, sha256: hit.sha256, path };
}

function mismatch(shown: string, actual: string, expected: string): IntegrityError {
  return new IntegrityError(`${shown}: sha256 ${actual.slice(0, 12)}… does not match its manifest's ${expected.slice(0, 12)}… (the file changed after import; restore it or re-import)`);
}

/** The process-wide record, on globalThis so every copy of this module (and the report preload) shares it. */
interface ReadLog {
  reads: DataRead[];
  keys: Set<string>;
  listeners: ((read: DataRead) => void)[];
}
const LOG_KEY = Symbol.for('market-impact.data-reads');
function readLog(): ReadLog {
  const g = globalThis as Record<symbol, unknown>;
  return (g[LOG_KEY] ??= { reads: [], keys: new Set(), listeners: [] }) as ReadLog;
}

/** Adds a read to the process-wide record (once per file and content). */
export function recordProcessRead(read: DataRead): void {
  const log = readLog();
  const key = `${read.file}\0${read.sha256}`;
  if (log.keys.has(key)) return;
  log.keys.add(key);
  log.reads.push({ ...read });
  for (const l of log.listeners) l({ ...read });
}

/**
 * Every data file this process has read through the data layer, in the order first read: what a
 * study's report footer lists.
 */
export function processDataReads(): DataRead[] {
  return readLog().reads.map((r) => ({ ...r }));
}

/** Calls `listener` for each new read of this process (the report's capture preload uses it). */
export function onProcessRead(listener: (read: DataRead) => void): void {
  readLog().listeners.push(listener);
}
