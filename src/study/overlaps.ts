/**
 * Overlap flags of a study, in O(N log N): another event of the same security inside an event's
 * estimation window (it contaminates the benchmark fit), and event windows of different events
 * sharing calendar days (clustering: cross-correlated ARs).
 */
import { dayNumber } from '../calendar/dates.ts';
import { OVERLAP_ID_CAP, type EventResult } from './types.ts';

/** The day numbers an overlap check needs, one entry per event (struct of arrays). */
export interface OverlapRecords {
  /** A number per security (events of one security share it). */
  symbol: Int32Array;
  day0: Int32Array;
  estFrom: Int32Array;
  estTo: Int32Array;
  evtFrom: Int32Array;
  evtTo: Int32Array;
}

/** Index of the first element of sorted `a` (through `order`) that is ≥ v. */
function lowerBoundBy(order: Int32Array, key: Int32Array, v: number, lo = 0, hi = order.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key[order[mid]] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Per event: how many other events of the same security have day 0 inside its estimation window,
 * and how many other events' event windows overlap its event window in calendar time; with the
 * indices of the first `idCap` of each. O(N log N): events sorted once per key, each count two
 * binary searches.
 */
export function overlapCounts(r: OverlapRecords, idCap: number): { estimation: Int32Array; eventWindow: Int32Array; estimationIds: number[][]; eventWindowIds: number[][] } {
  const n = r.symbol.length;
  const estimation = new Int32Array(n);
  const eventWindow = new Int32Array(n);
  const estimationIds: number[][] = [];
  const eventWindowIds: number[][] = [];
  // Same security, day 0 inside [estFrom, estTo]: sort by (symbol, day0).
  const bySymbol = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => r.symbol[a] - r.symbol[b] || r.day0[a] - r.day0[b] || a - b);
  let g = 0;
  while (g < n) {
    let h = g;
    while (h < n && r.symbol[bySymbol[h]] === r.symbol[bySymbol[g]]) h++;
    for (let q = g; q < h; q++) {
      const i = bySymbol[q];
      const a = lowerBoundBy(bySymbol, r.day0, r.estFrom[i], g, h);
      const b = lowerBoundBy(bySymbol, r.day0, r.estTo[i] + 1, g, h);
      // i itself is never in its own estimation window (it ends before day 0).
      const self = r.day0[i] >= r.estFrom[i] && r.day0[i] <= r.estTo[i] ? 1 : 0;
      estimation[i] = b - a - self;
      if (idCap > 0) {
        const ids: number[] = [];
        for (let p = a; p < b && ids.length < idCap; p++) if (bySymbol[p] !== i) ids.push(bySymbol[p]);
        estimationIds[i] = ids.sort((x, y) => x - y);
      }
    }
    g = h;
  }
  // Event windows overlapping: #{j: evtFrom_j ≤ evtTo_i} − #{j: evtTo_j < evtFrom_i} − 1 (itself).
  const byFrom = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => r.evtFrom[a] - r.evtFrom[b] || a - b);
  const byTo = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => r.evtTo[a] - r.evtTo[b] || a - b);
  let longest = 0;
  for (let i = 0; i < n; i++) longest = Math.max(longest, r.evtTo[i] - r.evtFrom[i]);
  for (let i = 0; i < n; i++) {
    const startedBefore = lowerBoundBy(byFrom, r.evtFrom, r.evtTo[i] + 1);
    const endedBefore = lowerBoundBy(byTo, r.evtTo, r.evtFrom[i]);
    eventWindow[i] = startedBefore - endedBefore - 1;
    if (idCap > 0) {
      const ids: number[] = [];
      // Candidates start no earlier than evtFrom_i − longest window.
      for (let p = lowerBoundBy(byFrom, r.evtFrom, r.evtFrom[i] - longest); p < startedBefore && ids.length < idCap; p++) {
        const j = byFrom[p];
        if (j !== i && r.evtTo[j] >= r.evtFrom[i]) ids.push(j);
      }
      eventWindowIds[i] = ids.sort((x, y) => x - y);
    }
  }
  return { estimation, eventWindow, estimationIds, eventWindowIds };
}

/** Per-event facts for the overlap flags, kept compactly (6 integers per event). */
function overlapRecorder() {
  const symbols = new Map<string, number>();
  const cols = { symbol: [] as number[], day0: [] as number[], estFrom: [] as number[], estTo: [] as number[], evtFrom: [] as number[], evtTo: [] as number[] };
  return {
    add(e: EventResult): void {
      let s = symbols.get(e.symbol);
      if (s === undefined) symbols.set(e.symbol, (s = symbols.size));
      cols.symbol.push(s);
      cols.day0.push(dayNumber(e.day0));
      cols.estFrom.push(dayNumber(e.estimation.from));
      cols.estTo.push(dayNumber(e.estimation.to));
      cols.evtFrom.push(dayNumber(e.ar[0].date));
      cols.evtTo.push(dayNumber(e.ar[e.ar.length - 1].date));
    },
    records: (): OverlapRecords => ({
      symbol: Int32Array.from(cols.symbol),
      day0: Int32Array.from(cols.day0),
      estFrom: Int32Array.from(cols.estFrom),
      estTo: Int32Array.from(cols.estTo),
      evtFrom: Int32Array.from(cols.evtFrom),
      evtTo: Int32Array.from(cols.evtTo),
    }),
  };
}

/**
 * Flags two kinds of overlap a reader must know about: another event of the same security
 * inside this event's estimation window (it contaminates the benchmark fit), and event windows of
 * different events sharing calendar days (clustering: cross-correlated ARs). Counts are complete;
 * ids are listed up to OVERLAP_ID_CAP per flag (a million clustered events overlap thousands each):
 * the earliest by date, in input order.
 */
export function markOverlaps(events: EventResult[]): void {
  const recorder = overlapRecorder();
  for (const e of events) recorder.add(e);
  const c = overlapCounts(recorder.records(), OVERLAP_ID_CAP);
  events.forEach((e, i) => {
    e.flags.estimationOverlapCount = c.estimation[i];
    e.flags.eventWindowOverlapCount = c.eventWindow[i];
    e.flags.estimationOverlaps = c.estimationIds[i].map((j) => events[j].id);
    e.flags.eventWindowOverlaps = c.eventWindowIds[i].map((j) => events[j].id);
  });
}
