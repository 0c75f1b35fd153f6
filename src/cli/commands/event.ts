/** `impact event`: an event study from the command line, as a readable report, JSON, or result files. */
import { InputError } from '../../errors.ts';
import { parseIsoDate } from '../../calendar/dates.ts';
import type { ModelName } from '../../models/types.ts';
import type { Measure, VolumeBasis } from '../../study/measures.ts';
import type { EventResult, EventSpec, StudyResult } from '../../study/types.ts';
import { parseWindow } from '../../study/windows.ts';
import type { RelWindow } from '../../types.ts';
import { joinSignedValues, parseCommandArgs, SOURCE_OPTIONS } from '../args.ts';
import type { CliIO, Command } from '../io.ts';

const usage = `Usage: impact event <symbol[,symbol...]> --market <symbol> --date YYYY-MM-DD [options]
       impact event --events events.csv [--market <symbol>] [options]

Runs an event study on the bundled snapshot (or your data folder): fits the model on the
estimation window, computes abnormal returns (AR, SAR) over the event window, CARs with SE, t,
df, p and BHAR per window, and, for several events, CAAR with the full test battery. An events
file is read and studied in chunks: a million events run in bounded memory.

Options:
  --market S          benchmark symbol (e.g. SPY, ^IXIC, 000688.SS); an events file may give one per row
  --date D            announcement date (exchange-local unless --tz says otherwise)
  --time HH:MM        announcement time; at/after the close moves day 0 to the next session
  --tz Area/City      time zone of --date/--time (e.g. Asia/Shanghai)
  --events FILE       CSV with columns symbol,date and optional market,time,tz,id,label; any other
                      column is kept as an event characteristic (quoted fields may hold commas)
  --allow-duplicates  study a row that appears twice in the events file twice (default: an error)
  --model M           market (default) | market-adjusted | mean-adjusted | scholes-williams | dimson | factor
                      | garch (GARCH(1,1) market model; an event whose fit fails uses OLS, flagged)
  --factors FILE      CSV of dated factor columns (date,<factor>...), for --model factor (implied)
  --measure M         return (default) | volume | volatility: what is abnormal. volume: log(1 + volume)
                      against its estimation mean (default model mean-adjusted) or, with --model market,
                      the benchmark's log volume (Campbell & Wasley 1996); volatility: AR²/s² − 1 of the
                      return model, cumulated over each window. Sessions without trading and A-share
                      limit-locked sessions are flagged
  --volume-basis B    shares (default) | turnover (percent of shares outstanding), for --measure volume
  --estimation A:B    estimation window in trading days (default -250:-11)
  --window A:B        event window (default -5:5)
  --car LIST          CAR windows, e.g. -1:1,0:0 (default -1:1,0:0,0:1,-5:5)
  --min-m N           minimum valid estimation returns (default 120)
  --day0 RULE         next (default) | previous | skip, for announcements on closed days
  --bootstrap B       bootstrap replications (default 9999; 0 switches it off; at most 1,000,000;
                      skipped above 20,000 events)
  --seed N            bootstrap seed (default 1)
  --data-dir DIR      a data folder (impact import / fetch) overlaying the bundled snapshot; with
                      --source yahoo, the folder the prices are pinned in (default .cache/live)
  --source S          snapshot (default; $IMPACT_SOURCE) or yahoo: pull the securities' and
                      benchmarks' daily prices from Yahoo Finance over the range the windows need,
                      pin them (a later run reads the pins; see impact fetch) and study them
  --refresh           with --source yahoo: pull again even where a pin covers the range
  --out FILE          write one row per event and CAR window as it is computed: FILE.csv,
                      FILE.ndjson or FILE.parquet (written to a temporary file, moved into place at the end)
  --summary           print only the aggregate (CAAR and the test battery per window)
  --json              print the result object (see README, "JSON output of impact event"); it holds
                      every event: for large files use --out with --summary
  -h, --help          this text

Output: up to 20 events are printed in full; above that, the aggregate plus the first events and
the most abnormal ones (largest |t| of the first CAR window). Progress goes to stderr when it is a
terminal.

Examples:
  impact event NVDA --market SPY --date 2025-01-27
  impact event NVDA,AMD,AVGO --market SPY --date 2025-01-27 --json
  impact event 688256.SS --market 000688.SS --date 2025-08-21 --tz Asia/Shanghai
  impact event --events events.csv --summary --bootstrap 0 --out results.parquet
  impact event AAPL --market SPY --date 2020-10-01 --source yahoo
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

/** One studied event in the JSON shape the README documents. */
export function eventJsonOf(e: EventResult): unknown {
  return {
    id: e.id,
    symbol: e.symbol,
    market: e.market,
    calendar: e.calendar,
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
    ...(e.label !== undefined ? { label: e.label } : {}),
    ...(e.characteristics ? { characteristics: e.characteristics } : {}),
  };
}

/** The aggregate part of the JSON. */
function aggregateJson(result: Pick<StudyResult, 'aggregate'>): unknown {
  return result.aggregate.map((a) => ({
    window: a.window,
    N: a.N,
    caar: a.caar,
    tests: Object.fromEntries(
      Object.entries(a.tests).map(([name, t]) => [
        name,
        {
          stat: t.stat,
          p: t.p,
          df: t.df,
          distribution: t.distribution,
          n: t.n,
          ...(t.note ? { note: t.note } : {}),
          ...(t.critical !== undefined ? { critical: t.critical } : {}),
          ...(t.countable === false ? { countable: false } : {}),
        },
      ]),
    ),
  }));
}

/** The result in the JSON shape the README documents (key names as in STATISTICS.md). */
export function eventJson(result: StudyResult, adjustedP?: unknown): unknown {
  return {
    parameters: result.parameters,
    events: result.events.map(eventJsonOf),
    aggregate: aggregateJson(result),
    rbar: result.rbar,
    rbarSe: result.rbarSe,
    rbarMethod: result.rbarMethod,
    rbarPairs: result.rbarPairs,
    skipped: result.skipped,
    notes: result.notes,
    ...(adjustedP ? { adjustedP } : {}),
  };
}

/** Progress on stderr, only when it is a terminal: events done, rate, time left; cleared at the end. */
function progressPrinter(total: number | null): { update(done: number, stage?: string): void; end(): void } {
  if (!process.stderr.isTTY) return { update: () => {}, end: () => {} };
  const t0 = Date.now();
  let last = 0;
  let shown = false;
  return {
    update(done, stage) {
      const now = Date.now();
      if (stage === 'aggregate') {
        process.stderr.write(`\r  ${done.toLocaleString('en-US')} events read; computing r̄ and the test battery…\x1b[K`);
        shown = true;
        return;
      }
      if (now - last < 250) return;
      last = now;
      const rate = done / Math.max(0.001, (now - t0) / 1000);
      const left = total && rate > 0 ? Math.max(0, (total - done) / rate) : null;
      const line = `  ${done.toLocaleString('en-US')}${total ? ` of ${total.toLocaleString('en-US')}` : ''} events, ${Math.round(rate).toLocaleString('en-US')}/s${left === null ? '' : `, ~${left < 60 ? `${Math.ceil(left)} s` : `${Math.ceil(left / 60)} min`} left`}`;
      process.stderr.write(`\r${line}\x1b[K`);
      shown = true;
    },
    end() {
      if (shown) process.stderr.write('\r\x1b[K');
    },
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
      'allow-duplicates': { type: 'boolean' },
      model: { type: 'string' },
      factors: { type: 'string' },
      measure: { type: 'string' },
      'volume-basis': { type: 'string' },
      estimation: { type: 'string' },
      window: { type: 'string' },
      car: { type: 'string' },
      'min-m': { type: 'string' },
      day0: { type: 'string' },
      bootstrap: { type: 'string' },
      seed: { type: 'string' },
      'data-dir': { type: 'string' },
      ...SOURCE_OPTIONS,
      out: { type: 'string' },
      summary: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (values.events && (positionals.length > 0 || values.date)) throw new InputError('give either --events FILE or <symbols> --date D, not both');
    if (!values.events) {
      if (positionals.length !== 1) throw new InputError('event needs one argument: a symbol or a comma-separated list (or --events FILE); see impact event --help');
      if (!values.date) throw new InputError('missing --date YYYY-MM-DD');
    }
    if (values.json && values.summary) throw new InputError('give --json or --summary, not both');
    const date = values.date === undefined ? undefined : parseIsoDate(values.date, '--date');
    if (values.time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(values.time)) throw new InputError(`--time must be HH:MM (24-hour), not '${values.time}'`);
    const day0Rule = values.day0 ?? 'next';
    if (day0Rule !== 'next' && day0Rule !== 'previous' && day0Rule !== 'skip') throw new InputError(`--day0 must be next, previous or skip, not '${day0Rule}'`);
    const replications = parseInteger('--bootstrap', values.bootstrap, 9999, 0);
    const seed = parseInteger('--seed', values.seed, 1, 0);
    if (!Number.isSafeInteger(seed)) throw new InputError(`--seed must be at most ${Number.MAX_SAFE_INTEGER}, not '${values.seed}'`);
    const minM = parseInteger('--min-m', values['min-m'], 120, 3);
    const estimationWindow = values.estimation ? parseWindow(values.estimation, '--estimation') : undefined;
    const eventWindow = values.window ? parseWindow(values.window, '--window') : undefined;
    const carWindows = parseCarWindows(values.car);

    // The engine is loaded only once the arguments are known to be usable (fast --help and errors).
    const { MODEL_NAMES } = await import('../../models/index.ts');
    const { readFactorCsv } = await import('../../study/factors.ts');
    const { MEASURES, MEASURE_NAMES } = await import('../../study/measures.ts');
    const measure = (values.measure ?? 'return') as Measure;
    if (!MEASURE_NAMES.includes(measure)) throw new InputError(`unknown --measure '${values.measure}'; choose one of ${MEASURE_NAMES.join(', ')}`);
    const volumeBasis = values['volume-basis'] as VolumeBasis | undefined;
    if (volumeBasis !== undefined && volumeBasis !== 'shares' && volumeBasis !== 'turnover') throw new InputError(`--volume-basis must be shares or turnover, not '${volumeBasis}'`);
    if (volumeBasis !== undefined && measure !== 'volume') throw new InputError('--volume-basis goes with --measure volume');
    const factors = values.factors ? readFactorCsv(values.factors) : undefined;
    const model = (values.model ?? (factors ? 'factor' : MEASURES[measure].defaultModel)) as ModelName;
    if (!MODEL_NAMES.includes(model)) throw new InputError(`unknown --model '${values.model}'; choose one of ${MODEL_NAMES.join(', ')}`);
    const { sourceFlags, yahooSymbol } = await import('../../data/live-source.ts');
    const { live } = sourceFlags(values);
    const { openDataStore } = await import('../../data/store.ts');
    // Live: symbols go to Yahoo as typed (a bundled alias as its symbol); the library pins them.
    const store = live ? null : openDataStore({ dataDir: values['data-dir'] });
    const resolved = new Map<string, string>();
    const resolve = (s: string): string => {
      let hit = resolved.get(s);
      if (hit === undefined) {
        hit = store ? store.resolveSymbol(s).symbol : yahooSymbol(s);
        resolved.set(s, hit);
      }
      return hit;
    };
    const benchmark = values.market ? resolve(values.market) : undefined;
    const needsMarket = model !== 'factor' && model !== 'mean-adjusted';

    const study = await import('../../study/run.ts');
    const { readEventsStream, countLines } = await import('../../study/events-file.ts');
    let events: Iterable<EventSpec> | AsyncIterable<EventSpec>;
    let total: number | null;
    if (values.events) {
      const path = values.events;
      const source = readEventsStream(path, { allowDuplicates: values['allow-duplicates'] });
      events = (async function* () {
        for await (const e of source) {
          e.symbol = resolve(e.symbol);
          if (e.benchmark) e.benchmark = resolve(e.benchmark);
          else if (needsMarket && !benchmark) {
            throw new InputError(`--market is required for the ${model} model (e.g. --market SPY), unless every events-file row names its market`);
          }
          yield e;
        }
      })();
      try {
        total = countLines(path);
      } catch {
        throw new InputError(`events file ${path} cannot be read (does it exist?)`);
      }
    } else {
      const symbols = positionals[0].split(',').map((s) => s.trim()).filter(Boolean);
      if (symbols.length === 0) throw new InputError('no symbol given');
      if (needsMarket && !benchmark) throw new InputError(`--market is required for the ${model} model (e.g. --market SPY)`);
      events = symbols.map((s) => ({ symbol: resolve(s), date: date as string, ...(values.time ? { time: values.time } : {}), ...(values.tz ? { timeZone: values.tz } : {}) }));
      total = symbols.length;
    }

    const options = {
      benchmark,
      model,
      measure,
      volumeBasis,
      factors,
      estimationWindow,
      eventWindow,
      carWindows,
      minEstimationReturns: minM,
      day0Rule: day0Rule as 'next' | 'previous' | 'skip',
      bootstrap: replications === 0 ? (false as const) : { replications, seed },
      ...(store
        ? { data: store }
        : { source: 'yahoo' as const, refresh: values.refresh, dataDir: values['data-dir'], onNotice: (m: string) => io.stderr(`impact: ${m}\n`) }),
      expectedEvents: total ?? undefined,
    };
    const { openResultsWriter, outFormat } = await import('../results-out.ts');
    if (values.out) outFormat(values.out);
    const writer = values.out ? await openResultsWriter(values.out) : null;
    const progress = io === (await import('../io.ts')).processIO ? progressPrinter(total) : { update: () => {}, end: () => {} };
    try {
      const out = await runAndPrint(study, events, options, values, writer, progress, io);
      await writer?.close();
      return out;
    } catch (e) {
      writer?.abort();
      throw e;
    } finally {
      progress.end();
    }
  },
};

/** Most abnormal events kept for the text output (largest |t| of the first CAR window). */
const SHOWN = 5;
/** Up to this many events the text output prints every event. */
const FULL_TEXT_EVENTS = 20;

async function runAndPrint(
  study: typeof import('../../study/run.ts'),
  events: Iterable<EventSpec> | AsyncIterable<EventSpec>,
  options: Parameters<typeof study.streamEventStudy>[1],
  values: { json?: boolean; summary?: boolean },
  writer: Awaited<ReturnType<typeof import('../results-out.ts').openResultsWriter>> | null,
  progress: { update(done: number, stage?: string): void },
  io: CliIO,
): Promise<number> {
  const { formatStudy, formatSummary } = await import('../../study/format.ts');
  const onProgress = (p: { done: number; stage?: string }) => progress.update(p.done, p.stage);
  const noneStudied = (skipped: { id: string; reason: string }[], count: number) => {
    const shown = skipped.slice(0, 5).map((s) => `${s.id}: ${s.reason}`).join('; ');
    return new InputError(`no event could be studied (${shown}${count > 5 ? `; and ${count - 5} more` : ''})`);
  };
  if (values.json) {
    const result = await study.runEventStudy({ ...options, events, onProgress, progressEvery: 500 } as Parameters<typeof study.runEventStudy>[0]);
    if (result.events.length === 0) throw noneStudied(result.skipped, result.skipped.length);
    if (writer) for (const e of result.events) await writer.write(e);
    const { adjustedPValues } = await import('../../study/multiple-testing.ts');
    io.stdout(`${JSON.stringify(eventJson(result, adjustedPValues(result)), null, 2)}\n`);
    return 0;
  }
  const first: EventResult[] = [];
  const extreme: EventResult[] = [];
  const tOf = (e: EventResult) => Math.abs(e.car[0]?.t ?? 0);
  const summary = await study.streamEventStudy(events, {
    ...options,
    onProgress,
    progressEvery: 500,
    onEvent: async (e) => {
      if (writer) await writer.write(e);
      if (first.length <= FULL_TEXT_EVENTS) first.push(e);
      // Keep the SHOWN largest |t| (a small sorted list).
      if (extreme.length < SHOWN || tOf(e) > tOf(extreme[extreme.length - 1])) {
        extreme.push(e);
        extreme.sort((a, b) => tOf(b) - tOf(a));
        if (extreme.length > SHOWN) extreme.pop();
      }
    },
  });
  if (summary.counts.studied === 0) throw noneStudied(summary.skipped, summary.counts.skipped);
  if (!values.summary && summary.counts.studied <= FULL_TEXT_EVENTS) {
    const { markOverlaps } = study;
    markOverlaps(first);
    const { counts: _counts, ...rest } = summary;
    void _counts;
    io.stdout(`${formatStudy({ ...rest, events: first })}\n`);
  } else {
    io.stdout(`${formatSummary(summary, values.summary ? null : { first: first.slice(0, SHOWN), extreme })}\n`);
  }
  if (writer) io.stderr(`impact: ${writer.rows().toLocaleString('en-US')} rows written to ${writer.path}\n`);
  return 0;
}
