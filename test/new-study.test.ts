/**
 * `impact new-study NAME` (#11.2): a study to start from with no hand-typed facts. The template
 * runs as it is through the report runner (from a folder outside the project), its footer lists
 * what the run read and called, its bottom line quotes the run's numbers, and editing only the
 * lines at its top (peers, a reported move) changes what it reports. Existing files and unsafe
 * names are refused without writing anything.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { studyFileName, studyTemplate } from '../src/cli/commands/new-study.ts';
import { sha256OfBytes } from '../src/data/manifest.ts';
import { signedPercent } from '../src/format.ts';
import { studyConclusion } from '../src/report/document.ts';
import { parsePercentScript } from '../src/report/runner.ts';
import { writeStudyReports } from '../src/report/reports.ts';
import { runEventStudy } from '../src/study/run.ts';
import { expectOneLineError, run } from './helpers/cli.ts';

const ROOT = join(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'mi-new-study-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('impact new-study', () => {
  it('writes a template that runs as it is, with a footer and a bottom line derived from the run', async () => {
    const dir = join(tmp, 'a');
    const r = await run('new-study', 'demo', '--out', dir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(join(dir, 'demo.ts'));
    expect(readdirSync(dir)).toEqual(['demo.ts']);
    const source = readFileSync(join(dir, 'demo.ts'), 'utf8');
    // Percent cells: markdown for the question and the method, code for the rest.
    expect(parsePercentScript(source).map((c) => c.kind)).toEqual(['markdown', 'code', 'markdown', 'code', 'markdown', 'code', 'markdown', 'code', 'markdown', 'code']);

    const reports = await writeStudyReports(join(dir, 'demo.ts'), join(tmp, 'a-out', 'demo'), { rootDir: ROOT, git: { commit: 'test', dirty: false } });
    expect(reports.run.error ?? '', reports.run.error).toBe('');
    expect(reports.run.ok).toBe(true);
    const doc = reports.run.document;
    expect(doc.title).toBe('NVIDIA on 2025-01-27: an event study against SPDR S&P 500 ETF (SPY)');
    // Footer: the files the run read, with the sha256 of their bytes; the call it made with its defaults.
    expect(doc.provenance.dataFiles.map((f) => f.symbol)).toEqual(['NVDA', 'SPY']);
    for (const f of doc.provenance.dataFiles) expect(f.sha256).toBe(sha256OfBytes(readFileSync(join(ROOT, f.file!))));
    expect(doc.provenance.calls).toEqual([
      expect.objectContaining({
        kind: 'runEventStudy',
        inputs: { events: [{ symbol: 'NVDA', date: '2025-01-27', benchmark: 'SPY' }] },
        parameters: expect.objectContaining({ model: 'market', estimationWindow: [-250, -11], bootstrap: { replications: 9999, seed: 1 } }),
        seeds: { bootstrap: 1 },
      }),
    ]);
    // Bottom line: NVIDIA's own day 0, recomputed here.
    const check = await runEventStudy({ events: [{ symbol: 'NVDA', date: '2025-01-27' }], benchmark: 'SPY', bootstrap: false });
    const d0 = check.events[0].ar.find((d) => d.rel === 0)!;
    expect(studyConclusion(doc)).toBe(
      `On 2025-01-27 (day 0) NVIDIA (NVDA) returned ${signedPercent(d0.ret)} while SPDR S&P 500 ETF (SPY) returned ${signedPercent(d0.marketRet)}: an abnormal return of ${signedPercent(d0.ar)} (t = ${check.events[0].car.find((c) => c.window === '[0,0]')!.t.toFixed(2).replace('-', '\u2212')}, p < 0.0001), significant at 5%.`,
    );
    expect(readFileSync(reports.html!, 'utf8')).toContain('<h3>What ran</h3>');
  }, 60_000);

  it('reports what the edited lines at the top ask for: peers and a reported move', async () => {
    const dir = join(tmp, 'b');
    expect((await run('new-study', 'amd.ts', '--out', dir, '--symbol', 'AMD', '--market', 'QQQ', '--date', '2025-01-27')).code).toBe(0);
    const path = join(dir, 'amd.ts');
    const edited = readFileSync(path, 'utf8')
      .replace("const PEERS: string[] = [];", "const PEERS: string[] = ['NVDA', 'AVGO'];")
      .replace('const CLAIMED_MOVE: string | null = null;', "const CLAIMED_MOVE: string | null = '-6%';");
    writeFileSync(path, edited);
    const reports = await writeStudyReports(path, join(tmp, 'b-out', 'amd'), { rootDir: ROOT, git: { commit: 'test', dirty: false } });
    expect(reports.run.ok, reports.run.error).toBe(true);
    const doc = reports.run.document;
    expect(doc.title).toBe('Advanced Micro Devices on 2025-01-27: an event study against Invesco QQQ (QQQ)');
    expect(doc.provenance.calls.map((c) => c.kind)).toEqual(['runEventStudy', 'checkClaim']);
    expect(doc.provenance.calls[1].inputs).toMatchObject({ symbol: 'AMD', reportedOn: '2025-01-27', move: -0.06, benchmark: 'QQQ' });
    const bottom = studyConclusion(doc)!;
    expect(bottom).toMatch(/^The claim that Advanced Micro Devices \(AMD\) fell 6%, reported on 2025-01-27, is \*\*(confirmed|approximate)\*\*/);
    expect(bottom).toContain('Across 3 events (Advanced Micro Devices, NVIDIA and Broadcom; day 0 2025-01-27; vs Invesco QQQ (QQQ)) the CAAR[0, 0] was');
    expect(bottom).toContain('With N = 3 events');
  }, 60_000);

  it('refuses an existing file and an unsafe name, writing nothing', async () => {
    const dir = join(tmp, 'c');
    expect((await run('new-study', 'demo', '--out', dir)).code).toBe(0);
    writeFileSync(join(dir, 'demo.ts'), 'my edits\n');
    expectOneLineError(await run('new-study', 'demo', '--out', dir), /demo\.ts already exists; choose another name/);
    expect(readFileSync(join(dir, 'demo.ts'), 'utf8')).toBe('my edits\n');
    for (const bad of ['..', '../escape', 'a/b', 'a\\b', '.hidden', 'x..y', 'a b', '']) {
      expectOneLineError(await run('new-study', bad, '--out', dir), /is not a safe file name/);
    }
    expect(readdirSync(dir)).toEqual(['demo.ts']);
    expectOneLineError(await run('new-study', '--out', dir), /new-study needs a NAME/);
    expectOneLineError(await run('new-study', 'x', '--date', '2025-02-30', '--out', dir), /2025-02-30/);
    expectOneLineError(await run('new-study', 'x', '--symbol', 'NV DA', '--out', dir), /--symbol 'NV DA' is not a symbol/);
    writeFileSync(join(tmp, 'a-file'), '');
    expectOneLineError(await run('new-study', 'x', '--out', join(tmp, 'a-file')), /is not a folder/);
    expect(readdirSync(dir)).toEqual(['demo.ts']);
  });

  it('embeds any symbol as a string literal and names files safely', () => {
    expect(studyFileName('nvda-deepseek')).toBe('nvda-deepseek.ts');
    expect(studyFileName('v3.1.ts')).toBe('v3.1.ts');
    const text = studyTemplate({ symbol: "O'Neil\"\\", benchmark: 'SPY', date: '2025-01-27' });
    expect(text).toContain(`const SYMBOL = ${JSON.stringify("O'Neil\"\\")};`);
    // No fact of any seed study in the template's prose.
    for (const cell of parsePercentScript(studyTemplate({ symbol: 'NVDA', benchmark: 'SPY', date: '2025-01-27' }))) {
      if (cell.kind === 'markdown') expect(cell.source.replace(/\bday 0\b/g, '')).not.toMatch(/\d|NVDA|SPY|NVIDIA/);
    }
  });
});
