import { AppError } from '@xaso/api';
import type { UnitResolution, UnitVersionRef } from './unit-resolution';

const brief = (u: UnitVersionRef) => ({ code: u.code, name: u.name });

/** The code names no unit on the record's date (never did, or only later). */
export class UnknownUnitError extends AppError {
  constructor(field: string, code: string, date: string) {
    super('UNKNOWN_UNIT', `${code} is not an administrative unit on ${date}`, `${code} không phải là đơn vị hành chính vào ngày ${date}`, 422, {
      field,
      unitCode: code,
      date,
    });
  }
}

/**
 * The code named a unit that was rearranged before the record's date and does not lead to a
 * single successor (it was divided among several): the filer chooses one of `details.successors`.
 */
export class UnitAbolishedError extends AppError {
  constructor(field: string, resolution: Extract<UnitResolution, { outcome: 'ABOLISHED' }>) {
    const { code, date, abolished, successors } = resolution;
    const list = successors.map((s) => `${s.code} ${s.name}`).join(', ');
    const until = abolished.validTo ? ` on ${abolished.validTo}` : '';
    super(
      'UNIT_ABOLISHED',
      successors.length
        ? `${code} (${abolished.name}) ceased to exist${until} and was divided: choose one of its successors ${list}`
        : `${code} (${abolished.name}) ceased to exist${until} and has no successor in force on ${date}`,
      successors.length
        ? `${code} (${abolished.name}) đã sắp xếp${abolished.validTo ? ` từ ngày ${abolished.validTo}` : ''}, được chia cho nhiều đơn vị: hãy chọn một đơn vị kế thừa ${list}`
        : `${code} (${abolished.name}) đã sắp xếp và không có đơn vị kế thừa còn hiệu lực vào ngày ${date}`,
      422,
      { field, unitCode: code, date, abolished: { ...brief(abolished), validTo: abolished.validTo }, successors: successors.map(brief) },
    );
  }
}

/** The replica holds no unit yet (merger-service's events have not arrived): nothing can be checked, so nothing is recorded. */
export class UnitRegistryNotReadyError extends AppError {
  constructor() {
    super(
      'UNIT_REGISTRY_NOT_READY',
      'The administrative units are not loaded yet; try again shortly',
      'Danh mục đơn vị hành chính chưa sẵn sàng; vui lòng thử lại sau ít phút',
      503,
    );
  }
}
