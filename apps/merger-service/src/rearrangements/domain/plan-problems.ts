/** What plan validation reports: a stable code, the same message in English and Vietnamese, where. */
export type PlanProblemCode =
  | 'EMPTY_PLAN'
  | 'SOURCE_NOT_IN_FORCE'
  | 'SOURCE_IN_SEVERAL_ENTRIES'
  | 'UNIT_LEFT_WITHOUT_TARGET'
  | 'TARGET_CODE_CLASH'
  | 'DUPLICATE_TARGET'
  | 'TARGET_NOT_DEFINED'
  | 'TARGET_PROVINCE_NOT_IN_FORCE'
  | 'PARENT_NOT_IN_FORCE'
  | 'DIVIDE_PARTS_MISMATCH'
  | 'VILLAGE_NOT_OF_SOURCE'
  | 'OUTSIDE_PLAN_PROVINCE'
  | 'LEVEL_MISMATCH'
  | 'TYPE_NOT_OF_LEVEL';

export interface PlanProblem {
  code: PlanProblemCode;
  messageEn: string;
  messageVi: string;
  /** Index of the entry in the plan (0-based), when the problem belongs to one. */
  entryIndex?: number;
  unitCode?: string;
}

export const problem = (
  code: PlanProblemCode,
  messageEn: string,
  messageVi: string,
  where: { entryIndex?: number; unitCode?: string } = {},
): PlanProblem => ({ code, messageEn, messageVi, ...where });
