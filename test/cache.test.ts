import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheFileName, cacheMaxAgeHours, cachePath, defaultCacheDir, readCache, writeCache } from '../src/data/cache.ts';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'impact-cache-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

const at = (iso: string) => () => new Date(iso);
const payload = { rows: [{ date: '2025-01-27', close: 118.42 }], note: 'ünïcode ok' };

describe('cache', () => {
  it('round-trips a payload with key, fetchedAt and the sha256 of the payload', () => {
    const dir = tmp();
    writeCache(dir, 'yahoo/NVDA', payload, { now: at('2026-01-01T00:00:00Z') });
    const onDisk = JSON.parse(readFileSync(cachePath(dir, 'yahoo/NVDA'), 'utf8'));
    expect(onDisk.key).toBe('yahoo/NVDA');
    expect(onDisk.fetchedAt).toBe('2026-01-01T00:00:00.000Z');
    // Independent hash of the serialized payload.
    expect(onDisk.sha256).toBe(createHash('sha256').update(JSON.stringify(payload)).digest('hex'));
    const hit = readCache<typeof payload>(dir, 'yahoo/NVDA');
    expect(hit?.payload).toEqual(payload);
  });

  it('missing key -> null, no notice', () => {
    const notices: string[] = [];
    expect(readCache(tmp(), 'nothing', { onNotice: (m) => notices.push(m) })).toBeNull();
    expect(notices).toEqual([]);
  });

  it('leaves no temp files behind (atomic write via rename)', () => {
    const dir = tmp();
    writeCache(dir, 'k1', payload);
    writeCache(dir, 'k1', { other: 1 });
    expect(readdirSync(dir)).toEqual([cacheFileName('k1')]);
    expect(readCache(dir, 'k1')?.payload).toEqual({ other: 1 });
  });

  it('a flipped byte in the payload is detected: notice, treated as missing, no crash', () => {
    const dir = tmp();
    writeCache(dir, 'k', payload);
    const path = cachePath(dir, 'k');
    writeFileSync(path, readFileSync(path, 'utf8').replace('118.42', '118.43'));
    const notices: string[] = [];
    expect(readCache(dir, 'k', { onNotice: (m) => notices.push(m) })).toBeNull();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/checksum mismatch/);
    expect(notices[0]).toContain(basename(path));
    // Refetch and rewrite repairs it.
    writeCache(dir, 'k', payload);
    expect(readCache(dir, 'k')?.payload).toEqual(payload);
  });

  it('truncated / non-JSON / wrong-key entries are ignored with a notice', () => {
    const dir = tmp();
    const notices: string[] = [];
    writeCache(dir, 'a', payload);
    writeFileSync(cachePath(dir, 'a'), readFileSync(cachePath(dir, 'a'), 'utf8').slice(0, 20));
    expect(readCache(dir, 'a', { onNotice: (m) => notices.push(m) })).toBeNull();
    writeCache(dir, 'b', payload);
    writeFileSync(cachePath(dir, 'b'), JSON.stringify({ ...JSON.parse(readFileSync(cachePath(dir, 'b'), 'utf8')), key: 'c' }));
    expect(readCache(dir, 'b', { onNotice: (m) => notices.push(m) })).toBeNull();
    expect(notices[0]).toMatch(/not valid JSON/);
    expect(notices[1]).toMatch(/holds key 'c'/);
  });

  it('expires after maxAgeHours with an injected clock', () => {
    const dir = tmp();
    writeCache(dir, 'k', payload, { now: at('2026-01-01T00:00:00Z') });
    expect(readCache(dir, 'k', { maxAgeHours: 24, now: at('2026-01-01T23:59:00Z') })).not.toBeNull();
    expect(readCache(dir, 'k', { maxAgeHours: 24, now: at('2026-01-02T00:01:00Z') })).toBeNull();
    // null = never expires
    expect(readCache(dir, 'k', { maxAgeHours: null, now: at('2030-01-01T00:00:00Z') })).not.toBeNull();
  });

  it('cacheMaxAgeHours: ranges touching the last 5 days expire, older ranges never', () => {
    const now = new Date('2026-04-10T12:00:00Z');
    expect(cacheMaxAgeHours({ to: '2026-04-10' }, now)).toBe(24);
    expect(cacheMaxAgeHours({ to: '2026-04-05' }, now)).toBe(24); // exactly 5 days back
    expect(cacheMaxAgeHours({ to: '2026-04-04' }, now)).toBeNull();
    expect(cacheMaxAgeHours({ to: '2027-01-01' }, now, 6)).toBe(6);
    expect(cacheMaxAgeHours({ to: '2025-01-31' }, now)).toBeNull();
  });

  it('keys are sanitised: no path traversal, distinct keys -> distinct files', () => {
    const dir = tmp();
    for (const key of ['../../etc/passwd', '..', '/abs/path', 'a/b', 'a_b', 'a\\b', 'NVDA 2025-01-21..2025-01-31']) {
      const name = cacheFileName(key);
      expect(name).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*\.json$/);
      expect(name).not.toContain('..');
      expect(name).not.toContain('/');
      expect(cachePath(dir, key).startsWith(dir + '/')).toBe(true);
    }
    expect(cacheFileName('a/b')).not.toBe(cacheFileName('a_b'));
    writeCache(dir, '../escape', payload);
    expect(existsSync(join(dir, '..', 'escape.json'))).toBe(false);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('default cache dir is .cache/prices under the project root', () => {
    expect(defaultCacheDir()).toBe(join(import.meta.dirname, '..', '.cache', 'prices'));
  });
});
