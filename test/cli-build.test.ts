/**
 * The shipped CLI: bin/impact.js runs the precompiled dist/ only when it is current. A build older
 * than any source file is never run silently: the bin runs the sources and says so.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildState } from '../bin/build-state.mjs';

const exec = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'impact-build-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('precompiled CLI', () => {
  it('buildState: missing, fresh, then stale when a source file is newer than the build', () => {
    const root = join(tmp, 'p');
    mkdirSync(join(root, 'src', 'cli'), { recursive: true });
    writeFileSync(join(root, 'src', 'cli', 'main.ts'), 'export {};');
    utimesSync(join(root, 'src', 'cli', 'main.ts'), 1_000, 1_000);
    expect(buildState(root)).toBe('missing');
    mkdirSync(join(root, 'dist', 'cli'), { recursive: true });
    writeFileSync(join(root, 'dist', 'cli', 'main.js'), 'export {};');
    utimesSync(join(root, 'dist', 'cli', 'main.js'), 2_000, 2_000);
    expect(buildState(root)).toBe('fresh');
    mkdirSync(join(root, 'src', 'study'));
    writeFileSync(join(root, 'src', 'study', 'new.ts'), 'export {};');
    utimesSync(join(root, 'src', 'study', 'new.ts'), 3_000, 3_000);
    expect(buildState(root)).toBe('stale');
  });

  it('the project dist/ is current (the test setup builds it) and bin/impact.js runs it', async () => {
    expect(buildState(ROOT)).toBe('fresh');
    const r = await exec(process.execPath, [join(ROOT, 'bin', 'impact.js'), '--help']);
    expect(r.stdout).toMatch(/^impact - market event studies/);
    expect(r.stderr).toBe('');
  });

  it('a stale build is not run: the bin warns and runs the sources', async () => {
    // A copy of the project whose dist/ is older than its src/.
    const copy = join(tmp, 'copy');
    for (const d of ['bin', 'src', 'dist', 'data']) cpSync(join(ROOT, d), join(copy, d), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(copy, 'package.json'));
    const { symlinkSync } = await import('node:fs');
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    utimesSync(join(copy, 'dist', 'cli', 'main.js'), 1_000, 1_000);
    expect(buildState(copy)).toBe('stale');
    const r = await exec(process.execPath, [join(copy, 'bin', 'impact.js'), '--help']);
    expect(r.stderr).toMatch(/^impact: dist\/ is older than src\/ \(run npm run build\); running the TypeScript sources instead/);
    expect(r.stdout).toMatch(/^impact - market event studies/);
  }, 60_000);
});
