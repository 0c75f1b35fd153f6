import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.ts';
import { findEvent, getEvent, isValidIsoDate, loadEvents } from '../src/data/events.ts';

const KNOWN = new Set(['NVDA', 'AMD', 'AVGO', 'TSM', 'MSFT', 'META', 'GOOGL', '688256.SS', '688041.SS', '688981.SS']);
const events = loadEvents();
const sourcesMd = readFileSync('/work/shared/data/EVENTS-SOURCES.md', 'utf8');

describe('events catalogue', () => {
  it('every event has an id, a real ISO date, >=1 http(s) source and known securities', () => {
    expect(events.length).toBeGreaterThanOrEqual(9);
    for (const e of events) {
      expect(e.id).toMatch(/^[a-z0-9-]+$/);
      expect(isValidIsoDate(e.date)).toBe(true);
      expect(e.sources.length).toBeGreaterThanOrEqual(1);
      for (const s of e.sources) expect(s.url).toMatch(/^https?:\/\/\S+$/);
      expect(e.securities.length).toBeGreaterThan(0);
      for (const sym of e.securities) expect(KNOWN.has(sym)).toBe(true);
      if (e.time !== null) expect(e.time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
      else expect(e.timeNote.length).toBeGreaterThan(0);
    }
  });

  it('ids are unique', () => {
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('every source URL appears verbatim in EVENTS-SOURCES.md (no invented links)', () => {
    for (const e of events) for (const s of e.sources) expect(sourcesMd.includes(s.url), `${e.id}: ${s.url}`).toBe(true);
  });

  it('every event section of EVENTS-SOURCES.md is in the catalogue', () => {
    const ids = [...sourcesMd.matchAll(/^## ([a-z0-9-]+)$/gm)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(30);
    for (const id of ids) expect(findEvent(id), id).toBeDefined();
  });

  it('the required events exist with the dates the sources give', () => {
    const expected: Record<string, string> = {
      'deepseek-r1-release': '2025-01-20',
      'us-selloff-deepseek-2025-01-27': '2025-01-27',
      'deepseek-app-tops-us-app-store': '2025-01-26',
      'openai-gpt5-launch': '2025-08-07',
      'huawei-ucm-launch': '2025-08-12',
      'deepseek-v3-1-release': '2025-08-21',
      'cambricon-limit-up-2025-08-22': '2025-08-22',
      'deepseek-v3-2-exp-release': '2025-09-29',
    };
    for (const [id, date] of Object.entries(expected)) expect(findEvent(id)?.date, id).toBe(date);
    // R2 rumours: posts over the weekend of 26-27 April, first write-up dated 2025-04-28.
    const r2 = findEvent('deepseek-r2-rumours-2025-04')!;
    expect(r2.date >= '2025-04-26' && r2.date <= '2025-04-28').toBe(true);
  });

  it('times: unknown where unknown, 16:20 ET for NVIDIA Q4 FY2025', () => {
    expect(findEvent('deepseek-r1-release')!.time).toBeNull();
    expect(findEvent('deepseek-r1-release')!.timeNote).toBe('unknown');
    const q4 = findEvent('nvda-earnings-q4-fy2025')!;
    expect(q4.time).toBe('16:20');
    expect(q4.timeZone).toBe('America/New_York');
    expect(q4.session).toBe('after-close');
    expect(findEvent('amd-openai-6gw-deal-2025-10-06')!.time).toBe('07:00');
  });

  it('Chinese chip events list the A-share Yahoo symbols', () => {
    expect(findEvent('cambricon-limit-up-2025-08-22')!.securities).toContain('688256.SS');
    expect(findEvent('deepseek-v3-1-release')!.securities).toEqual(expect.arrayContaining(['688256.SS', '688041.SS', '688981.SS']));
  });

  it('is sorted by date; unknown ids get suggestions', () => {
    for (let i = 1; i < events.length; i++) expect(events[i - 1].date <= events[i].date).toBe(true);
    expect(findEvent('nope')).toBeUndefined();
    expect(() => getEvent('deepseek-r1-releas')).toThrow(InputError);
    expect(() => getEvent('deepseek-r1-releas')).toThrow(/did you mean deepseek-r1-release/);
  });

  it('the date validator rejects impossible dates', () => {
    expect(isValidIsoDate('2025-02-30')).toBe(false);
    expect(isValidIsoDate('2025-2-3')).toBe(false);
    expect(isValidIsoDate('2024-02-29')).toBe(true);
  });
});
