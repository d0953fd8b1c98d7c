import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { RecordUnit } from '../../common/application/record-unit';
import { closeMediation, validateMediationCase, type MediationCase } from '../domain/mediation';
import { MediationRepository } from './mediation.repository.port';

export type RecordMediationCaseCommand = Omit<MediationCase, 'id' | 'routedFromUnitCode'>;

/** Records a mediation case of a unit (the unit on the day the case opened), pending or already with its outcome. */
@Injectable()
export class RecordMediationCase {
  constructor(
    private readonly cases: MediationRepository,
    private readonly recordUnit: RecordUnit,
  ) {}

  async execute(user: AuthUser, input: RecordMediationCaseCommand): Promise<MediationCase> {
    const c =
      input.outcome === 'PENDING' || !input.closedOn
        ? validateMediationCase(input)
        : closeMediation(validateMediationCase({ ...input, outcome: 'PENDING', closedOn: undefined }), input.outcome, input.closedOn, input);
    return this.cases.insert({ ...c, ...(await this.recordUnit.resolve(user, c.unitCode, c.openedOn)) }, user.sub);
  }
}
