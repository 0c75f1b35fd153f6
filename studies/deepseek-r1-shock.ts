// %% [markdown]
// **Question.** An AI model is released, and some days later the stocks it was said to threaten
// sell off. Was the largest stock's fall on the sell-off day abnormal, or just the market? Did the
// other names move abnormally too, and did anything happen on the release itself? And is a
// reported size of the fall right?
//
// **Data.** Daily adjusted closes of the stocks and of two benchmarks, read through the data
// store; the events come from the catalogue (`data/events.json`, each with a public source). The
// footer lists every file read, with its source and the sha256 of the bytes read.
//
// **Method.** Market model (OLS) per security, fitted on an estimation window before day 0; day 0
// is the first session of the security's exchange at or after the announcement (a holiday or a
// weekend moves it to the next session, and the tables say why). Each event is run against the
// benchmark and against a second index. When events share day 0 their abnormal returns are
// cross-correlated, and the Kolari–Pynnönen adjusted tests allow for it. Where many tests are shown
// at once, Holm and Benjamini–Hochberg adjusted p-values stand beside the raw ones, and the counts
// of rejections are made on the adjusted values. The reported size of the fall is checked against
// the tape. Three further views: trading volume (the log of one plus the shares traded, against
// its level over the estimation window, and against the benchmark's log volume); a GARCH market
// model, whose variance changes from day to day, beside the market model; and a cross-sectional
// regression of the abnormal returns on day 0 on each stock's beta and its return over the weeks
// before the event window, with heteroskedasticity-robust and clustered standard errors. The
// windows, tests and seeds are printed below and listed in the footer.

// %%
import {
  abnormalVolumeChart,
  batteryChart,
  carRegressionChart,
  carRegressionSentence,
  checkClaim,
  claimChart,
  claimQuestion,
  claimSubject,
  claimText,
  claimVerdictSentence,
  day0Sentence,
  eventArBars,
  eventCarPath,
  eventPricePath,
  eventSummaryRows,
  formatPValue,
  getEvent,
  listText,
  loadSnapshotSeries,
  markdown,
  methodSentence,
  modelComparisonChart,
  modelComparisonRows,
  modelComparisonSentence,
  panelCaarChart,
  priorReturns,
  panelTestsSentence,
  provenance,
  regressCars,
  regressionTestsChart,
  runEventStudy,
  saveResults,
  securityLabel,
  shortName,
  showChart,
  showTable,
  significantEventsSentence,
  studyCaption,
  studyCaveats,
  symbolLabel,
  testRows,
  volumeDay0Sentence,
  windowText,
} from 'market-impact';

// The events, in one place: edit these lines to study other stocks or days.
const STOCKS = ['NVDA', 'AMD', 'AVGO', 'TSM', 'MSFT', 'META', 'GOOGL'];
const FOCUS = 'NVDA'; // the stock the charts and the claim are about
const BENCHMARK = 'SPY';
const SECOND_BENCHMARK = '^IXIC'; // for robustness
const SELL_OFF = getEvent('us-selloff-deepseek-2025-01-27'); // from the catalogue: date, title, sources
const RELEASE = getEvent('deepseek-r1-release');
const CLAIMED_MOVE = '-17%'; // as reported, on the sell-off day
const PRIOR_SESSIONS = 20; // the regression's prior return: sessions before the event window
const parameters = {
  model: 'market' as const,
  estimationWindow: [-250, -11] as [number, number],
  eventWindow: [-5, 5] as [number, number],
  carWindows: [[-1, 1], [0, 0], [0, 1], [-5, 5]] as [number, number][],
  bootstrap: { replications: 9999, seed: 20250127 },
};
const percent = { percent: true, digits: 2 };
const fmt = { ret: percent, marketRet: percent, ar: percent, t: { digits: 2 }, p: formatPValue, pHolm: formatPValue, pBH: formatPValue, 'CAR[-1,+1]': percent, 'p[-1,+1]': formatPValue, 'pHolm[-1,+1]': formatPValue, 'pBH[-1,+1]': formatPValue };

const study = (date: string, benchmark: string, variant: { model?: 'market' | 'mean-adjusted' | 'garch'; measure?: 'return' | 'volume' } = {}) =>
  runEventStudy({
    ...parameters,
    ...variant,
    benchmark,
    events: STOCKS.map((symbol) => ({ id: `${symbol}@${date}`, symbol, date, label: `${symbol} ${date}` })),
  });

const sellOff = await study(SELL_OFF.date, BENCHMARK);
const sellOffSecond = await study(SELL_OFF.date, SECOND_BENCHMARK);
const release = await study(RELEASE.date, BENCHMARK);
const volume = await study(SELL_OFF.date, BENCHMARK, { measure: 'volume', model: 'mean-adjusted' });
const volumeOnMarket = await study(SELL_OFF.date, BENCHMARK, { measure: 'volume', model: 'market' });
const garch = await study(SELL_OFF.date, BENCHMARK, { model: 'garch' });
const regression = regressCars(sellOff, { window: [0, 0], regressors: ['beta', `prior${PRIOR_SESSIONS}`], cluster: 'security', priorReturns: await priorReturns(sellOff, PRIOR_SESSIONS) });
const claim = await checkClaim({ subject: FOCUS, reportedOn: SELL_OFF.date, move: CLAIMED_MOVE, basis: 'close', benchmark: BENCHMARK });
const focus = sellOff.events.find((e) => e.symbol === FOCUS);
const focusName = focus ? securityLabel(focus) : FOCUS;
markdown(
  [
    `# Was ${shortName(focus?.name ?? FOCUS)}'s move on ${SELL_OFF.date} abnormal? ${SELL_OFF.title}`,
    '',
    `**The events.** ${SELL_OFF.title} (${SELL_OFF.date}, catalogue id \`${SELL_OFF.id}\`) and, earlier, ${RELEASE.title} (${RELEASE.date}, \`${RELEASE.id}\`): ${listText(STOCKS)} against ${symbolLabel(BENCHMARK)} and, for robustness, ${symbolLabel(SECOND_BENCHMARK)}.`,
    '',
    `**The claim.** ${claimText(claim)} on ${SELL_OFF.date}.`,
    '',
    `**Method as run.** ${methodSentence(sellOff)}`,
  ].join('\n'),
);

// %% [markdown]
// ## The sell-off day: the moves on day 0 against the benchmark
//
// Return, benchmark return and abnormal return on day 0, with the AR's t and p, and the CAR over
// the sessions around day 0.

// %%
showTable(eventSummaryRows(sellOff), { caption: studyCaption(sellOff), format: fmt });

// %%
if (focus) {
  const series = loadSnapshotSeries(FOCUS);
  showChart(eventPricePath(focus, series.rows, { currency: series.info.currency }), { name: 'focus-price-path', alt: `${focusName} close price around ${focus.day0} with the market-model counterfactual` });
  showChart(eventArBars(focus), { name: 'focus-ar-bars', alt: `${focusName} daily abnormal returns around ${focus.day0} with the 95% prediction band` });
  showChart(eventCarPath(focus), { name: 'focus-car-path', alt: `${focusName} cumulative abnormal return over the event window` });
  markdown(day0Sentence(focus));
}

// %% [markdown]
// ## Every CAR window, as a DataFrame
//
// `result.table('car')` is a danfo DataFrame: one row per (event, window), keyed by event id.

// %%
const carFrame = sellOff.table('car');
showTable(carFrame, { caption: `CARs, ${studyCaption(sellOff)} (danfo DataFrame, ${carFrame.shape[0]} rows)`, columns: ['id', 'window', 'car', 'se', 't', 'p', 'bhar'], format: { car: percent, se: percent, t: { digits: 2 }, p: formatPValue, bhar: percent } });

// %% [markdown]
// ## The panel: CAAR and the full test battery
//
// Every test of the battery, for day 0 alone and for the sessions around it.

// %%
const day0Names = sellOff.events.map((e) => e.symbol);
showChart(panelCaarChart(sellOff, `${listText(day0Names)} around ${SELL_OFF.date}: CAR per stock and CAAR`), { name: 'caar-panel', alt: `Cumulative abnormal returns of ${listText(day0Names)} and their average around ${SELL_OFF.date}` });
for (const w of ['[0,0]', '[-1,+1]']) showTable(testRows(sellOff, w), { caption: `Tests of CAAR${windowText(w)}: ${studyCaption(sellOff)}, N = ${sellOff.events.length}`, format: { stat: { digits: 3 }, p: formatPValue, pHolm: formatPValue, pBH: formatPValue } });
const battery = batteryChart(sellOff, '[0,0]', `Tests of CAAR[0,0] on ${SELL_OFF.date} (vs ${BENCHMARK})`);
if (battery) showChart(battery, { name: 'test-battery', alt: `Test statistics for the CAAR on ${SELL_OFF.date} against their 5% critical values` });
markdown(`${significantEventsSentence(sellOff, '[0,0]')} ${panelTestsSentence(sellOff, '[0,0]')}`);

// %% [markdown]
// ## Robustness: a second benchmark
//
// The same events against another index: abnormal returns that survive a different benchmark are
// not an artefact of the benchmark's choice.

// %%
showTable(eventSummaryRows(sellOffSecond), { caption: studyCaption(sellOffSecond), format: fmt });
const focusSecond = sellOffSecond.events.find((e) => e.symbol === FOCUS);
if (focusSecond) markdown(day0Sentence(focusSecond));

// %% [markdown]
// ## The release itself

// %%
const releaseDay0 = release.events[0];
if (releaseDay0) markdown(`Announced ${RELEASE.date}; day 0 is ${releaseDay0.day0} (${releaseDay0.day0Reason}).`);
showTable(eventSummaryRows(release), { caption: studyCaption(release), format: fmt });
showTable(testRows(release, '[0,0]'), { caption: `Tests of CAAR[0,0] on the release: ${studyCaption(release)}, N = ${release.events.length}`, format: { stat: { digits: 3 }, p: formatPValue, pHolm: formatPValue, pBH: formatPValue } });

// %% [markdown]
// ## The reported fall, checked against the tape

// %%
showTable(
  claim.evidence.map((d) => ({ date: d.date, close: d.close, return: d.closeReturn, marketReturn: d.marketReturn, ar: d.abnormal?.ar ?? null, t: d.abnormal?.t ?? null })),
  { caption: `Evidence: ${claimSubject(claim)} sessions ${claim.window.from}..${claim.window.to}`, format: { return: percent, marketReturn: percent, ar: percent, t: { digits: 2 } } },
);
showChart(claimChart(claim), { name: 'claim-focus', alt: `${claimSubject(claim)} daily returns around ${SELL_OFF.date} against the claimed move (${claimQuestion(claim)})` });
markdown(claimVerdictSentence(claim));

// %% [markdown]
// ## Trading volume
//
// Abnormal log volume: the log of one plus the shares traded, minus its mean over the estimation
// window (so a value of about seven tenths means twice the usual volume), and, as a check, against
// the benchmark's log volume in a market model. Sessions without trading would be flagged, never
// counted as a zero volume. The cumulative abnormal log volume goes through the same test battery.

// %%
const volumeNames = volume.events.map((e) => e.symbol);
showChart(abnormalVolumeChart(volume, `Abnormal trading volume around ${SELL_OFF.date}`), { name: 'volume-panel', alt: `Abnormal log volume of ${listText(volumeNames)} by trading day around ${SELL_OFF.date}, each stock and their mean` });
const volumeModels = [
  { label: `${volume.parameters.model} model`, result: volume },
  { label: `${volumeOnMarket.parameters.model} model on ${BENCHMARK} log volume`, result: volumeOnMarket },
];
showChart(modelComparisonChart(volumeModels, '[0,0]', `Day-0 abnormal log volume in standard errors, ${SELL_OFF.date}`), { name: 'volume-models', alt: `t statistics of each stock's day-0 abnormal log volume under the ${listText(volumeModels.map((m) => m.label))}` });
const volumeBattery = batteryChart(volume, '[0,0]', `Tests of the day-0 abnormal log volume on ${SELL_OFF.date}`);
if (volumeBattery) showChart(volumeBattery, { name: 'volume-battery', alt: `Test statistics for the mean day-0 abnormal log volume on ${SELL_OFF.date} against their 5% critical values` });
const focusVolume = volume.events.find((e) => e.symbol === FOCUS);
markdown([...(focusVolume ? [volumeDay0Sentence(focusVolume)] : []), significantEventsSentence(volume, '[0,0]'), panelTestsSentence(volume, '[0,0]')].join(' '));

// %% [markdown]
// ## A GARCH model beside the market model
//
// The market model assumes one residual variance for the whole estimation window. The GARCH
// market model lets the variance follow the recent squared residuals and standardizes each
// abnormal return by the variance it forecasts for that day; Savickas' test runs on those
// standardized returns. Where the GARCH fit does not converge to an interior optimum the event
// falls back to the market model, and says so.

// %%
const models = [
  { label: `${sellOff.parameters.model} model`, result: sellOff },
  { label: `${garch.parameters.model} model`, result: garch },
];
showTable(modelComparisonRows(models, '[0,0]'), {
  caption: `Day-0 abnormal return and its t under both models, ${studyCaption(sellOff)}`,
  format: Object.fromEntries(models.flatMap((m) => [[`CAR (${m.label})`, percent], [`t (${m.label})`, { digits: 2 }], [`p (${m.label})`, formatPValue]])),
});
showChart(modelComparisonChart(models, '[0,0]', `Day-0 abnormal return in standard errors by model, ${SELL_OFF.date}`), { name: 'garch-vs-market', alt: `t statistics of each stock's day-0 abnormal return under the ${listText(models.map((m) => m.label))}` });
const garchBattery = batteryChart(garch, '[0,0]', `Tests of CAAR[0,0] with the ${garch.parameters.model} model on ${SELL_OFF.date}`);
if (garchBattery) showChart(garchBattery, { name: 'garch-battery', alt: `Test statistics for the CAAR on ${SELL_OFF.date} under the ${garch.parameters.model} model, Savickas' test included` });
markdown(`${modelComparisonSentence(sellOff, garch, '[0,0]')} ${panelTestsSentence(garch, '[0,0]')}`);

// %% [markdown]
// ## What explains the size of the move on day 0?
//
// A cross-sectional regression of each stock's abnormal return on day 0 on its market-model beta and
// on its return over the sessions before the event window: ordinary least squares with
// classical, heteroskedasticity-robust and clustered standard errors. With this few stocks the
// regression describes the panel rather than testing a theory.

// %%
showChart(carRegressionChart(regression, 'beta', `Day-0 abnormal return against beta, ${SELL_OFF.date}`, { xTitle: `Market-model beta (vs ${BENCHMARK})` }), { name: 'regression-beta', alt: `Each stock's day-0 abnormal return against its beta, with the fitted regression line` });
showChart(carRegressionChart(regression, `prior${PRIOR_SESSIONS}`, `Day-0 abnormal return against the prior ${PRIOR_SESSIONS}-session return`, { xTitle: `Return over the ${PRIOR_SESSIONS} sessions before the event window`, percentX: true }), { name: 'regression-prior', alt: `Each stock's day-0 abnormal return against its return over the ${PRIOR_SESSIONS} sessions before the event window, with the fitted line` });
showChart(regressionTestsChart(regression, `Slopes of the day-0 regression under each standard error`), { name: 'regression-tests', alt: 'The t statistic of each regression slope under classical, HC1, HC3 and clustered standard errors against 5% critical values' });
markdown(carRegressionSentence(regression));

// %% [markdown]
// ## Conclusion and caveats

// %%
// The claim check quotes the focus stock's day 0 against the benchmark; the panel, the second
// benchmark and the release follow.
const conclusion: string = [
  claimVerdictSentence(claim),
  significantEventsSentence(sellOff, '[0,0]'),
  panelTestsSentence(sellOff, '[0,0]'),
  ...(focusSecond ? [day0Sentence(focusSecond)] : []),
  `On the release, ${panelTestsSentence(release, '[0,0]').replace(/^Across/, 'across')}`,
  panelTestsSentence(volume, '[0,0]'),
  modelComparisonSentence(sellOff, garch, '[0,0]'),
  carRegressionSentence(regression),
].join(' ');
markdown(conclusion);
// Does the release's event window reach the sell-off? Then its longer CARs mix the two events.
const overlap = release.events.filter((e) => e.ar.some((d) => sellOff.events.some((s) => s.day0 === d.date)));
markdown(
  [
    '**Caveats.**',
    ...studyCaveats(sellOff).map((c) => `- ${c}`),
    ...(overlap.length > 0 ? [`- The release's event windows (${overlap[0].ar[0].date}..${overlap[0].ar[overlap[0].ar.length - 1].date}) include the sell-off day ${sellOff.events[0].day0}: release CARs over windows that reach it mix the two events; [0, 0] does not.`] : []),
  ].join('\n'),
);
// The bottom line: the claim and the panel on the sell-off day; the full conclusion stays above.
provenance({ summary: [claimVerdictSentence(claim), panelTestsSentence(sellOff, '[0,0]')].join(' ') });
saveResults({ sellOff, sellOffSecond, release, claim, volume, volumeOnMarket, garch, regression });
