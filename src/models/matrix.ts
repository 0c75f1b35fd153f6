/**
 * Small dense matrix helpers (row-major Float64Array, m ≤ ~20) for the GARCH covariance and the
 * second-stage regressions. Written for clarity, not speed: the matrices are tiny.
 */

/**
 * Inverse of a square matrix by Gauss–Jordan elimination with partial pivoting.
 * Returns null when a pivot falls below `tol` times the largest absolute entry (singular to
 * working precision).
 * @example invertMatrix(Float64Array.of(4, 7, 2, 6), 2) // [0.6, -0.7, -0.2, 0.4]
 */
export function invertMatrix(a: Float64Array, m: number, tol = 1e-13): Float64Array | null {
  const w = Float64Array.from(a);
  const inv = new Float64Array(m * m);
  for (let i = 0; i < m; i++) inv[i * m + i] = 1;
  let scale = 0;
  for (let i = 0; i < m * m; i++) scale = Math.max(scale, Math.abs(w[i]));
  if (!(scale > 0)) return null;
  for (let c = 0; c < m; c++) {
    let p = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(w[r * m + c]) > Math.abs(w[p * m + c])) p = r;
    if (!(Math.abs(w[p * m + c]) > tol * scale)) return null;
    if (p !== c) {
      for (let j = 0; j < m; j++) {
        let t = w[c * m + j];
        w[c * m + j] = w[p * m + j];
        w[p * m + j] = t;
        t = inv[c * m + j];
        inv[c * m + j] = inv[p * m + j];
        inv[p * m + j] = t;
      }
    }
    const d = w[c * m + c];
    for (let j = 0; j < m; j++) {
      w[c * m + j] /= d;
      inv[c * m + j] /= d;
    }
    for (let r = 0; r < m; r++) {
      if (r === c) continue;
      const f = w[r * m + c];
      if (f === 0) continue;
      for (let j = 0; j < m; j++) {
        w[r * m + j] -= f * w[c * m + j];
        inv[r * m + j] -= f * inv[c * m + j];
      }
    }
  }
  return inv;
}

/** Product of a (p×q) and b (q×r), row-major. */
export function multiplyMatrices(a: Float64Array, b: Float64Array, p: number, q: number, r: number): Float64Array {
  const out = new Float64Array(p * r);
  for (let i = 0; i < p; i++) {
    for (let k = 0; k < q; k++) {
      const aik = a[i * q + k];
      if (aik === 0) continue;
      for (let j = 0; j < r; j++) out[i * r + j] += aik * b[k * r + j];
    }
  }
  return out;
}

/** The sandwich A⁻¹ B A⁻¹ for symmetric m×m A⁻¹ (bread) and B (meat). */
export function sandwich(breadInv: Float64Array, meat: Float64Array, m: number): Float64Array {
  return multiplyMatrices(multiplyMatrices(breadInv, meat, m, m, m), breadInv, m, m, m);
}
