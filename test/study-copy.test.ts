/**
 * Reports say what ran, never what someone typed (#11.2). The Cambricon study is copied and only
 * its symbol and benchmark strings are changed (to AMD, NVDA and AVGO against SPY and QQQ); run
 * through the report runner, its footer must list the files that copy read (with the sha256 of
 * their bytes) and the calls it made with the claims and parameters it passed, and its title,
 * bottom line, captions and prose must name the new stocks with their own computed numbers —
 * never the original's Cambricon, STAR 50 or "12 August".
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256OfBytes } from '../src/data/manifest.ts';
import { studyConclusion } from '../src/report/document.ts';
import { renderMarkdownReport } from '../src/report/markdown-report.ts';
import { runStudy } from '../src/report/runner.ts';
import { runEventStudy } from '../src/study/run.ts';
import { signedPercent } from '../src/format.ts';

const ROOT = join(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'mi-study-copy-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The original's symbols → the copy's (stock, two peers, benchmark, second benchmark). */
const SWAP: Record<string, string> = { '688256.SS': 'AMD', '688041.SS': 'NVDA', '688981.SS': 'AVGO', '000688.SS': 'SPY', '000300.SS': 'QQQ' };
/** What the original's text says that the copy's must never say. */
const ORIGINAL = ['Cambricon', 'Hygon', 'SMIC', 'STAR 50', 'CSI 300', '688256', '688041', '688981', '000688', '000300', '12 August', '22 August', '寒武纪'];

describe('a study copied to another stock reports what the copy ran', () => {
  it('footer, claims, parameters, title and bottom line all come from the copy’s own run', async () => {
    const original = readFileSync(join(ROOT, 'studies', 'cambricon-20pct.ts'), 'utf8');
    // Only the symbol strings change (and the package import points at this checkout, the copy living outside it).
    const copy = original
      .replace(/'(688256\.SS|688041\.SS|688981\.SS|000688\.SS|000300\.SS)'/g, (_, s: string) => `'${SWAP[s]}'`)
      .replace(/from 'market-impact'/g, `from ${JSON.stringify(join(ROOT, 'src', 'index.ts'))}`);
    expect(copy).not.toMatch(/'(688256|688041|688981|000688|000300)\.SS'/);
    const path = join(tmp, 'amd-copy.ts');
    writeFileSync(path, copy);
    const run = await runStudy(path, { rootDir: ROOT, outDir: join(tmp, 'out'), git: { commit: 'test', dirty: false } });
    expect(run.error ?? '', run.error).toBe('');
    expect(run.ok).toBe(true);
    const doc = run.document;

    // Data: exactly the files the copy read, each with the sha256 of its bytes.
    const files = doc.provenance.dataFiles;
    const symbols = files.map((f) => f.symbol);
    for (const s of ['AMD', 'NVDA', 'AVGO', 'SPY', 'QQQ']) expect(symbols).toContain(s);
    for (const s of symbols) expect(['AMD', 'NVDA', 'AVGO', 'SPY', 'QQQ', 'share counts', 'USD/CNY']).toContain(s);
    expect(new Set(symbols).size).toBe(symbols.length);
    for (const f of files) expect(f.sha256, f.file).toBe(sha256OfBytes(readFileSync(join(ROOT, f.file!))));

    // Claims and parameters: the calls the copy made, with what it passed (and the defaults used).
    const calls = doc.provenance.calls;
    const claims = calls.filter((c) => c.kind === 'checkClaim');
    expect(claims.length).toBeGreaterThan(0);
    for (const c of claims) expect(c.inputs).toMatchObject({ symbol: 'AMD', reportedOn: '2025-08-13', move: 0.2, basis: 'close', benchmark: 'SPY' });
    expect(claims.some((c) => JSON.stringify(c.inputs.marketCap) === JSON.stringify([{ value: 355e9, currency: 'CNY' }, { value: 49.7e9, currency: 'USD' }]))).toBe(true);
    const studies = calls.filter((c) => c.kind === 'runEventStudy');
    expect(studies.length).toBe(3);
    for (const s of studies) {
      const events = s.inputs.events as { symbol: string; benchmark: string }[];
      expect(events.map((e) => e.symbol)).toEqual(['AMD', 'NVDA', 'AVGO']);
      expect(['SPY', 'QQQ']).toContain(events[0].benchmark);
      expect(s.parameters).toMatchObject({ model: 'market', estimationWindow: [-250, -11], eventWindow: [-5, 5], bootstrap: { replications: 9999, seed: 20250812 } });
      expect(s.seeds).toEqual({ bootstrap: 20250812 });
    }
    // The footer as printed: "What ran" lists the claim as the copy passed it; nothing of the original.
    const md = renderMarkdownReport(doc);
    const footer = md.slice(md.indexOf('## Reproducibility'));
    expect(footer).toMatch(/\| checkClaim \| (?:[\w-]+: )?AMD reported 2025-08-13: move \+20\.00% \(close, 5 sessions back, ±1\.5 pp\); benchmark SPY \|/);
    expect(footer).toMatch(/\| runEventStudy \| 3 events: AMD, NVDA, AVGO on 2025-08-22 vs QQQ \|/);
    for (const word of ORIGINAL) expect(footer, word).not.toContain(word);

    // The bottom line names the copy's stock and quotes its own numbers, computed here independently.
    const bottom = studyConclusion(doc) ?? '';
    expect(bottom).toContain('Advanced Micro Devices (AMD)');
    const check = await runEventStudy({ events: ['AMD', 'NVDA', 'AVGO'].map((symbol) => ({ symbol, date: '2025-08-22' })), benchmark: 'SPY', bootstrap: { replications: 9999, seed: 20250812 } });
    const amd = check.events[0].ar.find((d) => d.rel === 0)!;
    expect(bottom).toContain(`abnormal return of ${signedPercent(amd.ar)}`);
    expect(bottom).toContain(`the CAAR[0, 0] was ${signedPercent(check.aggregate.find((a) => a.window === '[0,0]')!.caar)}`);
    for (const word of ORIGINAL) expect(bottom, word).not.toContain(word);

    // Title, prose the code printed, captions and chart descriptions: nothing of the original either.
    expect(doc.title).toContain('Advanced Micro Devices');
    const shown = [
      doc.title,
      ...doc.cells.filter((c) => c.kind === 'markdown').map((c) => c.source),
      ...doc.cells.flatMap((c) => c.outputs).flatMap((o) => (o.kind === 'markdown' ? [o.text] : o.kind === 'table' ? [o.caption ?? '', JSON.stringify(o.rows)] : o.kind === 'chart' ? [o.alt, JSON.stringify(o.spec)] : [])),
    ].join('\n');
    for (const word of ORIGINAL) expect(shown, word).not.toContain(word);
  }, 120_000);
});
