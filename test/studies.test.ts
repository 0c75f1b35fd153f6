/**
 * The seed studies end to end, as `npm start` runs them: every study writes its three reports,
 * the notebook carries Vega-Lite outputs with PNG fallbacks, numbers in the conclusions are the
 * engine's, and a second run changes no byte.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLAIM_VERDICTS } from '../src/claims/types.ts';
import { shortName } from '../src/format.ts';
import { parsePercentScript, writeStudyReports } from '../src/report/index.ts';
import { vegaLiteSchemaErrors } from './helpers/vega-schema.ts';

const ROOT = join(import.meta.dirname, '..');
const STUDIES = readdirSync(join(ROOT, 'studies')).filter((f) => f.endsWith('.ts')).sort();
const out = mkdtempSync(join(tmpdir(), 'impact-studies-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('seed studies', () => {
  it('there are the four studies of the issue', () => {
    expect(STUDIES).toEqual(['august-2025-ai-week.ts', 'cambricon-20pct.ts', 'deepseek-r1-shock.ts', 'deepseek-r2-rumours.ts']);
  });

  it.each(STUDIES)('%s runs and writes HTML, Markdown with PNGs, and a notebook with Vega-Lite outputs', async (file) => {
    const r = await writeStudyReports(join(ROOT, 'studies', file), join(out, file), { rootDir: ROOT });
    expect(r.run.error ?? '').toBe('');
    expect(r.run.ok).toBe(true);
    const html = readFileSync(r.html!, 'utf8');
    expect(html).toMatch(/<svg/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\/[^"]*\.(js|css)"/); // no CDN
    const md = readFileSync(r.markdown!, 'utf8');
    const pngs = [...md.matchAll(/\]\((charts\/[^)]+\.png)\)/g)].map((m) => m[1]);
    expect(pngs.length).toBeGreaterThan(0);
    for (const p of pngs) expect(readFileSync(join(out, file, p)).subarray(1, 4).toString()).toBe('PNG');
    const nb = JSON.parse(readFileSync(r.notebook!, 'utf8'));
    expect(nb.nbformat).toBe(4);
    const outputs = nb.cells.flatMap((c: { outputs?: { data?: Record<string, unknown> }[] }) => c.outputs ?? []);
    expect(outputs.some((o: { data?: Record<string, unknown> }) => o.data?.['application/vnd.vegalite.v5+json'] && o.data?.['image/png'])).toBe(true);
    // No silent NaN or undefined in what the study printed (code cells excluded: they are source).
    expect(html.replace(/<pre[\s\S]*?<\/pre>/g, '')).not.toMatch(/\bNaN\b|\bundefined\b/);
    // Every chart the study produced is a valid Vega-Lite spec (the schema vega-lite ships).
    const specs = r.run.document.cells.flatMap((c) => c.outputs).filter((o) => o.kind === 'chart') as { name: string; spec: unknown }[];
    expect(specs.length).toBeGreaterThan(0);
    for (const { name, spec } of specs) expect(vegaLiteSchemaErrors(spec), `${file} ${name}`).toEqual([]);
    // Small multiples of one quantity (several daily-AR charts) share one y-scale.
    const arDomains = specs
      .map(({ spec }) => JSON.stringify(spec))
      .filter((json) => json.includes('"title":"Abnormal return (%)"'))
      .map((json) => /"title":"Abnormal return \(%\)","format":"[^"]*"\},"scale":\{"domain":(\[[^\]]*\])/.exec(json)?.[1] ?? 'none');
    if (arDomains.length > 1) {
      expect(arDomains[0], file).not.toBe('none');
      expect(new Set(arDomains).size, file).toBe(1);
    }
    // Printed tables: p-values below 0.0001 as '<0.0001' (never 0.0000), booleans as words.
    const outsideCode = html.replace(/<pre[\s\S]*?<\/pre>/g, '');
    expect(outsideCode).not.toMatch(/<td class="num">0\.0000<\/td>/);
    expect(outsideCode).not.toMatch(/<td>(true|false)<\/td>/);
    // The Markdown report and the notebook open with the bottom line, as the HTML page does.
    expect(md).toMatch(/^# [^\n]+\n\n## Bottom line\n\n/);
    expect(nb.cells[0].source.join('')).toMatch(/^# [^\n]+\n\n## Bottom line\n\n/);
  }, 60_000);

  it('types no fact in prose: the markdown cells state the question and method in general words (no digit, symbol, security or event name, month or verdict)', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'data', 'manifest.json'), 'utf8')) as { symbols: Record<string, { name: string }> };
    const catalogue = JSON.parse(readFileSync(join(ROOT, 'data', 'events.json'), 'utf8')) as { events: { title: string }[] };
    const names = Object.entries(manifest.symbols).flatMap(([symbol, { name }]) => [symbol, shortName(name)]);
    // Proper names of the catalogue's events (DeepSeek, Huawei, OpenAI, ...): capitalised words of its titles.
    const eventWords = [...new Set(catalogue.events.flatMap((e) => e.title.match(/\b[A-Z][A-Za-z]*[a-z][A-Z][A-Za-z]*\b|\b[A-Z][a-z]{3,}\b/g) ?? []))].filter((w) => !['Information', 'Results'].includes(w));
    const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    const banned = [...names, ...eventWords, ...months, ...CLAIM_VERDICTS];
    for (const file of STUDIES) {
      for (const cell of parsePercentScript(readFileSync(join(ROOT, 'studies', file), 'utf8'))) {
        if (cell.kind !== 'markdown') continue;
        expect(cell.source.replace(/\bday 0\b|\bsha256\b/g, ''), file).not.toMatch(/\d/);
        for (const word of banned) expect(cell.source, `${file}: '${word}'`).not.toMatch(new RegExp(`(^|[^\\w.^])${word.replace(/[.^$*+?()[\]{}|\\]/g, '\\$&')}(?![\\w.])`));
      }
    }
  });

  it('cambricon-20pct: the conclusion quotes the checker and the engine; a rerun is byte-identical', async () => {
    const dir = join(out, 'rerun');
    const a = await writeStudyReports(join(ROOT, 'studies', 'cambricon-20pct.ts'), dir, { rootDir: ROOT });
    const files = [a.html!, a.markdown!, a.notebook!, join(dir, 'results.json')];
    const first = files.map((f) => readFileSync(f));
    const results = JSON.parse(first[3].toString('utf8'));
    const jump = results.claims[0];
    expect(jump.verdict).toBe('confirmed');
    expect(jump.matchedDate).toBe('2025-08-12');
    expect(results.claims[1].marketCap.status).toBe('consistent');
    const html = first[0].toString('utf8');
    expect(html).toContain('355.1 billion yuan');
    expect(html).toContain(`+${(results.studies[0].result.events[0].ar.find((d: { rel: number }) => d.rel === 0).ar * 100).toFixed(2)}%`);
    await writeStudyReports(join(ROOT, 'studies', 'cambricon-20pct.ts'), dir, { rootDir: ROOT });
    files.forEach((f, i) => expect(readFileSync(f).equals(first[i]), f).toBe(true));
  }, 60_000);
});
