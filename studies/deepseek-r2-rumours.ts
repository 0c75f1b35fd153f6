// %% [markdown]
// **Question.** An unconfirmed rumour about an AI model spreads on investor forums. Did the listed
// stocks most exposed to the story move abnormally? If nothing abnormal happened, this study says
// so.
//
// **Data.** Daily prices of the stocks and of their benchmark index, read through the data store;
// the rumour's date and time zone come from the catalogue (`data/events.json`, with its sources).
// The footer lists every file read, with its source and the sha256 of the bytes read.
//
// **Method.** Market model per stock, day 0 on the stock's own exchange calendar (a holiday after
// day 0 shortens the post-event days in calendar time, not in trading days), the full test battery
// across the stocks in several CAR windows. A rumour spreads over days, so a single day 0 may miss
// its timing: the longest window is shown too. The windows, tests and seeds are printed below and
// listed in the footer.

// %%
import {
  arBarsDomain,
  batteryChart,
  caarSentence,
  eventArBars,
  eventSummaryRows,
  formatPValue,
  getEvent,
  listText,
  markdown,
  methodSentence,
  panelCaarChart,
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
  windowText,
  windowsVerdictSentence,
} from 'market-impact';

// The event and the stocks, in one place: edit these lines for another rumour or other stocks.
const RUMOUR = getEvent('deepseek-r2-rumours-2025-04'); // from the catalogue: date, time zone, sources
const STOCKS = ['688256.SS', '688041.SS', '688981.SS'];
const BENCHMARK = '000688.SS';
const WINDOWS = ['[0,0]', '[-1,+1]', '[-5,+5]']; // the CAR windows the verdict reads
const result = await runEventStudy({
  benchmark: BENCHMARK,
  model: 'market',
  estimationWindow: [-250, -11],
  eventWindow: [-5, 5],
  carWindows: [[-1, 1], [0, 0], [0, 1], [-5, 5]],
  bootstrap: { replications: 9999, seed: 20250428 },
  events: STOCKS.map((symbol) => ({ id: `${symbol}@${RUMOUR.date}`, symbol, date: RUMOUR.date, timeZone: RUMOUR.timeZone })),
});
const names = listText(result.events.map((e) => securityLabel(e)));
markdown(
  [
    `# ${RUMOUR.title}: did ${listText(result.events.map((e) => shortName(e.name)))} react?`,
    '',
    `**The event.** From the catalogue: **${RUMOUR.title}** (${RUMOUR.date}, ${RUMOUR.timeZone}). ${RUMOUR.what}`,
    '',
    `**The stocks.** ${names} against ${symbolLabel(BENCHMARK)}; ${result.events[0] ? `day 0 ${result.events[0].day0} (${result.events[0].day0Reason})` : 'no event could be studied'}.`,
    '',
    `**Method as run.** ${methodSentence(result)}`,
  ].join('\n'),
);

// %% [markdown]
// ## Per-stock abnormal returns

// %%
const percent = { percent: true, digits: 2 };
showTable(eventSummaryRows(result, ['[-1,+1]', '[-5,+5]']), {
  caption: studyCaption(result),
  format: { ret: percent, marketRet: percent, ar: percent, t: { digits: 2 }, p: formatPValue, pHolm: formatPValue, pBH: formatPValue, 'CAR[-1,+1]': percent, 'p[-1,+1]': formatPValue, 'pHolm[-1,+1]': formatPValue, 'pBH[-1,+1]': formatPValue, 'CAR[-5,+5]': percent, 'p[-5,+5]': formatPValue, 'pHolm[-5,+5]': formatPValue, 'pBH[-5,+5]': formatPValue },
});
// One y-scale for the stocks' AR charts, so equal bars look equal.
const arDomain = arBarsDomain(result.events);
for (const e of result.events) showChart(eventArBars(e, undefined, { yDomain: arDomain }), { name: `ar-bars-${e.symbol.replace(/[^A-Za-z0-9_-]/g, '-')}`, alt: `${securityLabel(e)} daily abnormal returns around ${e.day0}` });

// %% [markdown]
// ## Panel tests

// %%
const day0 = result.events[0]?.day0 ?? RUMOUR.date;
showChart(panelCaarChart(result, `${listText(result.events.map((e) => e.symbol))} around ${day0}: CAR per stock and CAAR`), { name: 'caar-panel', alt: `CAR of ${names} and their average around ${day0}` });
for (const w of WINDOWS) {
  showTable(testRows(result, w), { caption: `Tests of CAAR${windowText(w)} (N = ${result.events.length})`, format: { stat: { digits: 3 }, p: formatPValue, pHolm: formatPValue, pBH: formatPValue } });
}
const battery = batteryChart(result, '[-1,+1]', `Tests of CAAR[−1,+1] around ${day0}`);
if (battery) showChart(battery, { name: 'test-battery', alt: `Test statistics for the CAAR around ${day0} against their 5% critical values` });

// %% [markdown]
// ## Conclusion and caveats

// %%
const conclusion: string = [caarSentence(result, WINDOWS), windowsVerdictSentence(result, WINDOWS), smallPanelNote(result)].filter((s) => s !== null).join(' ');
markdown(conclusion);
markdown(['**Caveats.**', ...studyCaveats(result).map((c) => `- ${c}`), ...(smallPanelNote(result) ? ['- A null result is "no detectable effect", not proof of none.'] : [])].join('\n'));
provenance({ summary: conclusion });
saveResults(result);
