import { Scorecard } from '../scorecard';
import { DECISION_766_SERVICE_INDEX } from './decision-766-service-index';
import { HAI_DUONG_FRIENDLY_GOVERNMENT } from './hai-duong-friendly-government';

export * from './decision-766-service-index';
export * from './hai-duong-friendly-government';

/** The scorecards a fresh evaluation database starts with. */
export const SEED_SCORECARDS: readonly Scorecard[] = [HAI_DUONG_FRIENDLY_GOVERNMENT, DECISION_766_SERVICE_INDEX];
