import { Args, Context, Mutation, Parent, Query, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import { type AuthUser, CurrentUser, Public, Role, Roles } from '@xaso/auth';
import { connectionOfSlice, keysetRequest } from '@xaso/api';
import { CreateVillage } from '../../application/create-village.use-case';
import { CurrentUnitsFor } from '../../application/current-units-for.query';
import { GetAdministrativeUnit } from '../../application/get-administrative-unit.query';
import { ListAdministrativeUnits } from '../../application/list-administrative-units.query';
import { UNIT_KEYSET_ARITY, unitKeyset } from '../../application/unit-list.repository.port';
import { todayInVietnam } from '@xaso/calendar';
import { clampToValidity, isInForce } from '../../domain/unit';
import { UnitLoaderFactory } from './unit-loaders';
import { AdministrativeUnitConnection, AdministrativeUnitModel } from './unit.model';
import { ChildrenArgs, CreateVillageArgs, CurrentUnitsArgs, UnitArgs, UnitsArgs } from './unit.args';

type Ctx = object;

/** Reading the registry is public (it is public data); writing villages needs the commune's staff. */
@Public()
@Resolver(() => AdministrativeUnitModel)
export class AdministrativeUnitResolver {
  constructor(
    private readonly getUnit: GetAdministrativeUnit,
    private readonly listUnits: ListAdministrativeUnits,
    private readonly currentUnits: CurrentUnitsFor,
    private readonly createVillageUseCase: CreateVillage,
    private readonly loaders: UnitLoaderFactory,
  ) {}

  @Query(() => AdministrativeUnitModel, { nullable: true, description: 'The unit this code named on asOf (default today)' })
  async administrativeUnit(@Args() { code, asOf }: UnitArgs): Promise<AdministrativeUnitModel | null> {
    const day = asOf ?? todayInVietnam();
    const unit = await this.getUnit.execute(code, day);
    return unit && AdministrativeUnitModel.of(unit, day);
  }

  @Query(() => AdministrativeUnitConnection)
  async administrativeUnits(@Args() args: UnitsArgs): Promise<AdministrativeUnitConnection> {
    const day = args.asOf ?? todayInVietnam();
    const page = keysetRequest(args.first, args.after, UNIT_KEYSET_ARITY);
    const slice = await this.listUnits.execute(
      { asOf: day, level: args.level, parentCode: args.parentCode, search: args.search },
      page,
    );
    return connectionOfSlice(slice, page, unitKeyset, (unit) => AdministrativeUnitModel.of(unit, day));
  }

  @Query(() => [AdministrativeUnitModel], {
    description: 'The unit that code named on asOf, followed to the unit(s) in force today',
  })
  async currentUnitsFor(@Args() { code, asOf }: CurrentUnitsArgs): Promise<AdministrativeUnitModel[]> {
    const today = todayInVietnam();
    const units = await this.currentUnits.execute(code, asOf, today);
    return units.map((unit) => AdministrativeUnitModel.of(unit, today));
  }

  @Roles(Role.OFFICER, Role.LEADER, Role.ADMIN)
  @Mutation(() => AdministrativeUnitModel, { description: 'Record a village (Thôn) or residential group (Tổ dân phố) under your commune' })
  async createVillage(@Args() args: CreateVillageArgs, @CurrentUser() user: AuthUser): Promise<AdministrativeUnitModel> {
    const village = await this.createVillageUseCase.execute({ ...args, user });
    return AdministrativeUnitModel.of(village, village.validFrom);
  }

  @ResolveReference()
  async resolveReference(@Parent() reference: { code: string; validFrom: string }, @Context() context: Ctx) {
    const unit = await this.loaders.for(context).byKey.load({ code: reference.code, validFrom: reference.validFrom });
    return unit && AdministrativeUnitModel.of(unit, todayInVietnam());
  }

  @ResolveField(() => Boolean, { description: 'In force on the day asked about' })
  active(@Parent() unit: AdministrativeUnitModel): boolean {
    return isInForce(unit, unit.asOf);
  }

  @ResolveField(() => AdministrativeUnitModel, { nullable: true })
  async parent(@Parent() unit: AdministrativeUnitModel, @Context() context: Ctx): Promise<AdministrativeUnitModel | null> {
    if (!unit.parentCode || !unit.parentValidFrom) return null;
    const parent = await this.loaders.for(context).byKey.load({ code: unit.parentCode, validFrom: unit.parentValidFrom });
    return parent && AdministrativeUnitModel.of(parent, unit.asOf);
  }

  @ResolveField(() => AdministrativeUnitConnection, {
    description: 'Units under this one on the day asked about (a retired unit: on its last day in force)',
  })
  async children(
    @Parent() unit: AdministrativeUnitModel,
    @Args() args: ChildrenArgs,
    @Context() context: Ctx,
  ): Promise<AdministrativeUnitConnection> {
    const page = keysetRequest(args.first, args.after, UNIT_KEYSET_ARITY);
    const day = clampToValidity(unit, unit.asOf);
    const slice = await this.loaders.for(context).childrenPage({ parent: unit, asOf: day }, args.level, page);
    return connectionOfSlice(slice, page, unitKeyset, (child) => AdministrativeUnitModel.of(child, unit.asOf));
  }

  @ResolveField(() => [AdministrativeUnitModel])
  async predecessors(@Parent() unit: AdministrativeUnitModel, @Context() context: Ctx): Promise<AdministrativeUnitModel[]> {
    const linked = await this.loaders.for(context).predecessors.load(unit);
    return linked.map(({ unit: other }) => AdministrativeUnitModel.of(other, unit.asOf));
  }

  @ResolveField(() => [AdministrativeUnitModel])
  async successors(@Parent() unit: AdministrativeUnitModel, @Context() context: Ctx): Promise<AdministrativeUnitModel[]> {
    const linked = await this.loaders.for(context).successors.load(unit);
    return linked.map(({ unit: other }) => AdministrativeUnitModel.of(other, unit.asOf));
  }

  @ResolveField(() => Boolean, { description: 'A retired unit split among several successors' })
  async divided(@Parent() unit: AdministrativeUnitModel, @Context() context: Ctx): Promise<boolean> {
    const linked = await this.loaders.for(context).successors.load(unit);
    return linked.some(({ link }) => link.divided);
  }
}
