import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate } from '@xaso/api';
import { IsArray, IsOptional } from 'class-validator';
import type { AdministrativeUnit } from '../../../units/domain/unit';
import type { AddressCandidate, LegacyAddressInput, LegacyAddressResolution } from '../../domain/resolve-legacy-address';

export class LegacyAddressItem {
  @ApiPropertyOptional({ description: 'Your id for the row, echoed back' }) id?: string;
  @ApiProperty({ example: 'P. Bến Nghé' }) ward!: string;
  @ApiPropertyOptional({ example: 'Q1' }) district?: string;
  @ApiPropertyOptional({ example: 'TP HCM' }) province?: string;
  @ApiPropertyOptional({ example: '2025-06-30' }) asOf?: string;
}

/** Items are checked by the query (types, lengths, dates; at most 1,000: TOO_MANY_ADDRESSES). */
export class ResolveLegacyAddressesBody {
  @ApiProperty({ type: [LegacyAddressItem], maxItems: 1000 }) @IsArray() addresses!: (LegacyAddressInput & { id?: unknown })[];
  @ApiPropertyOptional({ description: 'Default day for items without asOf (default 2025-06-30)' }) @IsOptional() @IsCalendarDate() asOf?: string;
}

const unitView = (u: AdministrativeUnit | null) =>
  u && { code: u.code, name: u.name, type: u.type, level: u.level, validFrom: u.validFrom, validTo: u.validTo, parentCode: u.parentCode };

const candidateView = (c: AddressCandidate) => ({
  commune: unitView(c.commune),
  district: unitView(c.district),
  province: unitView(c.province),
  match: c.match,
  matchByLevel: c.matchByLevel,
  current: c.current.map(unitView),
  divided: c.divided,
});

export const resolutionView = (r: LegacyAddressResolution, index: number, id: unknown) => ({
  index,
  ...(typeof id === 'string' || typeof id === 'number' ? { id } : {}),
  status: r.status,
  reason: r.reason,
  asOf: r.asOf,
  candidates: r.candidates.map(candidateView),
});
