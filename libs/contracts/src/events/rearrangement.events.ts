import { createHash } from 'node:crypto';
import { z } from 'zod';
import { defineEvent, type EventDefinition } from '../lib/registry';

/**
 * The rearrangement saga's protocol (issue 12): merger-service orchestrates, each participant
 * moves only its own records.
 *
 * - Commands: `rearrangement.command-issued` on merger's topic `xaso.merger.events.v1`, one per
 *   (plan, participant, step, chunk of units); aggregateId `<planId>:<service>` so one plan's
 *   commands to one participant stay in order (an APPLY is handled before its COMPENSATE).
 * - Replies: `<service>.rearrangement-replied` on the participant's own topic, written through
 *   its outbox in the transaction that moved the records.
 *
 * Idempotent by plan + step + service + unit: a participant keeps a ledger per (plan, step, unit,
 * record type) and a log of every record a plan moved; a command delivered again (a redelivery, or
 * merger's retry after a timeout, with a new event id) moves nothing twice and answers the same counts.
 * No personal data: record ids are codes (dossier code, petition code, ...), labels are procedure /
 * kind names; the denouncer's identity is never read.
 */
const SOURCE = 'merger';
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD date');
const code = z.string().min(1).max(64);
const count = z.number().int().nonnegative();
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex');

/** The services that take part in the saga. */
export const REARRANGEMENT_PARTICIPANTS = ['dossier', 'petition', 'voting', 'evaluation'] as const;
export type RearrangementParticipant = (typeof REARRANGEMENT_PARTICIPANTS)[number];

/** DRY_RUN: count, write nothing. APPLY: move. COMPENSATE: move back what the plan moved. ASSIGN: move reviewed records. */
export const REARRANGEMENT_STEPS = ['DRY_RUN', 'APPLY', 'COMPENSATE', 'ASSIGN'] as const;
export type RearrangementStep = (typeof REARRANGEMENT_STEPS)[number];

/** Most units in one command (a chunk), so commands and replies stay far below Kafka's message size. */
export const REARRANGEMENT_CHUNK_UNITS = 200;
/** A reply carries the moved ids (for merger's own hash) only up to this many; above, the service's hash alone. */
export const REARRANGEMENT_REPLY_MAX_IDS = 20_000;

export const unitMoveSchema = z.object({
  /** The source's code as it was on the day before the effective date. */
  sourceCode: code,
  targets: z
    .array(
      z.object({
        code,
        villageCodes: z.array(code).optional(),
        /** The names of those villages as the registry knows them (e.g. "Thôn Phú Mỹ"): the address rule matches them in a record's address. */
        villageNames: z.array(z.string().min(1).max(200)).optional(),
      }),
    )
    .min(1),
  /** Split among several targets: a record goes by its village, its address, or to review. */
  divided: z.boolean(),
});
export type UnitMoveMessage = z.infer<typeof unitMoveSchema>;

export const reviewAssignmentSchema = z.object({
  reviewItemId: z.string().min(1),
  recordType: code,
  recordId: z.string().min(1).max(200),
  sourceCode: code,
  targetCode: code,
});
export type ReviewAssignment = z.infer<typeof reviewAssignmentSchema>;

/** Merger asks one participant to run one step of a plan for a chunk of units. */
export const rearrangementCommandIssued = defineEvent({
  type: 'rearrangement.command-issued',
  version: 1,
  source: SOURCE,
  description: 'merger-service asks a participant to dry-run, apply, compensate or assign a chunk of a rearrangement plan',
  schema: z.object({
    planId: z.string().min(1),
    step: z.enum(REARRANGEMENT_STEPS),
    service: z.enum(REARRANGEMENT_PARTICIPANTS),
    /** 1 for the first send; merger's retry after a timeout sends the same command again with attempt + 1. */
    attempt: z.number().int().positive(),
    /** The chunk in this run of the plan; the reply echoes it (a plan applied again after compensation numbers its chunks from 0 again). */
    runChunkId: z.string().uuid().optional(),
    chunk: count,
    chunks: z.number().int().positive(),
    effectiveDate: isoDate,
    moves: z.array(unitMoveSchema).max(REARRANGEMENT_CHUNK_UNITS),
    /** ASSIGN only: reviewed records and the target an officer chose. */
    assignments: z.array(reviewAssignmentSchema).default([]),
  }),
});

/** Moved records of one record type from one source to one target. */
export const movedToTargetSchema = z.object({
  targetCode: code,
  moved: count,
  /** SHA-256 (hex) over the moved record ids sorted by code point and joined by "\n"; null in a dry run. */
  movedIdsSha256: sha256Hex.nullable(),
  /** The moved ids themselves (merger recomputes the hash), unless the reply would be too large. */
  movedIds: z.array(z.string()).optional(),
  /** Of `moved`: how many went by the village they name and how many by their address (the rest: the whole unit, or an officer's assignment). */
  byVillage: count.optional(),
  byAddress: count.optional(),
});

/** One record type of one source unit: before = moved + queued + failed; after = what is left at the source. */
export const rearrangementRowSchema = z.object({
  recordType: code,
  sourceCode: code,
  /** Open records at the source when the step first ran (those that must move). */
  before: count,
  targets: z.array(movedToTargetSchema),
  /** Sent to the review queue (a divided unit's record with no village or address rule). */
  queued: count,
  failed: count,
  /** Closed records that keep their unit (counted for the successor as carried over). */
  carriedOver: count,
  /** Open records still at the source after the step. */
  after: count,
});
export type RearrangementRow = z.infer<typeof rearrangementRowSchema>;

export const reviewItemSchema = z.object({
  recordType: code,
  recordId: z.string().min(1).max(200),
  sourceCode: code,
  candidateCodes: z.array(code).min(1),
  /** What an officer needs to recognise the record (procedure, kind); never personal data. */
  label: z.string().max(500).nullable(),
});
export type ReviewItemMessage = z.infer<typeof reviewItemSchema>;

const replySchema = z.object({
  planId: z.string().min(1),
  step: z.enum(REARRANGEMENT_STEPS),
  service: z.enum(REARRANGEMENT_PARTICIPANTS),
  chunk: count,
  attempt: z.number().int().positive(),
  /** The command's `runChunkId`: merger drops an answer to an earlier run's command. */
  runChunkId: z.string().uuid().optional(),
  outcome: z.enum(['DONE', 'FAILED']),
  error: z.object({ code: z.string().min(1), message: z.string() }).nullable(),
  rows: z.array(rearrangementRowSchema),
  reviewItems: z.array(reviewItemSchema).default([]),
});
export type RearrangementReply = z.infer<typeof replySchema>;

const replyOf = <S extends RearrangementParticipant>(service: S) =>
  defineEvent({
    type: `${service}.rearrangement-replied` as `${S}.rearrangement-replied`,
    version: 1,
    source: service,
    description: `${service}-service's answer to a rearrangement command: counts per record type and source → target, review items`,
    schema: replySchema,
  });

export const dossierRearrangementReplied = replyOf('dossier');
export const petitionRearrangementReplied = replyOf('petition');
export const votingRearrangementReplied = replyOf('voting');
export const evaluationRearrangementReplied = replyOf('evaluation');

/** The reply definition a participant publishes. */
export const rearrangementReplyDefinitions: Record<RearrangementParticipant, EventDefinition<string, typeof replySchema>> = {
  dossier: dossierRearrangementReplied,
  petition: petitionRearrangementReplied,
  voting: votingRearrangementReplied,
  evaluation: evaluationRearrangementReplied,
};

/** SHA-256 (hex) over ids sorted by UTF-16 code unit (= byte order for ASCII codes) joined by "\n"; what participants compute in SQL (`COLLATE "C"`). */
export function movedIdsDigest(ids: readonly string[]): string {
  const sorted = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(sorted.join('\n'), 'utf8').digest('hex');
}

export const rearrangementEvents = [
  rearrangementCommandIssued,
  dossierRearrangementReplied,
  petitionRearrangementReplied,
  votingRearrangementReplied,
  evaluationRearrangementReplied,
];
