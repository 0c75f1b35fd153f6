/**
 * Issue 9.4: a security on an exchange without a holiday table is counted on the sessions it
 * actually traded, and every result says so: `EventResult.calendar` ({ exchange, basis, note }),
 * the study's notes, `impact event --json`, and the claim checker's notes.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempFolders } from './helpers/tmp.ts';
import { importUserPriceFile } from '../src/data/user-import.ts';
import { runEventStudy } from '../src/study/run.ts';
import { checkClaim } from '../src/claims/check.ts';
import { run } from './helpers/cli.ts';

const ROOT = resolve(import.meta.dirname, '..');
const folder = tempFolders('mi-calnotes-');
let data: string;

beforeAll(() => {
  data = join(folder(), 'data');
  // AMD's bundled prices filed as a Toronto listing: XTSE has no holiday table.
  importUserPriceFile({ file: join(ROOT, 'data/prices/AMD.csv'), symbol: 'MYTSX', exchange: 'XTSE', currency: 'USD', timeZone: 'America/Toronto', dataDir: data });
});

const SERIES_NOTE = /^no holiday table for XTSE: its trading days are the days the security traded \(2021-04-12\.\.2026-04-10\); a weekday without a price is taken as a closure$/;

describe('calendar basis and note on every event', () => {
  it('a series on an exchange without a table: basis series, the note in the event and in the study notes', async () => {
    const r = await runEventStudy({ events: [{ symbol: 'MYTSX', date: '2025-01-27' }, { symbol: 'NVDA', date: '2025-01-27' }], benchmark: 'SPY', dataDir: data, bootstrap: false });
    const [mine, nvda] = r.events;
    expect(mine.calendar.exchange).toBe('XTSE');
    expect(mine.calendar.basis).toBe('series');
    expect(mine.calendar.note).toMatch(SERIES_NOTE);
    expect(nvda.calendar).toEqual({ exchange: 'XNAS', basis: 'table', note: null });
    expect(r.notes.filter((n) => n.startsWith('calendar: '))).toEqual([`calendar: ${mine.calendar.note}`]);
  });

  it('impact event --json carries the calendar of each event', async () => {
    const r = await run('event', 'MYTSX,AMD', '--market', 'SPY', '--date', '2025-01-27', '--data-dir', data, '--bootstrap', '0', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.events[0].calendar).toEqual({ exchange: 'XTSE', basis: 'series', note: expect.stringMatching(SERIES_NOTE) });
    expect(json.events[1].calendar).toEqual({ exchange: 'XNAS', basis: 'table', note: null });
    // Same prices, same numbers: only the calendar's provenance differs.
    expect(json.events[0].car[0].car).toBeCloseTo(json.events[1].car[0].car, 12);
  });

  it('the README documents the field', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toMatch(/\| `events\[\]\.calendar` \|/);
  });
});

describe('the claim checker adds the calendar note when the basis is not the table', () => {
  it('XTSE series: the note is among the check notes; a bundled US stock has none', async () => {
    const mine = await checkClaim({ subject: 'MYTSX', reportedOn: '2025-01-27', move: '-6.4%', benchmark: 'SPY' }, undefined, { dataDir: data });
    expect(mine.notes.filter((n) => n.startsWith('calendar: '))).toEqual([expect.stringMatching(/^calendar: no holiday table for XTSE: /)]);
    const amd = await checkClaim({ subject: 'AMD', reportedOn: '2025-01-27', move: '-6.4%', benchmark: 'SPY' });
    expect(amd.notes.some((n) => n.startsWith('calendar: '))).toBe(false);
    // The verdicts agree: the data's own days are the XNAS days here.
    expect(mine.verdict).toBe(amd.verdict);
  });
});
