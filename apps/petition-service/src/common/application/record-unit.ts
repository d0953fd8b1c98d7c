import { Injectable } from '@nestjs/common';
import { ForbiddenError, ValidationFailedError } from '@xaso/api';
import { type AuthUser, canAccessUnit } from '@xaso/auth';
import { UnitResolver } from '@xaso/unit-replica';

/** The caller's unit scope (reception and mediation records). */
export function assertUnitScope(user: AuthUser, unitCode: string): void {
  if (!canAccessUnit(user, unitCode)) throw new ForbiddenError(`You may not act on unit ${unitCode}`, `Không có quyền với đơn vị ${unitCode}`, 'OUT_OF_UNIT_SCOPE');
}

/** A period of reception or mediation records: `to` not before `from`. */
export function assertRecordPeriod(from: string, to: string): void {
  if (to < from) throw new ValidationFailedError('`to` must not be before `from`', 'Ngày kết thúc không được trước ngày bắt đầu', { field: 'to' });
}

/** The unit a reception or mediation record names, on the record's own day, by the shared unit rule; then the caller's scope on it. */
@Injectable()
export class RecordUnit {
  constructor(private readonly units: UnitResolver) {}

  async resolve(user: AuthUser, unitCode: string, date: string): Promise<{ unitCode: string; routedFromUnitCode?: string }> {
    const unit = await this.units.resolve('unitCode', unitCode, date);
    assertUnitScope(user, unit.code);
    return { unitCode: unit.code, routedFromUnitCode: unit.routedFromCode };
  }
}
