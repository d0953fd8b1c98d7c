import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@xaso/api';
import { type AuthUser, Role } from '@xaso/auth';
import { addDays, isValidLocalDate, startOfLocalDay } from '@xaso/calendar';
import { DossierAccess } from '../../dossiers/application/dossier-access';

/** Checks a statistics request (dates, the caller's unit scope) and turns local dates into [start, end) instants. */
@Injectable()
export class StatisticsPeriod {
  constructor(private readonly access: DossierAccess) {}

  async check(user: AuthUser, unitCode: string, from: string, to: string): Promise<{ start: Date; end: Date }> {
    if (!isValidLocalDate(from) || !isValidLocalDate(to)) {
      throw new ValidationFailedError('`from` and `to` must be dates (YYYY-MM-DD)', 'Ngày bắt đầu và kết thúc phải có dạng YYYY-MM-DD', { field: 'from' });
    }
    if (to < from) {
      throw new ValidationFailedError('`to` must not be before `from`', 'Ngày kết thúc không được trước ngày bắt đầu', { field: 'to' });
    }
    if (!user.roles.includes(Role.ADMIN)) await this.access.assertStaffUnit(user, unitCode);
    return { start: startOfLocalDay(from), end: startOfLocalDay(addDays(to, 1)) };
  }
}
