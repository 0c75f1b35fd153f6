/** `impact regress`: second-stage regressions of CARs on event characteristics, and subgroup CAARs. */
import { InputError } from '../../errors.ts';
import { parseIsoDate } from '../../calendar/dates.ts';
import { resolveSymbol } from '../../data/symbols.ts';
import type { ModelName } from '../../models/types.ts';
import type { EventSpec } from '../../study/types.ts';
import { parseWindow } from '../../study/windows.ts';
import { joinSignedValues, parseCommandArgs } from '../args.ts';
import type { Command } from '../io.ts';

const usage = `Usage: impact regress <symbol[,symbol...]> --market S --date D[,D...] --on LIST [options]
       impact regress --events events.csv [--market S] --on LIST [options]

Runs the event study, then regresses one window's CAR (or SCAR) on event characteristics by OLS
and by WLS (weights 1/σ²_CAR), with classical, HC1, HC3 and clustered standard errors, t, p, R²
and N; events that cannot be used are listed with the reason. With --by, CAAR per level of a
categorical column with Welch t and Wilcoxon rank-sum difference tests (exact p up to 50 events).

Characteristics: extra columns of the events file (numeric, or categorical -> 0/1 dummies against
a baseline: the first level in sorted order unless --baseline says otherwise), and the built-ins
  beta       the event's market-model beta
  prior<N>   e.g. prior20: compounded return over the N sessions before the event window
             (relative days A-N..A-1 for --window A:B; default window -5:5 -> days -25..-6)

Options:
  --on LIST           regressors, e.g. beta,prior20,sector
  --car A:B           the CAR window (default 0:0)
  --scar              regress SCAR = CAR/se(CAR) instead of CAR (OLS only)
  --cluster C         date (day 0; default when events have several dates) | security
  --by COL            subgroup CAAR by a categorical column, with difference tests
  --baseline COL=LVL  baseline level of a categorical column (repeatable as a comma list)
  --market S          benchmark symbol (or a market column in the events file)
  --date D[,D...]     announcement date(s); every symbol is studied on every date
  --events FILE       CSV with symbol,date (and market,time,tz,id,label) plus characteristic columns
  --model M           market (default) | market-adjusted | mean-adjusted | scholes-williams | dimson | garch
  --estimation A:B    estimation window (default -250:-11)
  --window A:B        event window (default -5:5)
  --json              print the regression (and subgroup) objects as JSON
  -h, --help          this text

Examples:
  impact regress NVDA,AMD,AVGO,TSM,MSFT,META,GOOGL --market SPY --date 2025-01-27 --on beta,prior20
  impact regress --events panel.csv --market SPY --car -1:1 --on beta,sector --cluster date
  impact regress --events panel.csv --market SPY --by sector
`;

function parseBaselines(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([^=]+)=(.+)$/.exec(part);
    if (!m) throw new InputError(`--baseline: '${part}' is not COLUMN=LEVEL`);
    out[m[1].trim()] = m[2].trim();
  }
  return out;
}

export const regressCommand: Command = {
  name: 'regress',
  summary: 'second stage: regress CARs on event characteristics (OLS/WLS, HC1/HC3/clustered SEs), subgroup CAARs',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(joinSignedValues(args, new Set(['--estimation', '--window', '--car'])), {
      on: { type: 'string' },
      car: { type: 'string' },
      scar: { type: 'boolean' },
      cluster: { type: 'string' },
      by: { type: 'string' },
      baseline: { type: 'string' },
      market: { type: 'string' },
      date: { type: 'string' },
      events: { type: 'string' },
      model: { type: 'string' },
      estimation: { type: 'string' },
      window: { type: 'string' },
      json: { type: 'boolean' },
    });
    const regressors = (values.on ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (regressors.length === 0 && !values.by) throw new InputError('regress needs --on LIST (e.g. --on beta,prior20) or --by COLUMN; see impact regress --help');
    const carWindow = values.car ? parseWindow(values.car, '--car') : ([0, 0] as const);
    const cluster = values.cluster;
    if (cluster !== undefined && cluster !== 'date' && cluster !== 'security') throw new InputError(`--cluster must be date or security, not '${cluster}'`);
    const model = (values.model ?? 'market') as ModelName;
    const { MODEL_NAMES } = await import('../../models/index.ts');
    if (!MODEL_NAMES.includes(model) || model === 'factor') throw new InputError(`unknown --model '${values.model}'; choose one of ${MODEL_NAMES.filter((m) => m !== 'factor').join(', ')}`);
    const baselines = parseBaselines(values.baseline);
    let events: EventSpec[];
    if (values.events) {
      if (positionals.length > 0 || values.date) throw new InputError('give either --events FILE or <symbols> --date D, not both');
      // The events file's extra columns arrive as each event's characteristics and are carried to its result.
      const { readEventsCsv } = await import('../../study/events-file.ts');
      events = readEventsCsv(values.events);
    } else {
      if (positionals.length !== 1) throw new InputError('regress needs one argument: a comma-separated list of symbols (or --events FILE); see impact regress --help');
      if (!values.date) throw new InputError('missing --date YYYY-MM-DD');
      const dates = values.date.split(',').map((d) => parseIsoDate(d.trim(), '--date'));
      const symbols = positionals[0].split(',').map((s) => s.trim()).filter(Boolean);
      events = dates.flatMap((date) => symbols.map((s) => ({ symbol: resolveSymbol(s).symbol, date })));
    }
    for (const e of events) e.symbol = resolveSymbol(e.symbol).symbol;
    for (const e of events) if (e.benchmark) e.benchmark = resolveSymbol(e.benchmark).symbol;
    const benchmark = values.market ? resolveSymbol(values.market).symbol : undefined;
    if (model !== 'mean-adjusted' && !benchmark && events.some((e) => !e.benchmark)) throw new InputError(`--market is required for the ${model} model (e.g. --market SPY), unless every events-file row names its market`);

    const { runEventStudy } = await import('../../study/run.ts');
    const { regressCars, subgroupCaar, priorReturns } = await import('../../study/regress.ts');
    const { formatCarRegression, formatSubgroupCaar } = await import('../../study/regress-format.ts');
    const result = await runEventStudy({
      events,
      benchmark,
      model,
      estimationWindow: values.estimation ? parseWindow(values.estimation, '--estimation') : undefined,
      eventWindow: values.window ? parseWindow(values.window, '--window') : undefined,
      carWindows: [carWindow],
      bootstrap: false,
    });
    if (result.events.length === 0) throw new InputError(`no event could be studied (${result.skipped.map((s) => `${s.id}: ${s.reason}`).join('; ')})`);
    const priorNames = regressors.filter((r) => /^prior\d+$/.test(r));
    if (priorNames.length > 1) throw new InputError(`give one prior<N> regressor, not ${priorNames.join(', ')}`);
    const prior = priorNames.length ? await priorReturns(result, Number(priorNames[0].slice(5))) : undefined;
    const chosenCluster = cluster ?? (new Set(result.events.map((e) => e.day0)).size > 1 ? 'date' : 'security');
    const regression = regressors.length
      ? regressCars(result, { window: carWindow, regressors, dependent: values.scar ? 'scar' : 'car', cluster: chosenCluster, baselines, priorReturns: prior })
      : null;
    if (regression && cluster === undefined && chosenCluster === 'security') regression.notes.push('all events share one day 0: standard errors are clustered by security');
    const subgroups = values.by ? subgroupCaar(result, { window: carWindow, by: values.by, baseline: baselines?.[values.by] }) : null;
    if (values.json) {
      io.stdout(`${JSON.stringify({ regression, subgroups }, null, 2)}\n`);
      return 0;
    }
    const parts = [regression ? formatCarRegression(regression) : null, subgroups ? formatSubgroupCaar(subgroups) : null].filter(Boolean);
    io.stdout(`${parts.join('\n\n')}\n`);
    return 0;
  },
};
