/**
 * Window parameters: defaults, labels and validation. Pure functions.
 */
import { InputError } from '../errors.ts';
import type { RelWindow } from '../types.ts';

export const DEFAULT_ESTIMATION_WINDOW: RelWindow = [-250, -11];
export const DEFAULT_EVENT_WINDOW: RelWindow = [-5, 5];
export const DEFAULT_CAR_WINDOWS: RelWindow[] = [[-1, 1], [0, 0], [0, 1], [-5, 5]];
export const DEFAULT_MIN_ESTIMATION_RETURNS = 120;

/**
 * Label of a window as printed everywhere: '[-1,+1]', '[0,0]'.
 * @example windowLabel([-1, 1]) // '[-1,+1]'
 */
export function windowLabel([from, to]: RelWindow): string {
  const sign = (n: number) => (n > 0 ? `+${n}` : `${n}`);
  return `[${sign(from)},${sign(to)}]`;
}

/**
 * Parses 'a:b' (CLI form) into a window, e.g. '-250:-11' -> [-250, -11].
 * Throws InputError naming the option and the text when it is not two integers with a <= b.
 */
export function parseWindow(text: string, option: string): RelWindow {
  const m = /^\s*([+-]?\d+)\s*:\s*([+-]?\d+)\s*$/.exec(text);
  if (!m) throw new InputError(`${option}: '${text}' is not a window; write it as FROM:TO in trading days, e.g. -250:-11`);
  const from = Number(m[1]);
  const to = Number(m[2]);
  if (from > to) throw new InputError(`${option}: window '${text}' starts after it ends (${from} > ${to})`);
  return [from, to];
}

/**
 * Checks the windows of a study against each other; every problem is an InputError that
 * says which window and why, so a user never gets a silently wrong study.
 */
export function validateWindows(estimation: RelWindow, event: RelWindow, carWindows: RelWindow[], minEstimationReturns: number): void {
  for (const [name, w] of [['estimation window', estimation], ['event window', event]] as const) {
    if (!Number.isInteger(w[0]) || !Number.isInteger(w[1])) throw new InputError(`${name} ${JSON.stringify(w)} must be whole trading days`);
    if (w[0] > w[1]) throw new InputError(`${name} ${windowLabel(w)} starts after it ends`);
  }
  if (estimation[1] >= event[0] && estimation[0] <= event[1]) {
    throw new InputError(
      `estimation window ${windowLabel(estimation)} overlaps the event window ${windowLabel(event)}; ` +
        `the benchmark model must be fitted on days before the event (e.g. estimation -250:-11 with event -5:5)`,
    );
  }
  if (estimation[0] > event[1]) {
    throw new InputError(`estimation window ${windowLabel(estimation)} lies after the event window ${windowLabel(event)}; post-event estimation is not supported`);
  }
  const estLength = estimation[1] - estimation[0] + 1;
  if (estLength < minEstimationReturns) {
    throw new InputError(
      `estimation window ${windowLabel(estimation)} has ${estLength} days, fewer than the minimum of ${minEstimationReturns} valid returns; widen it or lower the minimum`,
    );
  }
  if (carWindows.length === 0) throw new InputError('at least one CAR window is needed');
  for (const w of carWindows) {
    if (w[0] > w[1]) throw new InputError(`CAR window ${windowLabel(w)} starts after it ends`);
    if (w[0] < event[0] || w[1] > event[1]) {
      throw new InputError(`CAR window ${windowLabel(w)} lies outside the event window ${windowLabel(event)}`);
    }
  }
}
