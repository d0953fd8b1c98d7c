import { Injectable } from '@nestjs/common';
import { Directive, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ValidationFailedError } from '@xaso/api';
import { type AuthUser, Role } from '@xaso/auth';
import { addDays, startOfLocalDay } from '@xaso/calendar';
import { DateScalar } from '@xaso/api';
import { DossierAccess } from '../dossiers/application/dossier-access';
import { domainCall } from '../dossiers/application/domain-bridge';
import { computeDossierStatistics, type DossierStatus } from '../dossiers/domain';
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

/** Stub of merger-service's entity, extended here with the unit's dossier statistics. */
@ObjectType('AdministrativeUnit')
@Directive('@key(fields: "code validFrom")')
export class AdministrativeUnitRef {
  @Field(() => ID) code!: string;
  @Field(() => DateScalar) validFrom!: string;
}

@Injectable()
export class StatisticsService {
  constructor(
    private readonly dossiers: DossierRepository,
    private readonly access: DossierAccess,
  ) {}

  /** Statistics of `unitCode` (as processing unit) for local days from..to inclusive. Staff of the unit only. */
  async forUnit(user: AuthUser, unitCode: string, from: string, to: string): Promise<DossierStatisticsModel> {
    if (to < from) {
      throw new ValidationFailedError('`to` must not be before `from`', 'Ngày kết thúc không được trước ngày bắt đầu', { field: 'to' });
    }
    if (!user.roles.includes(Role.ADMIN)) await this.access.assertStaffUnit(user, unitCode);
    const start = startOfLocalDay(from);
    const end = startOfLocalDay(addDays(to, 1));
    const rows = await this.dossiers.forStatistics(unitCode, start, end);
    const stats = domainCall(() =>
      computeDossierStatistics(
        rows.map((d) => ({ receivedAt: d.receivedAt, dueAt: d.dueAt, completedAt: d.completedAt, status: d.status as DossierStatus, channel: d.channel })),
        { from, to },
      ),
    );
    return { unitCode, ...stats };
  }
}
