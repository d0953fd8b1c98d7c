import { Injectable } from '@nestjs/common';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ValidationFailedError } from '@xaso/api';
import { type AuthUser, Role } from '@xaso/auth';
import { addDays, isValidLocalDate, startOfLocalDay } from '@xaso/calendar';
import { DateScalar } from '@xaso/api';
import { DossierAccess } from '../dossiers/application/dossier-access';
import { computeDossierStatistics, DECISION_STATUSES, type DossierStatus, FINISHED_STATUSES } from '../dossiers/domain';

const STATISTICS_STATUSES = { finished: [...FINISHED_STATUSES], decision: [...DECISION_STATUSES] };
import { DossierRepository } from '../dossiers/infrastructure/dossier.repository';

@ObjectType('DossierReceivedCounts')
export class ReceivedCountsModel {
  @Field(() => Int) total!: number;
  @Field(() => Int) online!: number;
  @Field(() => Int) direct!: number;
  @Field(() => Int) postal!: number;
}

@ObjectType('DossierResolvedCounts')
export class ResolvedCountsModel {
  @Field(() => Int) total!: number;
  @Field(() => Int) early!: number;
  @Field(() => Int) onTime!: number;
  @Field(() => Int) late!: number;
}

@ObjectType('DossierStatistics', { description: 'Thống kê hồ sơ của một đơn vị (đơn vị xử lý) trong kỳ' })
export class DossierStatisticsModel {
  @Field(() => ID) unitCode!: string;
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => Int, { description: 'Kỳ trước chuyển sang' }) carriedOver!: number;
  @Field(() => ReceivedCountsModel) received!: ReceivedCountsModel;
  @Field(() => ResolvedCountsModel) resolved!: ResolvedCountsModel;
  @Field(() => Int, { description: 'Withdrawn or stopped in the period: neither resolved nor pending' }) closedWithoutDecision!: number;
  @Field(() => Int) pendingOnTime!: number;
  @Field(() => Int) pendingOverdue!: number;
  @Field(() => Float, { nullable: true, description: '(early + onTime) / resolved, 0..1; null when nothing was resolved' })
  onTimeRate!: number | null;
}

@Injectable()
export class StatisticsService {
  constructor(
    private readonly dossiers: DossierRepository,
    private readonly access: DossierAccess,
  ) {}

  /**
   * Statistics of `unitCode` (as processing unit) for local days from..to inclusive, computed by
   * one set-based query (`DossierRepository.statisticsCounts`). Staff of the unit only.
   */
  async forUnit(user: AuthUser, unitCode: string, from: string, to: string): Promise<DossierStatisticsModel> {
    const { start, end } = await this.checkPeriod(user, unitCode, from, to);
    const counts = await this.dossiers.statisticsCounts(unitCode, start, end, STATISTICS_STATUSES);
    const decided = counts.resolved.early + counts.resolved.onTime;
    return { unitCode, from, to, ...counts, onTimeRate: counts.resolved.total === 0 ? null : decided / counts.resolved.total };
  }

  /** The same statistics by the pure domain over the unit's rows (the reference the SQL is tested against). */
  async forUnitInMemory(user: AuthUser, unitCode: string, from: string, to: string): Promise<DossierStatisticsModel> {
    const { start, end } = await this.checkPeriod(user, unitCode, from, to);
    const rows = await this.dossiers.forStatistics(unitCode, start, end);
    const stats = computeDossierStatistics(
      rows.map((d) => ({ receivedAt: d.receivedAt, dueAt: d.dueAt, completedAt: d.completedAt, status: d.status as DossierStatus, channel: d.channel })),
      { from, to },
    );
    return { unitCode, ...stats };
  }

  private async checkPeriod(user: AuthUser, unitCode: string, from: string, to: string): Promise<{ start: Date; end: Date }> {
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
