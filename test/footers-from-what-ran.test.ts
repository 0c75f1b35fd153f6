/**
 * Reports say what ran: the article report's footer is built, like a study's, from the run log
 * (the checkClaim calls the article made) and the data layer's record of the files read (the
 * benchmark, share counts and FX included), not from the claims' symbols; and streamEventStudy
 * writes the run log as runEventStudy does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolders } from './helpers/tmp.ts';
import { checkArticle } from '../src/claims/article/index.ts';
import { processLibraryCalls } from '../src/study/call-log.ts';
import { streamEventStudy } from '../src/study/run.ts';
import { run } from './helpers/cli.ts';

const ROOT = join(import.meta.dirname, '..');
const folder = tempFolders('mi-footer-');

describe('the article report footer', () => {
  it('lists every file the checks read and the checkClaim calls they made', async () => {
    const dir = folder();
    const r = await run('article', join(ROOT, 'examples/cambricon-fr.txt'), '--report', join(dir, 'out'));
    expect(r.code).toBe(0);
    const md = readFileSync(join(dir, 'out', 'report.md'), 'utf8');
    const files = md.split('### Data files')[1].split('###')[0];
    const rows = files.split('\n').filter((l) => /^\| (?!Symbol|---)/.test(l)).map((l) => l.split(' | ')[0].slice(2));
    // The security, its benchmark (never named by the article), the share counts and the FX rate it used.
    expect(rows).toEqual(['688256.SS', '000688.SS', 'share counts', 'USD/CNY']);
    const ran = md.split('### What ran')[1].split('###')[0];
    expect(ran).toMatch(/\| 1 \| checkClaim \| 688256\.SS reported 2025-08-12: move \+20\.00% .*benchmark 000688\.SS \|/);
  });

  it('checkArticle returns what ran and what was read with the result (not in the --json output)', async () => {
    const result = await checkArticle(readFileSync(join(ROOT, 'examples/cambricon-fr.txt'), 'utf8'));
    expect(result.provenance.calls.map((c) => c.kind)).toEqual(['checkClaim']);
    expect(result.provenance.reads.map((x) => x.kind)).toEqual(['prices', 'prices', 'shares', 'fx']);
    const json = JSON.parse((await run('article', join(ROOT, 'examples/cambricon-fr.txt'), '--json')).out);
    expect(Object.keys(json)).toEqual(['article', 'sentences', 'claims', 'notChecked']);
  });
});

describe('streamEventStudy writes the run log', () => {
  it('one runEventStudy record per streamed study, with the effective parameters and the count of streamed events', async () => {
    const before = processLibraryCalls().length;
    async function* events() {
      yield { symbol: 'NVDA', date: '2025-01-27' };
      yield { symbol: 'AMD', date: '2025-01-27' };
    }
    await streamEventStudy(events(), { benchmark: 'SPY', bootstrap: { replications: 99, seed: 7 } });
    const calls = processLibraryCalls().slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0].kind).toBe('runEventStudy');
    expect(calls[0].inputs).toEqual({ events: [], eventsStreamed: 2 });
    expect(calls[0].parameters).toMatchObject({ model: 'market', estimationWindow: [-250, -11], bootstrap: { replications: 99, seed: 7 }, prices: 'data store' });
    expect(calls[0].seeds).toEqual({ bootstrap: 7 });

    // A list is listed, as runEventStudy lists it.
    await streamEventStudy([{ symbol: 'NVDA', date: '2025-01-27' }], { benchmark: 'SPY', bootstrap: false });
    const last = processLibraryCalls().at(-1)!;
    expect(last.inputs).toEqual({ events: [{ symbol: 'NVDA', date: '2025-01-27', benchmark: 'SPY' }] });
  });
});
