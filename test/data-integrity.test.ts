/**
 * Issue 11.1: integrity on every read, on a COPY of the bundled data folder (data/ is never
 * edited). Each test here failed before the fix: a changed file was read and used (exit 0), the
 * hash cache trusted size+mtime, the footer printed the manifest's hash and the declared symbols.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { IntegrityError } from '../src/errors.ts';
import { sha256OfBytes } from '../src/data/manifest.ts';
import { parseSnapshotCsv } from '../src/data/price-file.ts';
import { loadSnapshotSeries } from '../src/data/snapshot.ts';
import { DATA_DIR_ENV, openDataStore, processDataReads } from '../src/data/store.ts';
import { runStudy } from '../src/report/runner.ts';
import { run } from './helpers/cli.ts';

const ROOT = resolve(import.meta.dirname, '..');
const DATA = join(ROOT, 'data');
const tmp: string[] = [];
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = (prefix = 'mi-integrity-') => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  tmp.push(d);
  return d;
};
/** A copy of data/ (prices, fx, shares, manifest). */
const copyData = () => {
  const d = tempDir();
  cpSync(DATA, d, { recursive: true });
  return d;
};
const NVDA_0127 = '2025-01-27,124.80000305175781,128.39999389648438,116.69999694824219,118.41999816894531,';
/** The edit: NVDA's close on 2025-01-27 set to 141.42 (above that day's high). */
const editNvdaClose = (dir: string) => {
  const file = join(dir, 'prices', 'NVDA.csv');
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(NVDA_0127);
  writeFileSync(file, text.replace(NVDA_0127, '2025-01-27,124.80000305175781,128.39999389648438,116.69999694824219,141.42,'));
  return file;
};
/** Exit 1 and the file named on stderr. */
const expectRefused = (r: { code: number; err: string }, file: RegExp) => {
  expect(r.code).toBe(1);
  expect(r.err).toMatch(file);
  expect(r.err).not.toMatch(/\n\s+at /);
};

afterEach(() => {
  delete process.env[DATA_DIR_ENV];
});

describe('a changed data file is refused on every read, naming it (issue 11.1 done-when)', () => {
  const dir = copyData();
  editNvdaClose(dir);
  const nvda = /prices\/NVDA\.csv: sha256 [0-9a-f]{12}… does not match its manifest's/;

  it('impact check NVDA --move -17% --reported 2025-01-27 exits 1 naming the file', async () => {
    expectRefused(await run('check', 'NVDA', '--move', '-17%', '--reported', '2025-01-27', '--data-dir', dir), nvda);
  });

  it('impact prices exits 1 naming the file', async () => {
    expectRefused(await run('prices', 'NVDA', '--from', '2025-01-24', '--to', '2025-01-27', '--data-dir', dir), nvda);
  });

  it('impact event exits 1 naming the file, even when another event could be studied', async () => {
    process.env[DATA_DIR_ENV] = dir; // event's own --data-dir is the engine's part of issue 9.2
    expectRefused(await run('event', 'NVDA,AMD', '--market', 'SPY', '--date', '2025-01-27', '--bootstrap', '0'), nvda);
  });

  it('a benchmark file that changed stops the study too (it is not a per-event skip)', async () => {
    const d = copyData();
    const spy = join(d, 'prices', 'SPY.csv');
    writeFileSync(spy, readFileSync(spy, 'utf8').replace('2025-01-27,594.8099975585938', '2025-01-27,594.8199975585938'));
    process.env[DATA_DIR_ENV] = d;
    expectRefused(await run('event', 'AMD', '--market', 'SPY', '--date', '2025-01-27', '--bootstrap', '0'), /prices\/SPY\.csv: sha256/);
  });

  it('impact report exits 1 naming the file', async () => {
    const out = tempDir('mi-integrity-report-');
    const r = await run('report', join(ROOT, 'test/fixtures/studies/basic.ts'), '--out', out, '--data-dir', dir);
    expectRefused(r, /IntegrityError: .*prices\/NVDA\.csv: sha256/);
  }, 60_000);

  it('the bundled folder itself is checked the same way (library calls, no user folder)', () => {
    expect(() => loadSnapshotSeries('NVDA', { dataDir: dir })).toThrow(IntegrityError);
    expect(() => openDataStore({ bundledDir: dir, dataDir: null }).loadSeries('nvidia')).toThrow(nvda);
  });
});

describe('FX and share-count files are checked like prices', () => {
  it('a changed USD/CNY rate stops a market-cap check in another currency, naming fx/USDCNY.csv', async () => {
    const dir = copyData();
    const fx = join(dir, 'fx', 'USDCNY.csv');
    writeFileSync(fx, readFileSync(fx, 'utf8').replace('2025-08-12,7.1785', '2025-08-12,7.1786'));
    const r = await run('check', '688256.SS', '--move', '+20%', '--reported', '2025-08-13', '--market-cap', '49.7e9USD', '--data-dir', dir);
    expectRefused(r, /fx\/USDCNY\.csv: sha256/);
  });

  it('a changed share count stops a market-cap check, naming shares/shares.csv', async () => {
    const dir = copyData();
    const shares = join(dir, 'shares', 'shares.csv');
    writeFileSync(shares, readFileSync(shares, 'utf8').replace(',2025-10-15,688256.SS,418350224,', ',2025-10-15,688256.SS,418350225,'));
    const r = await run('check', '688256.SS', '--move', '+20%', '--reported', '2025-08-13', '--market-cap', '355e9', '--data-dir', dir);
    expectRefused(r, /shares\/shares\.csv: sha256/);
  });
});

describe('the hash cache cannot be fooled', () => {
  it('an edit that keeps size and mtime is still caught (the cache key includes ctime and inode)', () => {
    const dir = copyData();
    const file = join(dir, 'prices', 'NVDA.csv');
    const when = new Date('2026-01-02T03:04:05Z');
    utimesSync(file, when, when);
    const store = openDataStore({ dataDir: dir });
    expect(store.loadSeries('NVDA').rows.length).toBe(1256);
    const before = statSync(file);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('118.41999816894531', '118.51999816894531')); // same length
    utimesSync(file, when, when);
    expect(statSync(file).size).toBe(before.size);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect(() => store.loadSeries('NVDA')).toThrow(/NVDA\.csv: sha256/);
  });
});

describe('row rules on load: a file whose manifest was updated to match is still refused when a row is impossible', () => {
  /** A user folder holding one series `text`, its manifest carrying the file's true sha256. */
  const folderWith = (symbol: string, text: string) => {
    const dir = tempDir();
    const manifest = JSON.parse(readFileSync(join(DATA, 'manifest.json'), 'utf8'));
    const lines = text.trim().split('\n');
    manifest.symbols = {
      [symbol]: { ...manifest.symbols.NVDA, symbol, aliases: [], file: `prices/${symbol}.csv`, rows: lines.length - 1, first: lines[1].slice(0, 10), last: lines[lines.length - 1].slice(0, 10), sha256: sha256OfBytes(text) },
    };
    manifest.aux = {};
    mkdirSync(join(dir, 'prices'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    writeFileSync(join(dir, 'prices', `${symbol}.csv`), text);
    return dir;
  };
  const HEADER = 'date,open,high,low,close,adjClose,volume,turnoverPct';

  it('NVDA with the close edited to 141.42 and its hash re-recorded: close outside [low, high], line named', () => {
    const dir = copyData();
    const file = editNvdaClose(dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    manifest.symbols.NVDA.sha256 = sha256OfBytes(readFileSync(file));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    expect(() => openDataStore({ dataDir: dir }).loadSeries('NVDA')).toThrow(/prices\/NVDA\.csv: line 955 \(2025-01-27\): close 141\.42 is outside \[low 116\.69999694824219, high 128\.39999389648438\]/);
  });

  it('a denormal or absurd adjusted close (5e-324, 1e308) is refused with the line named', () => {
    for (const bad of ['5e-324', '1e308']) {
      const text = `${HEADER}\n2025-01-02,,,,10,10,,\n2025-01-03,,,,11,${bad},,\n`;
      const dir = folderWith('ODD', text);
      expect(() => openDataStore({ dataDir: dir }).loadSeries('ODD')).toThrow(new RegExp(`prices/ODD\\.csv: line 3 \\(2025-01-03\\): adjClose ${String(Number(bad)).replace('+', '\\+')} is not a plausible price`));
    }
    expect(() => parseSnapshotCsv(`${HEADER}\n2025-01-02,,,,0,10,,\n`, 'x.csv')).toThrow(/x\.csv: line 2 \(2025-01-02\): close 0 is not a positive price/);
    expect(() => parseSnapshotCsv(`${HEADER}\n2025-01-02,,,,0x10,10,,\n`, 'x.csv')).toThrow(/x\.csv: line 2: close '0x10' is not a number/);
    expect(() => parseSnapshotCsv(`${HEADER}\n2025-01-02,,9,11,10,10,,\n`, 'x.csv')).toThrow(/low 11 is above high 9/);
  });

  it('every bundled file passes the rules (every row of every series loads)', () => {
    const store = openDataStore({ dataDir: null });
    const listed = store.symbols();
    let rows = 0;
    for (const { info } of listed) rows += store.loadSeries(info.symbol).rows.length;
    expect(listed).toHaveLength(23);
    expect(rows).toBe(listed.reduce((n, s) => n + s.entry.rows, 0));
  });

  it('a manifest naming a file outside its folder is refused, naming the manifest', () => {
    const dir = copyData();
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    manifest.symbols.NVDA.file = '../../etc/passwd.csv';
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    expect(() => openDataStore({ dataDir: dir }).loadSeries('NVDA')).toThrow(/manifest\.json: symbol NVDA: file "\.\.\/\.\.\/etc\/passwd\.csv" is not a plain path inside the data folder/);
  });
});

describe('the report footer lists what the study read, with the sha256 of the bytes read (issue 11.1/11.2)', () => {
  it('a study copied to another stock lists that stock’s files, not the declared ones', async () => {
    const dir = tempDir('mi-footer-');
    const study = join(dir, 'copied-study.ts');
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(
      study,
      [
        '// %% [markdown]',
        '// # A study copied from the Cambricon one and pointed at AMD',
        '// %%',
        `import { loadSnapshotSeries } from ${JSON.stringify(join(ROOT, 'src/data/snapshot.ts'))};`,
        `import { checkClaim } from ${JSON.stringify(join(ROOT, 'src/claims/check.ts'))};`,
        `import { provenance } from ${JSON.stringify(join(ROOT, 'src/report/index.ts'))};`,
        "loadSnapshotSeries('AMD');",
        "await checkClaim({ subject: 'AMD', reportedOn: '2025-01-27', move: '-6%' });",
        "provenance({ symbols: ['688256.SS', '000688.SS'] }); // left over from the original",
        '',
      ].join('\n'),
    );
    const result = await runStudy(study, { rootDir: ROOT, git: { commit: 'test', dirty: false } });
    expect(result.ok, result.error).toBe(true);
    const files = result.document.provenance.dataFiles;
    const sha = (f: string) => sha256OfBytes(readFileSync(join(DATA, f)));
    expect(files.map((f) => [f.symbol, f.file, f.sha256])).toEqual([
      ['AMD', 'data/prices/AMD.csv', sha('prices/AMD.csv')],
      ['SPY', 'data/prices/SPY.csv', sha('prices/SPY.csv')], // checkClaim's market model read SPY
      ['share counts', 'data/shares/shares.csv', sha('shares/shares.csv')], // and looked for AMD's share count
    ]);
    expect(files[0]).toMatchObject({ rows: 1256, first: '2021-04-12', last: '2026-04-10', folder: 'bundled', source: 'github.com/dane-anderson/equity-signal-engine data/AMD.csv @ 3317209da4' });
    expect(result.document.provenance.manifest).toBe(`data/manifest.json (sha256 ${sha('manifest.json')})`);
  }, 60_000);

  it('library reads land in one process-wide record (loadSnapshotSeries, checkClaim, fx and shares)', async () => {
    const { checkClaim } = await import('../src/claims/check.ts');
    await checkClaim({ subject: '688256.SS', reportedOn: '2025-08-13', move: '+20%', marketCap: ['355e9', '49.7e9USD'] });
    const files = processDataReads().map((r) => r.file);
    for (const f of ['data/prices/688256.SS.csv', 'data/prices/000688.SS.csv', 'data/shares/shares.csv', 'data/fx/USDCNY.csv']) expect(files).toContain(f);
  });
});
