/**
 * Shared pieces of every chart spec: the top-level frame (schema, size, title, theme) and input
 * checks that turn bad numbers or dates into a readable InputError instead of a silent NaN
 * (JSON.stringify would write NaN as null and the chart would quietly drop the point).
 */
import { InputError } from '../errors.ts';
import { signedPercent as sharedSignedPercent } from '../format.ts';
import { CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA, chartTheme } from './theme.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Chart padding (see theme) plus a little air. */
const TITLE_MARGIN = 16;

/**
 * The top-level properties every chart starts with. `autosize: fit` including padding makes the
 * whole image exactly `width` × `height` px, so reports can lay charts out without measuring.
 */
export function specFrame(title: string, subtitle: string | undefined, height = CHART_HEIGHT) {
  // A title longer than the chart is cut with an ellipsis instead of squeezing the plot (autosize fit).
  const limit = CHART_WIDTH - 2 * TITLE_MARGIN;
  const titleParams = subtitle ? { text: title, subtitle, limit } : { text: title, limit };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleParams,
    width: CHART_WIDTH,
    height,
    autosize: { type: 'fit', contains: 'padding' },
    config: chartTheme,
  } as const;
}

/** Throws unless `value` is a non-empty string. */
export function checkText(chart: string, what: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(`${chart}: ${what} must be a non-empty string, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Throws unless `value` is a real calendar date 'YYYY-MM-DD'. */
export function checkDate(chart: string, what: string, value: unknown): string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    throw new InputError(`${chart}: ${what} must be an ISO date 'YYYY-MM-DD', got ${JSON.stringify(value)}`);
  }
  const t = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== value) {
    throw new InputError(`${chart}: ${what} is not a calendar date: '${value}'`);
  }
  return value;
}

/** Throws unless `value` is a finite number. */
export function checkFinite(chart: string, what: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InputError(`${chart}: ${what} must be a finite number, got ${String(value)}`);
  }
  return value;
}

/** Throws unless `value` is a whole number (relative trading day). */
export function checkInteger(chart: string, what: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new InputError(`${chart}: ${what} must be an integer, got ${String(value)}`);
  }
  return value;
}

/** Throws unless `rows` is a non-empty array. */
export function checkRows<T>(chart: string, what: string, rows: readonly T[] | undefined): readonly T[] {
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new InputError(`${chart}: ${what} must be a non-empty array`);
  }
  return rows;
}

/** Percent label with an explicit sign, e.g. +20.0% / −17.0% (typographic minus), for annotations. */
export function signedPercent(x: number, digits = 1): string {
  return sharedSignedPercent(x, digits);
}

/**
 * Labels to show on a relative-day band axis: every day when few, else every k-th day
 * (always including day 0) so ticks stay readable at 800 px.
 */
export function relAxisValues(rels: readonly number[], maxLabels = 25): number[] | undefined {
  const sorted = [...new Set(rels)].sort((a, b) => a - b);
  if (sorted.length <= maxLabels) return undefined;
  const steps = [2, 5, 10, 20, 50, 100];
  const span = sorted[sorted.length - 1] - sorted[0] + 1;
  const step = steps.find((s) => span / s <= maxLabels) ?? 100;
  return sorted.filter((r) => r % step === 0);
}

