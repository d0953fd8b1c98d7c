import { DomainError } from '@xaso/errors';

/** At most this many addresses in one batch call. */
export const MAX_ADDRESSES_PER_BATCH = 1_000;
export const MAX_ADDRESS_PART_LENGTH = 200;

export class TooManyAddressesError extends DomainError {
  constructor(count: number) {
    super(
      'TOO_MANY_ADDRESSES',
      `At most ${MAX_ADDRESSES_PER_BATCH} addresses per call, got ${count}: split the batch`,
      `Tối đa ${MAX_ADDRESSES_PER_BATCH} địa chỉ mỗi lần gọi, nhận được ${count}: hãy chia nhỏ`,
      'invalid',
      { max: MAX_ADDRESSES_PER_BATCH, count },
    );
  }
}

export class InvalidAddressError extends DomainError {
  constructor(index: number, field: string, messageEn: string, messageVi: string) {
    super('INVALID_ADDRESS', `Address ${index}: ${messageEn}`, `Địa chỉ ${index}: ${messageVi}`, 'invalid', { index, field });
  }
}
