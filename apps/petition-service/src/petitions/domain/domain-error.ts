import { DomainError } from '@xaso/errors';

/** The petition feature's bilingual domain errors; `@xaso/api` maps them wherever they are thrown. */
export class PetitionDomainError extends DomainError {}

export const DomainErrors = {
  transitionNotAllowed: (action: string, from: string) =>
    new PetitionDomainError(
      'PETITION_TRANSITION_NOT_ALLOWED',
      `Action ${action} is not allowed when the petition is ${from}`,
      `Không thể thực hiện thao tác ${action} khi đơn đang ở trạng thái ${from}`,
      'conflict',
      { action, from },
    ),
  roleNotAllowed: (action: string, role: string) =>
    new PetitionDomainError(
      'PETITION_ROLE_NOT_ALLOWED',
      `Role ${role} may not perform ${action}`,
      `Vai trò ${role} không được thực hiện thao tác ${action}`,
      'forbidden',
      { action, role },
    ),
  kindNotAllowed: (action: string, kind: string) =>
    new PetitionDomainError(
      'PETITION_ACTION_NOT_FOR_KIND',
      `Action ${action} does not apply to a petition of kind ${kind}`,
      `Thao tác ${action} không áp dụng cho loại đơn ${kind}`,
      'conflict',
      { action, kind },
    ),
  notPetitioner: () =>
    new PetitionDomainError(
      'PETITION_NOT_PETITIONER',
      'Only the petitioner may do this',
      'Chỉ người gửi đơn mới được thực hiện thao tác này',
      'forbidden',
    ),
  notAssignedHandler: () =>
    new PetitionDomainError(
      'PETITION_NOT_ASSIGNED_HANDLER',
      'Only the assigned handler may do this',
      'Chỉ cán bộ được giao xử lý mới được thực hiện thao tác này',
      'forbidden',
    ),
  reasonRequired: (action: string) =>
    new PetitionDomainError(
      'PETITION_REASON_REQUIRED',
      `A reason is required to ${action.toLowerCase()} a petition`,
      `Phải nêu lý do khi thực hiện thao tác ${action}`,
      'invalid',
      { action },
    ),
  identityRequired: (kind: string) =>
    new PetitionDomainError(
      'PETITION_IDENTITY_REQUIRED',
      `A ${kind.toLowerCase()} requires an identified petitioner (full name and ID number or address)`,
      `Đơn ${kind === 'COMPLAINT' ? 'khiếu nại' : 'tố cáo'} phải ghi rõ họ tên và số định danh hoặc địa chỉ của người gửi`,
      'invalid',
      { kind },
    ),
  invalidInput: (field: string, messageEn: string, messageVi: string) =>
    new PetitionDomainError('BAD_USER_INPUT', messageEn, messageVi, 'invalid', { field }),
  extensionNotAllowed: (reasonEn: string, reasonVi: string) =>
    new PetitionDomainError('PETITION_EXTENSION_NOT_ALLOWED', reasonEn, reasonVi, 'conflict'),
  filingLimitPassed: (deadline: string) =>
    new PetitionDomainError(
      'PETITION_FILING_LIMIT_PASSED',
      `The complaint was filed after the 90-day limit (last day ${deadline}); accept it only with a force-majeure reason (lateFilingReason), or refuse it`,
      `Đơn khiếu nại nộp quá thời hiệu 90 ngày (hạn cuối ${deadline}); chỉ thụ lý khi có lý do bất khả kháng (ốm đau, thiên tai, …), nếu không thì không thụ lý`,
      'conflict',
      { deadline },
    ),
  alreadyRated: () =>
    new PetitionDomainError('PETITION_ALREADY_RATED', 'This resolution has already been rated', 'Kết quả xử lý này đã được đánh giá', 'conflict'),
  windowClosed: (action: string, deadline: string) =>
    new PetitionDomainError(
      'PETITION_WINDOW_CLOSED',
      `The time to ${action.toLowerCase()} ended on ${deadline}`,
      `Đã hết thời hạn thực hiện thao tác ${action} (hạn cuối ${deadline})`,
      'conflict',
      { action, deadline },
    ),
  secondTimeNotAllowed: () =>
    new PetitionDomainError(
      'PETITION_SECOND_TIME_NOT_ALLOWED',
      'Only a first-time complaint can be brought to the next level',
      'Chỉ khiếu nại lần đầu mới được khiếu nại lần hai lên cấp trên',
      'conflict',
    ),
  notOverdueYet: () =>
    new PetitionDomainError(
      'PETITION_NOT_OVERDUE',
      'The petition is not overdue',
      'Đơn chưa quá hạn giải quyết',
      'conflict',
    ),
  notDueSoon: () =>
    new PetitionDomainError('PETITION_NOT_DUE_SOON', 'The petition is not due soon (or was already announced)', 'Đơn chưa đến hạn sắp hết hoặc đã được nhắc', 'conflict'),
  invalidIdentityCiphertext: (why: string) =>
    new PetitionDomainError(
      'PETITION_IDENTITY_UNREADABLE',
      `The petitioner identity cannot be decrypted (${why})`,
      `Không giải mã được thông tin người gửi đơn (${why})`,
      'conflict',
    ),
  identityAccessDenied: () =>
    new PetitionDomainError(
      'PETITION_IDENTITY_ACCESS_DENIED',
      "Only the assigned handler and the deciding leader may read the petitioner's identity",
      'Chỉ cán bộ được giao xử lý và lãnh đạo có thẩm quyền giải quyết mới được xem thông tin người gửi đơn',
      'forbidden',
    ),
} as const;
