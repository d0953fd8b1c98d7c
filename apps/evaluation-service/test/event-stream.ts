/** Test data: dossier and petition events as their services put them on the bus (validated against the contracts). */
import { type DossierEventState, eventRegistry, type PetitionEventState, topicFor } from '@xaso/contracts';
import type { TransportMessage } from '@xaso/testing';
import { randomUUID } from 'node:crypto';

export interface StreamEvent {
  topic: string;
  id: string;
  message: TransportMessage;
  /** False for a type evaluation-service has no handler for (skipped: no inbox row). */
  handled: boolean;
}

function envelope(source: 'dossier' | 'petition' | 'voting', type: string, aggregateId: string, unitCode: string, occurredAt: string, payload: object, aggregateType?: string): StreamEvent {
  const value = eventRegistry.assertValid({
    id: randomUUID(), type, version: 1, occurredAt, source, aggregateType: aggregateType ?? { dossier: 'Dossier', petition: 'Petition', voting: 'Poll' }[source],
    aggregateId, unitCode, correlationId: randomUUID(), causationId: null, payload,
  });
  return { topic: topicFor(source), id: value.id, message: { key: aggregateId, value: JSON.stringify(value), headers: { type, version: '1' } }, handled: true };
}

const dossierState = (code: string, unitCode: string, channel: 'ONLINE' | 'DIRECT', receivedAt: string): DossierEventState => ({
  code, procedureCode: 'P-1', status: 'RECEIVED', previousStatus: null, channel, receivingUnitCode: unitCode,
  competentUnitCode: unitCode, processingUnitCode: unitCode, receivedAt, dueAt: '2026-12-31T10:00:00+07:00', actorRole: 'OFFICER',
});

const petitionState = (code: string, unitCode: string): PetitionEventState => ({
  code, unitCode, kind: 'RECOMMENDATION', channel: 'ONLINE', status: 'RESOLVED', previousStatus: 'ASSIGNED', attempt: 1,
  complexity: 'NORMAL', remoteArea: false, receivedAt: '2026-02-01T09:00:00+07:00', acceptanceDue: '2026-02-11', acceptedAt: null,
  resolutionDue: '2026-03-15', actorRole: 'OFFICER', crowded: false, prolonged: false,
});

export const dossierReceivedAt = (code: string, unitCode: string, channel: 'ONLINE' | 'DIRECT', receivedAt: string) =>
  envelope('dossier', 'dossier.received', code, unitCode, receivedAt, { ...dossierState(code, unitCode, channel, receivedAt), processingDays: 5 });

export const dossierResolvedAt = (code: string, unitCode: string, completedAt: string, timeliness: 'EARLY' | 'ON_TIME' | 'LATE') =>
  envelope('dossier', 'dossier.resolved', code, unitCode, completedAt, {
    ...dossierState(code, unitCode, 'DIRECT', '2026-03-01T08:00:00+07:00'), status: 'RESOLVED', previousStatus: 'PROCESSING', completedAt, timeliness,
  });

export const dossierOverdueAt = (code: string, unitCode: string, at: string) =>
  envelope('dossier', 'dossier.overdue', code, unitCode, at, { ...dossierState(code, unitCode, 'DIRECT', '2026-03-01T08:00:00+07:00'), status: 'PROCESSING', actorRole: 'SYSTEM' });

export const dossierApologyAt = (code: string, unitCode: string, at: string) =>
  envelope('dossier', 'dossier.apology-issued', code, unitCode, at, {
    ...dossierState(code, unitCode, 'DIRECT', '2026-03-01T08:00:00+07:00'), status: 'PROCESSING', reason: 'thiếu cán bộ',
    originalDueAt: '2026-03-05T17:00:00+07:00', newDueAt: '2026-03-09T17:00:00+07:00',
  });

/** A type the consumer has no handler for: skipped, no fact. */
export const dossierProcessingStartedAt = (code: string, unitCode: string, at: string): StreamEvent => ({
  ...envelope('dossier', 'dossier.processing-started', code, unitCode, at, { ...dossierState(code, unitCode, 'DIRECT', at), status: 'PROCESSING', previousStatus: 'RECEIVED' }),
  handled: false,
});

export const petitionResolvedAt = (code: string, unitCode: string, resolvedAt: string, onTime: boolean) =>
  envelope('petition', 'petition.resolved', code, unitCode, resolvedAt, { ...petitionState(code, unitCode), resolvedAt, onTime });

export const petitionEscalatedOn = (code: string, unitCode: string, overdueSince: string) =>
  envelope('petition', 'petition.escalated', code, unitCode, `${overdueSince}T08:00:00+07:00`, {
    ...petitionState(code, unitCode), status: 'ASSIGNED', previousStatus: 'ASSIGNED', actorRole: 'SYSTEM', stage: 'RESOLUTION', overdueSince,
  });

export const petitionRatedAt = (code: string, unitCode: string, ratedAt: string, score: number) =>
  envelope('petition', 'petition.rated', code, unitCode, ratedAt, { ...petitionState(code, unitCode), score, ratedAt });

/** A closed village poll: `participants` of `rollSize` took part (totals only, as voting-service announces it). */
export const pollClosedAt = (pollId: string, unitCode: string, closedAt: string, participants: number, rollSize: number) =>
  envelope('voting', 'poll.closed', pollId, unitCode, closedAt, {
    pollId, unitCode, villageCode: null, matter: 'PUBLIC_WORKS_CONTRIBUTION', electorate: 'HOUSEHOLDS', channels: ['ONLINE', 'PAPER'],
    opensAt: '2026-03-18T07:00:00+07:00', closesAt: closedAt, rule: { passBasis: 'ROLL', passPercent: 50, quorumPercent: null },
    rollSize, rollHash: '0'.repeat(64), closedAt,
    outcome: {
      turnout: { participants, online: participants, paper: 0, rate: participants / rollSize },
      counts: [{ optionId: 'YES', online: participants, paper: 0, total: participants }], spoiled: 0,
      quorumMet: true, passed: participants * 2 > rollSize, winner: null, boardRoot: '0'.repeat(64), boardSize: participants,
    },
  });

/** A citizen reception session held on a local day, as petition-service announces it (no personal data). */
export const receptionHeldOn = (unitCode: string, date: string, kind: 'CHAIRPERSON' | 'DELEGATED' = 'CHAIRPERSON') => {
  const sessionId = randomUUID();
  return envelope('petition', 'reception-session.held', sessionId, unitCode, `${date}T09:00:00+07:00`,
    { sessionId, unitCode, date, kind, citizensReceived: 3, petitionsOpened: 1 }, 'ReceptionSession');
};
