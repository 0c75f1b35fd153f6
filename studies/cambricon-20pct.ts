// %% [markdown]
// **Question.** A news article reports that a stock jumped by some percentage and gives the
// company's market value. Did that move happen, on which session, and is the market value right?
// Were the stock's moves on the event days abnormal given the market's own move, and did its peers
// move with it?
//
// **Data.** Daily prices of the stock, its peers and two benchmark indices, total shares and the
// USD/CNY rate, all read through the data store: the footer lists every file read, with its source
// and the sha256 of the bytes read.
//
// **Method.** The claim checker looks at the sessions up to the report date on the stock's own
// exchange calendar, with close-to-close and intraday moves, the market-model abnormal return with
// its t, and the exchange's daily price limit. The event study fits the market model to each
// stock against the benchmark and, for robustness, against a second index; its windows, tests
// and seeds are printed below and listed in the footer.
//
// **Caveat.** On a day that closes at the daily price limit the observed return, and so the
// abnormal return, is censored: the true shock was at least that large, and part of it may show
// up the next session.

// %%
import {
  batteryChart,
  benchmarksText,
  checkClaim,
  claimChart,
  claimQuestion,
  claimSubject,
  claimText,
  claimVerdictSentence,
  day0Sentence,
  eventArBars,
  eventPricePath,
  eventSummaryRows,
  formatMoney,
  formatPValue,
  listText,
  loadSnapshotSeries,
  markdown,
  marketCapSentence,
  methodSentence,
  panelCaarChart,
  panelTestsSentence,
  provenance,
  runEventStudy,
  saveResults,
  securityLabel,
  shortName,
  showChart,
  showTable,
  smallPanelNote,
  studyCaption,
  studyCaveats,
  symbolLabel,
  testRows,
} from 'market-impact';

// The claim and the events, in one place: edit these lines to study another stock.
const SUBJECT = '688256.SS'; // the stock the article is about
const PEERS = ['688041.SS', '688981.SS']; // stocks that may move with it
const BENCHMARK = '000688.SS'; // the market model's index
const SECOND_BENCHMARK = '000300.SS'; // a broader index, for robustness
const REPORTED = '2025-08-13'; // the article's date
const CLAIMED_MOVE = '+20%';
const CLAIMED_MARKET_CAP = [{ value: 355e9, currency: 'CNY' }, { value: 49.7e9, currency: 'USD' }];
const EVENT_DATES = ['2025-08-12', '2025-08-22']; // the claimed jump, and a later day to compare
const SEED = 20250812; // bootstrap seed

const STOCKS = [SUBJECT, ...PEERS];
const percent = { percent: true, digits: 2 };

const move = await checkClaim({ id: 'move', subject: SUBJECT, reportedOn: REPORTED, move: CLAIMED_MOVE, basis: 'close', benchmark: BENCHMARK });
const cap = await checkClaim({ id: 'market-cap', subject: SUBJECT, reportedOn: REPORTED, move: CLAIMED_MOVE, basis: 'close', benchmark: BENCHMARK, marketCap: CLAIMED_MARKET_CAP });
const names = listText(STOCKS.map((s) => symbolLabel(s)));
markdown(
  [
    `# ${claimQuestion(move)} ${shortName(move.security.name)} and its peers on ${listText(EVENT_DATES)}`,
    '',
    `**The claim.** An article dated ${REPORTED} reports that ${claimText(move)}, with a market value of ${listText(cap.claim.marketCap.map((m) => formatMoney(m)))}.`,
    '',
    `**The events.** ${listText(EVENT_DATES)}: ${names} against ${symbolLabel(BENCHMARK)}, and against ${symbolLabel(SECOND_BENCHMARK)} for robustness.`,
  ].join('\n'),
);

// %% [markdown]
// ## The claimed move

// %%
const market = move.benchmark ? shortName(move.benchmark.name) : 'no benchmark';
showTable(
  move.evidence.map((d) => ({
    date: d.date,
    close: d.close,
    return: d.closeReturn,
    high: d.intradayHigh,
    market: d.marketReturn,
    ar: d.abnormal?.ar ?? null,
    t: d.abnormal?.t ?? null,
    limitUp: d.limitUp,
  })),
  { caption: `${claimSubject(move)} sessions ${move.window.from}..${move.window.to} (market: ${market})`, format: { return: percent, high: percent, market: percent, ar: percent, t: { digits: 2 } } },
);
showChart(claimChart(move), { name: 'claim-move', alt: `${claimSubject(move)} daily returns up to the ${REPORTED} article against the claimed move and the daily limit` });
markdown(claimVerdictSentence(move));

// %% [markdown]
// ## The claimed market value

// %%
const mc = cap.marketCap;
if (mc && mc.status !== 'unavailable') {
  showTable(
    mc.comparisons.map((c) => ({
      claimed: formatMoney(c.claimed),
      computed: formatMoney({ value: c.computed, currency: c.claimed.currency }, 2),
      difference: c.difference,
      fx: c.fx ? `${c.fx.rate} ${mc.computed?.currency} per ${c.claimed.currency} (${c.fx.date})` : 'none needed',
    })),
    { caption: `Market value on ${mc.date}: close ${mc.price} × ${mc.shares?.toLocaleString('en-US')} shares`, format: { difference: percent } },
  );
}
markdown(marketCapSentence(cap) ?? 'No market value was claimed.');

// %% [markdown]
// ## The event days: the stock and its peers against the benchmark

// %%
const run = (date: string, benchmark: string) =>
  runEventStudy({
    benchmark,
    model: 'market',
    estimationWindow: [-250, -11],
    eventWindow: [-5, 5],
    carWindows: [[-1, 1], [0, 0], [0, 1], [-5, 5]],
    bootstrap: { replications: 9999, seed: SEED },
    events: STOCKS.map((symbol) => ({ id: `${symbol}@${date}`, symbol, date })),
  });
const studies = [];
for (const date of EVENT_DATES) studies.push({ date, benchmark: BENCHMARK, result: await run(date, BENCHMARK) });
const last = studies[studies.length - 1];
const robustness = { date: last.date, benchmark: SECOND_BENCHMARK, result: await run(last.date, SECOND_BENCHMARK) };
markdown(`**Method as run.** ${methodSentence(last.result)}`);
const fmt = { ret: percent, marketRet: percent, ar: percent, t: { digits: 2 }, p: formatPValue, pHolm: formatPValue, pBH: formatPValue, 'CAR[-1,+1]': percent, 'p[-1,+1]': formatPValue, 'pHolm[-1,+1]': formatPValue, 'pBH[-1,+1]': formatPValue };
for (const { result } of [...studies, robustness]) showTable(eventSummaryRows(result), { caption: studyCaption(result), format: fmt });

// %%
const subjectLast = last.result.events.find((e) => e.symbol === SUBJECT);
if (subjectLast) {
  const series = loadSnapshotSeries(SUBJECT);
  showChart(eventPricePath(subjectLast, series.rows, { currency: series.info.currency, padDays: 25 }), { name: 'subject-price-path', alt: `${securityLabel(subjectLast)} close price around ${subjectLast.day0} with the market-model counterfactual` });
  showChart(eventArBars(subjectLast), { name: 'subject-ar-bars', alt: `${securityLabel(subjectLast)} daily abnormal returns around ${subjectLast.day0}, limit days marked` });
}
const lastNames = listText(last.result.events.map((e) => shortName(e.name)));
showChart(panelCaarChart(last.result, `${lastNames} around ${last.date}: CAR per stock and CAAR`), { name: 'caar-panel', alt: `CAR of ${lastNames} and their average around ${last.date}, vs ${benchmarksText(last.result)}` });
showTable(testRows(last.result, '[0,0]'), { caption: `Tests of CAAR[0,0]: ${studyCaption(last.result)}, N = ${last.result.events.length}`, format: { stat: { digits: 3 }, p: formatPValue, pHolm: formatPValue, pBH: formatPValue } });
const battery = batteryChart(last.result, '[0,0]', `Tests of CAAR[0,0] on ${last.date} (vs ${benchmarksText(last.result)})`);
if (battery) showChart(battery, { name: 'test-battery', alt: `Test statistics for the CAAR of ${lastNames} on ${last.date}` });

// %% [markdown]
// ## Conclusion and caveats

// %%
// The subject's day 0 on each event day, except the day the claim check already quoted.
const subjectDay0 = studies.flatMap(({ result }) => result.events.filter((e) => e.symbol === SUBJECT && e.day0 !== move.matchedDate)).map((e) => day0Sentence(e));
const conclusion: string = [
  claimVerdictSentence(move),
  marketCapSentence(cap),
  ...subjectDay0,
  ...studies.map(({ result }) => panelTestsSentence(result, '[0,0]')),
  smallPanelNote(last.result),
]
  .filter((s) => s !== null)
  .join(' ');
markdown(conclusion);
markdown(
  [
    '**Caveats.**',
    ...[...new Set(studies.flatMap(({ result }) => studyCaveats(result)))].map((c) => `- ${c}`),
    `- If ${names} are constituents of ${symbolLabel(BENCHMARK)}, part of its move is their own, which biases their abnormal returns towards zero; the run against ${symbolLabel(SECOND_BENCHMARK)} is the check.`,
  ].join('\n'),
);
provenance({ summary: conclusion });
saveResults({ claims: [move, cap], studies: [...studies, robustness] });
