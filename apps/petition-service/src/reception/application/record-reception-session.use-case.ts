import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@xaso/api';
import type { AuthUser } from '@xaso/auth';
import { receptionSessionHeld } from '@xaso/contracts';
import { Outbox } from '@xaso/messaging';
import { TransactionRunner } from '@xaso/persistence';
import { RecordUnit } from '../../common/application/record-unit';
import { validateSession, type ReceptionSession } from '../domain/reception';
import { ReceptionRepository } from './reception.repository.port';

export type RecordReceptionSessionCommand = Omit<ReceptionSession, 'id' | 'routedFromUnitCode' | 'petitionCodes'> & { petitionCodes?: string[] };

/**
 * Records a citizen reception session of a unit (on the session's day), listing only petitions
 * that exist, and announces `reception-session.held` (unit, day, CHAIRPERSON or DELEGATED,
 * counts — nobody's name or id) through the outbox in the same transaction.
 */
@Injectable()
export class RecordReceptionSession {
  constructor(
    private readonly sessions: ReceptionRepository,
    private readonly recordUnit: RecordUnit,
    private readonly transactions: TransactionRunner,
    private readonly outbox: Outbox,
  ) {}

  async execute(user: AuthUser, input: RecordReceptionSessionCommand): Promise<ReceptionSession> {
    const s = { ...validateSession({ ...input, petitionCodes: input.petitionCodes ?? [] }) };
    Object.assign(s, await this.recordUnit.resolve(user, s.unitCode, s.date));
    const missing = await this.sessions.missingPetitionCodes(s.petitionCodes);
    if (missing.length) {
      throw new ValidationFailedError(`Unknown petition code(s): ${missing.join(', ')}`, `Không có đơn mã ${missing.join(', ')}`, { field: 'petitionCodes', missing });
    }
    return this.transactions.run(async () => {
      const saved = await this.sessions.insertSession(s, user.sub);
      const sessionId = saved.id ?? '';
      await this.outbox.publish({
        definition: receptionSessionHeld,
        aggregateType: 'ReceptionSession',
        aggregateId: sessionId,
        unitCode: saved.unitCode,
        payload: {
          sessionId,
          unitCode: saved.unitCode,
          date: saved.date,
          kind: saved.chairpersonPresent ? 'CHAIRPERSON' : 'DELEGATED',
          citizensReceived: saved.citizensReceived,
          petitionsOpened: saved.petitionCodes.length,
        },
      });
      return saved;
    });
  }
}
