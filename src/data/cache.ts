/**
 * A small on-disk JSON cache for network answers: `<cacheDir>/<sanitised-key>.json` holding
 * `{ key, fetchedAt, sha256, payload }`.
 *
 * - Writes are atomic (temp file in the same directory, then rename), so a crash never leaves
 *   half a file under the real name.
 * - The payload's SHA-256 is checked on every read; a corrupt or unreadable entry is ignored
 *   with a notice (and then refetched by the caller), never a crash.
 * - Expiry: see `cacheMaxAgeHours`. Recent data can still change (late corrections, today's bar),
 *   history normally does not, so only entries for ranges touching the last 5 days expire.
 *   Caveat: Yahoo restates adjusted closes after each dividend or split; a never-expiring entry
 *   keeps the adjustment as of `fetchedAt` (reported in the series' `source`). Delete the cache
 *   directory to refetch everything.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IsoDate } from '../types.ts';

export interface CacheEntry<T> {
  key: string;
  /** ISO timestamp of when the payload was fetched. */
  fetchedAt: string;
  /** Hex SHA-256 of JSON.stringify(payload). */
  sha256: string;
  payload: T;
}

export interface CacheReadOptions {
  /** Entries older than this many hours are stale; null or undefined = never expires. */
  maxAgeHours?: number | null;
  /** Clock, injectable for tests. */
  now?: () => Date;
  /** Told about corrupt entries (which are then treated as missing). */
  onNotice?: (message: string) => void;
}

/** Project root (two levels above src/data). */
const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Default cache directory: `.cache/prices` under the project root (gitignored). */
export function defaultCacheDir(): string {
  return join(PROJECT_ROOT, '.cache', 'prices');
}

/** Hex SHA-256 of a string. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A file name for a cache key that cannot leave the cache directory: every character outside
 * [A-Za-z0-9._-] becomes '_', leading dots are removed, and 8 hex chars of the key's hash are
 * appended so keys that sanitise alike ('a/b', 'a_b') still get different files.
 * @example cacheFileName('yahoo/NVDA 2025-01-21..2025-01-31') // 'yahoo_NVDA_2025-01-21_2025-01-31-<hash8>.json'
 */
export function cacheFileName(key: string): string {
  const safe = key
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/\.{2,}/g, '_')
    .replace(/^[._-]+/, '')
    .slice(0, 100);
  return `${safe || 'key'}-${sha256Hex(key).slice(0, 8)}.json`;
}

/** Full path of a key's cache file. */
export function cachePath(cacheDir: string, key: string): string {
  return join(cacheDir, cacheFileName(key));
}

/**
 * How long a cached price range stays fresh: `defaultHours` (24) if the range ends within the
 * last 5 calendar days before `now` (or in the future), else null (never expires).
 * @example cacheMaxAgeHours({ to: '2025-01-31' }, new Date('2026-01-01')) // null
 */
export function cacheMaxAgeHours(range: { to: IsoDate }, now: Date, defaultHours = 24): number | null {
  const recentFrom = new Date(now.getTime() - 5 * 86400_000).toISOString().slice(0, 10);
  return range.to >= recentFrom ? defaultHours : null;
}

/**
 * Read a key's entry if present, intact and fresh; otherwise null. Corrupt entries (bad JSON,
 * wrong shape, wrong key, checksum mismatch) produce a notice and count as missing.
 */
export function readCache<T>(cacheDir: string, key: string, opts: CacheReadOptions = {}): CacheEntry<T> | null {
  const path = cachePath(cacheDir, key);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null; // not cached (or unreadable): fetch
  }
  const corrupt = (why: string): null => {
    opts.onNotice?.(`ignoring corrupt cache entry ${path} (${why}); refetching`);
    return null;
  };
  let entry: CacheEntry<T>;
  try {
    entry = JSON.parse(text);
  } catch {
    return corrupt('not valid JSON');
  }
  if (!entry || typeof entry !== 'object' || typeof entry.sha256 !== 'string' || typeof entry.fetchedAt !== 'string' || !('payload' in entry)) {
    return corrupt('missing fields');
  }
  if (entry.key !== key) return corrupt(`holds key '${entry.key}'`);
  if (sha256Hex(JSON.stringify(entry.payload)) !== entry.sha256) return corrupt('checksum mismatch');
  const fetchedMs = Date.parse(entry.fetchedAt);
  if (!Number.isFinite(fetchedMs)) return corrupt('bad fetchedAt');
  if (opts.maxAgeHours != null) {
    const now = (opts.now ?? (() => new Date()))().getTime();
    if (now - fetchedMs > opts.maxAgeHours * 3600_000) return null; // stale: refetch
  }
  return entry;
}

/** Write a key's entry atomically (temp file + rename in the same directory). */
export function writeCache<T>(cacheDir: string, key: string, payload: T, opts: { now?: () => Date } = {}): CacheEntry<T> {
  mkdirSync(cacheDir, { recursive: true });
  const entry: CacheEntry<T> = {
    key,
    fetchedAt: (opts.now ?? (() => new Date()))().toISOString(),
    sha256: sha256Hex(JSON.stringify(payload)),
    payload,
  };
  const path = cachePath(cacheDir, key);
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify(entry));
    renameSync(tmp, path);
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* nothing to clean */ }
    throw e;
  }
  return entry;
}
