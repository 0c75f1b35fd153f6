/**
 * GARCH(1,1) regression model (Bollerslev 1986), fitted by Gaussian quasi-maximum likelihood:
 *
 *   R_t = μ + β'x_t + ε_t,   ε_t | past ~ N(0, h_t),
 *   h_t = ω + a·ε²_{t−1} + b·h_{t−1},   ω > 0, a ≥ 0, b ≥ 0, a + b < 1,
 *   log L = −½ Σ_t [log 2π + log h_t + ε_t²/h_t].
 *
 * Without regressors the mean is the constant μ (the GARCH-in-mean-free benchmark case); with the
 * market return as x it is the GARCH market model of event studies (the market model's
 * homoskedastic ε replaced by conditional heteroskedasticity; Corhay & Tourani Rad 1996,
 * Savickas 2003).
 *
 * Start of the variance recursion (the convention of Fiorentini, Calzolari & Panattoni 1996 and of
 * R's fGarch, which reproduces the published benchmark; checked in test/garch.test.ts): the
 * pre-sample ε_0² and h_0 both equal s̄² = (1/T) Σ ε_t², the mean squared residual at the current
 * (μ, β), so h_1 = ω + (a + b)·s̄². Starting instead at h_1 = s̄² moves the benchmark's
 * log-likelihood from −1106.608 to −1106.587 and a by 2e-4: the start matters at 4 digits.
 *
 * Optimiser: BFGS (Nocedal & Wright 2006, Alg. 6.1) with Armijo backtracking, on the mean
 * negative log-likelihood per observation, with the analytic gradient (recursion for ∂h_t/∂θ),
 * over the unconstrained reparametrisation
 *
 *   ω = exp(θ_ω),  a = p·s,  b = p·(1 − s),  p = logistic(θ_p) ∈ (0,1),  s = logistic(θ_s) ∈ (0,1),
 *
 * which keeps ω > 0, a, b > 0 and a + b < 1 for every finite θ. The data are scaled to unit
 * variance (y and each x column) before fitting and the estimates scaled back, so the optimiser
 * sees the same problem for returns in percent or in fractions.
 *
 * Standard errors: `se` from the inverse of the negative numerical Hessian of log L (central
 * differences of the analytic gradient, in the natural parameters); `robustSe` the
 * Bollerslev & Wooldridge (1992) QML sandwich A⁻¹BA⁻¹ with A = −Hessian and B = Σ_t s_t s_t',
 * s_t the per-observation analytic scores.
 *
 * A fit that does not converge, or whose estimate sits on a bound of the parameter space
 * (a ≈ 0, b ≈ 0, a + b ≈ 1), or whose Hessian is not negative definite, is returned with
 * `converged: false` and the `reason`, so a caller can fall back to OLS and say why.
 *
 * References: Bollerslev (1986) J. Econometrics 31; Bollerslev & Wooldridge (1992) Econometric
 * Reviews 11; Fiorentini, Calzolari & Panattoni (1996) J. Applied Econometrics 11; McCullough &
 * Renfro (1998) J. Economic and Social Measurement 24.
 */
import { InputError } from '../errors.ts';
import { invertMatrix, sandwich } from './matrix.ts';

/** Options of {@link fitGarch}. */
export interface GarchOptions {
  /** Regressors of the mean equation (e.g. the market return), each aligned with y. */
  x?: Float64Array | Float64Array[];
  /** BFGS iteration limit per start, default 500. */
  maxIterations?: number;
  /** Convergence when max |∂(−log L / T)/∂θ| falls below this, default 1e-8. */
  gradientTolerance?: number;
}

/** Standard errors of each parameter; null where the covariance could not be computed. */
export interface GarchStandardErrors {
  mu: number | null;
  betas: (number | null)[];
  omega: number | null;
  alpha1: number | null;
  beta1: number | null;
}

/** The result of {@link fitGarch}. */
export interface GarchFit {
  mu: number;
  /** Slopes of the mean equation, one per x column ([] without x). */
  betas: number[];
  omega: number;
  alpha1: number;
  beta1: number;
  /** Gaussian log-likelihood with the 2π constant, on y's own scale. */
  logLik: number;
  /** Hessian-based standard errors. */
  se: GarchStandardErrors;
  /** Bollerslev–Wooldridge (1992) robust standard errors. */
  robustSe: GarchStandardErrors;
  /** False when the optimiser failed, an estimate hit a bound, or the Hessian is not negative definite. */
  converged: boolean;
  /** Why `converged` is false (null when it is true). */
  reason: string | null;
  /** BFGS iterations of the start that was kept. */
  iterations: number;
  /** Observations used (y and every x finite). */
  n: number;
  /** ε_t aligned with y (NaN on rows not used). */
  residuals: Float64Array;
  /** h_t aligned with y (NaN on rows not used). */
  variances: Float64Array;
  /** s̄², the mean squared residual that starts the recursion (ε_0² = h_0 = s̄²). */
  initialVariance: number;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** Data of one fit, on the unit-variance scale. */
interface ScaledData {
  n: number;
  k: number;
  y: Float64Array;
  /** Regressor columns z_1..z_k (the constant is implicit). */
  x: Float64Array[];
}

interface Evaluation {
  logLik: number;
  /** ∂ log L / ∂φ, φ = (μ, β_1..β_k, ω, a, b). */
  gradient: Float64Array;
  /** n × m per-observation scores, row-major (only when asked). */
  scores?: Float64Array;
  residuals: Float64Array;
  variances: Float64Array;
  initialVariance: number;
}

/**
 * Log-likelihood, analytic gradient and optionally per-observation scores at φ = (μ, β, ω, a, b).
 * The gradient recursion: ∂h_t/∂φ = ∂ω/∂φ + ε²_{t−1}∂a/∂φ + h_{t−1}∂b/∂φ + 2aε_{t−1}∂ε_{t−1}/∂φ
 * + b·∂h_{t−1}/∂φ, started from ∂h_1/∂φ of h_1 = ω + (a + b)s̄²;
 * ∂l_t/∂φ = −½[(1/h_t − ε_t²/h_t²)∂h_t/∂φ + (2ε_t/h_t)∂ε_t/∂φ].
 */
function evaluate(data: ScaledData, phi: Float64Array, wantScores: boolean): Evaluation {
  const { n, k, y, x } = data;
  const m = k + 4;
  const mu = phi[0];
  const omega = phi[k + 1];
  const a = phi[k + 2];
  const b = phi[k + 3];
  const eps = new Float64Array(n);
  let s2 = 0;
  const ds2 = new Float64Array(m); // ∂s̄²/∂φ (mean parameters only)
  for (let t = 0; t < n; t++) {
    let e = y[t] - mu;
    for (let j = 0; j < k; j++) e -= phi[1 + j] * x[j][t];
    eps[t] = e;
    s2 += e * e;
    ds2[0] -= 2 * e;
    for (let j = 0; j < k; j++) ds2[1 + j] -= 2 * e * x[j][t];
  }
  s2 /= n;
  for (let j = 0; j <= k; j++) ds2[j] /= n;

  const h = new Float64Array(n);
  const gradient = new Float64Array(m);
  const scores = wantScores ? new Float64Array(n * m) : undefined;
  const dh = new Float64Array(m);
  const dhPrev = new Float64Array(m);
  let logLik = 0;
  for (let t = 0; t < n; t++) {
    if (t === 0) {
      h[0] = omega + (a + b) * s2;
      for (let j = 0; j <= k; j++) dh[j] = (a + b) * ds2[j];
      dh[k + 1] = 1;
      dh[k + 2] = s2;
      dh[k + 3] = s2;
    } else {
      const ePrev = eps[t - 1];
      h[t] = omega + a * ePrev * ePrev + b * h[t - 1];
      dh[0] = -2 * a * ePrev + b * dhPrev[0];
      for (let j = 0; j < k; j++) dh[1 + j] = -2 * a * ePrev * x[j][t - 1] + b * dhPrev[1 + j];
      dh[k + 1] = 1 + b * dhPrev[k + 1];
      dh[k + 2] = ePrev * ePrev + b * dhPrev[k + 2];
      dh[k + 3] = h[t - 1] + b * dhPrev[k + 3];
    }
    const ht = h[t];
    if (!(ht > 0) || !Number.isFinite(ht)) {
      return { logLik: -Infinity, gradient, residuals: eps, variances: h, initialVariance: s2 };
    }
    const e = eps[t];
    const e2h = (e * e) / ht;
    logLik -= 0.5 * (LOG_2PI + Math.log(ht) + e2h);
    const common = -0.5 * (1 - e2h) / ht;
    const meanTerm = e / ht; // −½ · 2ε/h · ∂ε/∂φ with ∂ε/∂μ = −1 gives +ε/h
    for (let j = 0; j < m; j++) {
      let s = common * dh[j];
      if (j === 0) s += meanTerm;
      else if (j <= k) s += meanTerm * x[j - 1][t];
      gradient[j] += s;
      if (scores) scores[t * m + j] = s;
    }
    dhPrev.set(dh);
  }
  return { logLik, gradient, scores, residuals: eps, variances: h, initialVariance: s2 };
}

/** log L alone (no gradient), for line-search trials; same recursion as {@link evaluate}. */
function logLikOnly(data: ScaledData, phi: Float64Array): number {
  const { n, k, y, x } = data;
  const mu = phi[0];
  const omega = phi[k + 1];
  const a = phi[k + 2];
  const b = phi[k + 3];
  const eps = new Float64Array(n);
  let s2 = 0;
  for (let t = 0; t < n; t++) {
    let e = y[t] - mu;
    for (let j = 0; j < k; j++) e -= phi[1 + j] * x[j][t];
    eps[t] = e;
    s2 += e * e;
  }
  s2 /= n;
  let h = omega + (a + b) * s2;
  let logLik = 0;
  for (let t = 0; t < n; t++) {
    if (t > 0) h = omega + a * eps[t - 1] * eps[t - 1] + b * h;
    if (!(h > 0) || !Number.isFinite(h)) return -Infinity;
    logLik -= 0.5 * (LOG_2PI + Math.log(h) + (eps[t] * eps[t]) / h);
  }
  return logLik;
}

const logistic = (z: number): number => 1 / (1 + Math.exp(-z));

/** φ (natural, scaled) from θ (unconstrained), and the diagonal-plus-2×2 Jacobian ∂φ/∂θ applied to a gradient. */
function toNatural(theta: Float64Array, k: number): Float64Array {
  const phi = Float64Array.from(theta);
  const p = logistic(theta[k + 2]);
  const s = logistic(theta[k + 3]);
  phi[k + 1] = Math.exp(theta[k + 1]);
  phi[k + 2] = p * s;
  phi[k + 3] = p * (1 - s);
  return phi;
}

function toUnconstrained(phi: Float64Array, k: number): Float64Array {
  const theta = Float64Array.from(phi);
  const p = phi[k + 2] + phi[k + 3];
  const s = phi[k + 2] / p;
  theta[k + 1] = Math.log(phi[k + 1]);
  theta[k + 2] = Math.log(p / (1 - p));
  theta[k + 3] = Math.log(s / (1 - s));
  return theta;
}

/** Chain rule: ∂f/∂θ from ∂f/∂φ at θ. */
function gradientToUnconstrained(gPhi: Float64Array, theta: Float64Array, k: number): Float64Array {
  const g = Float64Array.from(gPhi);
  const p = logistic(theta[k + 2]);
  const s = logistic(theta[k + 3]);
  const ga = gPhi[k + 2];
  const gb = gPhi[k + 3];
  g[k + 1] = gPhi[k + 1] * Math.exp(theta[k + 1]);
  g[k + 2] = p * (1 - p) * (s * ga + (1 - s) * gb);
  g[k + 3] = p * s * (1 - s) * (ga - gb);
  return g;
}

interface BfgsOutcome {
  theta: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
  reason: string | null;
}

/**
 * BFGS on f(θ) = −log L(φ(θ))/n with Armijo backtracking (c1 = 1e-4, halving). The inverse
 * Hessian approximation starts as (s'y / y'y)·I after the first step (Nocedal & Wright eq. 6.20);
 * an update whose curvature s'y is not positive is skipped, and a non-descent direction resets it.
 */
function bfgs(data: ScaledData, theta0: Float64Array, maxIterations: number, tolerance: number): BfgsOutcome {
  const k = data.k;
  const m = theta0.length;
  const objective = (theta: Float64Array): { f: number; g: Float64Array } => {
    const ev = evaluate(data, toNatural(theta, k), false);
    if (!Number.isFinite(ev.logLik)) return { f: Infinity, g: new Float64Array(m) };
    const g = gradientToUnconstrained(ev.gradient, theta, k);
    for (let j = 0; j < m; j++) g[j] = -g[j] / data.n;
    return { f: -ev.logLik / data.n, g };
  };
  const value = (theta: Float64Array): number => {
    const ll = logLikOnly(data, toNatural(theta, k));
    return Number.isFinite(ll) ? -ll / data.n : Infinity;
  };
  let theta = Float64Array.from(theta0);
  let { f, g } = objective(theta);
  if (!Number.isFinite(f)) return { theta, value: f, iterations: 0, converged: false, reason: 'the likelihood is not finite at the starting values' };
  let H: Float64Array | null = null; // inverse Hessian approximation; null = scaled identity pending
  const identity = (scale: number) => {
    const I = new Float64Array(m * m);
    for (let i = 0; i < m; i++) I[i * m + i] = scale;
    return I;
  };
  const maxAbs = (v: Float64Array) => v.reduce((s, x) => Math.max(s, Math.abs(x)), 0);
  for (let iter = 0; iter < maxIterations; iter++) {
    if (maxAbs(g) < tolerance) return { theta, value: f, iterations: iter, converged: true, reason: null };
    const Hk = H ?? identity(1);
    const d = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let j = 0; j < m; j++) s -= Hk[i * m + j] * g[j];
      d[i] = s;
    }
    let slope = 0;
    for (let i = 0; i < m; i++) slope += g[i] * d[i];
    if (!(slope < 0)) {
      H = null;
      for (let i = 0; i < m; i++) d[i] = -g[i];
      slope = -g.reduce((s, x) => s + x * x, 0);
    }
    // Keep the first trial step modest in θ (a logistic coordinate moving by 50 is meaningless).
    // Armijo backtracking with a safeguarded quadratic step (Nocedal & Wright §3.5): trials need
    // only the function value; the gradient is computed once, at the accepted point.
    let step = Math.min(1, 5 / Math.max(maxAbs(d), 1e-300));
    let next: { f: number; g: Float64Array } | null = null;
    let trial = theta;
    for (let tries = 0; tries < 60; tries++) {
      trial = new Float64Array(m);
      for (let i = 0; i < m; i++) trial[i] = theta[i] + step * d[i];
      const ft = value(trial);
      if (Number.isFinite(ft) && ft <= f + 1e-4 * step * slope) {
        next = objective(trial);
        break;
      }
      const quadratic = Number.isFinite(ft) ? (-slope * step * step) / (2 * (ft - f - slope * step)) : 0.1 * step;
      step = Math.min(0.5 * step, Math.max(0.1 * step, quadratic));
    }
    if (!next) {
      // No decrease possible at machine precision: a stationary point if the gradient is small.
      if (maxAbs(g) < 1e-5) return { theta, value: f, iterations: iter, converged: true, reason: null };
      return { theta, value: f, iterations: iter, converged: false, reason: `line search failed at iteration ${iter + 1} (max |gradient| ${maxAbs(g).toExponential(2)})` };
    }
    const s = new Float64Array(m);
    const yv = new Float64Array(m);
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < m; i++) {
      s[i] = trial[i] - theta[i];
      yv[i] = next.g[i] - g[i];
      sy += s[i] * yv[i];
      yy += yv[i] * yv[i];
    }
    if (sy > 1e-14 * Math.sqrt(yy) * Math.sqrt(s.reduce((q, v) => q + v * v, 0))) {
      const Hc = H ?? identity(sy / yy);
      // H+ = (I − ρsy')H(I − ρys') + ρss', ρ = 1/s'y, written out with Hy.
      const rho = 1 / sy;
      const Hy = new Float64Array(m);
      for (let i = 0; i < m; i++) {
        let q = 0;
        for (let j = 0; j < m; j++) q += Hc[i * m + j] * yv[j];
        Hy[i] = q;
      }
      let yHy = 0;
      for (let i = 0; i < m; i++) yHy += yv[i] * Hy[i];
      const Hn = new Float64Array(m * m);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < m; j++) {
          Hn[i * m + j] = Hc[i * m + j] - rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j];
        }
      }
      H = Hn;
    }
    theta = trial;
    f = next.f;
    g = next.g;
  }
  if (maxAbs(g) < tolerance) return { theta, value: f, iterations: maxIterations, converged: true, reason: null };
  return { theta, value: f, iterations: maxIterations, converged: false, reason: `no convergence in ${maxIterations} BFGS iterations (max |gradient| ${maxAbs(g).toExponential(2)})` };
}

function asColumns(x: GarchOptions['x']): Float64Array[] {
  if (x === undefined) return [];
  return x instanceof Float64Array ? [x] : x;
}

/** Sample standard deviation (n − 1) of the selected rows. */
function sdOf(v: Float64Array, rows: Int32Array): number {
  let m = 0;
  for (const i of rows) m += v[i];
  m /= rows.length;
  let ss = 0;
  for (const i of rows) ss += (v[i] - m) * (v[i] - m);
  return Math.sqrt(ss / (rows.length - 1));
}

/**
 * Fits R_t = μ + β'x_t + ε_t with GARCH(1,1) errors by Gaussian QML (see the module doc for the
 * likelihood, the start h_1 = ω + (a + b)s̄², the reparametrisation and the standard errors).
 * Rows where y or any x is not finite are dropped and the recursion runs over the remaining rows
 * as consecutive days.
 *
 * @throws InputError for mismatched lengths, fewer than 30 usable rows, or a constant y or x.
 * @example
 * const fit = fitGarch(returns, { x: marketReturns });
 * if (fit.converged) fit.alpha1 + fit.beta1; // persistence
 * else fit.reason; // e.g. 'alpha1 + beta1 reached 1 (...)'
 */
export function fitGarch(y: Float64Array, options: GarchOptions = {}): GarchFit {
  const xs = asColumns(options.x);
  const k = xs.length;
  const m = k + 4;
  for (const [j, col] of xs.entries()) {
    if (col.length !== y.length) throw new InputError(`fitGarch: x column ${j + 1} has ${col.length} rows, y has ${y.length}`);
  }
  const used: number[] = [];
  for (let t = 0; t < y.length; t++) {
    if (Number.isFinite(y[t]) && xs.every((c) => Number.isFinite(c[t]))) used.push(t);
  }
  const rows = Int32Array.from(used);
  const n = rows.length;
  if (n < 30 + k) throw new InputError(`fitGarch: ${n} usable observations; a GARCH(1,1) fit needs at least ${30 + k}`);
  const sy = sdOf(y, rows);
  if (!(sy > 0)) throw new InputError('fitGarch: y is constant over the usable rows');
  const sx = xs.map((c, j) => {
    const s = sdOf(c, rows);
    if (!(s > 0)) throw new InputError(`fitGarch: x column ${j + 1} is constant over the usable rows`);
    return s;
  });
  // Unit-variance data: y' = y/sy, x'_j = x_j/sx_j; φ' = D φ with D = diag(1/sy, sx_j/sy, 1/sy², 1, 1).
  const data: ScaledData = {
    n,
    k,
    y: Float64Array.from(rows, (i) => y[i] / sy),
    x: xs.map((c, j) => Float64Array.from(rows, (i) => c[i] / sx[j])),
  };
  const D = new Float64Array(m);
  D[0] = 1 / sy;
  for (let j = 0; j < k; j++) D[1 + j] = sx[j] / sy;
  D[k + 1] = 1 / (sy * sy);
  D[k + 2] = 1;
  D[k + 3] = 1;

  // Mean parameters start at OLS (normal equations; k is tiny), variance at a few (a, b) pairs.
  const meanStart = olsStart(data);
  let resid2 = 0;
  for (let t = 0; t < n; t++) {
    let e = data.y[t] - meanStart[0];
    for (let j = 0; j < k; j++) e -= meanStart[1 + j] * data.x[j][t];
    resid2 += e * e;
  }
  resid2 /= n;
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.gradientTolerance ?? 1e-8;
  let best: (BfgsOutcome & { bound: string | null }) | null = null;
  for (const [a0, b0] of [[0.05, 0.9], [0.15, 0.7], [0.3, 0.3]]) {
    const phi0 = new Float64Array(m);
    phi0.set(meanStart);
    phi0[k + 1] = resid2 * (1 - a0 - b0);
    phi0[k + 2] = a0;
    phi0[k + 3] = b0;
    const out = bfgs(data, toUnconstrained(phi0, k), maxIterations, tolerance);
    const bound = out.converged ? boundHit(toNatural(out.theta, k), k) : null;
    const candidate = { ...out, bound };
    const ok = (c: typeof candidate) => c.converged && c.bound === null;
    if (!best || (ok(candidate) && !ok(best)) || (ok(candidate) === ok(best) && candidate.value < best.value)) best = candidate;
    if (ok(best)) break;
  }
  const outcome = best!;
  const phi = toNatural(outcome.theta, k);
  const final = evaluate(data, phi, true);

  // Numerical Hessian of log L in φ: central differences of the analytic gradient, symmetrised.
  const hess = new Float64Array(m * m);
  let hessianOk = Number.isFinite(final.logLik);
  for (let j = 0; j < m && hessianOk; j++) {
    const step = 1e-5 * Math.max(Math.abs(phi[j]), 0.1);
    const up = Float64Array.from(phi);
    const down = Float64Array.from(phi);
    up[j] += step;
    down[j] -= step;
    const gu = evaluate(data, up, false);
    const gd = evaluate(data, down, false);
    if (!Number.isFinite(gu.logLik) || !Number.isFinite(gd.logLik)) hessianOk = false;
    for (let i = 0; i < m; i++) hess[i * m + j] = (gu.gradient[i] - gd.gradient[i]) / (2 * step);
  }
  const information = new Float64Array(m * m); // A = −H
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) information[i * m + j] = -0.5 * (hess[i * m + j] + hess[j * m + i]);
  const covariance = hessianOk ? invertMatrix(information, m) : null;
  let reason = outcome.converged ? outcome.bound : outcome.reason;
  let covOk = covariance !== null;
  if (covariance) for (let i = 0; i < m; i++) if (!(covariance[i * m + i] > 0)) covOk = false;
  if (!covOk && reason === null) reason = 'the Hessian of the log-likelihood is not negative definite at the estimate';

  const meat = new Float64Array(m * m);
  const scores = final.scores!;
  for (let t = 0; t < n; t++) {
    for (let i = 0; i < m; i++) {
      const si = scores[t * m + i];
      for (let j = 0; j < m; j++) meat[i * m + j] += si * scores[t * m + j];
    }
  }
  const robust = covOk ? sandwich(covariance!, meat, m) : null;
  const seOf = (cov: Float64Array | null): GarchStandardErrors => {
    // Var(φ_orig) = Var(φ_scaled) / D², elementwise on the diagonal.
    const at = (j: number) => (cov && cov[j * m + j] > 0 ? Math.sqrt(cov[j * m + j]) / D[j] : null);
    return { mu: at(0), betas: xs.map((_, j) => at(1 + j)), omega: at(k + 1), alpha1: at(k + 2), beta1: at(k + 3) };
  };

  const residuals = new Float64Array(y.length).fill(NaN);
  const variances = new Float64Array(y.length).fill(NaN);
  for (let t = 0; t < n; t++) {
    residuals[rows[t]] = final.residuals[t] * sy;
    variances[rows[t]] = final.variances[t] * sy * sy;
  }
  return {
    mu: phi[0] / D[0],
    betas: xs.map((_, j) => phi[1 + j] / D[1 + j]),
    omega: phi[k + 1] / D[k + 1],
    alpha1: phi[k + 2],
    beta1: phi[k + 3],
    // Density of y = density of y' times 1/sy per observation.
    logLik: final.logLik - n * Math.log(sy),
    se: seOf(covOk ? covariance : null),
    robustSe: seOf(robust),
    converged: reason === null,
    reason,
    iterations: outcome.iterations,
    n,
    residuals,
    variances,
    initialVariance: final.initialVariance * sy * sy,
  };
}

/** Which bound of the parameter space an estimate sits on, if any. */
function boundHit(phi: Float64Array, k: number): string | null {
  const a = phi[k + 2];
  const b = phi[k + 3];
  if (a < 1e-6) return `alpha1 is at its lower bound 0 (estimate ${a.toExponential(2)}): no ARCH effect, beta1 is not identified`;
  if (b < 1e-6) return `beta1 is at its lower bound 0 (estimate ${b.toExponential(2)})`;
  if (a + b > 1 - 1e-6) return `alpha1 + beta1 reached 1 (${(a + b).toFixed(8)}): integrated GARCH, no finite unconditional variance`;
  return null;
}

/** OLS coefficients [μ, β_1..β_k] on the scaled data, by the normal equations. */
function olsStart(data: ScaledData): Float64Array {
  const { n, k, y, x } = data;
  const m = k + 1;
  const xtx = new Float64Array(m * m);
  const xty = new Float64Array(m);
  const row = new Float64Array(m);
  for (let t = 0; t < n; t++) {
    row[0] = 1;
    for (let j = 0; j < k; j++) row[1 + j] = x[j][t];
    for (let i = 0; i < m; i++) {
      xty[i] += row[i] * y[t];
      for (let j = 0; j < m; j++) xtx[i * m + j] += row[i] * row[j];
    }
  }
  const inv = invertMatrix(xtx, m);
  if (!inv) throw new InputError('fitGarch: the regressors are collinear (singular X\'X)');
  const coef = new Float64Array(m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) coef[i] += inv[i * m + j] * xty[j];
  return coef;
}

/** Input of {@link forecastGarch}: the days after the fitted sample, up to the end of the event window. */
export interface GarchForecastInput {
  /** Security returns on the days following the fitted sample (NaN = missing). */
  y: Float64Array;
  /** Regressors on the same days (same columns as the fit). */
  x?: Float64Array | Float64Array[];
  /**
   * Index into y of the first day whose residual must not feed the variance (the event window's
   * first day). Days before it update h_t with their realised ε²; from it on h_t is the
   * multi-step forecast h_{t+1} = ω + (a + b)h_t, so event-day abnormal returns never inflate
   * the variance that standardizes them.
   */
  eventStart: number;
}

/** Conditional variances and standardized abnormal returns after the fitted sample. */
export interface GarchForecast {
  /** E[R_t] = μ + β'x_t (NaN where a regressor is missing). */
  expected: Float64Array;
  /** AR_t = R_t − E[R_t]. */
  ar: Float64Array;
  /** h_t, the conditional variance (forecast) of day t. */
  variance: Float64Array;
  /** SAR_t = AR_t / √h_t (the GARCH-standardized AR of Savickas 2003). */
  sar: Float64Array;
}

/**
 * Conditional variance forecasts and standardized ARs for the days after a GARCH fit's sample.
 * From the last fitted day T: h_{T+1} = ω + aε_T² + bh_T, then for each later day
 * h_{t+1} = ω + aε_t² + bh_t while t is before `eventStart` (and ε_t exists), else
 * h_{t+1} = ω + (a + b)h_t (the expectation of ε_t² is h_t). Parameter estimation error is not
 * added to h_t (as in Savickas 2003).
 * @example
 * const f = forecastGarch(fit, { y: after, x: marketAfter, eventStart: 5 });
 * f.sar[5]; // day-0 AR over its conditional standard deviation, if day 0 is after[5]
 */
export function forecastGarch(fit: GarchFit, input: GarchForecastInput): GarchForecast {
  const xs = asColumns(input.x);
  if (xs.length !== fit.betas.length) throw new InputError(`forecastGarch: the fit has ${fit.betas.length} regressor(s), ${xs.length} given`);
  const L = input.y.length;
  for (const [j, c] of xs.entries()) if (c.length !== L) throw new InputError(`forecastGarch: x column ${j + 1} has ${c.length} rows, y has ${L}`);
  if (!(Number.isInteger(input.eventStart) && input.eventStart >= 0 && input.eventStart <= L)) {
    throw new InputError(`forecastGarch: eventStart ${input.eventStart} is outside 0..${L}`);
  }
  let last = fit.residuals.length - 1;
  while (last >= 0 && !Number.isFinite(fit.variances[last])) last--;
  if (last < 0) throw new InputError('forecastGarch: the fit has no fitted day');
  let ePrev: number = fit.residuals[last];
  let hPrev = fit.variances[last];
  const expected = new Float64Array(L);
  const ar = new Float64Array(L);
  const variance = new Float64Array(L);
  const sar = new Float64Array(L);
  for (let t = 0; t < L; t++) {
    const h = Number.isFinite(ePrev) ? fit.omega + fit.alpha1 * ePrev * ePrev + fit.beta1 * hPrev : fit.omega + (fit.alpha1 + fit.beta1) * hPrev;
    variance[t] = h;
    let e = fit.mu;
    for (let j = 0; j < xs.length; j++) e += fit.betas[j] * xs[j][t];
    expected[t] = e;
    ar[t] = input.y[t] - e; // NaN propagates from a missing y or x
    sar[t] = ar[t] / Math.sqrt(h);
    ePrev = t < input.eventStart ? ar[t] : NaN;
    hPrev = h;
  }
  return { expected, ar, variance, sar };
}

/** Parameters of a GARCH(1,1) regression, as {@link fitGarch} returns them. */
export interface GarchParameters {
  mu: number;
  betas?: number[];
  omega: number;
  alpha1: number;
  beta1: number;
}

/**
 * The Gaussian log-likelihood of {@link fitGarch} at given parameters (same start
 * h_1 = ω + (a + b)s̄², same dropping of non-finite rows), with the conditional variances.
 * -Infinity when some h_t is not positive.
 * @example
 * // y = [1, −1, 2], μ = 0, ω = 0.1, a = 0.2, b = 0.7: s̄² = 2, h = [1.9, 1.63, 1.441]
 * garchLogLikelihood(Float64Array.of(1, -1, 2), { mu: 0, omega: 0.1, alpha1: 0.2, beta1: 0.7 }).variances
 */
export function garchLogLikelihood(
  y: Float64Array,
  params: GarchParameters,
  x?: Float64Array | Float64Array[],
): { logLik: number; variances: Float64Array; initialVariance: number } {
  const xs = asColumns(x);
  const betas = params.betas ?? [];
  if (betas.length !== xs.length) throw new InputError(`garchLogLikelihood: ${betas.length} beta(s) for ${xs.length} regressor column(s)`);
  for (const [j, col] of xs.entries()) if (col.length !== y.length) throw new InputError(`garchLogLikelihood: x column ${j + 1} has ${col.length} rows, y has ${y.length}`);
  const rows: number[] = [];
  for (let t = 0; t < y.length; t++) if (Number.isFinite(y[t]) && xs.every((c) => Number.isFinite(c[t]))) rows.push(t);
  if (rows.length === 0) throw new InputError('garchLogLikelihood: no usable observation');
  const k = xs.length;
  const data: ScaledData = { n: rows.length, k, y: Float64Array.from(rows, (i) => y[i]), x: xs.map((c) => Float64Array.from(rows, (i) => c[i])) };
  const ev = evaluate(data, Float64Array.of(params.mu, ...betas, params.omega, params.alpha1, params.beta1), false);
  return { logLik: ev.logLik, variances: ev.variances, initialVariance: ev.initialVariance };
}
