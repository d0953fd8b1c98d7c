import { v7 as uuidv7 } from 'uuid';
import { ValidationFailedError } from '@xaso/api';
import type { AttachmentRecord } from './dossier.records';

export interface AttachmentInput {
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Rejects an attachment whose digest or size is malformed (`field` names it in the error, e.g. `attachments.0`). */
export function checkAttachment(a: AttachmentInput, field: string): void {
  if (!SHA256.test(a.sha256 ?? '')) {
    throw new ValidationFailedError(`${field}.sha256 must be 64 lower-case hex digits`, `${field}.sha256 phải gồm 64 ký tự hex`, {
      field: `${field}.sha256`,
    });
  }
  if (!Number.isInteger(a.size) || a.size < 0) {
    throw new ValidationFailedError(`${field}.size must be a non-negative integer`, `${field}.size không hợp lệ`, { field: `${field}.size` });
  }
}

export function checkAttachments(list: readonly AttachmentInput[]): void {
  list.forEach((a, i) => checkAttachment(a, `attachments.${i}`));
}

/** The rows to store for `list` (attached at submission when `requestId` is null, else to that supplement request). */
export function attachmentRecords(dossierId: string, requestId: string | null, list: readonly AttachmentInput[], now: Date): AttachmentRecord[] {
  return list.map((a) => ({
    id: uuidv7(),
    dossierId,
    supplementRequestId: requestId,
    name: a.name,
    mediaType: a.mediaType,
    size: a.size,
    sha256: a.sha256,
    addedAt: now,
  }));
}
