/**
 * Parsed snapshot files kept in memory while the file is unchanged (same size and mtime), so a
 * study or claim check that asks for the same series, share counts or FX rates many times reads
 * and parses each file once.
 */
import { readFileSync, statSync } from 'node:fs';

const cache = new Map<string, { key: string; value: unknown }>();

/**
 * `parse(text)` of the file at `path`, from memory when the file has not changed since last read.
 * Callers must not mutate the returned value (copy it if they hand it out).
 */
export function readParsedCached<T>(path: string, parse: (text: string) => T): T {
  const st = statSync(path);
  const key = `${st.size}:${st.mtimeMs}`;
  const hit = cache.get(path);
  if (hit && hit.key === key) return hit.value as T;
  const value = parse(readFileSync(path, 'utf8'));
  cache.set(path, { key, value });
  return value;
}
