import { z } from 'zod';
import { defineEvent } from '../lib/registry';

/**
 * Events published by evaluation-service (yearly commune assessments). Topic
 * `xaso.evaluation.events.v1`, aggregateType `Assessment`, aggregateId = `<cycleId>:<unitCode>`,
 * unitCode = the assessed commune.
 *
 * No personal data: never who acted (nor evidence references or comments, which may name
 * people); only the result a dashboard or another service needs.
 */
const SOURCE = 'evaluation';
const state = z.enum(['DRAFT', 'SUBMITTED', 'UNDER_REVIEW', 'RETURNED', 'APPROVED', 'RECOGNISED']);

const assessmentState = z.object({
  cycleId: z.string().uuid(),
  year: z.number().int().min(2000).max(2100),
  unitCode: z.string().min(1),
  provinceCode: z.string().min(1),
  scorecardCode: z.string().min(1),
  scorecardVersion: z.number().int().positive(),
  state,
  previousState: state,
  /** Self-assessed total at submission; the reviewed total once approved. */
  total: z.number().min(0),
  /** Level from the bands (null below every band or with insufficient data). */
  levelCode: z.string().min(1).nullable(),
  insufficientData: z.boolean(),
});

const assessmentEvent = <T extends string>(type: T, description: string) =>
  defineEvent({ type, version: 1, source: SOURCE, schema: assessmentState.strict(), description });

export const assessmentSubmitted = assessmentEvent('assessment.submitted', 'A commune submitted its self-assessment (COMPUTED values frozen).');
export const assessmentApproved = assessmentEvent('assessment.approved', 'The province approved the reviewed result.');
export const assessmentRecognised = assessmentEvent('assessment.recognised', 'The province leader recognised the result, with its level (null: not recognised).');

export const evaluationEvents = [assessmentSubmitted, assessmentApproved, assessmentRecognised] as const;
