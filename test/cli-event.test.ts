/** `impact event` on the snapshot: the table, the documented JSON, events files and bad input. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run, expectOneLineError } from './helpers/cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'impact-event-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));



describe('impact event', () => {
  it('NVDA vs SPY on 2025-01-27: readable table with day-0 AR and CAR windows', async () => {
    const r = await run('event', 'NVDA', '--market', 'SPY', '--date', '2025-01-27', '--bootstrap', '0');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/NVDA@2025-01-27: NVDA \(NVIDIA\) vs SPY — day 0 2025-01-27/);
    expect(r.out).toMatch(/^\s+0\s+2025-01-27\s+−16\.97%\s+−1\.41%\s+−13\.3\d%/m);
    expect(r.out).toMatch(/\[0,0\]\s+−13\.3\d%/);
  });

  it('--json has the documented keys; a multi-event run has aggregate tests', async () => {
    const r = await run('event', 'NVDA,AMD,AVGO', '--market', 'SPY', '--date', '2025-01-27', '--car', '-1:1,0:0', '--bootstrap', '99', '--seed', '3', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.events.map((e: { id: string }) => e.id)).toEqual(['NVDA@2025-01-27', 'AMD@2025-01-27', 'AVGO@2025-01-27']);
    const e = doc.events[0];
    for (const k of ['symbol', 'market', 'day0', 'M', 'alpha', 'beta', 'sigma', 'ar', 'car']) expect(e).toHaveProperty(k);
    for (const k of ['rel', 'date', 'ret', 'marketRet', 'ar', 'sar']) expect(e.ar[0]).toHaveProperty(k);
    for (const k of ['window', 'car', 'se', 't', 'df', 'p', 'bhar']) expect(e.car[0]).toHaveProperty(k);
    expect(doc.aggregate.map((a: { window: string }) => a.window)).toEqual(['[-1,+1]', '[0,0]']);
    const agg = doc.aggregate[1];
    expect(agg.N).toBe(3);
    // CAAR is the mean of the events' CARs.
    expect(agg.caar).toBeCloseTo(doc.events.reduce((s: number, x: { car: { car: number }[] }) => s + x.car[1].car, 0) / 3, 12);
    for (const name of ['crossSectionalT', 'patellZ', 'adjustedBmpT', 'corradoRank', 'grank', 'bootstrap']) expect(agg.tests[name]).toHaveProperty('stat');
    expect(r.out).not.toMatch(/NaN/);
  });

  it('--time/--tz: an announcement after the close or on a closed day maps to the next session', async () => {
    const day0 = async (...extra: string[]) => {
      const r = await run('event', 'NVDA', '--market', 'SPY', '--bootstrap', '0', '--json', ...extra);
      expect(r.code, r.err).toBe(0);
      return JSON.parse(r.out).events[0] as { day0: string; day0Reason: string; announced: { timeZone: string } };
    };
    // Friday 16:30 New York, after the close -> Monday.
    expect((await day0('--date', '2025-01-24', '--time', '16:30', '--tz', 'America/New_York')).day0).toBe('2025-01-27');
    // Friday 15:59 -> still Friday.
    expect((await day0('--date', '2025-01-24', '--time', '15:59')).day0).toBe('2025-01-24');
    // Saturday 22:00 in Shanghai is Saturday 09:00 in New York (closed) -> Monday.
    const cn = await day0('--date', '2025-01-25', '--time', '22:00', '--tz', 'Asia/Shanghai');
    expect(cn.day0).toBe('2025-01-27');
    expect(cn.day0Reason).toMatch(/2025-01-25 09:00 America\/New_York/);
    expect(cn.announced.timeZone).toBe('Asia/Shanghai');
    expectOneLineError(await run('event', 'NVDA', '--market', 'SPY', '--date', '2025-01-24', '--time', '4pm'), /--time must be HH:MM/);
  });

  it('--events file: per-row market, ids, and a bad row named by line', async () => {
    const good = join(tmp, 'events.csv');
    writeFileSync(good, 'id,symbol,date,market,tz\nr1,NVDA,2025-01-27,SPY,\nucm,688256.SS,2025-08-12,000688.SS,Asia/Shanghai\n');
    const r = await run('event', '--events', good, '--json', '--bootstrap', '0');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.events.map((e: { id: string; market: string }) => [e.id, e.market])).toEqual([['r1', 'SPY'], ['ucm', '000688.SS']]);
    const bad = join(tmp, 'bad.csv');
    writeFileSync(bad, 'symbol,date\nNVDA,2025-01-27\nNVDA,2025-13-01\n');
    expectOneLineError(await run('event', '--events', bad, '--market', 'SPY'), /bad\.csv: line 3: '2025-13-01' is not a valid date/);
  });

  it('bad input: unknown symbol, missing market, overlapping windows, bad model, nothing studiable', async () => {
    expectOneLineError(await run('event', 'NVDAA', '--market', 'SPY', '--date', '2025-01-27'), /unknown symbol 'NVDAA'; did you mean NVDA/);
    expectOneLineError(await run('event', 'NVDA', '--date', '2025-01-27'), /--market is required/);
    expectOneLineError(await run('event', 'NVDA', '--market', 'SPY', '--date', '2025-01-27', '--estimation', '-250:-3'), /overlap/);
    expectOneLineError(await run('event', 'NVDA', '--market', 'SPY', '--date', '2025-01-27', '--model', 'capm'), /unknown --model 'capm'/);
    expectOneLineError(await run('event', 'NVDA', '--market', 'SPY', '--date', '2021-05-03'), /no event could be studied \(NVDA@2021-05-03: /);
    expectOneLineError(await run('event', 'NVDA', '--market', 'SPY', '--date', '2025-02-30'), /2025-02-30/);
  });

  it('every model runs on real data with a finite day-0 AR; factors with NaN are refused naming the line', async () => {
    for (const model of ['mean-adjusted', 'market-adjusted', 'market', 'scholes-williams', 'dimson']) {
      const r = await run('event', 'NVDA', '--market', 'SPY', '--date', '2025-01-27', '--model', model, '--bootstrap', '0', '--json');
      expect(r.code, model).toBe(0);
      const e = JSON.parse(r.out).events[0];
      const d0 = e.ar.find((d: { rel: number }) => d.rel === 0);
      expect(Number.isFinite(d0.ar), model).toBe(true);
      // Whatever the benchmark model, NVDA's -16.97% day is abnormal.
      expect(d0.ar, model).toBeLessThan(-0.1);
      // Market-adjusted: AR = R - Rm exactly.
      if (model === 'market-adjusted') expect(d0.ar).toBeCloseTo(d0.ret - d0.marketRet, 14);
    }
    const f = join(tmp, 'factors.csv');
    writeFileSync(f, 'date,MKT,SMB\n2025-01-02,0.01,NaN\n');
    expectOneLineError(await run('event', 'NVDA', '--date', '2025-01-27', '--factors', f), /factors\.csv: line 2, factor 'SMB' on 2025-01-02: 'NaN' is not a finite number/);
  });
});
