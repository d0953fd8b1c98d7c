/**
 * The petition handling workflow as a pure, table-driven state machine. Every function takes a
 * petition and returns a new one (never mutates) with one more history entry
 * `{action, from, to, actorId, actorRole, at, note}`.
 *
 * received → classified → accepted (thụ lý) | refused | referred (chuyển đơn)
 *   → assigned → (extended) → resolved → rated / re-opened (feedback, recommendation)
 *                                      → appealed (second-time complaint)
 * withdrawal (full or partial) at any time before the outcome; escalation when overdue.
 *
 * The table and `step` are in transitions.ts; the steps are split by who they apply to.
 */
export * from './transitions';
export { isIdentified, submitPetition, type PetitionerPresence, type SubmitInput } from './intake';
export * from './handling-steps';
export * from './feedback-steps';
export * from './complaint-steps';
export * from './denunciation-steps';
export * from './withdrawal-steps';
export * from './deadline-steps';
export * from './duplicate-steps';
export { PetitionDomainError } from './domain-error';
