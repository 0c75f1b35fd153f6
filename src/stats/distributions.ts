/**
 * Reference distributions for the test battery: standard normal and Student t, CDFs, two-sided
 * p-values and quantiles, accurate to about 1e-13 relative (tails included) for the arguments an
 * event study meets.
 *
 * - Normal: W. J. Cody's rational Chebyshev approximations to erf/erfc (Math. Comp. 1969, the
 *   CALERF routine of SPECFUN), relative error < 1e-15 on the whole line, so tail p-values such as
 *   2Φ(-8) keep their digits instead of cancelling to 0.
 * - Student t: the regularized incomplete beta I_x(ν/2, 1/2) by its continued fraction (modified
 *   Lentz, as Numerical Recipes `betacf`), with ln B(a,b) from Lanczos log-gamma for small
 *   arguments and a Stirling-corrected form for large ones (as R's `lbeta`), so large df does not
 *   lose digits to cancelling log-gammas.
 *
 * Bad input (NaN, df ≤ 0, p outside (0,1)) throws InputError; nothing here returns NaN silently.
 */
import { InputError } from '../errors.ts';

const SQRT2 = Math.SQRT2;
const LN_SQRT_2PI = 0.91893853320467274178; // ln √(2π)
const INV_SQRT_PI = 5.6418958354775628695e-1; // 1/√π

function requireNumber(x: number, name: string): void {
  if (typeof x !== 'number' || Number.isNaN(x)) throw new InputError(`${name} must be a number, got ${String(x)}`);
}

function requireDf(df: number): void {
  if (typeof df !== 'number' || Number.isNaN(df) || !(df > 0)) {
    throw new InputError(`degrees of freedom must be > 0 (or Infinity), got ${String(df)}`);
  }
}

function requireProbability(p: number): void {
  if (typeof p !== 'number' || Number.isNaN(p) || p < 0 || p > 1) {
    throw new InputError(`probability must lie in [0, 1], got ${String(p)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// erf / erfc (Cody 1969)
// ---------------------------------------------------------------------------------------------

const A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
const B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
const C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909,
  1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
];
const D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963,
  4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
];
const P = [0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766, 6.58749161529837803e-4, 0.0163153871373020978];
const Q = [2.56852019228982242, 1.87295284992346725, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185];

/** erfc(y) for y > 0.46875 by Cody's two outer approximations; exp(-y²) split to keep accuracy. */
function erfcPositive(y: number): number {
  if (y >= 26.6) return 0; // erfc(26.6) < 1e-309, below the smallest double
  // exp(-y²) = exp(-ys²) exp(-(y - ys)(y + ys)) with ys = y rounded to 1/16: avoids the rounding
  // error of y*y being amplified by the exponential.
  const ys = Math.trunc(y * 16) / 16;
  const del = (y - ys) * (y + ys);
  return Math.exp(-ys * ys) * Math.exp(-del) * erfcRational(y);
}

/** erfc(y)·exp(y²) for y > 0.46875 (Cody's rational parts; smooth, so insensitive to rounding of y). */
function erfcRational(y: number): number {
  let r: number;
  if (y <= 4) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]) * y;
      den = (den + D[i]) * y;
    }
    r = (num + C[7]) / (den + D[7]);
  } else {
    const z = 1 / (y * y);
    let num = P[5] * z;
    let den = z;
    for (let i = 0; i < 4; i++) {
      num = (num + P[i]) * z;
      den = (den + Q[i]) * z;
    }
    r = (z * (num + P[4])) / (den + Q[4]);
    r = (INV_SQRT_PI - r) / y;
  }
  return r;
}

/**
 * Upper normal tail Q(a) = erfc(a/√2)/2 for a ≥ 0. In the tail the exponential exp(-a²/2) is
 * formed from a itself (split at a multiple of 1/16), not from the rounded a/√2, which would cost
 * ~a²·1e-16 relative accuracy (1e-13 at a = 30).
 */
function normalUpperTail(a: number): number {
  const y = a / SQRT2;
  if (y <= 0.46875) return 0.5 * (1 - erfSmall(y));
  if (y >= 26.6) return 0;
  const as = Math.trunc(a * 16) / 16;
  const del = (a - as) * (a + as);
  return 0.5 * Math.exp(-0.5 * as * as) * Math.exp(-0.5 * del) * erfcRational(y);
}

/** erf(x) for |x| ≤ 0.46875 (Cody's inner approximation). */
function erfSmall(x: number): number {
  const z = x * x;
  let num = A[4] * z;
  let den = z;
  for (let i = 0; i < 3; i++) {
    num = (num + A[i]) * z;
    den = (den + B[i]) * z;
  }
  return (x * (num + A[3])) / (den + B[3]);
}

/**
 * Error function erf(x) = (2/√π) ∫₀ˣ e^{-u²} du.
 * @example erf(0.5) // 0.5204998778130465
 */
export function erf(x: number): number {
  requireNumber(x, 'erf argument');
  const y = Math.abs(x);
  if (y <= 0.46875) return erfSmall(x);
  const v = 1 - erfcPositive(y);
  return x < 0 ? -v : v;
}

/**
 * Complementary error function erfc(x) = 1 - erf(x), accurate in relative terms in the right tail.
 * @example erfc(3) // 2.209049699858544e-5
 */
export function erfc(x: number): number {
  requireNumber(x, 'erfc argument');
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - erfSmall(x);
  const v = erfcPositive(y);
  return x < 0 ? 2 - v : v;
}

// ---------------------------------------------------------------------------------------------
// Normal
// ---------------------------------------------------------------------------------------------

/** Standard normal density φ(z). */
export function normalPdf(z: number): number {
  requireNumber(z, 'z');
  return Math.exp(-0.5 * z * z - LN_SQRT_2PI);
}

/**
 * Standard normal CDF Φ(z) = erfc(-z/√2)/2, with full relative accuracy in the lower tail.
 * @example normalCdf(1.96) // 0.9750021048517795
 */
export function normalCdf(z: number): number {
  requireNumber(z, 'z');
  return z < 0 ? normalUpperTail(-z) : 1 - normalUpperTail(z);
}

/** Upper tail 1 - Φ(z), computed directly (no cancellation for large z). */
export function normalSf(z: number): number {
  requireNumber(z, 'z');
  return z > 0 ? normalUpperTail(z) : 1 - normalUpperTail(-z);
}

/**
 * Two-sided p-value P(|Z| ≥ |z|) = erfc(|z|/√2).
 * @example normalTwoSidedP(1.959963984540054) // 0.05
 */
export function normalTwoSidedP(z: number): number {
  requireNumber(z, 'z');
  return 2 * normalUpperTail(Math.abs(z));
}

// Acklam's rational approximation to Φ⁻¹ (relative error 1.15e-9), refined below by one Halley step.
const AQ = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const BQ = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const CQ = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const DQ = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/**
 * Standard normal quantile Φ⁻¹(p): Acklam's approximation plus one Halley step against the
 * Cody erfc, giving ~1e-15 relative accuracy. p = 0 → -Infinity, p = 1 → Infinity.
 * @example normalQuantile(0.975) // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  requireProbability(p);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const pLow = 0.02425;
  let x: number;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((CQ[0] * q + CQ[1]) * q + CQ[2]) * q + CQ[3]) * q + CQ[4]) * q + CQ[5]) / ((((DQ[0] * q + DQ[1]) * q + DQ[2]) * q + DQ[3]) * q + 1);
  } else if (p <= 1 - pLow) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((AQ[0] * r + AQ[1]) * r + AQ[2]) * r + AQ[3]) * r + AQ[4]) * r + AQ[5]) * q) /
      (((((BQ[0] * r + BQ[1]) * r + BQ[2]) * r + BQ[3]) * r + BQ[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((CQ[0] * q + CQ[1]) * q + CQ[2]) * q + CQ[3]) * q + CQ[4]) * q + CQ[5]) / ((((DQ[0] * q + DQ[1]) * q + DQ[2]) * q + DQ[3]) * q + 1);
  }
  // Halley step. Work on the smaller tail so the residual keeps its relative precision.
  for (let k = 0; k < 2; k++) {
    // Φ(x) - p; for x > 0 as (1 - p) - (1 - Φ(x)), whose absolute error ~1e-17 is all the upper tail needs.
    const e = x <= 0 ? normalCdf(x) - p : (1 - p) - normalSf(x);
    const u = e * Math.sqrt(2 * Math.PI) * Math.exp(0.5 * x * x);
    x = x - u / (1 + 0.5 * x * u);
  }
  return x;
}

// ---------------------------------------------------------------------------------------------
// Gamma / beta
// ---------------------------------------------------------------------------------------------

// Lanczos (g = 7, n = 9) coefficients; relative error ~1e-15 for x > 0.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * ln Γ(x) for x > 0 (Lanczos approximation, relative error ~1e-15).
 * @example logGamma(5) // ln 24 = 3.1780538303479458
 */
export function logGamma(x: number): number {
  requireNumber(x, 'logGamma argument');
  if (!(x > 0)) throw new InputError(`logGamma needs x > 0, got ${x}`);
  if (x === Infinity) return Infinity;
  if (x < 0.5) {
    // Reflection: Γ(x)Γ(1-x) = π / sin(πx); keeps accuracy near 0.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < 9; i++) s += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/**
 * Stirling remainder δ(x) = ln Γ(x) - [(x - ½) ln x - x + ln √(2π)] for x ≥ 10, from the
 * asymptotic series Σ B_{2k} / (2k(2k-1) x^{2k-1}); eight terms reach < 1e-17 at x = 10.
 */
function stirlingCorrection(x: number): number {
  const z = 1 / (x * x);
  return (
    (1 / 12 +
      z * (-1 / 360 + z * (1 / 1260 + z * (-1 / 1680 + z * (1 / 1188 + z * (-691 / 360360 + z * (1 / 156 + z * (-3617 / 122400)))))))) /
    x
  );
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a+b), computed without the cancellation that plain
 * log-gammas suffer when a or b is large (the approach of R's `lbeta`).
 */
export function logBeta(a: number, b: number): number {
  requireNumber(a, 'a');
  requireNumber(b, 'b');
  if (!(a > 0) || !(b > 0)) throw new InputError(`logBeta needs a, b > 0, got ${a}, ${b}`);
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (p >= 10) {
    const corr = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q);
    return -0.5 * Math.log(q) + LN_SQRT_2PI + corr + (p - 0.5) * Math.log(p / (p + q)) + q * Math.log1p(-p / (p + q));
  }
  if (q >= 10) {
    const corr = stirlingCorrection(q) - stirlingCorrection(p + q);
    return logGamma(p) + corr + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-p / (p + q));
  }
  return logGamma(p) + logGamma(q) - logGamma(p + q);
}

/**
 * Continued fraction for I_x(a, b) (Numerical Recipes `betacf`, modified Lentz), valid and fast
 * for x < (a + 1)/(a + b + 2).
 */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const TINY = 1e-300;
  const EPS = 1e-16;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  const maxIter = 20000 + Math.ceil(10 * Math.sqrt(Math.max(a, b)));
  for (let m = 1; m <= maxIter; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return h;
  }
  throw new InputError(`incomplete beta continued fraction did not converge (a=${a}, b=${b}, x=${x})`);
}

/**
 * Regularized incomplete beta I_x(a, b), given x and its complement y = 1 - x separately (so the
 * caller can pass a y that did not suffer cancellation) and their logs.
 */
function incompleteBetaParts(a: number, b: number, x: number, y: number, lnx: number, lny: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const lnFront = a * lnx + b * lny - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    return (Math.exp(lnFront) * betaContinuedFraction(a, b, x)) / a;
  }
  return 1 - (Math.exp(lnFront) * betaContinuedFraction(b, a, y)) / b;
}

/**
 * Regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b).
 * @example regularizedIncompleteBeta(0.5, 2, 3) // 0.6875
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  requireNumber(x, 'x');
  if (x < 0 || x > 1) throw new InputError(`incomplete beta needs 0 ≤ x ≤ 1, got ${x}`);
  if (!(a > 0) || !(b > 0)) throw new InputError(`incomplete beta needs a, b > 0, got ${a}, ${b}`);
  return incompleteBetaParts(a, b, x, 1 - x, Math.log(x), Math.log1p(-x));
}

// ---------------------------------------------------------------------------------------------
// Student t
// ---------------------------------------------------------------------------------------------

/** Above this df the t distribution is replaced by the normal (difference < 1e-10 relative). */
const DF_NORMAL = 1e10;

/**
 * Two-sided p-value of Student t: P(|T_ν| ≥ |t|) = I_{ν/(ν+t²)}(ν/2, ½).
 * df = Infinity gives the normal p-value; t = ±Infinity gives 0.
 * @example studentTTwoSidedP(2.228138852, 10) // ≈ 0.05
 */
export function studentTTwoSidedP(t: number, df: number): number {
  requireNumber(t, 't');
  requireDf(df);
  if (df >= DF_NORMAL) return normalTwoSidedP(t);
  const at = Math.abs(t);
  if (at === Infinity) return 0;
  if (at === 0) return 1;
  const t2 = at * at;
  const ratio = t2 / df; // x = 1/(1 + ratio), y = ratio/(1 + ratio)
  if (ratio === Infinity) return 0;
  const x = 1 / (1 + ratio);
  const y = ratio / (1 + ratio);
  const lnx = -Math.log1p(ratio);
  const lny = -Math.log1p(1 / ratio);
  return incompleteBetaParts(df / 2, 0.5, x, y, lnx, lny);
}

/**
 * Student t CDF P(T_ν ≤ t), accurate in relative terms in the lower tail.
 * @example studentTCdf(2.228138852, 10) // ≈ 0.975
 */
export function studentTCdf(t: number, df: number): number {
  requireNumber(t, 't');
  requireDf(df);
  const half = 0.5 * studentTTwoSidedP(t, df);
  return t < 0 ? half : 1 - half;
}

/** Student t upper tail P(T_ν > t), accurate in relative terms for large t. */
export function studentTSf(t: number, df: number): number {
  requireNumber(t, 't');
  requireDf(df);
  const half = 0.5 * studentTTwoSidedP(t, df);
  return t > 0 ? half : 1 - half;
}

/** Student t density. */
export function studentTPdf(t: number, df: number): number {
  requireNumber(t, 't');
  requireDf(df);
  if (df >= DF_NORMAL) return normalPdf(t);
  if (Math.abs(t) === Infinity) return 0;
  return Math.exp(-0.5 * Math.log(df) - logBeta(df / 2, 0.5) - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * Student t quantile t_ν(p), e.g. the critical value of a two-sided 5% test is
 * studentTQuantile(0.975, ν). Closed forms for ν = 1, 2; otherwise a Cornish–Fisher start refined
 * by Newton steps on ln(tail) with a bisection safeguard.
 * @example studentTQuantile(0.975, 10) // 2.228138851986274
 */
export function studentTQuantile(p: number, df: number): number {
  requireProbability(p);
  requireDf(df);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (df >= DF_NORMAL) return normalQuantile(p);
  const q = Math.min(p, 1 - p); // work on the lower tail probability, solve for t > 0 in the upper tail
  const sign = p < 0.5 ? -1 : 1;
  if (df === 1) return sign / Math.tan(Math.PI * q); // tan(π(½ - q)) = cot(πq), no cancellation
  if (df === 2) return (sign * (1 - 2 * q)) / Math.sqrt(2 * q * (1 - q));
  // Cornish–Fisher expansion around the normal quantile.
  const z = -normalQuantile(q);
  const z2 = z * z;
  let t = z + (z * (z2 + 1)) / (4 * df) + (z * (5 * z2 * z2 + 16 * z2 + 3)) / (96 * df * df);
  if (!(t > 0) || !Number.isFinite(t)) t = z;
  // Bracket [lo, hi] with tail(lo) ≥ q ≥ tail(hi).
  let lo = 0;
  let hi = t;
  while (studentTSf(hi, df) > q) {
    lo = hi;
    hi *= 2;
    if (hi > 1e300) return sign * Infinity;
  }
  const lnq = Math.log(q);
  for (let iter = 0; iter < 100; iter++) {
    const tail = studentTSf(t, df);
    if (tail === q) break;
    if (tail > q) lo = Math.max(lo, t);
    else hi = Math.min(hi, t);
    const g = Math.log(tail) - lnq;
    const dg = -studentTPdf(t, df) / tail;
    let next = t - g / dg;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - t) <= 1e-15 * Math.abs(t)) {
      t = next;
      break;
    }
    t = next;
  }
  return sign * t;
}
