import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { connectionOfSlice, UnitCodeScalar } from '@xaso/api';
import { type AuthUser, CurrentUser, Role, Roles } from '@xaso/auth';
import { ApplyPlan } from '../../application/apply-plan.use-case';
import { AssignReviewItem } from '../../application/assign-review-item.use-case';
import { DryRunPlan } from '../../application/dry-run-plan.use-case';
import { RollbackPlan } from '../../application/rollback-plan.use-case';
import { GetRearrangementProgress, GetReconciliationReport, ListReviewQueue } from '../../application/saga-queries';
import { SignOffReconciliation } from '../../application/sign-off-reconciliation.use-case';
import { checkedId, progressView, reportView, reviewItemView, reviewPage } from '../saga-views';
import { reviewKeyset } from '../../application/saga.repository.port';
import { RearrangementModel, ReconciliationReportModel, ReviewItemConnection, ReviewItemModel, ReviewQueueArgs } from './saga.models';

const MANAGERS = [Role.ADMIN, Role.PROVINCE_OFFICER];
const QUEUE_WORKERS = [Role.ADMIN, Role.PROVINCE_OFFICER, Role.OFFICER, Role.LEADER];

/** The saga over GraphQL (merger subgraph): ADMIN and the plan's province run it; commune officers work their review queue. */
@Resolver()
export class RearrangementSagaResolver {
  constructor(
    private readonly dryRun: DryRunPlan,
    private readonly apply: ApplyPlan,
    private readonly rollback: RollbackPlan,
    private readonly progress: GetRearrangementProgress,
    private readonly report: GetReconciliationReport,
    private readonly queue: ListReviewQueue,
    private readonly assign: AssignReviewItem,
    private readonly signOff: SignOffReconciliation,
  ) {}

  @Roles(...MANAGERS)
  @Mutation(() => RearrangementModel, { description: 'Each service reports what would move (per source → target, by rule and to review); nothing is written' })
  async dryRunPlan(@Args('id', { type: () => ID }) id: string, @CurrentUser() user: AuthUser) {
    await this.dryRun.execute(checkedId(id), user);
    return progressView(await this.progress.execute(id, 'DRY_RUN', user));
  }

  @Roles(...MANAGERS)
  @Mutation(() => RearrangementModel, { description: 'Applies a scheduled plan: registry, then every service moves its records (poll rearrangement(id))' })
  async applyPlan(@Args('id', { type: () => ID }) id: string, @CurrentUser() user: AuthUser) {
    await this.apply.execute(checkedId(id), user);
    return progressView(await this.progress.execute(id, 'APPLY', user));
  }

  @Roles(...MANAGERS)
  @Mutation(() => RearrangementModel, { description: 'Rolls a plan back before it is final: records re-pointed, registry reverted' })
  async rollbackPlan(@Args('id', { type: () => ID }) id: string, @CurrentUser() user: AuthUser) {
    await this.rollback.execute(checkedId(id), user);
    return progressView(await this.progress.execute(id, 'APPLY', user));
  }

  @Roles(...MANAGERS)
  @Query(() => RearrangementModel, { description: 'Progress of the plan’s application' })
  async rearrangement(@Args('id', { type: () => ID }) id: string, @CurrentUser() user: AuthUser) {
    return progressView(await this.progress.execute(checkedId(id), 'APPLY', user));
  }

  @Roles(...MANAGERS)
  @Query(() => RearrangementModel, { description: 'Polling field: progress of the application, or of the dry run (dryRun: true)' })
  async rearrangementProgress(
    @Args('id', { type: () => ID }) id: string,
    @Args('dryRun', { type: () => Boolean, nullable: true }) dryRun: boolean | null,
    @CurrentUser() user: AuthUser,
  ) {
    return progressView(await this.progress.execute(checkedId(id), dryRun ? 'DRY_RUN' : 'APPLY', user));
  }

  @Roles(...MANAGERS)
  @Query(() => ReconciliationReportModel, { description: 'Reconciliation: service × record type × source → target; dryRun: the dry run’s counts' })
  async reconciliationReport(
    @Args('planId', { type: () => ID }) planId: string,
    @Args('dryRun', { type: () => Boolean, nullable: true }) dryRun: boolean | null,
    @CurrentUser() user: AuthUser,
  ) {
    return reportView(await this.report.execute(checkedId(planId, 'planId'), dryRun ? 'DRY_RUN' : 'APPLY', user));
  }

  @Roles(...MANAGERS)
  @Mutation(() => ReconciliationReportModel, { description: 'The province signs the reconciliation off (recorded)' })
  async signOffReconciliation(
    @Args('planId', { type: () => ID }) planId: string,
    @Args('note', { type: () => String, nullable: true }) note: string | null,
    @CurrentUser() user: AuthUser,
  ) {
    await this.signOff.execute(checkedId(planId, 'planId'), note, user);
    return reportView(await this.report.execute(planId, 'APPLY', user));
  }

  @Roles(...QUEUE_WORKERS)
  @Query(() => ReviewItemConnection, { description: 'Records of divided units waiting for a decision, for a candidate successor (all: province, ADMIN); open first, keyset pages' })
  async reviewQueue(@Args() args: ReviewQueueArgs, @CurrentUser() user: AuthUser): Promise<ReviewItemConnection> {
    const page = reviewPage(args.first, args.after);
    const slice = await this.queue.execute(checkedId(args.planId, 'planId'), args.unitCode ?? null, page, user);
    return connectionOfSlice(slice, page, reviewKeyset, reviewItemView) as ReviewItemConnection;
  }

  @Roles(...QUEUE_WORKERS)
  @Mutation(() => ReviewItemModel, { description: 'Sends a reviewed record to one of its candidate successors' })
  async assignReviewItem(
    @Args('id', { type: () => ID }) id: string,
    @Args('targetUnitCode', { type: () => UnitCodeScalar }) targetUnitCode: string,
    @CurrentUser() user: AuthUser,
  ) {
    return reviewItemView(await this.assign.execute(checkedId(id), targetUnitCode, user));
  }
}
