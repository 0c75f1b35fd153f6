/**
 * The run log (#11.2): every library call records what it was asked and the parameters it used
 * after defaults, in one process-wide record the report footer reads. Checked against the calls'
 * own results (the effective parameters a StudyResult / ClaimCheck carries), and the footer rows
 * built from it.
 */
import { describe, expect, it } from 'vitest';
import { checkClaim } from '../src/claims/check.ts';
import { callInputsText, callLines, amountText } from '../src/report/provenance.ts';
import { onLibraryCall, processLibraryCalls, recordLibraryCall, seedsOf, toJsonValue, type LibraryCall } from '../src/study/call-log.ts';
import { regressCars } from '../src/study/regress.ts';
import { runEventStudy } from '../src/study/run.ts';

/** The calls made while `body` runs. */
async function callsDuring(body: () => Promise<unknown>): Promise<LibraryCall[]> {
  const before = processLibraryCalls().length;
  await body();
  return processLibraryCalls().slice(before);
}

describe('the run log', () => {
  it('records runEventStudy with each event’s benchmark and every default filled in (the bootstrap seed included)', async () => {
    let result: Awaited<ReturnType<typeof runEventStudy>> | undefined;
    const calls = await callsDuring(async () => {
      result = await runEventStudy({ events: [{ symbol: 'NVDA', date: '2025-01-27' }, { symbol: 'AMD', date: '2025-01-27', benchmark: 'QQQ' }], benchmark: 'SPY', tests: ['crossSectionalT', 'bootstrap'] });
    });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call.kind).toBe('runEventStudy');
    expect(call.inputs.events).toEqual([
      { symbol: 'NVDA', date: '2025-01-27', benchmark: 'SPY' },
      { symbol: 'AMD', date: '2025-01-27', benchmark: 'QQQ' },
    ]);
    // The effective parameters are the result's own (defaults the study never typed included).
    expect(call.parameters).toEqual({ ...JSON.parse(JSON.stringify(result!.parameters)), prices: 'data store' });
    expect(call.parameters).toMatchObject({ model: 'market', estimationWindow: [-250, -11], eventWindow: [-5, 5], minEstimationReturns: 120, day0Rule: 'next', tests: ['crossSectionalT', 'bootstrap'] });
    expect(call.parameters.bootstrap).toEqual({ replications: 9999, seed: 1 });
    expect(call.seeds).toEqual({ bootstrap: 1 });
  });

  it('records checkClaim as the checker understood the claim: symbol resolved, move parsed, defaults and the benchmark used', async () => {
    const calls = await callsDuring(() => checkClaim({ subject: 'cambricon', reportedOn: '2025-08-13', move: '+20%', marketCap: ['355e9', '49.7e9USD'] }));
    expect(calls).toEqual([
      {
        kind: 'checkClaim',
        inputs: {
          subject: 'cambricon',
          symbol: '688256.SS',
          reportedOn: '2025-08-13',
          move: 0.2,
          basis: 'close',
          lookback: 5,
          tolerancePp: 1.5,
          marketCap: [{ value: 355e9, currency: 'CNY' }, { value: 49.7e9, currency: 'USD' }],
          benchmark: '000688.SS', // the exchange default: never typed by the caller
        },
        parameters: { estimationWindow: [-250, -11], minEstimationDays: 120, capTolerance: 0.05, capApproximate: 0.1, maxStretchSessions: 20 },
        seeds: {},
      },
    ]);
    const again = await callsDuring(() => checkClaim({ subject: 'NVDA', reportedOn: '2025-01-27', move: -0.17, benchmark: 'QQQ', lookback: 0 }, undefined, { capTolerance: 0.02 }));
    expect(again[0].inputs).toMatchObject({ symbol: 'NVDA', move: -0.17, lookback: 0, benchmark: 'QQQ', marketCap: [] });
    expect(again[0].parameters).toMatchObject({ capTolerance: 0.02, capApproximate: 0.04 });
  });

  it('records regressCars with the events it used and the options after defaults', async () => {
    const study = await runEventStudy({ events: ['NVDA', 'AMD', 'AVGO', 'MSFT'].map((symbol) => ({ symbol, date: '2025-01-27' })), benchmark: 'SPY', bootstrap: false });
    const calls = await callsDuring(async () => regressCars(study, { window: [0, 0], regressors: ['beta'] }));
    expect(calls).toEqual([
      {
        kind: 'regressCars',
        inputs: { regressors: ['beta'], events: ['NVDA@2025-01-27', 'AMD@2025-01-27', 'AVGO@2025-01-27', 'MSFT@2025-01-27'], excluded: [] },
        parameters: { window: '[0,0]', dependent: 'car', cluster: 'date', baselines: {} },
        seeds: {},
      },
    ]);
  });

  it('is plain JSON, shared through globalThis, and tells listeners', () => {
    const heard: LibraryCall[] = [];
    onLibraryCall((c) => heard.push(c));
    const call: LibraryCall = { kind: 'calendarTimePortfolio', inputs: { x: Number.NaN as unknown as number }, parameters: { horizon: 20 }, seeds: {} };
    recordLibraryCall(call);
    expect(heard).toEqual([{ kind: 'calendarTimePortfolio', inputs: { x: null }, parameters: { horizon: 20 }, seeds: {} }]);
    expect(processLibraryCalls().at(-1)).toEqual(heard[0]);
    const log = (globalThis as Record<symbol, unknown>)[Symbol.for('market-impact.library-calls')] as { calls: LibraryCall[] };
    expect(log.calls.at(-1)).toEqual(heard[0]);
    expect(toJsonValue({ a: Float64Array.of(1, 2), b: undefined, c: Infinity })).toEqual({ a: [1, 2], c: null });
    expect(seedsOf({ model: 'market', bootstrap: { replications: 9, seed: 7 }, rbar: { seed: 3 }, other: { seed: 'x' } })).toEqual({ bootstrap: 7, rbar: 3 });
  });
});

describe('the footer rows built from the run log', () => {
  const study = (date: string, benchmark: string, seed: number): LibraryCall => ({
    kind: 'runEventStudy',
    inputs: { events: ['NVDA', 'AMD'].map((symbol) => ({ symbol, date, benchmark })) },
    parameters: { model: 'market', bootstrap: { replications: 99, seed } },
    seeds: { bootstrap: seed },
  });

  it('groups events by announcement and benchmark, says "as #n" for repeated parameters, lists seeds', () => {
    const lines = callLines([study('2025-01-27', 'SPY', 7), study('2025-01-20', '^IXIC', 7), study('2025-01-27', 'SPY', 8)]);
    expect(lines).toEqual([
      { n: 1, call: 'runEventStudy', inputs: '2 events: NVDA, AMD on 2025-01-27 vs SPY', parameters: 'model market; bootstrap {"replications":99,"seed":7}', seeds: 'bootstrap 7' },
      { n: 2, call: 'runEventStudy', inputs: '2 events: NVDA, AMD on 2025-01-20 vs ^IXIC', parameters: 'as #1', seeds: 'bootstrap 7' },
      { n: 3, call: 'runEventStudy', inputs: '2 events: NVDA, AMD on 2025-01-27 vs SPY', parameters: 'model market; bootstrap {"replications":99,"seed":8}', seeds: 'bootstrap 8' },
    ]);
  });

  it('writes a claim the way it was checked, and summarises long event lists', () => {
    const claim: LibraryCall = {
      kind: 'checkClaim',
      inputs: { id: 'cap', subject: 'cambricon', symbol: '688256.SS', reportedOn: '2025-08-13', move: 0.2, basis: 'close', lookback: 5, tolerancePp: 1.5, marketCap: [{ value: 355e9, currency: 'CNY' }, { value: 49.7e9, currency: 'USD' }], benchmark: '000688.SS' },
      parameters: {},
      seeds: {},
    };
    expect(callInputsText(claim)).toBe("cap: 688256.SS (asked as 'cambricon') reported 2025-08-13: move +20.00% (close, 5 sessions back, ±1.5 pp); market value 355 billion CNY = 49.7 billion USD; benchmark 000688.SS");
    const many: LibraryCall = { kind: 'runEventStudy', inputs: { events: Array.from({ length: 45 }, (_, i) => ({ symbol: `S${i % 12}`, date: `2025-01-${String(1 + (i % 28)).padStart(2, '0')}`, benchmark: 'SPY' })) }, parameters: {}, seeds: {} };
    expect(callInputsText(many)).toBe('45 events: 12 securities (S0, S1, S2, S3, S4, S5, S6, S7, S8, S9, …), announced 2025-01-01 to 2025-01-28, vs SPY');
    expect(amountText(355e9)).toBe('355 billion');
    expect(amountText(2.9e12)).toBe('2.9 trillion');
    expect(amountText(1234)).toBe('1234');
  });
});
