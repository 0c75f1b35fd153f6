import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { run, expectOneLineError } from './helpers/cli.ts';
import { commands } from '../src/cli/commands/index.ts';
import { reportError } from '../src/cli/io.ts';
import { closestMatches, parseDateOption } from '../src/cli/args.ts';
import { formatTable } from '../src/cli/format.ts';
import { DataError, InputError } from '../src/errors.ts';
import { sliceSeries } from '../src/data/source.ts';
import { priceOutputRows } from '../src/cli/commands/prices.ts';
import type { PriceSeries } from '../src/types.ts';

const ROOT = join(import.meta.dirname, '..');
const DATA = join(ROOT, 'data');
const haveSnapshot = existsSync(join(DATA, 'manifest.json')) && existsSync(join(DATA, 'prices'));



const tmp: string[] = [];
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('cli: help, registry, errors', () => {
  it('impact --help lists every registered command', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    for (const c of commands) expect(r.out).toContain(`${c.name}  `);
    expect(r.out).toMatch(/Usage: impact <command>/);
  });

  it('impact <cmd> --help prints the command usage', async () => {
    for (const c of commands) {
      const r = await run(c.name, '--help');
      expect(r.code).toBe(0);
      expect(r.out.trim()).toBe(c.usage.trim());
    }
  });

  it('unknown command -> suggestion, exit 1', async () => {
    expectOneLineError(await run('pricez', 'NVDA'), /unknown command 'pricez'; did you mean 'prices'/);
    expectOneLineError(await run('evnets'), /did you mean 'events'/);
  });

  it('unknown option -> one line, exit 1', async () => {
    expectOneLineError(await run('events', '--bogus'), /unknown option '--bogus'/);
  });

  it('internal errors: exit 2, a bug hint, stack only with IMPACT_DEBUG=1', () => {
    let err = '';
    const io = { stdout: () => {}, stderr: (s: string) => { err += s; } };
    expect(reportError(new TypeError('x is undefined'), io, {})).toBe(2);
    expect(err).toMatch(/^impact: internal error: TypeError: x is undefined \(this is a bug/);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    err = '';
    expect(reportError(new TypeError('boom'), io, { IMPACT_DEBUG: '1' })).toBe(2);
    expect(err).toMatch(/\n\s+at /);
    err = '';
    expect(reportError(new DataError('bad file data/prices/X.csv'), io, {})).toBe(1);
    expect(err).toBe('impact: bad file data/prices/X.csv\n');
  });

  it('date options must be real days', () => {
    expect(parseDateOption('--from', '2024-02-29')).toBe('2024-02-29');
    expect(() => parseDateOption('--from', '2025-02-30')).toThrow(/invalid --from '2025-02-30'/);
    expect(() => parseDateOption('--from', '27/01/2025')).toThrow(InputError);
    expect(() => parseDateOption('--from', undefined)).toThrow(/missing --from/);
  });

  it('suggestions and tables', () => {
    expect(closestMatches('pricse', ['prices', 'events', 'data'])).toEqual(['prices']);
    expect(closestMatches('zzzzzz', ['prices', 'events', 'data'])).toEqual([]);
    const t = formatTable([{ header: 'a', cell: (r: [string, number]) => r[0] }, { header: 'n', cell: (r) => String(r[1]), align: 'right' }], [['xx', 5], ['y', 123]]);
    expect(t).toBe('a     n\n--  ---\nxx    5\ny   123\n');
  });
});

describe('cli: prices bad input', () => {
  it('malformed or impossible dates', async () => {
    expectOneLineError(await run('prices', 'NVDA', '--from', '2025-02-30', '--to', '2025-03-03'), /invalid --from '2025-02-30': expected a real calendar date/);
    expectOneLineError(await run('prices', 'NVDA', '--from', '2025-1-2', '--to', '2025-03-03'), /invalid --from '2025-1-2'/);
    expectOneLineError(await run('prices', 'NVDA', '--to', '2025-03-03'), /missing --from/);
  });

  it('from after to', async () => {
    expectOneLineError(await run('prices', 'NVDA', '--from', '2025-03-01', '--to', '2025-02-01'), /--from 2025-03-01 is after --to 2025-02-01/);
  });

  it('path-like symbol', async () => {
    expectOneLineError(await run('prices', '../x', '--from', '2025-01-02', '--to', '2025-01-03'), /not a valid symbol: '\.\.\/x'/);
    expectOneLineError(await run('prices', '/etc/passwd', '--from', '2025-01-02', '--to', '2025-01-03'), /not a valid symbol/);
  });
});

describe('prices helpers on a synthetic series', () => {
  const series: PriceSeries = {
    info: { symbol: 'TEST', name: 'Test', aliases: [], exchange: 'XNAS', currency: 'USD', timeZone: 'America/New_York', kind: 'stock' },
    rows: [
      { date: '2025-01-02', open: null, high: null, low: null, close: 100, adjClose: 50, volume: null },
      { date: '2025-01-03', open: null, high: null, low: null, close: 110, adjClose: 55, volume: null },
      { date: '2025-01-06', open: null, high: null, low: null, close: 99, adjClose: 49.5, volume: null },
    ],
    source: 'synthetic',
  };

  it('returns are from adjClose, in percent, with the previous row even before --from', async () => {
    const rows = await priceOutputRows(series, '2025-01-03', '2025-01-06');
    expect(rows.map((r) => r.date)).toEqual(['2025-01-03', '2025-01-06']);
    expect(rows[0].returnPct).toBeCloseTo(10, 12); // 55/50 - 1
    expect(rows[1].returnPct).toBeCloseTo(-10, 12); // 49.5/55 - 1
    expect((await priceOutputRows(series, '2025-01-02', '2025-01-02'))[0].returnPct).toBeNull();
  });

  it('sliceSeries: outside coverage names the range that exists; empty weekend range is an error', () => {
    expect(() => sliceSeries(series, { from: '2024-12-01', to: '2025-01-03' }, 'the file X.csv')).toThrow(
      'TEST: 2024-12-01..2025-01-03 is outside the data; the file X.csv covers 2025-01-02..2025-01-06',
    );
    expect(() => sliceSeries(series, { from: '2025-01-04', to: '2025-01-05' })).toThrow(/no trading days between 2025-01-04 and 2025-01-05/);
    expect(() => sliceSeries(series, { from: '2025-01-06', to: '2025-01-02' })).toThrow(/after --to/);
    expect(sliceSeries(series, { from: '2025-01-03', to: '2025-01-06' }).rows).toHaveLength(2);
  });
});

describe('cli: events', () => {
  it('table and JSON', async () => {
    const r = await run('events');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/2025-01-20 +\? +Asia\/Shanghai +deepseek-r1-release/);
    expect(r.out).toMatch(/2025-02-26 +16:20 +America\/New_York +after-close +nvda-earnings-q4-fy2025/);
    const j = await run('events', '--json', '--security', '688256.SS');
    const events = JSON.parse(j.out);
    expect(events.length).toBeGreaterThan(5);
    for (const e of events) expect(e.securities).toContain('688256.SS');
  });
});

describe.skipIf(!haveSnapshot)('cli: prices and data on the snapshot', () => {
  it('prices NVDA --json: close 118.42 on 2025-01-27, return -16.97%', async () => {
    const r = await run('prices', 'NVDA', '--from', '2025-01-24', '--to', '2025-01-27', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.rows.map((x: { date: string }) => x.date)).toEqual(['2025-01-24', '2025-01-27']);
    const [d24, d27] = doc.rows;
    expect(d27.close).toBeCloseTo(118.42, 2);
    // Independent: the return from adjClose of the two rows, and the published -16.97% (close basis).
    expect(d27.returnPct).toBeCloseTo((d27.adjClose / d24.adjClose - 1) * 100, 10);
    expect(d27.returnPct).toBeCloseTo(-16.97, 1);
    expect(typeof d24.returnPct).toBe('number'); // previous day (2025-01-23) lies before --from
    expect(d27.limitUp).toBeUndefined(); // no price limits in the US
  });

  it('prices table: aligned columns, source line', async () => {
    const r = await run('prices', 'NVDA', '--from', '2025-01-24', '--to', '2025-01-27');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    const header = lines.find((l) => l.startsWith('date'))!;
    const row = lines.find((l) => l.startsWith('2025-01-27'))!;
    expect(row.length).toBe(header.length);
    expect(row).toMatch(/118\.42/);
    expect(row).toMatch(/\u221216\.9\d/); // the typographic minus of every printed number
    expect(r.out).toMatch(/source: snapshot .*NVDA/);
  });

  it('prices --csv has a header and one line per day', async () => {
    const r = await run('prices', 'NVDA', '--from', '2025-01-21', '--to', '2025-01-31', '--csv');
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('date,open,high,low,close,adjClose,volume,returnPct');
    expect(lines).toHaveLength(10); // 9 trading days
  });

  it('688256.SS: limit-up on 2025-08-12 and 2025-08-22 (+20% STAR limit)', async () => {
    const r = await run('prices', '688256.SS', '--from', '2025-08-11', '--to', '2025-08-22', '--json');
    expect(r.code).toBe(0);
    const rows: { date: string; close: number; limitUp: boolean; limitDown: boolean }[] = JSON.parse(r.out).rows;
    const up = rows.filter((x) => x.limitUp).map((x) => x.date);
    expect(up).toEqual(['2025-08-12', '2025-08-22']);
    // Independent check: close = round(prev close x 1.2, 2) on those days.
    for (const d of up) {
      const i = rows.findIndex((x) => x.date === d);
      expect(rows[i].close).toBeCloseTo(Math.round(rows[i - 1].close * 1.2 * 100) / 100, 2);
    }
    expect(rows.every((x) => x.limitDown === false)).toBe(true);
  });

  it('unknown symbol -> near-match suggestion', async () => {
    const r = await run('prices', 'NVDAA', '--from', '2025-01-24', '--to', '2025-01-27');
    expectOneLineError(r, /NVDAA/);
    expect(r.err).toMatch(/NVDA/);
  });

  it('range outside the data says what range exists', async () => {
    const r = await run('prices', 'NVDA', '--from', '2030-01-02', '--to', '2030-01-31');
    expectOneLineError(r, /outside the data.*covers \d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}/);
  });

  it('data verify passes on the bundled snapshot', async () => {
    const r = await run('data', 'verify');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/NVDA/);
  });

  it('data verify on a corrupted copy names the file, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'impact-data-'));
    tmp.push(dir);
    cpSync(DATA, dir, { recursive: true });
    const file = join(dir, 'prices', readdirSync(join(dir, 'prices')).find((f) => f.startsWith('NVDA'))!);
    const bytes = readFileSync(file);
    const i = bytes.indexOf('118.4');
    bytes[i + 4] = bytes[i + 4] === 0x39 ? 0x38 : 0x39; // flip one digit
    writeFileSync(file, bytes);
    const r = await run('data', 'verify', '--data-dir', dir);
    expect(r.code).toBe(1);
    const errLines = r.err.trimEnd().split('\n');
    expect(errLines).toHaveLength(1);
    expect(errLines[0]).toMatch(/^impact: .*NVDA/);
  });

  it('data summary covers the snapshot and the events catalogue', async () => {
    const r = await run('data', 'summary');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/NVDA/);
    expect(r.out).toMatch(/Events catalogue \(data\/events\.json\): \d+ events/);
  });
});

describe.skipIf(!haveSnapshot)('cli: the real bin', () => {
  const exec = promisify(execFile);
  it('node bin/impact.js prices NVDA ... --json and data verify', async () => {
    const a = await exec('node', ['bin/impact.js', 'prices', 'NVDA', '--from', '2025-01-24', '--to', '2025-01-27', '--json'], { cwd: ROOT });
    const doc = JSON.parse(a.stdout);
    expect(doc.rows.find((x: { date: string }) => x.date === '2025-01-27').close).toBeCloseTo(118.42, 2);
    const b = await exec('node', ['bin/impact.js', 'prices', '688256.SS', '--from', '2025-08-11', '--to', '2025-08-22', '--json'], { cwd: ROOT });
    const up = JSON.parse(b.stdout).rows.filter((x: { limitUp: boolean }) => x.limitUp).map((x: { date: string }) => x.date);
    expect(up).toEqual(['2025-08-12', '2025-08-22']);
    const c = await exec('node', ['bin/impact.js', 'data', 'verify'], { cwd: ROOT });
    expect(c.stdout).toMatch(/NVDA/);
  }, 30_000);

  it('bad input through the bin: exit 1, one line', async () => {
    const err = await exec('node', ['bin/impact.js', 'prices', 'NVDA', '--from', '2025-02-30', '--to', '2025-03-03'], { cwd: ROOT }).catch((e) => e);
    expect(err.code).toBe(1);
    expect(err.stderr).toMatch(/^impact: invalid --from '2025-02-30': expected a real calendar date[^\n]*\n$/);
  }, 30_000);
});
