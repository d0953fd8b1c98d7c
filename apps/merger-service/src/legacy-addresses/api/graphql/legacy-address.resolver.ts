import { Args, Query, Resolver } from '@nestjs/graphql';
import { Public } from '@xaso/auth';
import { todayInVietnam } from '@xaso/calendar';
import { ResolveLegacyAddresses } from '../../application/resolve-legacy-addresses.query';
import { LegacyAddressResolutionModel, ResolveLegacyAddressArgs } from './legacy-address.model';

/** Public, like the registry it reads. */
@Public()
@Resolver()
export class LegacyAddressResolver {
  constructor(private readonly resolveAddresses: ResolveLegacyAddresses) {}

  @Query(() => LegacyAddressResolutionModel, {
    description: 'A pre-2025 address as people write it → its legacy unit(s) and current unit(s), with how it matched; every candidate when ambiguous',
  })
  async resolveLegacyAddress(@Args() args: ResolveLegacyAddressArgs): Promise<LegacyAddressResolutionModel> {
    const today = todayInVietnam();
    return LegacyAddressResolutionModel.of(await this.resolveAddresses.one(args, today), today);
  }
}
