import { Module } from '@nestjs/common';
import { AddressIndexCache } from './application/address-index.cache';
import { AddressIndexSource } from './application/address-index-source.port';
import { ResolveLegacyAddresses } from './application/resolve-legacy-addresses.query';
import { LegacyAddressResolver } from './api/graphql/legacy-address.resolver';
import { LegacyAddressesController } from './api/rest/legacy-addresses.controller';
import { PgAddressIndexSource } from './infrastructure/pg-address-index.source';

/** Pre-2025 addresses resolved against an in-memory index of the registry. */
@Module({
  controllers: [LegacyAddressesController],
  providers: [{ provide: AddressIndexSource, useClass: PgAddressIndexSource }, AddressIndexCache, ResolveLegacyAddresses, LegacyAddressResolver],
  exports: [ResolveLegacyAddresses],
})
export class LegacyAddressesModule {}
