import { Inject, Injectable } from '@nestjs/common';
import { ForbiddenError, ValidationFailedError } from '@xaso/api';
import { type AuthUser, Role } from '@xaso/auth';
import { CLOCK, type Clock } from '../../common/clock';
import { idNumberLast4Matches } from '../domain';
import type { DossierListFilter, DossierRecord } from './dossier.records';
import { DossierRepository } from './dossier.repository.port';
import { DossierAccess } from './dossier-access';
import { isOverdueRecord } from './domain-bridge';

/** The read side: one dossier, lists within the caller's scope, public tracking. Changes are the use cases (`*.use-case.ts`). */
@Injectable()
export class DossierQueries {
  constructor(
    private readonly dossiers: DossierRepository,
    private readonly access: DossierAccess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  async get(user: AuthUser, code: string): Promise<DossierRecord | null> {
    const dossier = await this.dossiers.findByCode(code);
    if (!dossier) return null;
    if (!(await this.access.canSee(user, dossier))) {
      throw new ForbiddenError(`You may not see dossier ${code}`, `Bạn không được xem hồ sơ ${code}`, 'OUT_OF_UNIT_SCOPE');
    }
    return dossier;
  }

  async list(user: AuthUser, filter: Omit<DossierListFilter, 'now'>, offset: number, limit: number) {
    if (filter.unitCode && !user.roles.includes(Role.CITIZEN)) await this.access.assertStaffUnit(user, filter.unitCode);
    return this.dossiers.list(this.access.scopeFor(user), { ...filter, now: this.now() }, offset, limit);
  }

  /** Public tracking: the dossier when the last 4 digits of the applicant's ID number match, else null. */
  async track(code: string, idNumberLast4: string): Promise<DossierRecord | null> {
    if (!/^\d{4}$/.test(idNumberLast4)) {
      throw new ValidationFailedError('idNumberLast4 must be 4 digits', 'Phải nhập 4 chữ số cuối của số định danh', {
        field: 'idNumberLast4',
      });
    }
    const dossier = await this.dossiers.findByCode(code);
    if (!dossier || !idNumberLast4Matches(dossier.applicant.idNumber, idNumberLast4)) return null;
    return dossier;
  }

  isOverdue(d: DossierRecord, now = this.now()): boolean {
    return isOverdueRecord(d, now);
  }
}
