/** `impact event`: an event study from the command line, as a readable report or JSON. */
import { InputError } from '../../errors.ts';
import { parseIsoDate } from '../../calendar/dates.ts';
import { resolveSymbol } from '../../data/symbols.ts';
import { MODEL_NAMES, type ModelName } from '../../models/types.ts';
import type { EventSpec, StudyResult } from '../../study/types.ts';
import { parseWindow } from '../../study/windows.ts';
import type { RelWindow } from '../../types.ts';
import { joinSignedValues, parseCommandArgs } from '../args.ts';
import type { Command } from '../io.ts';

const usage = `Usage: impact event <symbol[,symbol...]> --market <symbol> --date YYYY-MM-DD [options]
       impact event --events events.csv [--market <symbol>] [options]

Runs an event study on the bundled snapshot: fits the model on the estimation window, computes
abnormal returns (AR, SAR) over the event window, CARs with SE, t, df, p and BHAR per window, and,
for several events, CAAR with the full test battery.

Options:
  --market S          benchmark symbol (e.g. SPY, ^IXIC, 000688.SS); an events file may give one per row
  --date D            announcement date (exchange-local unless --tz says otherwise)
  --time HH:MM        announcement time; at/after the close moves day 0 to the next session
  --tz Area/City      time zone of --date/--time (e.g. Asia/Shanghai)
  --events FILE       CSV with columns symbol,date and optional market,time,tz,id,label
  --model M           market (default) | market-adjusted | mean-adjusted | scholes-williams | dimson | factor
  --factors FILE      CSV of dated factor columns (date,<factor>...), for --model factor (implied)
  --estimation A:B    estimation window in trading days (default -250:-11)
  --window A:B        event window (default -5:5)
  --car LIST          CAR windows, e.g. -1:1,0:0 (default -1:1,0:0,0:1,-5:5)
  --min-m N           minimum valid estimation returns (default 120)
  --day0 RULE         next (default) | previous | skip, for announcements on closed days
  --bootstrap B       bootstrap replications (default 9999; 0 switches it off)
  --seed N            bootstrap seed (default 1)
  --json              print the result object (see README, "JSON output of impact event")
  -h, --help          this text

Examples:
  impact event NVDA --market SPY --date 2025-01-27
  impact event NVDA,AMD,AVGO --market SPY --date 2025-01-27 --json
  impact event 688256.SS --market 000688.SS --date 2025-08-21 --tz Asia/Shanghai
`;

function parseInteger(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min) throw new InputError(`${name} must be a whole number >= ${min}, not '${text}'`);
  return Number(text);
}

function parseCarWindows(text: string | undefined): RelWindow[] | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0) throw new InputError('--car is empty; write e.g. -1:1,0:0');
  return parts.map((p) => parseWindow(p, '--car'));
}

/** The result in the JSON shape the README documents (key names as in STATISTICS.md). */
export function eventJson(result: StudyResult): unknown {
  return {
    parameters: result.parameters,
    events: result.events.map((e) => ({
      id: e.id,
      symbol: e.symbol,
      market: e.market,
      announced: e.announced,
      day0: e.day0,
      day0Reason: e.day0Reason,
      estimation: e.estimation,
      model: e.model,
      M: e.M,
      alpha: e.alpha,
      beta: e.beta,
      betas: e.betas,
      sigma: e.sigma,
      r2: e.r2,
      ar: e.ar.map((d) => ({ rel: d.rel, date: d.date, ret: d.ret, marketRet: d.marketRet, expected: d.expected, ar: d.ar, sar: d.sar, sd: d.sd, limitUp: d.limitUp, limitDown: d.limitDown })),
      car: e.car.map((c) => ({ window: c.window, car: c.car, se: c.se, t: c.t, df: c.df, p: c.p, bhar: c.bhar, days: c.days })),
      flags: e.flags,
    })),
    aggregate: result.aggregate.map((a) => ({
      window: a.window,
      N: a.N,
      caar: a.caar,
      tests: Object.fromEntries(Object.entries(a.tests).map(([name, t]) => [name, { stat: t.stat, p: t.p, df: t.df, distribution: t.distribution, n: t.n, ...(t.note ? { note: t.note } : {}) }])),
    })),
    rbar: result.rbar,
    skipped: result.skipped,
    notes: result.notes,
  };
}

export const eventCommand: Command = {
  name: 'event',
  summary: 'run an event study: ARs, CARs, CAAR and the full test battery',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(joinSignedValues(args, new Set(['--estimation', '--window', '--car'])), {
      market: { type: 'string' },
      date: { type: 'string' },
      time: { type: 'string' },
      tz: { type: 'string' },
      events: { type: 'string' },
      model: { type: 'string' },
      factors: { type: 'string' },
      estimation: { type: 'string' },
      window: { type: 'string' },
      car: { type: 'string' },
      'min-m': { type: 'string' },
      day0: { type: 'string' },
      bootstrap: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
    });
    // The engine is loaded only once the arguments are known to be usable (fast --help and errors).
    const { readEventsCsv } = await import('../../study/events-file.ts');
    let events: EventSpec[];
    if (values.events) {
      if (positionals.length > 0 || values.date) throw new InputError('give either --events FILE or <symbols> --date D, not both');
      events = readEventsCsv(values.events);
      if (events.length === 0) throw new InputError(`${values.events}: no events (only a header?)`);
    } else {
      if (positionals.length !== 1) throw new InputError('event needs one argument: a symbol or a comma-separated list (or --events FILE); see impact event --help');
      if (!values.date) throw new InputError('missing --date YYYY-MM-DD');
      const date = parseIsoDate(values.date, '--date');
      if (values.time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(values.time)) throw new InputError(`--time must be HH:MM (24-hour), not '${values.time}'`);
      const symbols = positionals[0].split(',').map((s) => s.trim()).filter(Boolean);
      if (symbols.length === 0) throw new InputError('no symbol given');
      events = symbols.map((s) => ({ symbol: resolveSymbol(s).symbol, date, ...(values.time ? { time: values.time } : {}), ...(values.tz ? { timeZone: values.tz } : {}) }));
    }
    for (const e of events) e.symbol = resolveSymbol(e.symbol).symbol;
    const benchmark = values.market ? resolveSymbol(values.market).symbol : undefined;
    for (const e of events) if (e.benchmark) e.benchmark = resolveSymbol(e.benchmark).symbol;
    const { readFactorCsv } = await import('../../study/factors.ts');
    const factors = values.factors ? readFactorCsv(values.factors) : undefined;
    const model = (values.model ?? (factors ? 'factor' : 'market')) as ModelName;
    if (!MODEL_NAMES.includes(model)) throw new InputError(`unknown --model '${values.model}'; choose one of ${MODEL_NAMES.join(', ')}`);
    if (model !== 'factor' && model !== 'mean-adjusted' && !benchmark && events.some((e) => !e.benchmark)) {
      throw new InputError(`--market is required for the ${model} model (e.g. --market SPY), unless every events-file row names its market`);
    }
    const day0Rule = values.day0 ?? 'next';
    if (day0Rule !== 'next' && day0Rule !== 'previous' && day0Rule !== 'skip') throw new InputError(`--day0 must be next, previous or skip, not '${day0Rule}'`);
    const replications = parseInteger('--bootstrap', values.bootstrap, 9999, 0);
    const seed = parseInteger('--seed', values.seed, 1, 0);
    const { runEventStudy } = await import('../../study/run.ts');
    const { formatStudy } = await import('../../study/format.ts');
    const result = await runEventStudy({
      events,
      benchmark,
      model,
      factors,
      estimationWindow: values.estimation ? parseWindow(values.estimation, '--estimation') : undefined,
      eventWindow: values.window ? parseWindow(values.window, '--window') : undefined,
      carWindows: parseCarWindows(values.car),
      minEstimationReturns: parseInteger('--min-m', values['min-m'], 120, 3),
      day0Rule,
      bootstrap: replications === 0 ? false : { replications, seed },
    });
    if (result.events.length === 0) {
      const reasons = result.skipped.map((s) => `${s.id}: ${s.reason}`).join('; ');
      throw new InputError(`no event could be studied (${reasons})`);
    }
    if (values.json) io.stdout(`${JSON.stringify(eventJson(result), null, 2)}\n`);
    else io.stdout(`${formatStudy(result)}\n`);
    return 0;
  },
};
