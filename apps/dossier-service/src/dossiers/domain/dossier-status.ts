/** Dossier states [Decree 118/2025/NĐ-CP one-stop-shop workflow]. */
export enum DossierStatus {
  /** Đã tiếp nhận */
  RECEIVED = 'RECEIVED',
  /** Đang xử lý */
  IN_PROCESSING = 'IN_PROCESSING',
  /** Yêu cầu bổ sung (the clock is paused) */
  SUPPLEMENT_REQUESTED = 'SUPPLEMENT_REQUESTED',
  /** Đã có kết quả (result ready, not yet handed over) */
  PROCESSED = 'PROCESSED',
  /** Đã trả kết quả */
  RETURNED = 'RETURNED',
  /** Từ chối giải quyết */
  REFUSED = 'REFUSED',
  /** Dừng xử lý */
  STOPPED = 'STOPPED',
  /** Công dân rút hồ sơ */
  WITHDRAWN = 'WITHDRAWN',
}

export const ALL_DOSSIER_STATUSES: readonly DossierStatus[] = Object.values(DossierStatus);

/** No transition leaves these. */
export const TERMINAL_STATUSES: ReadonlySet<DossierStatus> = new Set([
  DossierStatus.RETURNED,
  DossierStatus.REFUSED,
  DossierStatus.STOPPED,
  DossierStatus.WITHDRAWN,
]);

/** Processing has ended (result ready or closed): the dossier is no longer pending. */
export const FINISHED_STATUSES: ReadonlySet<DossierStatus> = new Set([DossierStatus.PROCESSED, ...TERMINAL_STATUSES]);

export function isTerminalStatus(status: DossierStatus | string): boolean {
  return TERMINAL_STATUSES.has(status as DossierStatus);
}

export function isFinishedStatus(status: DossierStatus | string): boolean {
  return FINISHED_STATUSES.has(status as DossierStatus);
}

/** Vietnamese labels for UIs and exports. */
export const DOSSIER_STATUS_LABEL_VI: Record<DossierStatus, string> = {
  RECEIVED: 'Đã tiếp nhận',
  IN_PROCESSING: 'Đang xử lý',
  SUPPLEMENT_REQUESTED: 'Chờ bổ sung',
  PROCESSED: 'Đã có kết quả',
  RETURNED: 'Đã trả kết quả',
  REFUSED: 'Từ chối giải quyết',
  STOPPED: 'Dừng xử lý',
  WITHDRAWN: 'Đã rút hồ sơ',
};
