import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ArgsType, Field } from '@nestjs/graphql';
import { connectionOfSlice, PaginationArgs } from '@xaso/api';
import { ANY_ROLE, type AuthUser, CurrentUser, Public, Roles, STAFF_OR_AGENCY } from '@xaso/auth';
import { DossierOverdueCheck } from '../../application/dossier-overdue-check';
import { GetDossier } from '../../application/get-dossier.query';
import { dossierListKey, dossierPageRequest, ListDossiers } from '../../application/list-dossiers.query';
import { TrackDossier } from '../../application/track-dossier.query';
import { IssueApology } from '../../application/issue-apology.use-case';
import { SubmitDossier } from '../../application/submit-dossier.use-case';
import { TransferDossier } from '../../application/transfer-dossier.use-case';
import { TransitionDossier } from '../../application/transition-dossier.use-case';
import { shownDueAt } from '../../application/domain-bridge';
import type { DossierRecord } from '../../application/dossier.records';
import { dossierTrackingView } from '../dossier-tracking.view';
import { DossierLoaderFactory } from './dossier.loaders';
import {
  AttachmentInput,
  DossierConnection,
  DossierFilter,
  DossierModel,
  DossierTrackingModel,
  SubmitDossierInput,
  UNIT_CODE,
} from './dossier.models';

@ArgsType()
class DossiersArgs extends PaginationArgs {
  @Field(() => DossierFilter, { nullable: true }) @IsOptional() filter?: DossierFilter;
}

@ArgsType()
class TrackArgs {
  @Field(() => ID) @IsString() @MaxLength(60) code!: string;
  @Field() @IsString() idNumberLast4!: string;
}

@ArgsType()
class ReasonArgs {
  @Field(() => ID) @IsString() code!: string;
  @Field() @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
}

@ArgsType()
class TransferArgs extends ReasonArgs {
  @Field(() => ID) @Matches(UNIT_CODE, { message: 'unit codes are 2–5 digits' }) toUnitCode!: string;
}

type GqlContext = { req?: object };

@Resolver(() => DossierModel)
export class DossiersResolver {
  constructor(
    private readonly getDossier: GetDossier,
    private readonly listDossiers: ListDossiers,
    private readonly trackDossierQuery: TrackDossier,
    private readonly overdueCheck: DossierOverdueCheck,
    private readonly submit: SubmitDossier,
    private readonly transition: TransitionDossier,
    private readonly apology: IssueApology,
    private readonly transfer: TransferDossier,
    private readonly loaders: DossierLoaderFactory,
  ) {}

  // ------------------------------------------------------------ queries

  @Roles(...ANY_ROLE)
  @Query(() => DossierModel, { nullable: true, description: 'Officers of the units involved, or the applicant' })
  dossier(@CurrentUser() user: AuthUser, @Args('code', { type: () => ID }) code: string) {
    return this.getDossier.execute(user, code);
  }

  @Roles(...ANY_ROLE)
  @Query(() => DossierConnection, { description: 'Dossiers the caller may see (citizens: their own; officers: their unit’s)' })
  async dossiers(@CurrentUser() user: AuthUser, @Args() args: DossiersArgs) {
    const page = dossierPageRequest(args.first, args.after);
    const slice = await this.listDossiers.execute(user, args.filter ?? {}, page);
    return connectionOfSlice(slice, page, dossierListKey, (d) => d);
  }

  @Public()
  @Query(() => DossierTrackingModel, { nullable: true, description: 'Public tracking with the last 4 digits of the applicant’s ID number' })
  async trackDossier(@Args() args: TrackArgs): Promise<DossierTrackingModel | null> {
    const tracking = await this.trackDossierQuery.execute(args.code, args.idNumberLast4);
    if (!tracking) return null;
    return dossierTrackingView(tracking, this.overdueCheck.isOverdue(tracking.dossier));
  }

  // ------------------------------------------------------------ fields

  @ResolveField()
  procedure(@Parent() d: DossierRecord, @Context() context: GqlContext) {
    return this.loaders.for(context.req).procedure.load(d.procedureCode);
  }

  @ResolveField()
  history(@Parent() d: DossierRecord, @Context() context: GqlContext) {
    return this.loaders.for(context.req).history.load(d.id);
  }

  @ResolveField()
  supplementRequests(@Parent() d: DossierRecord, @Context() context: GqlContext) {
    return this.loaders.for(context.req).supplements.load(d.id);
  }

  @ResolveField()
  attachments(@Parent() d: DossierRecord, @Context() context: GqlContext) {
    return this.loaders.for(context.req).attachments.load(d.id);
  }

  @ResolveField()
  overdue(@Parent() d: DossierRecord): boolean {
    return this.overdueCheck.isOverdue(d);
  }

  @ResolveField()
  paused(@Parent() d: DossierRecord): boolean {
    return !!d.pausedSince;
  }

  @ResolveField(() => Date, { nullable: true })
  legalDueAt(@Parent() d: DossierRecord): Date | null {
    return d.dueAt;
  }

  @ResolveField(() => Date, { nullable: true })
  dueAt(@Parent() d: DossierRecord): Date | null {
    return shownDueAt(d);
  }

  // ------------------------------------------------------------ mutations

  @Roles(...ANY_ROLE)
  @Mutation(() => DossierModel, { description: 'Citizen online, or an officer at the counter (DIRECT/POSTAL)' })
  submitDossier(@CurrentUser() user: AuthUser, @Args('input') input: SubmitDossierInput) {
    return this.submit.execute(user, input);
  }

  @Roles(...STAFF_OR_AGENCY)
  @Mutation(() => DossierModel)
  startProcessing(
    @CurrentUser() user: AuthUser,
    @Args('code', { type: () => ID }) code: string,
    @Args('note', { type: () => String, nullable: true }) note?: string | null,
  ) {
    return this.transition.execute(user, code, { type: 'START_PROCESSING', note });
  }

  @Roles(...STAFF_OR_AGENCY)
  @Mutation(() => DossierModel)
  requestSupplement(
    @CurrentUser() user: AuthUser,
    @Args('code', { type: () => ID }) code: string,
    @Args('reason') reason: string,
    @Args('items', { type: () => [String] }) items: string[],
  ) {
    return this.transition.execute(user, code, { type: 'REQUEST_SUPPLEMENT', reason, items });
  }

  @Roles(...ANY_ROLE)
  @Mutation(() => DossierModel)
  provideSupplement(
    @CurrentUser() user: AuthUser,
    @Args('code', { type: () => ID }) code: string,
    @Args('note', { type: () => String, nullable: true }) note?: string | null,
    @Args('attachments', { type: () => [AttachmentInput], nullable: true }) attachments?: AttachmentInput[] | null,
  ) {
    return this.transition.execute(user, code, { type: 'PROVIDE_SUPPLEMENT', note: note ?? null, attachments: attachments ?? [] });
  }

  @Roles(...STAFF_OR_AGENCY)
  @Mutation(() => DossierModel)
  completeProcessing(
    @CurrentUser() user: AuthUser,
    @Args('code', { type: () => ID }) code: string,
    @Args('resultNote') resultNote: string,
  ) {
    return this.transition.execute(user, code, { type: 'COMPLETE', resultNote });
  }

  @Roles(...STAFF_OR_AGENCY)
  @Mutation(() => DossierModel)
  returnResult(@CurrentUser() user: AuthUser, @Args('code', { type: () => ID }) code: string) {
    return this.transition.execute(user, code, { type: 'RETURN' });
  }

  @Roles(...STAFF_OR_AGENCY)
  @Mutation(() => DossierModel)
  refuseDossier(@CurrentUser() user: AuthUser, @Args() args: ReasonArgs) {
    return this.transition.execute(user, args.code, { type: 'REFUSE', reason: args.reason });
  }

  @Roles(...STAFF_OR_AGENCY)
  @Mutation(() => DossierModel)
  stopProcessing(@CurrentUser() user: AuthUser, @Args() args: ReasonArgs) {
    return this.transition.execute(user, args.code, { type: 'STOP', reason: args.reason });
  }

  @Roles(...ANY_ROLE)
  @Mutation(() => DossierModel)
  withdrawDossier(
    @CurrentUser() user: AuthUser,
    @Args('code', { type: () => ID }) code: string,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ) {
    return this.transition.execute(user, code, { type: 'WITHDRAW', reason: reason ?? null });
  }

  @Roles(...STAFF_OR_AGENCY)
  @Mutation(() => DossierModel)
  issueApology(
    @CurrentUser() user: AuthUser,
    @Args() args: ReasonArgs,
    @Args('newDueAt', { type: () => Date }) newDueAt: Date,
  ) {
    return this.apology.execute(user, args.code, args.reason, new Date(newDueAt));
  }

  @Roles(...STAFF_OR_AGENCY)
  @Mutation(() => DossierModel)
  transferDossier(@CurrentUser() user: AuthUser, @Args() args: TransferArgs) {
    return this.transfer.execute(user, args.code, args.toUnitCode, args.reason);
  }
}
