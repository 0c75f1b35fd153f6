/** `impact report` / `impact notebook` on fixture studies: files written, reruns byte-identical, failures named. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './helpers/cli.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'studies');
const tmp: string[] = [];
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));


describe('impact report / notebook', () => {
  it('writes HTML + Markdown (+ ipynb on request); a second run changes no byte', async () => {
    const out = mkdtempSync(join(tmpdir(), 'impact-rep-'));
    tmp.push(out);
    const a = await run('report', join(FIXTURES, 'basic.ts'), '--out', out, '--format', 'html,md,ipynb');
    expect(a.err).toMatch(/running .*basic\.ts/);
    expect(a.code).toBe(0);
    const files = ['index.html', 'report.md', 'study.ipynb'].map((f) => join(out, 'basic', f));
    for (const f of files) expect(existsSync(f)).toBe(true);
    const first = files.map((f) => readFileSync(f));
    expect((await run('report', join(FIXTURES, 'basic.ts'), '--out', out, '--format', 'html,md,ipynb')).code).toBe(0);
    files.forEach((f, i) => expect(readFileSync(f).equals(first[i]), f).toBe(true));
    const nb = JSON.parse(first[2].toString('utf8'));
    expect(nb.nbformat).toBe(4);
    const outputs = nb.cells.flatMap((c: { outputs?: { data?: Record<string, unknown> }[] }) => c.outputs ?? []);
    expect(outputs.some((o: { data?: Record<string, unknown> }) => o.data && 'application/vnd.vegalite.v5+json' in o.data && 'image/png' in o.data)).toBe(true);
  }, 60_000);

  it('notebook writes only the .ipynb', async () => {
    const out = mkdtempSync(join(tmpdir(), 'impact-nb-'));
    tmp.push(out);
    const r = await run('notebook', join(FIXTURES, 'basic.ts'), '--out', out);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'basic', 'study.ipynb'))).toBe(true);
    expect(existsSync(join(out, 'basic', 'index.html'))).toBe(false);
  }, 60_000);

  it('a failing study: exit 1, names the cell, writes nothing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'impact-fail-'));
    tmp.push(out);
    const r = await run('report', join(FIXTURES, 'failing.ts'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/failed in code cell \d+ \(line \d+\)/);
    expect(existsSync(join(out, 'failing', 'index.html'))).toBe(false);
  }, 60_000);

  it('bad input: missing script, wrong format', async () => {
    expect((await run('report', 'nope.ts')).err).toMatch(/^impact: study script not found: nope\.ts/);
    expect((await run('report', join(FIXTURES, 'basic.ts'), '--format', 'pdf')).err).toMatch(/--format takes html, md and\/or ipynb, not 'pdf'/);
    expect((await run('notebook')).code).toBe(1);
  });
});
