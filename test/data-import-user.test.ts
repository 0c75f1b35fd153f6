/**
 * Issue 9.1: `impact import` of a user's own daily price file into a data folder, and issue 9.2's
 * data-folder overlay. The done-when check: AMD's adjusted closes, written in a user's layout
 * (semicolons, reordered columns, 'Adj Close'), imported as MYCO, give against SPY on 2025-01-27
 * the same alpha, beta, sigma and day-0 AR as AMD itself.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DATA_DIR_ENV, openDataStore } from '../src/data/store.ts';
import { importUserPriceFile, parseUserPriceFile } from '../src/data/user-import.ts';
import { sha256OfBytes } from '../src/data/manifest.ts';
import { runEventStudy } from '../src/study/run.ts';
import { expectOneLineError, run } from './helpers/cli.ts';

const ROOT = resolve(import.meta.dirname, '..');
const tmp: string[] = [];
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));
afterEach(() => {
  delete process.env[DATA_DIR_ENV];
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'mi-import-'));
  tmp.push(d);
  return d;
};
const write = (dir: string, name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

/** AMD's bundled rows rewritten as a user would have them: ';', another column order, 'Adj Close'. */
function amdInUserLayout(): string {
  const [header, ...rows] = readFileSync(join(ROOT, 'data/prices/AMD.csv'), 'utf8').trim().split('\n');
  expect(header).toBe('date,open,high,low,close,adjClose,volume,turnoverPct');
  const out = ['Volume;Adj Close;Date;Low;High;Close;Open'];
  for (const r of rows) {
    const [date, open, high, low, close, adj, volume] = r.split(',');
    out.push([volume, adj, date, low, high, close, open].join(';'));
  }
  return `${out.join('\r\n')}\r\n`;
}

describe('issue 9.1 done-when: a user CSV of AMD imported as MYCO studies exactly like AMD', () => {
  it('same alpha, beta, sigma and day-0 AR against SPY on 2025-01-27', async () => {
    const dir = tempDir();
    const file = write(dir, 'myco.csv', amdInUserLayout());
    const data = join(dir, 'd');
    const r = await run('import', file, '--symbol', 'MYCO', '--exchange', 'XNYS', '--currency', 'USD', '--data-dir', data);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/imported myco\.csv as MYCO \(MYCO; XNYS, USD, America\/New_York\)/);
    expect(r.out).toMatch(/read as  delimiter ';', dates YYYY-MM-DD \(year first\)/);
    expect(r.out).toMatch(/columns  Volume -> volume, Adj Close -> adjClose, Date -> date, Low -> low, High -> high, Close -> close, Open -> open/);
    // The normalized file is byte for byte AMD's: nothing was rounded or reordered.
    expect(readFileSync(join(data, 'prices/MYCO.csv'), 'utf8')).toBe(readFileSync(join(ROOT, 'data/prices/AMD.csv'), 'utf8'));

    const store = openDataStore({ dataDir: data });
    const common = { benchmark: 'SPY', bootstrap: false as const };
    const myco = await runEventStudy({ ...common, events: [{ symbol: 'MYCO', date: '2025-01-27' }], loadSeries: (s) => store.loadSeries(s) });
    const amd = await runEventStudy({ ...common, events: [{ symbol: 'AMD', date: '2025-01-27' }] });
    const [m, a] = [myco.events[0], amd.events[0]];
    expect(m.symbol).toBe('MYCO');
    for (const k of ['alpha', 'beta', 'sigma', 'M'] as const) expect(m[k], k).toBe(a[k]);
    const day0 = (e: typeof m) => e.ar.find((x) => x.rel === 0)!;
    expect(day0(m).date).toBe('2025-01-27');
    expect(day0(m).ar).toBe(day0(a).ar);
    expect(day0(m).ar).toBeLessThan(-0.01); // a real, non-trivial number (AMD fell with the market that day)
    expect(store.reads().map((x) => [x.symbol, x.folder])).toEqual([
      ['MYCO', 'user'],
      ['SPY', 'bundled'],
    ]);
  });

  it('the manifest entry records the origin; a re-import of the same file changes no byte', async () => {
    const dir = tempDir();
    const text = amdInUserLayout();
    const file = write(dir, 'myco.csv', text);
    const data = join(dir, 'd');
    const args = ['import', file, '--symbol', 'MYCO', '--exchange', 'XNYS', '--currency', 'USD', '--name', 'My Co', '--data-dir', data];
    expect((await run(...args)).code).toBe(0);
    const manifestPath = join(data, 'manifest.json');
    const csvPath = join(data, 'prices/MYCO.csv');
    const entry = JSON.parse(readFileSync(manifestPath, 'utf8')).symbols.MYCO;
    expect(entry).toMatchObject({
      symbol: 'MYCO',
      name: 'My Co',
      exchange: 'XNYS',
      currency: 'USD',
      timeZone: 'America/New_York',
      rows: 1256,
      first: '2021-04-12',
      last: '2026-04-10',
      origin: { kind: 'user-file', file: 'myco.csv', sha256: sha256OfBytes(text), dateFormat: 'YYYY-MM-DD', delimiter: ';', adjusted: true },
    });
    expect(entry.origin.importedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const before = [readFileSync(manifestPath), readFileSync(csvPath), statSync(manifestPath).mtimeMs, statSync(csvPath).mtimeMs];
    await new Promise((r) => setTimeout(r, 1100)); // a new import time would differ by at least a second
    const again = await run(...args);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/unchanged: .* already holds this file \(imported at /);
    expect([readFileSync(manifestPath), readFileSync(csvPath), statSync(manifestPath).mtimeMs, statSync(csvPath).mtimeMs]).toEqual(before);
  });

  it('a changed file gets a new import time; data verify checks the folder and the bundled snapshot', async () => {
    const dir = tempDir();
    const data = join(dir, 'd');
    const file = write(dir, 'x.csv', 'Date,Close\n2025-01-02,10\n2025-01-03,11\n');
    const opts = { file, symbol: 'XCO', exchange: 'XNYS', currency: 'USD', timeZone: 'America/New_York', dataDir: data };
    const a = importUserPriceFile({ ...opts, now: () => new Date('2026-01-01T10:00:00.123Z') });
    expect(a.entry.origin).toMatchObject({ importedAt: '2026-01-01T10:00:00Z', adjusted: false });
    expect(a.entry.adjustment).toMatch(/^unadjusted: the file has no adjusted close, so adjClose = close/);
    writeFileSync(file, 'Date,Close\n2025-01-02,10\n2025-01-03,12\n');
    const b = importUserPriceFile({ ...opts, now: () => new Date('2026-02-01T10:00:00Z') });
    expect(b.changed).toBe(true);
    expect(b.entry.origin).toMatchObject({ importedAt: '2026-02-01T10:00:00Z' });
    expect(openDataStore({ dataDir: data }).loadSeries('XCO').rows.map((r) => [r.close, r.adjClose])).toEqual([
      [10, 10],
      [12, 12],
    ]);
    const v = await run('data', 'verify', '--data-dir', data);
    expect(v.code).toBe(0);
    expect(v.out).toMatch(/XCO .* ok/);
    expect(v.out).toMatch(/the 1 file matches .*d\/manifest\.json/);
    expect(v.out).toMatch(/all 27 files match data\/manifest\.json/); // 23 price files, FX, share counts, factors, events
  });
});

describe('reading a user file: layouts it accepts, and what it states', () => {
  const parse = (text: string) => parseUserPriceFile(text, 'u.csv');

  it('column names in any case and spelling; unknown columns listed, not used', () => {
    const p = parse('DATE,adj_close,CLOSE,Dividends,vol\n2025-01-02,9.5,10,0,100\n2025-01-03,10.45,11,0,200\n');
    expect(p.columns).toEqual({ DATE: 'date', adj_close: 'adjClose', CLOSE: 'close', vol: 'volume' });
    expect(p.ignoredColumns).toEqual(['Dividends']);
    expect(p.rows[1]).toMatchObject({ date: '2025-01-03', close: 11, adjClose: 10.45, volume: 200, open: null });
    expect(parse('Date,AdjClose\n2025-01-02,1\n2025-01-03,2\n').columns).toEqual({ Date: 'date', AdjClose: 'adjClose' });
    expect(parse('Date,Adj. Close**\n2025-01-02,1\n2025-01-03,2\n').columns).toEqual({ Date: 'date', 'Adj. Close**': 'adjClose' });
  });

  it('day-first and month-first dates are detected from a field above 12, and the deciding line is stated', () => {
    const df = parse('Date;Close\n10/01/2025;1\n13/01/2025;2\n');
    expect([df.dateFormat, df.rows.map((r) => r.date)]).toEqual(['DD/MM/YYYY', ['2025-01-10', '2025-01-13']]);
    expect(df.dateFormatReason).toBe("day-first: line 3 '13/01/2025' has 13 before the month");
    const mf = parse('Date,Close\n01/10/2025,1\n01/13/2025,2\n');
    expect([mf.dateFormat, mf.rows.map((r) => r.date)]).toEqual(['MM/DD/YYYY', ['2025-01-10', '2025-01-13']]);
    const dots = parse('Date;Close\n27.01.2025;1\n28.01.2025;2\n');
    expect([dots.dateFormat, dots.rows[0].date]).toEqual(['DD.MM.YYYY', '2025-01-27']);
  });

  it('no field above 12: the spacing of the rows decides when only one reading is a daily series; else refused naming lines', () => {
    const p = parse('Date,Close\n01/02/2025,1\n01/03/2025,2\n01/06/2025,3\n');
    expect([p.dateFormat, p.rows.map((r) => r.date)]).toEqual(['MM/DD/YYYY', ['2025-01-02', '2025-01-03', '2025-01-06']]);
    expect(p.dateFormatReason).toMatch(/only month-first reading gives consecutive daily rows/);
    expect(parse('Date,Close\n02/01/2025,1\n03/01/2025,2\n').dateFormat).toBe('DD/MM/YYYY');
    expect(() => parse('Date,Close\n01/02/2025,1\n02/03/2025,2\n')).toThrow(/u\.csv: cannot tell whether the dates are day-first or month-first \(line 2 '01\/02\/2025', line 3 '02\/03\/2025'/);
    expect(() => parse('Date,Close\n13/01/2025,1\n01/14/2025,2\n')).toThrow(/line 2 '13\/01\/2025' can only be day-first, line 3 '01\/14\/2025' only month-first/);
  });

  it('month names, with a quoted comma inside the date field', () => {
    const p = parse('"Date","Price","Open"\n"Jan 27, 2025","118.42","124.80"\n"Jan 24, 2025","142.62","148.37"\n');
    expect(p.dateFormat).toBe('Mon DD, YYYY');
    expect(p.rows.map((r) => [r.date, r.close, r.open])).toEqual([
      ['2025-01-24', 142.62, 148.37],
      ['2025-01-27', 118.42, 124.8],
    ]);
    expect(p.notes).toContain('The file lists the newest day first; rows were reversed (its dates strictly decrease).');
    expect(parse('Date;Close\n27-Jan-2025;1\n28-Jan-2025;2\n').rows[1].date).toBe('2025-01-28');
    expect(parse('Date,Close\n2025-01-27 00:00:00,1\n2025-01-28 00:00:00,2\n').rows[0].date).toBe('2025-01-27');
  });

  it('thousands separators in quoted cells of a comma file are read and noted', () => {
    const p = parse('Date,Close,Volume\n2025-01-02,"1,234.5","12,345,678"\n2025-01-03,"1,240",1\n');
    expect(p.rows.map((r) => [r.close, r.volume])).toEqual([
      [1234.5, 12345678],
      [1240, 1],
    ]);
    expect(p.notes.join(' ')).toMatch(/3 cells with thousands separators/);
  });

  it('only an adjusted close: close = adjClose, open/high/low dropped and said so', () => {
    const p = parse('Date,Adj Close,High,Low\n2025-01-02,9,100,90\n2025-01-03,9.5,100,90\n');
    expect(p.rows[0]).toMatchObject({ close: 9, adjClose: 9, high: null, low: null });
    expect(p.adjusted).toBe(true);
    expect(p.notes[0]).toMatch(/Open\/High\/Low not kept/);
  });
});

describe('refusing what would poison a study, naming the line', () => {
  const bad = (text: string) => () => parseUserPriceFile(text, 'u.csv');
  it.each([
    ['an unreadable date', 'Date,Close\n2025-01-02,1\nyesterday,2\n', /u\.csv: line 3: 'yesterday' is not a date this reader knows/],
    ['an impossible date', 'Date,Close\n2025-02-28,1\n2025-02-30,2\n', /u\.csv: line 3: '2025-02-30' is not a real calendar date/],
    ['a two-digit year', 'Date,Close\n01/02/25,1\n01/03/25,2\n', /u\.csv: line 2: date '01\/02\/25' has a two-digit year/],
    ['a time of day', 'Date,Close\n2025-01-02 15:30,1\n2025-01-03 15:30,2\n', /u\.csv: line 2: date '2025-01-02 15:30' has a time of day/],
    ['mixed date formats', 'Date,Close\n2025-01-02,1\n03/01/2025,2\n', /u\.csv: line 3: date '03\/01\/2025' is written differently from line 2/],
    ['a duplicate date', 'Date,Close\n2025-01-02,1\n2025-01-03,2\n2025-01-02,3\n', /u\.csv: line 4: duplicate date 2025-01-02 \(also on line 2\)/],
    ['unsorted rows', 'Date,Close\n2025-01-02,1\n2025-01-06,2\n2025-01-03,3\n', /u\.csv: line 4: date 2025-01-03 is out of order after 2025-01-06 \(line 3\); sort the file by date/],
    ['a non-positive price', 'Date,Close\n2025-01-02,1\n2025-01-03,0\n', /u\.csv: line 3 \(2025-01-03\): close 0 is not a positive price/],
    ['a negative adjusted close', 'Date,Close,Adj Close\n2025-01-02,1,1\n2025-01-03,2,-2\n', /u\.csv: line 3 \(2025-01-03\): adjClose -2 is not a positive price/],
    ['an absurd price', 'Date,Close\n2025-01-02,1\n2025-01-03,1e308\n', /u\.csv: line 3 \(2025-01-03\): close 1e\+308 is not a plausible price/],
    ['a close outside [low, high]', 'Date,Low,High,Close\n2025-01-02,1,2,1.5\n2025-01-03,116.7,128.4,141.42\n', /u\.csv: line 3 \(2025-01-03\): close 141\.42 is outside \[low 116\.7, high 128\.4\]/],
    ['a non-numeric cell', 'Date,Close,Volume\n2025-01-02,1,10\n2025-01-03,2,n/a\n', /u\.csv: line 3: Volume 'n\/a' is not a number/],
    ['an empty close', 'Date,Close\n2025-01-02,1\n2025-01-03,\n', /u\.csv: line 3: Close is empty/],
    ['a decimal comma', 'Date;Close\n2025-01-02;118,42\n2025-01-03;119,00\n', /u\.csv: line 2: Close '118,42' has a decimal comma/],
    ['fewer than 2 rows', 'Date,Close\n2025-01-02,1\n', /u\.csv: 1 data row; a study needs at least 2/],
    ['a duplicated column', 'Date,Close,close\n2025-01-02,1,1\n2025-01-03,2,2\n', /u\.csv: line 1: column 'close' appears twice in the header/],
    ['two columns for one field', 'Date,Close,Price\n2025-01-02,1,1\n2025-01-03,2,2\n', /u\.csv: line 1: columns 'Close' and 'Price' both mean close/],
    ['no close column', 'Date,Open\n2025-01-02,1\n2025-01-03,2\n', /u\.csv: line 1: no Close or Adj Close column/],
    ['a short row', 'Date,Close\n2025-01-02,1\n2025-01-03\n', /u\.csv: line 3: 1 fields, the header has 2/],
    ['no delimiter', 'Date Close\n2025-01-02 1\n', /u\.csv: line 1: the header 'Date Close' has no ',' or ';'/],
  ])('%s', (_, text, message) => {
    expect(bad(text)).toThrow(message);
  });
});

describe('impact import: options and folders', () => {
  const csv = () => write(tempDir(), 'u.csv', 'Date,Close\n2025-01-02,10\n2025-01-03,11\n');

  it('needs a data folder (the bundled data/ is never written) and refuses the bundled one', async () => {
    const file = csv();
    expectOneLineError(await run('import', file, '--symbol', 'U', '--exchange', 'XNYS', '--currency', 'USD'), /missing --data-dir DIR \(or IMPACT_DATA_DIR=DIR\)/);
    expectOneLineError(await run('import', file, '--symbol', 'U', '--exchange', 'XNYS', '--currency', 'USD', '--data-dir', join(ROOT, 'data')), /refusing to write into the bundled snapshot/);
    process.env[DATA_DIR_ENV] = join(tempDir(), 'from-env');
    expect((await run('import', file, '--symbol', 'U', '--exchange', 'XNYS', '--currency', 'USD')).code).toBe(0);
    expect(openDataStore().loadSeries('U').rows).toHaveLength(2); // openDataStore's default honours IMPACT_DATA_DIR
  });

  it('any MIC-looking exchange; one the calendar does not know needs --time-zone', async () => {
    const file = csv();
    const data = join(tempDir(), 'd');
    expectOneLineError(await run('import', file, '--symbol', 'PKN.WA', '--exchange', 'XWAR', '--currency', 'PLN', '--data-dir', data), /the calendar has no table for exchange XWAR; pass --time-zone/);
    expectOneLineError(await run('import', file, '--symbol', 'PKN.WA', '--exchange', 'XWAR', '--currency', 'PLN', '--time-zone', 'Mars/Base', '--data-dir', data), /--time-zone 'Mars\/Base' is not an IANA time zone/);
    const ok = await run('import', file, '--symbol', 'PKN.WA', '--exchange', 'xwar', '--currency', 'PLN', '--time-zone', 'Europe/Warsaw', '--data-dir', data);
    expect(ok.code).toBe(0);
    expect(openDataStore({ dataDir: data }).resolveSymbol('pkn.wa')).toMatchObject({ symbol: 'PKN.WA', exchange: 'XWAR', currency: 'PLN', timeZone: 'Europe/Warsaw' });
    expectOneLineError(await run('import', file, '--symbol', 'X', '--exchange', 'NYSE!', '--currency', 'USD', '--data-dir', data), /--exchange 'NYSE!' is not an ISO 10383 MIC/);
    expectOneLineError(await run('import', file, '--symbol', '../x', '--exchange', 'XNYS', '--currency', 'USD', '--data-dir', data), /--symbol '\.\.\/x' is not a symbol/);
    expectOneLineError(await run('import', file, '--symbol', 'X', '--exchange', 'XNYS', '--currency', 'usd$', '--data-dir', data), /--currency 'usd\$' is not an ISO 4217 code/);
  });

  it('a bad file is refused with one line naming the file and line; nothing is written', async () => {
    const dir = tempDir();
    const file = write(dir, 'bad.csv', 'Date,Close\n2025-01-02,1\n2025-01-02,2\n');
    const data = join(dir, 'd');
    expectOneLineError(await run('import', file, '--symbol', 'B', '--exchange', 'XNYS', '--currency', 'USD', '--data-dir', data), /bad\.csv: line 3: duplicate date 2025-01-02 \(also on line 2\)/);
    expect(() => statSync(join(data, 'manifest.json'))).toThrow();
  });
});

describe('one data folder for every command (issue 9.2, data part)', () => {
  it('prices and check find the folder symbol; unknown symbols get "did you mean" over both folders', async () => {
    const dir = tempDir();
    const data = join(dir, 'd');
    expect((await run('import', write(dir, 'myco.csv', amdInUserLayout()), '--symbol', 'MYCO', '--exchange', 'XNAS', '--currency', 'USD', '--data-dir', data)).code).toBe(0);
    const p = await run('prices', 'MYCO', '--from', '2025-01-24', '--to', '2025-01-27', '--json', '--data-dir', data);
    expect(p.code).toBe(0);
    const doc = JSON.parse(p.out);
    expect(doc.source).toMatch(/^data folder .*d\/prices\/MYCO\.csv \(2021-04-12\.\.2026-04-10\)$/);
    expect(doc.rows.map((r: { adjClose: number }) => r.adjClose)).toEqual([122.83999633789062, 115.01000213623047]);
    const c = await run('check', 'MYCO', '--move', '-6.4%', '--reported', '2025-01-27', '--market', 'SPY', '--json', '--data-dir', data);
    expect(c.code).toBe(0);
    expect(JSON.parse(c.out).verdict).toBe('confirmed');
    expectOneLineError(await run('prices', 'MYCP', '--from', '2025-01-24', '--to', '2025-01-27', '--data-dir', data), /unknown symbol 'MYCP' \(not in .*d\/manifest\.json nor the bundled snapshot\); did you mean MYCO/);
    expectOneLineError(await run('check', 'NVDAA', '--move', '-17%', '--reported', '2025-01-27', '--data-dir', data), /unknown symbol 'NVDAA' .*did you mean NVDA/);
    expectOneLineError(await run('prices', 'NVDA', '--from', '2025-01-24', '--to', '2025-01-27', '--data-dir', join(dir, 'nope')), /data folder .*nope does not exist/);
    // The library: checkClaim's dataDir option, the same verdict.
    const { checkClaim } = await import('../src/claims/check.ts');
    const lib = await checkClaim({ subject: 'MYCO', reportedOn: '2025-01-27', move: '-6.4%', benchmark: 'SPY' }, undefined, { dataDir: data });
    expect([lib.verdict, lib.security.symbol]).toEqual(['confirmed', 'MYCO']);
  });

  it('a study run for a report gets the folder (IMPACT_DATA_DIR in its process) and its footer lists the user file', async () => {
    const dir = tempDir();
    const data = join(dir, 'd');
    expect((await run('import', write(dir, 'myco.csv', amdInUserLayout()), '--symbol', 'MYCO', '--exchange', 'XNAS', '--currency', 'USD', '--data-dir', data)).code).toBe(0);
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    const study = write(
      dir,
      'myco-study.ts',
      ['// %%', `import { loadSnapshotSeries } from ${JSON.stringify(join(ROOT, 'src/data/snapshot.ts'))};`, "console.log(loadSnapshotSeries('MYCO').rows.length, loadSnapshotSeries('SPY').rows.length);", ''].join('\n'),
    );
    const { runStudy } = await import('../src/report/runner.ts');
    const result = await runStudy(study, { rootDir: ROOT, dataDir: data, git: { commit: 'test', dirty: false } });
    expect(result.ok, result.error).toBe(true);
    expect(result.stdout).toBe('1256 1256\n');
    const files = result.document.provenance.dataFiles;
    expect(files.map((f) => [f.symbol, f.folder])).toEqual([
      ['MYCO', 'user'],
      ['SPY', 'bundled'],
    ]);
    expect(files[0].file).toMatch(/d\/prices\/MYCO\.csv$/);
    expect(files[0].source).toMatch(/^user file myco\.csv \(sha256 [0-9a-f]{12}…, imported \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\)$/);
    expect(files[0].sha256).toBe(sha256OfBytes(readFileSync(join(data, 'prices/MYCO.csv'))));
  }, 60_000);
});
