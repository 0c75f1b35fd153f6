// %% [markdown]
// # DeepSeek-R1 and the US AI sell-off of 27 January 2025
//
// **Question.** DeepSeek released its R1 reasoning model on Monday 20 January 2025; a week later,
// after its app topped the US App Store over the weekend, US AI and chip stocks sold off. Was
// NVIDIA's fall on 27 January abnormal, or just the market? Did the other US AI names move
// abnormally too, and did anything happen on the release itself?
//
// **Data.** The bundled snapshot (`data/prices`, see `data/SOURCES.md`): daily adjusted closes of
// NVDA, AMD, AVGO, TSM, MSFT, META and GOOGL (Yahoo via public repositories), the SPY ETF and the
// Nasdaq Composite (^IXIC) as benchmarks; the semiconductor ETFs SOXX and SMH for context.
//
// **Method.** Market model (OLS) per security, estimation window [−250, −11] trading days before
// day 0, event window [−5, +5], CAR windows [−1, +1], [0, 0], [0, +1], [−5, +5]. Two events:
// the sell-off (day 0 = 2025-01-27, the first session after the weekend) and the release
// (2025-01-20 is Martin Luther King Jr. Day, a US holiday, so day 0 moves to 2025-01-21). Each is
// run against SPY and against ^IXIC. All events share one day 0, so their abnormal returns are
// cross-correlated: the Kolari–Pynnönen adjusted tests are the ones to read. Finally the claim
// "NVIDIA fell 17% on 27 January 2025" is checked against the tape.

// %%
import {
  batteryChart,
  checkClaim,
  claimChart,
  day0Phrase,
  eventArBars,
  eventCarPath,
  eventPricePath,
  eventSummaryRows,
  loadSnapshotSeries,
  markdown,
  panelCaarChart,
  pct,
  provenance,
  runEventStudy,
  saveResults,
  showChart,
  showTable,
  significantTests,
  studyCaveats,
  testRows,
  formatPValue,
  pPhrase,
} from 'market-impact';

const NAMES = ['NVDA', 'AMD', 'AVGO', 'TSM', 'MSFT', 'META', 'GOOGL'];
const SELL_OFF = '2025-01-27';
const RELEASE = '2025-01-20';
const parameters = {
  model: 'market' as const,
  estimationWindow: [-250, -11] as [number, number],
  eventWindow: [-5, 5] as [number, number],
  carWindows: [[-1, 1], [0, 0], [0, 1], [-5, 5]] as [number, number][],
  bootstrap: { replications: 9999, seed: 20250127 },
};
const percent = { percent: true, digits: 2 };
const fmt = { ret: percent, marketRet: percent, ar: percent, t: { digits: 2 }, p: formatPValue, 'CAR[-1,+1]': percent, 'p[-1,+1]': formatPValue };

const study = (date: string, benchmark: string) =>
  runEventStudy({
    ...parameters,
    benchmark,
    events: NAMES.map((symbol) => ({ id: `${symbol}@${date}`, symbol, date, label: `${symbol} ${date}` })),
  });

const sellOffSpy = await study(SELL_OFF, 'SPY');
const sellOffIxic = await study(SELL_OFF, '^IXIC');
const releaseSpy = await study(RELEASE, 'SPY');

// %% [markdown]
// ## 27 January 2025: the day-0 moves against SPY
//
// Return, benchmark return and abnormal return on day 0, with the AR's t and p, and the
// three-day CAR[−1, +1].

// %%
showTable(eventSummaryRows(sellOffSpy), { caption: 'Day 0 = 2025-01-27, market model vs SPY', format: fmt });

// %%
const nvda = sellOffSpy.events.find((e) => e.symbol === 'NVDA')!;
const nvdaPrices = loadSnapshotSeries('NVDA').rows;
showChart(eventPricePath(nvda, nvdaPrices, { currency: 'USD' }), { name: 'nvda-price-path', alt: 'NVIDIA close price around 27 January 2025 with the market-model counterfactual' });
showChart(eventArBars(nvda), { name: 'nvda-ar-bars', alt: 'NVIDIA daily abnormal returns around 27 January 2025 with the 95% prediction band' });
showChart(eventCarPath(nvda), { name: 'nvda-car-path', alt: 'NVIDIA cumulative abnormal return over the event window' });

// %% [markdown]
// ## Every CAR window, as a DataFrame
//
// `result.table('car')` is a danfo DataFrame: one row per (event, window), keyed by event id.

// %%
const carFrame = sellOffSpy.table('car');
showTable(carFrame, { caption: `CARs vs SPY (danfo DataFrame, ${carFrame.shape[0]} rows)`, columns: ['id', 'window', 'car', 'se', 't', 'p', 'bhar'], format: { car: percent, se: percent, t: { digits: 2 }, p: formatPValue, bhar: percent } });

// %% [markdown]
// ## The panel: CAAR and the full test battery
//
// Seven AI names on the same day. The table lists every test of the battery for the day-0 window
// [0, 0] and for [−1, +1].

// %%
showChart(panelCaarChart(sellOffSpy, 'US AI names around 27 January 2025: CAR per stock and CAAR'), { name: 'caar-panel', alt: 'Cumulative abnormal returns of seven US AI stocks and their average' });
showTable(testRows(sellOffSpy, '[0,0]'), { caption: 'Tests of CAAR[0,0] (N = 7, vs SPY)', format: { stat: { digits: 3 }, p: formatPValue } });
showTable(testRows(sellOffSpy, '[-1,+1]'), { caption: 'Tests of CAAR[−1,+1] (N = 7, vs SPY)', format: { stat: { digits: 3 }, p: formatPValue } });
const battery = batteryChart(sellOffSpy, '[0,0]', 'Tests of CAAR[0,0], 27 January 2025 (vs SPY)');
if (battery) showChart(battery, { name: 'test-battery', alt: 'Test statistics for CAAR on 27 January 2025 against their 5% critical values' });

// %% [markdown]
// ## Robustness: the Nasdaq Composite as the benchmark
//
// SPY is broad; the Nasdaq Composite is tech-heavy and itself fell on the day, so ARs against it
// are smaller. If the names still show abnormal losses, the move was not just "tech fell".

// %%
showTable(eventSummaryRows(sellOffIxic), { caption: 'Day 0 = 2025-01-27, market model vs ^IXIC', format: fmt });

// %% [markdown]
// ## The release itself: 20 January 2025 (a US holiday, so day 0 = 21 January)

// %%
showTable(eventSummaryRows(releaseSpy), { caption: `Announcement ${RELEASE} → day 0 ${releaseSpy.events[0]?.day0}, vs SPY`, format: fmt });
showTable(testRows(releaseSpy, '[0,0]'), { caption: 'Tests of CAAR[0,0] on the release (N = 7, vs SPY)', format: { stat: { digits: 3 }, p: formatPValue } });

// %% [markdown]
// ## Claim check: "NVIDIA fell 17% on 27 January 2025"

// %%
const claim = await checkClaim({ subject: 'NVDA', reportedOn: SELL_OFF, move: '-17%', basis: 'close', benchmark: 'SPY' });
showTable(
  claim.evidence.map((d) => ({ date: d.date, close: d.close, return: d.closeReturn, marketReturn: d.marketReturn, ar: d.abnormal?.ar ?? null, t: d.abnormal?.t ?? null })),
  { caption: `Evidence: NVDA sessions ${claim.window.from}..${claim.window.to}`, format: { return: percent, marketReturn: percent, ar: percent, t: { digits: 2 } } },
);
showChart(claimChart(claim), { name: 'claim-nvda-17pct', alt: 'NVIDIA daily returns around 27 January 2025 against the claimed 17% fall' });
markdown(`**Verdict: ${claim.verdict}.** ${claim.explanation}`);

// %% [markdown]
// ## Conclusion and caveats

// %%
const sig0 = significantTests(sellOffSpy, '[0,0]');
const adjusted = sellOffSpy.aggregate.find((a) => a.window === '[0,0]')!;
const adjBmp = Object.values(adjusted.tests).find((t) => t.test === 'adjusted-bmp');
const abnormalNames = sellOffSpy.events.filter((e) => {
  const c = e.car.find((x) => x.window === '[0,0]');
  return c !== undefined && c.p < 0.05 && c.car < 0;
});
const releaseSig = significantTests(releaseSpy, '[0,0]');
const nvdaIxicAr = sellOffIxic.events.find((e) => e.symbol === 'NVDA')?.ar.find((d) => d.rel === 0)?.ar;
const adjBmpText = adjBmp && adjBmp.p !== null ? ` (adjusted BMP ${pPhrase(adjBmp.p)}, r̄ = ${sellOffSpy.rbar?.toFixed(3) ?? 'n/a'})` : '';
const conclusion: string = (
  [
    `On 27 January 2025 NVIDIA's fall was far beyond what the market explains: ${day0Phrase(nvda)}, against SPY's ${pct(nvda.ar.find((d) => d.rel === 0)?.marketRet)}.`,
    `${abnormalNames.length} of ${sellOffSpy.events.length} US AI names had a significantly negative day-0 abnormal return at 5% (${abnormalNames.map((e) => e.symbol).join(', ') || 'none'});`,
    `the average abnormal return was ${pct(adjusted.caar)}, and ${sig0.rejecting.length} of ${sig0.computed} tests reject "no effect" at 5%${adjBmpText}.`,
    `Against the Nasdaq Composite NVIDIA's day-0 AR was ${pct(nvdaIxicAr)}.`,
    `On the release (day 0 ${releaseSpy.events[0]?.day0}) ${releaseSig.rejecting.length} of ${releaseSig.computed} tests reject at 5%` +
      (releaseSig.rejecting.length === 0 ? ": prices did not react to the model's release itself, only a week later." : ` (${releaseSig.rejecting.join(', ')}).`),
    `The claim "NVIDIA fell 17%" is **${claim.verdict}** (${pct(claim.matchedMove)} on ${claim.matchedDate}).`,
  ].join(' ')
);
markdown(conclusion);
const caveats = studyCaveats(sellOffSpy);
markdown(['**Caveats.**', ...caveats.map((c) => `- ${c}`), '- The release-day panel shares the same clustering; its estimation windows end eleven sessions before 21 January, so they do not contain the sell-off.'].join('\n'));
provenance({ summary: conclusion });
saveResults({ sellOffSpy, sellOffIxic, releaseSpy, claim });
