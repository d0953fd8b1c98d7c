import { isValidIdNumber } from '@xaso/text';
import { DossierDomainError } from './dossier-domain-error';

export { idNumberLast4, idNumberLast4Matches, isValidIdNumber, parseIdNumber, type ParsedIdNumber } from '@xaso/text';

/** An applicant's ID number must be a real one (the rule itself is shared: `@xaso/text` id-number). */
export function assertValidIdNumber(value: string): void {
  if (!isValidIdNumber(value)) {
    throw new DossierDomainError('INVALID_ID_NUMBER', 'The ID number must be 12 digits starting with a province code', 'Số định danh cá nhân phải gồm 12 chữ số, bắt đầu bằng mã tỉnh');
  }
}
