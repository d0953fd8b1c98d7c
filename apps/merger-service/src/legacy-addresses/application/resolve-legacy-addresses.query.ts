import { Injectable } from '@nestjs/common';
import { isValidLocalDate, type LocalDate, todayInVietnam } from '@xaso/calendar';
import { InvalidAddressError, MAX_ADDRESS_PART_LENGTH, MAX_ADDRESSES_PER_BATCH, TooManyAddressesError } from '../domain/legacy-address-errors';
import { type LegacyAddressInput, type LegacyAddressResolution, resolveLegacyAddress } from '../domain/resolve-legacy-address';
import { AddressIndexCache } from './address-index.cache';

const FIELDS = ['ward', 'district', 'province'] as const;

function checked(input: LegacyAddressInput, index: number): LegacyAddressInput {
  if (input === null || typeof input !== 'object') throw new InvalidAddressError(index, 'address', 'must be an object', 'phải là một đối tượng');
  for (const field of FIELDS) {
    const value = input[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw new InvalidAddressError(index, field, `${field} must be text`, `${field} phải là chuỗi ký tự`);
    if (value.length > MAX_ADDRESS_PART_LENGTH) {
      throw new InvalidAddressError(index, field, `${field} is longer than ${MAX_ADDRESS_PART_LENGTH} characters`, `${field} dài quá ${MAX_ADDRESS_PART_LENGTH} ký tự`);
    }
  }
  if (typeof input.ward !== 'string') throw new InvalidAddressError(index, 'ward', 'ward is required', 'thiếu phường/xã');
  if (input.asOf !== undefined && input.asOf !== null && !isValidLocalDate(input.asOf)) {
    throw new InvalidAddressError(index, 'asOf', 'asOf must be a date YYYY-MM-DD', 'asOf phải có dạng YYYY-MM-DD');
  }
  return input;
}

/** Pre-2025 addresses → legacy and current units, one or up to 1,000 at a time (TOO_MANY_ADDRESSES above). */
@Injectable()
export class ResolveLegacyAddresses {
  constructor(private readonly indexes: AddressIndexCache) {}

  async execute(inputs: LegacyAddressInput[], today: LocalDate = todayInVietnam()): Promise<LegacyAddressResolution[]> {
    if (inputs.length > MAX_ADDRESSES_PER_BATCH) throw new TooManyAddressesError(inputs.length);
    const checkedInputs = inputs.map(checked);
    const index = await this.indexes.current();
    return checkedInputs.map((input) => resolveLegacyAddress(index, input, today));
  }

  async one(input: LegacyAddressInput, today: LocalDate = todayInVietnam()): Promise<LegacyAddressResolution> {
    const [result] = await this.execute([input], today);
    return result;
  }
}
