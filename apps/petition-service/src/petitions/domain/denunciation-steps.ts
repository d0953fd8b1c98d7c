/** Denunciations: an anonymous one is recorded as INFORMATION (see intake) and filed, never handled as a denunciation. */
import type { Petition } from './petition.types';
import { step, type MachineContext } from './transitions';

/** Files information (an anonymous denunciation). */
export function archive(p: Petition, input: { note?: string }, ctx: MachineContext): Petition {
  return step(p, 'ARCHIVE', ctx, {}, input.note);
}
