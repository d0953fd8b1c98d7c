import { indicatorsOf } from '../../scorecards/domain/scorecard';
import { HAI_DUONG_FRIENDLY_GOVERNMENT as HD, HAI_DUONG_PROVINCE_CODE } from '../../scorecards/domain/seed';
import { Assessment, AssessmentStep, newAssessment } from './assessment';
import { Actor } from './actor';
import { applyStep } from './apply-step';
import { StepContext } from './step-outcome';
import { fullManual, perfectMeasured } from './scoring.test-data';

export const COMMUNE = '10507';
export const communeOfficer: Actor = { userId: 'u-commune', roles: ['COMMUNE_OFFICER'], unitCode: COMMUNE, provinceCode: HAI_DUONG_PROVINCE_CODE };
export const provinceOfficer: Actor = { userId: 'u-province', roles: ['PROVINCE_OFFICER'], unitCode: 'SNV-30', provinceCode: HAI_DUONG_PROVINCE_CODE };
export const provinceLeader: Actor = { userId: 'u-leader', roles: ['PROVINCE_LEADER'], unitCode: 'UBND-30', provinceCode: HAI_DUONG_PROVINCE_CODE };

/** 2025-11-20 10:00 local. */
export const NOV_20 = new Date('2025-11-20T03:00:00Z');
/** 2026-01-15 09:00 local. */
export const JAN_15 = new Date('2026-01-15T02:00:00Z');

export const draft = (): Assessment =>
  newAssessment({ cycleId: 'c-2025', year: 2025, unitCode: COMMUNE, provinceCode: HAI_DUONG_PROVINCE_CODE, scorecardCode: HD.code, scorecardVersion: HD.version });

export const ctx = (actor: Actor, at: Date = NOV_20, extra: Partial<StepContext> = {}): StepContext => ({ scorecard: HD, actor, at, ...extra });

export const measuredRecord = () => Object.fromEntries(perfectMeasured());
export const manualRecord = () => Object.fromEntries(fullManual());

export const MANUAL_CODES = indicatorsOf(HD).filter((p) => p.indicator.kind !== 'COMPUTED').map((p) => p.indicator.code);

/** Applies steps in order, each with its actor (and time). */
export function run(start: Assessment, ...steps: [AssessmentStep, Actor, Date?][]): Assessment {
  return steps.reduce((a, [step, actor, at]) => applyStep(a, step, ctx(actor, at ?? NOV_20)), start);
}

export const underReview = () =>
  run(
    draft(),
    [{ type: 'SAVE_SELF', entries: manualRecord() }, communeOfficer],
    [{ type: 'SUBMIT', measured: measuredRecord() }, communeOfficer],
    [{ type: 'START_REVIEW' }, provinceOfficer],
  );

export const approved = () => run(underReview(), [{ type: 'APPROVE' }, provinceOfficer]);
