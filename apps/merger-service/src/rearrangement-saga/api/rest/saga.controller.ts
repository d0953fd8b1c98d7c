import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { writeXlsx, XLSX_CONTENT_TYPE } from '@xaso/table-export';
import type { Response } from 'express';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { KeysetPageQuery, restListOfSlice, UnitCodePipe } from '@xaso/api';
import { type AuthUser, CurrentUser, Role, Roles } from '@xaso/auth';
import { ApplyPlan } from '../../application/apply-plan.use-case';
import { AssignReviewItem } from '../../application/assign-review-item.use-case';
import { DryRunPlan } from '../../application/dry-run-plan.use-case';
import { RollbackPlan } from '../../application/rollback-plan.use-case';
import { GetRearrangementProgress, GetReconciliationReport, ListReviewQueue } from '../../application/saga-queries';
import { SignOffReconciliation } from '../../application/sign-off-reconciliation.use-case';
import { reviewKeyset } from '../../application/saga.repository.port';
import { reconciliationCsv, reconciliationTable } from '../../domain/reconciliation';
import { checkedId, progressView, reportView, reviewItemView, reviewPage } from '../saga-views';

export class SignOffDto {
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ReviewQueueQuery extends KeysetPageQuery {
  @IsOptional() @IsString() @MaxLength(64) unitCode?: string;
}

export class AssignDto {
  @IsString() targetUnitCode!: string;
}

const MANAGERS = [Role.ADMIN, Role.PROVINCE_OFFICER];
const QUEUE_WORKERS = [Role.ADMIN, Role.PROVINCE_OFFICER, Role.OFFICER, Role.LEADER];
type CsvResponse = { setHeader(name: string, value: string): void; type(t: string): { send(b: string): void } };

/** REST for the saga: /api/v1/rearrangements/:planId/… (same use cases as GraphQL). */
@ApiTags('rearrangements')
@Controller('api/v1/rearrangements')
export class RearrangementSagaController {
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
  @Post(':planId/dry-run')
  @HttpCode(202)
  @ApiOperation({ summary: 'Dry run: each service counts what would move (no write); poll GET :planId/dry-run' })
  async startDryRun(@Param('planId') planId: string, @CurrentUser() user: AuthUser) {
    await this.dryRun.execute(checkedId(planId, 'planId'), user);
    return progressView(await this.progress.execute(planId, 'DRY_RUN', user));
  }

  @Roles(...MANAGERS)
  @Get(':planId/dry-run')
  @ApiOperation({ summary: 'The dry run’s progress and counts' })
  async dryRunResult(@Param('planId') planId: string, @CurrentUser() user: AuthUser) {
    const id = checkedId(planId, 'planId');
    return { ...progressView(await this.progress.execute(id, 'DRY_RUN', user)), report: reportView(await this.report.execute(id, 'DRY_RUN', user)) };
  }

  @Roles(...MANAGERS)
  @Post(':planId/apply')
  @HttpCode(202)
  @ApiOperation({ summary: 'Apply a scheduled plan (registry, then every service); poll GET :planId' })
  async applyPlan(@Param('planId') planId: string, @CurrentUser() user: AuthUser) {
    await this.apply.execute(checkedId(planId, 'planId'), user);
    return progressView(await this.progress.execute(planId, 'APPLY', user));
  }

  @Roles(...MANAGERS)
  @Post(':planId/rollback')
  @HttpCode(202)
  @ApiOperation({ summary: 'Roll back before the plan is final (records re-pointed, registry reverted)' })
  async rollbackPlan(@Param('planId') planId: string, @CurrentUser() user: AuthUser) {
    await this.rollback.execute(checkedId(planId, 'planId'), user);
    return progressView(await this.progress.execute(planId, 'APPLY', user));
  }

  // Not GET :planId: that is the plan itself (RearrangementPlansController, readable by government staff), which shadowed this route.
  @Roles(...MANAGERS)
  @Get(':planId/progress')
  @ApiOperation({ summary: 'Progress of the application: status, steps { service state moved total }' })
  async get(@Param('planId') planId: string, @CurrentUser() user: AuthUser) {
    return progressView(await this.progress.execute(checkedId(planId, 'planId'), 'APPLY', user));
  }

  @Roles(...MANAGERS)
  @Get(':planId/reconciliation')
  @ApiOperation({ summary: 'Reconciliation report: service × record type × source → target (before, moved, queued, failed, after, hashes)' })
  async reconciliation(@Param('planId') planId: string, @CurrentUser() user: AuthUser) {
    return reportView(await this.report.execute(checkedId(planId, 'planId'), 'APPLY', user));
  }

  @Roles(...MANAGERS)
  @Get(':planId/reconciliation.csv')
  @ApiOperation({ summary: 'The reconciliation report as CSV (one line per source → target)' })
  async reconciliationCsv(@Param('planId') planId: string, @CurrentUser() user: AuthUser, @Res() res: CsvResponse) {
    const report = await this.report.execute(checkedId(planId, 'planId'), 'APPLY', user);
    res.setHeader('content-disposition', `attachment; filename="reconciliation-${planId}.csv"`);
    res.type('text/csv').send(reconciliationCsv(report.rows));
  }

  @Roles(...MANAGERS)
  @Get(':planId/reconciliation.xlsx')
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOperation({ summary: 'The reconciliation report as XLSX (the CSV’s lines, streamed)' })
  async reconciliationXlsx(@Param('planId') planId: string, @CurrentUser() user: AuthUser, @Res() res: Response) {
    // Authorization and the report are settled before the first byte (errors stay problem+json).
    const report = await this.report.execute(checkedId(planId, 'planId'), 'APPLY', user);
    const table = reconciliationTable(planId, report.rows);
    res.setHeader('content-type', XLSX_CONTENT_TYPE);
    res.setHeader('content-disposition', `attachment; filename="${table.fileBase}.xlsx"`);
    await writeXlsx(res, table);
  }

  @Roles(...MANAGERS)
  @Post(':planId/reconciliation/sign-off')
  @HttpCode(200)
  @ApiOperation({ summary: 'The province signs the reconciliation off (recorded)' })
  async signOffReport(@Param('planId') planId: string, @Body() body: SignOffDto, @CurrentUser() user: AuthUser) {
    await this.signOff.execute(checkedId(planId, 'planId'), body?.note ?? null, user);
    return reportView(await this.report.execute(planId, 'APPLY', user));
  }

  @Roles(...QUEUE_WORKERS)
  @Get(':planId/review-queue')
  @ApiOperation({ summary: 'Records of divided units waiting for a decision (?unitCode= a candidate successor; ?first=&after= keyset pages, open first)' })
  async reviewQueue(@Param('planId') planId: string, @Query() query: ReviewQueueQuery, @CurrentUser() user: AuthUser) {
    const unit = query.unitCode === undefined ? null : new UnitCodePipe().transform(query.unitCode);
    const page = reviewPage(query.first, query.after);
    return restListOfSlice(await this.queue.execute(checkedId(planId, 'planId'), unit, page, user), reviewKeyset, reviewItemView);
  }

  @Roles(...QUEUE_WORKERS)
  @Post('review-items/:id/assign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a reviewed record to one of its candidate successors' })
  async assignItem(@Param('id') id: string, @Body() body: AssignDto, @CurrentUser() user: AuthUser) {
    return reviewItemView(await this.assign.execute(checkedId(id), new UnitCodePipe().transform(body.targetUnitCode), user));
  }
}
