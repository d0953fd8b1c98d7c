import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@xaso/api';
import type { AuthUser } from '@xaso/auth';
import { RecordUnit } from '../../common/application/record-unit';
import { validateSession, type ReceptionSession } from '../domain/reception';
import { ReceptionRepository } from './reception.repository.port';

export type RecordReceptionSessionCommand = Omit<ReceptionSession, 'id' | 'routedFromUnitCode' | 'petitionCodes'> & { petitionCodes?: string[] };

/** Records a citizen reception session of a unit (on the session's day), listing only petitions that exist. */
@Injectable()
export class RecordReceptionSession {
  constructor(
    private readonly sessions: ReceptionRepository,
    private readonly recordUnit: RecordUnit,
  ) {}

  async execute(user: AuthUser, input: RecordReceptionSessionCommand): Promise<ReceptionSession> {
    const s = { ...validateSession({ ...input, petitionCodes: input.petitionCodes ?? [] }) };
    Object.assign(s, await this.recordUnit.resolve(user, s.unitCode, s.date));
    const missing = await this.sessions.missingPetitionCodes(s.petitionCodes);
    if (missing.length) {
      throw new ValidationFailedError(`Unknown petition code(s): ${missing.join(', ')}`, `Không có đơn mã ${missing.join(', ')}`, { field: 'petitionCodes', missing });
    }
    return this.sessions.insertSession(s, user.sub);
  }
}
