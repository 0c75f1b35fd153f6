/**
 * Naive, step-by-step twins of the rank tests (loops over plain arrays, O(m²) ranks), written
 * independently of src/stats/tests/rank.ts. Shared by the rank-test suites.
 */
import type { ArPanel } from '../../src/stats/types.ts';

export type Range = [number, number];

export const row = (p: ArPanel, i: number): number[] => Array.from(p.values.subarray(i * p.days, (i + 1) * p.days));
export const mean = (x: number[]): number => x.reduce((a, b) => a + b, 0) / x.length;
/** Average ranks by counting (1 + #below + #tied/2), O(m²). */
export const naiveRanks = (x: number[]): number[] => x.map((v) => 1 + x.filter((w) => w < v).length + (x.filter((w) => w === v).length - 1) / 2);

/** Corrado–Zivney/Cowan by the definition: rank each event over its used columns, average per day. */
export function naiveCorrado(p: ArPanel, w: Range): { stat: number; n: number } {
  const used: number[] = [];
  for (const [a, b] of [p.estimation, p.event].sort((x, y) => x[0] - y[0])) for (let c = a; c < b; c++) used.push(c);
  const perDay = new Map<number, number[]>(used.map((c) => [c, []]));
  let nUsed = 0;
  for (let i = 0; i < p.n; i++) {
    const r = row(p, i);
    const cols = used.filter((c) => Number.isFinite(r[c]));
    const ranks = naiveRanks(cols.map((c) => r[c]));
    cols.forEach((c, k) => perDay.get(c)!.push(ranks[k] / (cols.length + 1) - 0.5));
    if (r.slice(w[0], w[1] + 1).some(Number.isFinite)) nUsed++;
  }
  const ubar = new Map([...perDay].filter(([, u]) => u.length > 0).map(([c, u]) => [c, mean(u)]));
  const sU = Math.sqrt(mean([...ubar.values()].map((u) => u * u)));
  const win: number[] = [];
  for (let c = w[0]; c <= w[1]; c++) if (ubar.has(c)) win.push(ubar.get(c)!);
  return { stat: win.reduce((a, b) => a + b, 0) / (Math.sqrt(win.length) * sU), n: nUsed };
}

/** GRANK following Kolari & Pynnönen (2011) step by step (STATISTICS.md test 11). */
export function naiveGrank(p: ArPanel, w: Range, dfs?: number[], scarsIn?: number[]): { stat: number; df: number; n: number } {
  const sars: number[][] = [];
  const scars: number[] = [];
  for (let i = 0; i < p.n; i++) {
    const r = row(p, i);
    const est = r.slice(p.estimation[0], p.estimation[1]);
    const fin = est.filter(Number.isFinite);
    const m = mean(fin);
    const s = Math.sqrt(fin.reduce((a, v) => a + (v - m) ** 2, 0) / (dfs ? dfs[i] : fin.length - 1));
    if (!(s > 0)) continue;
    const sar = est.map((v) => (Number.isFinite(v / s) ? v / s : NaN));
    const win = r.slice(w[0], w[1] + 1).filter(Number.isFinite);
    const scar = scarsIn ? scarsIn[i] : win.length ? win.reduce((a, b) => a + b, 0) / (s * Math.sqrt(win.length)) : NaN;
    if (!sar.some(Number.isFinite) || !Number.isFinite(scar)) continue;
    sars.push(sar);
    scars.push(scar);
  }
  const k = scars.length;
  const m = mean(scars);
  const sdScar = Math.sqrt(scars.reduce((a, v) => a + (v - m) ** 2, 0) / (k - 1));
  const M = p.estimation[1] - p.estimation[0];
  const U = sars.map((sar, i) => {
    const g = [...sar, scars[i] / sdScar];
    const cols = g.map((_, c) => c).filter((c) => Number.isFinite(g[c]));
    const ranks = naiveRanks(cols.map((c) => g[c]));
    const u = g.map(() => NaN);
    cols.forEach((c, q) => (u[c] = ranks[q] / (cols.length + 1) - 0.5));
    return u;
  });
  let ss = 0;
  let T = 0;
  for (let c = 0; c <= M; c++) {
    const col = U.map((u) => u[c]).filter(Number.isFinite);
    if (col.length === 0) continue;
    ss += (col.length / k) * mean(col) ** 2;
    T++;
  }
  const z = mean(U.map((u) => u[M])) / Math.sqrt(ss / T);
  return { stat: z * Math.sqrt((T - 2) / (T - 1 - z * z)), df: T - 2, n: k };
}

