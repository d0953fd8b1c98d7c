import { Assessment, StepType } from './assessment';
import { ReviewerFromAssessedUnitError, StepNotAllowedError } from './assessment-errors';

/**
 * Evaluation roles, mapped from the platform's roles by the application layer: commune officers
 * fill and submit their unit's assessment; province officers review; the province leader recognises.
 */
export type EvaluationRole = 'COMMUNE_OFFICER' | 'PROVINCE_OFFICER' | 'PROVINCE_LEADER';

/** Who does a step: `unitCode` is the unit they work for (their commune, or a province body). */
export interface Actor {
  readonly userId: string;
  readonly roles: readonly EvaluationRole[];
  readonly unitCode: string;
  readonly provinceCode: string;
}

const ROLE_OF_STEP: Readonly<Record<StepType, EvaluationRole>> = {
  SAVE_SELF: 'COMMUNE_OFFICER',
  REOPEN: 'COMMUNE_OFFICER',
  SUBMIT: 'COMMUNE_OFFICER',
  START_REVIEW: 'PROVINCE_OFFICER',
  REVIEW: 'PROVINCE_OFFICER',
  RETURN: 'PROVINCE_OFFICER',
  APPROVE: 'PROVINCE_OFFICER',
  UNAPPROVE: 'PROVINCE_OFFICER',
  RECOGNISE: 'PROVINCE_LEADER',
};

export function roleOfStep(step: StepType): EvaluationRole {
  return ROLE_OF_STEP[step];
}

/** Refuses an actor who may not do `step` on this assessment. */
export function assertActorMay(actor: Actor, step: StepType, assessment: Assessment): void {
  const role = ROLE_OF_STEP[step];
  if (!actor.roles.includes(role)) {
    throw new StepNotAllowedError(step, `it needs the ${role} role`, `cần vai trò ${role}`);
  }
  if (role === 'COMMUNE_OFFICER') {
    if (actor.unitCode !== assessment.unitCode) {
      throw new StepNotAllowedError(step, `only officers of commune ${assessment.unitCode} fill its assessment`, `chỉ công chức xã ${assessment.unitCode} được tự đánh giá cho xã`);
    }
    return;
  }
  if (actor.provinceCode !== assessment.provinceCode) {
    throw new StepNotAllowedError(step, `commune ${assessment.unitCode} is evaluated by province ${assessment.provinceCode}`, `xã ${assessment.unitCode} do tỉnh ${assessment.provinceCode} đánh giá`);
  }
  if (actor.unitCode === assessment.unitCode) throw new ReviewerFromAssessedUnitError(assessment.unitCode);
}
