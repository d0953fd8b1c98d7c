import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@xaso/api';
import { type AuthUser, UnitScope } from '@xaso/auth';
import { UnitResolver } from '@xaso/unit-replica';

/** A period of reception or mediation records: `to` not before `from`. */
export function assertRecordPeriod(from: string, to: string): void {
  if (to < from) throw new ValidationFailedError('`to` must not be before `from`', 'Ngày kết thúc không được trước ngày bắt đầu', { field: 'to' });
}

/** The unit a reception or mediation record names, on the record's own day, by the shared unit rule; then the caller's scope on it. */
@Injectable()
export class RecordUnit {
  constructor(
    private readonly units: UnitResolver,
    private readonly scope: UnitScope,
  ) {}

  async resolve(user: AuthUser, unitCode: string, date: string): Promise<{ unitCode: string; routedFromUnitCode?: string }> {
    const unit = await this.units.resolve('unitCode', unitCode, date);
    await this.scope.assert(user, unit.code);
    return { unitCode: unit.code, routedFromUnitCode: unit.routedFromCode };
  }
}
