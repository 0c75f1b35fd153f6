/**
 * A naive matrix twin for regression tests: plain 2-D arrays and textbook formulas (transpose,
 * product, Gauss–Jordan inverse with partial pivoting), independent of src/models/matrix.ts.
 */
export type M = number[][];

export const T = (a: M): M => a[0].map((_, j) => a.map((r) => r[j]));

export const mul = (a: M, b: M): M => a.map((r) => b[0].map((_, j) => r.reduce((s, v, k) => s + v * b[k][j], 0)));

export function inverse(a: M): M {
  const n = a.length;
  const w = a.map((r, i) => [...r, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    const p = w.reduce((best, r, i) => (i >= c && Math.abs(r[c]) > Math.abs(w[best][c]) ? i : best), c);
    [w[c], w[p]] = [w[p], w[c]];
    const d = w[c][c];
    w[c] = w[c].map((v) => v / d);
    for (let r = 0; r < n; r++) if (r !== c) w[r] = w[r].map((v, j) => v - w[r][c] * w[c][j]);
  }
  return w.map((r) => r.slice(n));
}
