/** Error context for model fits: prefixes the model and event label to InputErrors from inner solvers. */
import { InputError } from '../errors.ts';
import type { EventModelInput } from './types.ts';
import { modelContext } from './linear.ts';

/** Runs `fn`, re-throwing an InputError with the model and event named in front of its message. */
export function withModelContext<T>(input: EventModelInput, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InputError && !e.message.startsWith(modelContext(input))) {
      throw new InputError(modelContext(input) + e.message);
    }
    throw e;
  }
}
