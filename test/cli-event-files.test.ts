/**
 * `impact event --events FILE` as files get large: CSV read properly (quoted commas, a repeated
 * column, a typo'd column with "did you mean", extra columns kept as characteristics, the same row
 * twice), results written to --out as CSV, NDJSON and Parquet (the same numbers as --json), the
 * summary text above 20 events, --data-dir, the bootstrap cap said, and `impact check --estimation`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run, expectOneLineError } from './helpers/cli.ts';
import { createCsvSplitter, parseEventsCsv } from '../src/study/events-file.ts';
import { writeFolderSeries } from '../src/data/folder.ts';

const tmp = mkdtempSync(join(tmpdir(), 'impact-files-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

describe('events files', () => {
  it('quoted fields keep their commas, doubled quotes and line breaks; extra columns become characteristics', () => {
    const events = parseEventsCsv('symbol,date,label,sector,"size, bn"\nNVDA,2025-01-27,"DeepSeek, R1 ""shock""",semis,3400\nAMD,2025-01-27,"two\nlines",semis,"190"\n', 'e.csv');
    expect(events).toEqual([
      { symbol: 'NVDA', date: '2025-01-27', label: 'DeepSeek, R1 "shock"', characteristics: { sector: 'semis', 'size, bn': '3400' } },
      { symbol: 'AMD', date: '2025-01-27', label: 'two\nlines', characteristics: { sector: 'semis', 'size, bn': '190' } },
    ]);
  });

  it('refuses a repeated column, a typo of a known column, and the same row twice (unless allowed)', () => {
    expect(() => parseEventsCsv('symbol,date,Date\nNVDA,2025-01-27,2025-01-28\n', 'e.csv')).toThrow(/e\.csv: line 1: column 'Date' appears twice \(columns 2 and 3\)/);
    expect(() => parseEventsCsv('symbol,date,markt\nNVDA,2025-01-27,SPY\n', 'e.csv')).toThrow(/unknown column 'markt'; did you mean 'market'\?/);
    expect(() => parseEventsCsv('symbol,date,lable\nNVDA,2025-01-27,x\n', 'e.csv')).toThrow(/did you mean 'label'\?/);
    // Common characteristic names near short known columns are kept.
    expect(parseEventsCsv('symbol,date,size,type,sic\nNVDA,2025-01-27,3400,launch,3674\n', 'e.csv')[0].characteristics).toEqual({ size: '3400', type: 'launch', sic: '3674' });
    const twice = 'symbol,date,market\nNVDA,2025-01-27,SPY\nAMD,2025-01-27,SPY\nNVDA,2025-01-27,SPY\n';
    expect(() => parseEventsCsv(twice, 'e.csv')).toThrow(/e\.csv: line 4 repeats line 2 \(the same event twice\).*--allow-duplicates/);
    expect(parseEventsCsv(twice, 'e.csv', { allowDuplicates: true })).toHaveLength(3);
    // With ids, an allowed repeat gets a unique id.
    const withIds = parseEventsCsv('id,symbol,date\nx,NVDA,2025-01-27\nx,NVDA,2025-01-27\n', 'e.csv', { allowDuplicates: true });
    expect(withIds.map((e) => e.id)).toEqual(['x', 'x#2']);
  });

  it('through the CLI: a repeated row is one line naming both lines; --allow-duplicates studies it twice', async () => {
    const p = file('twice.csv', 'symbol,date\nNVDA,2025-01-27\nNVDA,2025-01-27\n');
    expectOneLineError(await run('event', '--events', p, '--market', 'SPY', '--bootstrap', '0'), /twice\.csv: line 3 repeats line 2/);
    const r = await run('event', '--events', p, '--market', 'SPY', '--bootstrap', '0', '--json', '--allow-duplicates');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).events.map((e: { id: string }) => e.id)).toEqual(['NVDA@2025-01-27', 'NVDA@2025-01-27#2']);
  });

  it('characteristics reach the JSON and the --out rows', async () => {
    const p = file('chars.csv', 'id,symbol,date,market,sector\nr1,NVDA,2025-01-27,SPY,"chips, AI"\nr2,MSFT,2025-01-27,SPY,software\n');
    const out = join(tmp, 'chars.ndjson');
    const r = await run('event', '--events', p, '--bootstrap', '0', '--json', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).events[0].characteristics).toEqual({ sector: 'chips, AI' });
    const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.filter((x) => x.id === 'r1').every((x) => x.sector === 'chips, AI')).toBe(true);
  });
});

/** A file of 24 US events (more than the 20 printed in full). */
const many = () =>
  file(
    'many.csv',
    'symbol,date,market\n' +
      ['NVDA', 'AMD', 'AVGO', 'MSFT', 'META', 'GOOGL']
        .flatMap((s) => ['2024-03-04', '2024-06-03', '2024-09-03', '2025-01-27'].map((d) => `${s},${d},SPY`))
        .join('\n') +
      '\n',
  );

describe('--out: rows as they are computed, the same numbers as --json', () => {
  it('CSV, NDJSON and Parquet hold one row per event and CAR window, equal to the JSON result', async () => {
    const p = many();
    const json = await run('event', '--events', p, '--bootstrap', '0', '--json');
    expect(json.code, json.err).toBe(0);
    const doc = JSON.parse(json.out);
    const want = doc.events.flatMap((e: { id: string; alpha: number; car: { window: string; car: number; t: number; p: number; days: number }[] }) =>
      e.car.map((c) => ({ id: e.id, window: c.window, car: c.car, t: c.t, p: c.p, days: c.days, alpha: e.alpha })),
    );
    expect(want).toHaveLength(24 * 4);

    const csvPath = join(tmp, 'r.csv');
    const r1 = await run('event', '--events', p, '--bootstrap', '0', '--summary', '--out', csvPath);
    expect(r1.code, r1.err).toBe(0);
    const table: string[][] = [];
    const splitter = createCsvSplitter((cells) => table.push(cells), csvPath);
    splitter.push(readFileSync(csvPath, 'utf8'));
    splitter.end();
    const [cols, ...lines] = table;
    const csv = lines.map((l) => Object.fromEntries(l.map((v, j) => [cols[j], v])));
    expect(csv).toHaveLength(want.length);
    csv.forEach((row, k) => {
      expect(row.id).toBe(want[k].id);
      expect(row.window).toBe(want[k].window);
      expect(Number(row.car)).toBe(want[k].car); // full precision, round trip
      expect(Number(row.p)).toBe(want[k].p);
      expect(Number(row.alpha)).toBe(want[k].alpha);
    });

    const ndPath = join(tmp, 'r.ndjson');
    expect((await run('event', '--events', p, '--bootstrap', '0', '--summary', '--out', ndPath)).code).toBe(0);
    const nd = readFileSync(ndPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(nd.map((x) => [x.id, x.window, x.car, x.t, x.days])).toEqual(want.map((w: { id: string; window: string; car: number; t: number; days: number }) => [w.id, w.window, w.car, w.t, w.days]));

    const pqPath = join(tmp, 'r.parquet');
    expect((await run('event', '--events', p, '--bootstrap', '0', '--summary', '--out', pqPath)).code).toBe(0);
    const { parquetReadObjects } = await import('hyparquet');
    const buf = readFileSync(pqPath);
    const pq = await parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) });
    expect(pq.map((x) => [x.id, x.window, x.car, x.t, x.days])).toEqual(want.map((w: { id: string; window: string; car: number; t: number; days: number }) => [w.id, w.window, w.car, w.t, w.days]));
    // Nothing left beside the outputs (temporary files are renamed into place).
    expect(readdirSync(tmp).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('an unknown extension is refused before any work; a failed study leaves no output file', async () => {
    expectOneLineError(await run('event', '--events', many(), '--out', join(tmp, 'x.xlsx')), /--out .*x\.xlsx: unknown format '\.xlsx'; use \.csv, \.ndjson or \.parquet/);
    const bad = file('bad-late.csv', 'symbol,date\nNVDA,2025-01-27\nNVDA,2025-13-01\n');
    const out = join(tmp, 'never.csv');
    expectOneLineError(await run('event', '--events', bad, '--market', 'SPY', '--bootstrap', '0', '--out', out), /line 3/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp).filter((f) => f.startsWith('never'))).toEqual([]);
  });
});

describe('text output for many events', () => {
  it('above 20 events: the aggregate, the first events and the most abnormal ones, not every row', async () => {
    const r = await run('event', '--events', many(), '--bootstrap', '0');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/24 event\(s\) studied, 0 skipped/);
    expect(r.out).toMatch(/Across events \(N=24, mean residual correlation r̄=/);
    expect(r.out).toMatch(/First 5 events:/);
    expect(r.out).toMatch(/Most abnormal 5 events \(largest \|t\| of the first CAR window\):/);
    expect(r.out).not.toMatch(/■/); // no per-event AR tables
    expect(r.out.split('\n').length).toBeLessThan(120);
  });

  it('--summary prints only the aggregate', async () => {
    const r = await run('event', '--events', many(), '--bootstrap', '0', '--summary');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/CAAR \[-1,\+1\]/);
    expect(r.out).not.toMatch(/First \d+ events|Most abnormal/);
  });

  it('--bootstrap 99999999999999999999 is capped at 1,000,000 and the output says so', async () => {
    const r = await run('event', 'NVDA,AMD', '--market', 'SPY', '--date', '2025-01-27', '--car', '0:0', '--bootstrap', '99999999999999999999', '--json');
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.parameters.bootstrap.replications).toBe(1_000_000);
    expect(doc.notes.join(' ')).toMatch(/bootstrap replications capped at 1,000,000/);
  }, 60_000);
});

describe('--data-dir and impact check --estimation', () => {
  it('impact event --data-dir: a user series studied against a bundled benchmark', async () => {
    const dir = join(tmp, 'data');
    const amd = readFileSync(join(import.meta.dirname, '..', 'data', 'prices', 'AMD.csv'), 'utf8');
    writeFolderSeries(dir, { symbol: 'MYCO', name: 'My Co', aliases: [], exchange: 'XNAS', currency: 'USD', timeZone: 'America/New_York', kind: 'stock', adjustment: 'as AMD', notes: [] }, amd);
    const mine = JSON.parse((await run('event', 'MYCO', '--market', 'SPY', '--date', '2025-01-27', '--data-dir', dir, '--bootstrap', '0', '--json')).out);
    const amdRes = JSON.parse((await run('event', 'AMD', '--market', 'SPY', '--date', '2025-01-27', '--bootstrap', '0', '--json')).out);
    expect(mine.events[0].symbol).toBe('MYCO');
    expect(mine.events[0].beta).toBe(amdRes.events[0].beta);
    expect(mine.events[0].ar[5].ar).toBe(amdRes.events[0].ar[5].ar);
    expectOneLineError(await run('event', 'MYCO', '--market', 'SPY', '--date', '2025-01-27'), /unknown symbol 'MYCO'/);
  });

  it('impact check --estimation sets the window of the abnormal return (M changes), and a bad one is refused', async () => {
    const a = JSON.parse((await run('check', 'NVDA', '--move', '-17%', '--reported', '2025-01-27', '--json')).out);
    const b = JSON.parse((await run('check', 'NVDA', '--move', '-17%', '--reported', '2025-01-27', '--estimation', '-150:-11', '--json')).out);
    const day = (c: { evidence: { date: string; abnormal: { M: number } | null }[] }) => c.evidence.find((d) => d.date === '2025-01-27')!.abnormal!;
    expect(day(a).M).toBe(240);
    expect(day(b).M).toBe(140);
    expectOneLineError(await run('check', 'NVDA', '--move', '-17%', '--reported', '2025-01-27', '--estimation', '-20:5'), /must end before the day measured/);
  });
});
