/**
 * Safe to run twice, safe to interrupt (#11.7): no copy of a study is ever written beside it,
 * one run at a time writes a reports folder (a second waits), Ctrl-C leaves nothing behind, a
 * failing study never leaves results newer than its report, and a study file name cannot send
 * the report outside --out.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { lockReportsDir, LOCK_NAME } from '../src/report/lock.ts';
import { removeStaleRunFiles, studyIdFromPath } from '../src/report/runner.ts';
import { run } from './helpers/cli.ts';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'impact.js');
const REPORT_API = pathToFileURL(join(ROOT, 'src', 'report', 'index.ts')).href;
const tmp = mkdtempSync(join(tmpdir(), 'mi-safety-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A pid that existed and has exited (so no process has it now, barring reuse within the test). */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

/** Our temp work folders left under the OS temp dir for a pid. */
const workDirsOf = (pid: number) => readdirSync(tmpdir()).filter((f) => f.startsWith(`mi-run-${pid}-`));

/** Runs `impact ...args` as a real process; resolves with its exit code and output. */
function impact(args: string[], opts: { onStderr?: (text: string, pid: number) => void } = {}): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string; pid: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString();
      opts.onStderr?.(err, child.pid!);
    });
    child.on('close', (code, signal) => resolve({ code, signal, out, err, pid: child.pid! }));
  });
}

describe('two report runs at once (real processes)', () => {
  it('leave exactly the four study folders and the index, nothing beside the studies', async () => {
    const out = join(tmp, 'concurrent');
    const studiesBefore = readdirSync(join(ROOT, 'studies')).sort();
    const [a, b] = await Promise.all([impact(['report', '--all', '--out', out]), impact(['report', '--all', '--out', out])]);
    expect(a.code, a.err).toBe(0);
    expect(b.code, b.err).toBe(0);
    // One of them found the folder busy and waited for the other.
    expect(`${a.err}${b.err}`).toMatch(/another report run is writing .*; waiting for it to finish/);
    expect(readdirSync(out).sort()).toEqual(['august-2025-ai-week', 'cambricon-20pct', 'deepseek-r1-shock', 'deepseek-r2-rumours', 'index.html']);
    expect(readdirSync(join(ROOT, 'studies')).sort()).toEqual(studiesBefore);
    expect([...workDirsOf(a.pid), ...workDirsOf(b.pid)]).toEqual([]);
    for (const id of readdirSync(out).filter((f) => f !== 'index.html')) {
      expect(readdirSync(join(out, id)).sort(), id).toEqual(['charts', 'index.html', 'report.md', 'results.json', 'study.ipynb']);
    }
  }, 240_000);
});

describe('an interrupted run', () => {
  it('Ctrl-C stops the study and leaves no lock, staging, temp folder or copy behind', async () => {
    const dir = join(tmp, 'slow');
    mkdirSync(dir, { recursive: true });
    const study = join(dir, 'slow.ts');
    writeFileSync(
      study,
      `// %% [markdown]\n// # Slow\n\n// %%\nimport { saveResults } from '${REPORT_API}';\nsaveResults({ partial: true });\nconsole.log('saved');\nawait new Promise((r) => setTimeout(r, 60_000));\n`,
    );
    const out = join(tmp, 'slow-out');
    let sent = false;
    const r = await impact(['report', study, '--out', out], {
      onStderr: (err, pid) => {
        if (!sent && /running .*slow\.ts/.test(err)) {
          sent = true;
          // Give the study time to start and save its results into staging.
          setTimeout(() => process.kill(pid, 'SIGINT'), 2500);
        }
      },
    });
    expect(r.code).toBe(130);
    expect(r.err).toMatch(/stopped \(SIGINT\)/);
    expect(readdirSync(dir)).toEqual(['slow.ts']);
    expect(readdirSync(out)).toEqual([]); // no .lock, no .staging-*, no half report
    expect(workDirsOf(r.pid)).toEqual([]);
  }, 60_000);

  it('files a killed run left are recognised by their pid and removed; live ones stay', () => {
    const dead = deadPid();
    const reports = join(tmp, 'stale-reports');
    const studies = join(tmp, 'stale-studies');
    const temp = join(tmp, 'stale-temp');
    for (const d of [reports, studies, temp]) mkdirSync(d, { recursive: true });
    mkdirSync(join(reports, `.staging-x-${dead}-1`));
    mkdirSync(join(reports, `.staging-x-${process.pid}-1`));
    writeFileSync(join(studies, `.x.${dead}-1.run.ts`), '');
    writeFileSync(join(studies, 'x.ts'), '');
    mkdirSync(join(temp, `mi-run-${dead}-abc`));
    const removed = removeStaleRunFiles({ tempDir: temp, reportsDir: reports, studiesDir: studies });
    expect(removed).toHaveLength(3);
    expect(readdirSync(reports)).toEqual([`.staging-x-${process.pid}-1`]);
    expect(readdirSync(studies)).toEqual(['x.ts']);
    expect(readdirSync(temp)).toEqual([]);
  });
});

describe('the reports lock', () => {
  it('a live holder makes --no-wait stop with a message; a dead holder is taken over', async () => {
    const out = join(tmp, 'locked');
    const release = await lockReportsDir(out);
    const busy = await run('report', join(ROOT, 'test/fixtures/studies/basic.ts'), '--out', out, '--no-wait');
    expect(busy.code).toBe(1);
    expect(busy.err).toMatch(/^impact: another report run \(pid \d+\) is writing .*locked; wait for it to finish/);
    expect(existsSync(join(out, 'basic'))).toBe(false);
    release();
    expect(existsSync(join(out, LOCK_NAME))).toBe(false);

    writeFileSync(join(out, LOCK_NAME), JSON.stringify({ pid: deadPid() }));
    const taken = await run('report', join(ROOT, 'test/fixtures/studies/basic.ts'), '--out', out, '--no-wait');
    expect(taken.code, taken.err).toBe(0);
    expect(existsSync(join(out, LOCK_NAME))).toBe(false);
    expect(readdirSync(out)).toEqual(['basic']);
  }, 60_000);
});

describe('a failing study', () => {
  it('never leaves a results.json newer than its index.html, and keeps the earlier results', async () => {
    const dir = join(tmp, 'flaky');
    mkdirSync(dir, { recursive: true });
    const study = join(dir, 'flaky.ts');
    const write = (fail: boolean) =>
      writeFileSync(study, `// %% [markdown]\n// # Flaky\n\n// %%\nimport { saveResults } from '${REPORT_API}';\nsaveResults({ run: ${fail ? "'second'" : "'first'"} });\n${fail ? "throw new Error('after saving');\n" : ''}`);
    const out = join(tmp, 'flaky-out');
    write(false);
    expect((await run('report', study, '--out', out)).code).toBe(0);
    const results = join(out, 'flaky', 'results.json');
    const html = join(out, 'flaky', 'index.html');
    expect(JSON.parse(readFileSync(results, 'utf8'))).toEqual({ run: 'first' });
    expect(statSync(results).mtimeMs).toBeLessThanOrEqual(statSync(html).mtimeMs);
    write(true);
    const failed = await run('report', study, '--out', out);
    expect(failed.code).toBe(1);
    expect(JSON.parse(readFileSync(results, 'utf8'))).toEqual({ run: 'first' });
    expect(statSync(results).mtimeMs).toBeLessThanOrEqual(statSync(html).mtimeMs);
    expect(readdirSync(out)).toEqual(['flaky']);
  }, 60_000);
});

describe('study file names', () => {
  it("'..ts' and '...ts' cannot write outside --out", async () => {
    const parent = join(tmp, 'names');
    const dir = join(parent, 'studies');
    mkdirSync(dir, { recursive: true });
    for (const name of ['..ts', '...ts']) writeFileSync(join(dir, name), "// %%\nconsole.log('x');\n");
    const out = join(dir, 'out');
    for (const name of ['..ts', '...ts']) {
      const r = await run('report', join(dir, name), '--out', out);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(new RegExp(`^impact: study file name '${name.replace(/\./g, '\\.')}' does not make a report folder name`));
      expect(() => studyIdFromPath(join(dir, name))).toThrow(/does not make a report folder name/);
    }
    expect(readdirSync(parent)).toEqual(['studies']);
    expect(readdirSync(dir).sort()).toEqual(['...ts', '..ts']);
    expect(studyIdFromPath('studies/cambricon-20pct.ts')).toBe('cambricon-20pct');
  });
});
