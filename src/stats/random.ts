/**
 * Seeded, deterministic random numbers for the bootstrap and simulations.
 *
 * Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state, passes
 * PractRand and BigCrush), seeded through splitmix32 so that nearby seeds (1, 2, 3...) give
 * unrelated streams. Same seed, same sequence, on every platform: only 32-bit integer arithmetic
 * (`| 0`, `>>>`, `Math.imul`) is used.
 */
import { InputError } from '../errors.ts';

/** A seeded generator: plain closures over a 4-word state, no classes. */
export interface Rng {
  /** Next raw 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number;
  /** Uniform integer in [0, n), by Lemire's multiply-shift with rejection (unbiased for n ≤ 2^21). */
  int(n: number): number;
}

/**
 * Creates an sfc32 generator from an integer seed (any safe integer; negative allowed).
 * @example const rng = createRng(1); rng.uniform(); // same value on every run
 */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) throw new InputError(`random seed must be a safe integer, got ${String(seed)}`);
  // splitmix32 over the low and high 32-bit halves of the seed gives the 4 state words.
  let s = (seed | 0) ^ Math.imul(Math.floor(seed / 4294967296) | 0, 0x9e3779b9);
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = 1; // the counter word; any start is fine
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard a few outputs so the state is well mixed (as the reference implementation advises).
  for (let i = 0; i < 12; i++) nextUint32();
  const uniform = (): number => {
    const hi = nextUint32() >>> 5; // 27 bits
    const lo = nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  };
  const int = (n: number): number => {
    if (!(n >= 1 && Number.isInteger(n) && n <= 9007199254740992)) throw new InputError(`rng.int needs an integer n ≥ 1, got ${n}`);
    if (n > 2097152) return Math.floor(uniform() * n); // beyond 2^21 the 53-bit uniform's bias is < 2^-32
    // Lemire: floor(x·n / 2^32), rejecting the small biased zone; x·n < 2^53 is exact here.
    const threshold = (4294967296 - n) % n;
    for (;;) {
      const m = nextUint32() * n;
      if (m % 4294967296 >= threshold) return Math.floor(m / 4294967296);
    }
  };
  return { nextUint32, uniform, int };
}

/**
 * Standard normal draw by Marsaglia's polar method (exact transformation, no tables).
 * The spare second variate is discarded so each call consumes a predictable amount of the stream
 * per accepted pair, keeping reruns identical.
 * @example const z = randomNormal(createRng(7));
 */
export function randomNormal(rng: Rng): number {
  for (;;) {
    const u = 2 * rng.uniform() - 1;
    const v = 2 * rng.uniform() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/** Fills `out` with independent N(mean, sd²) draws (both polar variates used). */
export function fillNormal(rng: Rng, out: Float64Array, mean = 0, sd = 1): Float64Array {
  let i = 0;
  while (i < out.length) {
    const u = 2 * rng.uniform() - 1;
    const v = 2 * rng.uniform() - 1;
    const s = u * u + v * v;
    if (!(s > 0 && s < 1)) continue;
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    out[i++] = mean + sd * u * f;
    if (i < out.length) out[i++] = mean + sd * v * f;
  }
  return out;
}
