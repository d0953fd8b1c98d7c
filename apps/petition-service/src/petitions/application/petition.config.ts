import { defaultWorkingCalendar } from '@xaso/calendar';
import {
  DEFAULT_POLICY,
  IdentityCipher,
  makeAddDays,
  PETITION_KINDS,
  policyWith,
  type AddDaysPort,
  type DayKind,
  type PetitionKind,
  type PetitionPolicy,
} from '../domain';

export const PETITION_CONFIG = Symbol('PETITION_CONFIG');

export interface PetitionConfig {
  policy: PetitionPolicy;
  addDays: AddDaysPort;
  cipher: IdentityCipher;
}

/**
 * DEV ONLY fallback key ring, used when PETITION_IDENTITY_KEYS is unset outside production (like
 * the auth dev secret). Production refuses to start without a configured key ring.
 */
const DEV_KEYS = 'dev1:ZGV2LW9ubHktcGV0aXRpb24taWRlbnRpdHkta2V5ISE=';

/**
 * From the environment: `PETITION_IDENTITY_KEYS` (key ring, first = current),
 * `PETITION_IDENTITY_INDEX_KEY` (blind index), `PETITION_WORKING_DAY_KINDS` (comma-separated kinds
 * whose limits count working days; default none = calendar days).
 */
export function petitionConfigFromEnv(env: NodeJS.ProcessEnv = process.env): PetitionConfig {
  const keys = env.PETITION_IDENTITY_KEYS;
  if (!keys && env.NODE_ENV === 'production') throw new Error('PETITION_IDENTITY_KEYS must be set in production');
  const cipher = new IdentityCipher(keys || DEV_KEYS, env.PETITION_IDENTITY_INDEX_KEY);
  const working = new Set((env.PETITION_WORKING_DAY_KINDS ?? '').split(',').map((s) => s.trim().toUpperCase()).filter(Boolean));
  const dayKind = Object.fromEntries(PETITION_KINDS.map((k) => [k, working.has(k) ? 'WORKING' : 'CALENDAR'])) as Record<PetitionKind, DayKind>;
  const calendar = defaultWorkingCalendar();
  return {
    policy: working.size ? policyWith({ dayKind }) : DEFAULT_POLICY,
    addDays: makeAddDays((start, n) => calendar.addWorkingDays(start, n)),
    cipher,
  };
}
