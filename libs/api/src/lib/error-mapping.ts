import { HttpException } from '@nestjs/common';
import { HTTP_STATUS_OF_KIND, isDomainError } from '@xaso/errors';

export interface ErrorView {
  status: number;
  code: string;
  messageEn: string;
  messageVi: string;
  details?: Record<string, unknown>;
  /** Set when trying again later may succeed: REST sends it as `Retry-After` (seconds). */
  retryAfterSeconds?: number;
}

const byStatus: Record<number, { code: string; en: string; vi: string }> = {
  400: { code: 'BAD_USER_INPUT', en: 'The request is not valid', vi: 'Yêu cầu không hợp lệ' },
  401: { code: 'UNAUTHENTICATED', en: 'Sign-in required or token invalid', vi: 'Chưa đăng nhập hoặc mã thông báo không hợp lệ' },
  403: { code: 'FORBIDDEN', en: 'You are not allowed to do this', vi: 'Không có quyền thực hiện thao tác này' },
  404: { code: 'NOT_FOUND', en: 'Not found', vi: 'Không tìm thấy' },
  409: { code: 'CONFLICT', en: 'The resource was changed by someone else', vi: 'Dữ liệu đã bị thay đổi bởi người khác' },
  413: { code: 'PAYLOAD_TOO_LARGE', en: 'The request is too large', vi: 'Yêu cầu quá lớn' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', en: 'The request body has a media type or charset that is not supported', vi: 'Kiểu nội dung hoặc bảng mã của yêu cầu không được hỗ trợ' },
  422: { code: 'UNPROCESSABLE', en: 'The request cannot be processed', vi: 'Không thể xử lý yêu cầu' },
  429: { code: 'TOO_MANY_REQUESTS', en: 'Too many requests', vi: 'Quá nhiều yêu cầu' },
};

/**
 * PostgreSQL "data exception" errors (SQLSTATE class 22) that only a caller's value can cause.
 * Input validation keeps them out; should one slip through, it is still the caller's 400.
 */
const DATABASE_INPUT_ERRORS: Record<string, { en: string; vi: string }> = {
  '22P02': { en: 'A value has the wrong form (invalid text representation)', vi: 'Một giá trị sai định dạng' },
  '22021': { en: 'A text value contains a character that cannot be stored (such as NUL)', vi: 'Một chuỗi chứa ký tự không thể lưu (như NUL)' },
  '22P05': { en: 'A value contains a character that cannot be stored (such as \\u0000)', vi: 'Một giá trị chứa ký tự không thể lưu (như \\u0000)' },
  '22001': { en: 'A text value is too long', vi: 'Một chuỗi quá dài' },
  '22003': { en: 'A number is out of range', vi: 'Một số nằm ngoài phạm vi cho phép' },
  '22007': { en: 'A date or time has the wrong form', vi: 'Ngày hoặc giờ sai định dạng' },
  '22008': { en: 'A date or time is out of range', vi: 'Ngày hoặc giờ nằm ngoài phạm vi cho phép' },
  '2201X': { en: 'A paging value is out of range', vi: 'Giá trị phân trang nằm ngoài phạm vi' },
  '2201W': { en: 'A paging value is out of range', vi: 'Giá trị phân trang nằm ngoài phạm vi' },
};

/** How long a caller should wait before trying again while a database restarts or fails over. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * SQLSTATEs that mean the database is away, not that the request is wrong: class 08 (connection
 * exception), 57P01-57P03 (admin shutdown, crash shutdown, cannot connect now: a restart or a
 * failover) and 53300 (too many connections). Trying again a little later succeeds.
 */
const DATABASE_UNAVAILABLE_STATES = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

/** Socket errors of a driver that cannot reach its server (pg, net). */
const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

/**
 * What pg and pg-pool say, without a code, when a connection is lost or cannot be had: the server
 * went away under a query ("Connection terminated unexpectedly"), a pool client broke, the pool
 * timed out waiting for a connection. TypeORM copies the message into its QueryFailedError, and
 * answers a transaction whose connection broke under it with QueryRunnerProviderAlreadyReleasedError
 * (or, when the break comes at COMMIT, QueryRunnerAlreadyReleasedError: "Query runner already released").
 */
const CONNECTION_LOST_MESSAGES = /Connection terminated|query runner was already released|Query runner already released|connection error and is not queryable|timeout exceeded when trying to connect|Connection is not established|the database system is (starting up|shutting down|in recovery mode)/i;

const databaseUnavailable = {
  code: 'SERVICE_UNAVAILABLE',
  messageEn: 'The service is briefly unavailable (its database cannot be reached); try again in a few seconds',
  messageVi: 'Dịch vụ tạm thời không khả dụng (không kết nối được cơ sở dữ liệu); vui lòng thử lại sau vài giây',
};

/**
 * True when an error says the database (or the connection to it) is away: by SQLSTATE, socket
 * error code or pg's code-less messages, on the error itself, a TypeORM `driverError`, a `cause`
 * or the parts of an AggregateError (net's connect errors for several addresses).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  // By shape, not `instanceof Error`: Node's socket errors may come from another realm (Jest's vm).
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (DATABASE_UNAVAILABLE_STATES.test(code) || CONNECTION_ERROR_CODES.has(code))) return true;
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string' && CONNECTION_LOST_MESSAGES.test(message)) return true;
  const parts = (error as { errors?: unknown }).errors;
  const nested = [(error as { driverError?: unknown }).driverError, (error as { cause?: unknown }).cause, ...(Array.isArray(parts) ? parts : [])];
  return nested.some((inner) => inner !== error && isDatabaseUnavailable(inner, depth + 1));
}

/** The SQLSTATE of a pg `DatabaseError` or a TypeORM `QueryFailedError` (which copies it), by shape. */
function sqlStateOf(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const candidates = [(error as { code?: unknown }).code, (error as { driverError?: { code?: unknown } }).driverError?.code];
  return candidates.find((code): code is string => typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code));
}

function clientErrorStatusOf(error: unknown): number | undefined {
  if (!(error instanceof Error) || (error as { expose?: unknown }).expose !== true) return undefined;
  const status = (error as { status?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

const internal: ErrorView = {
  status: 500,
  code: 'INTERNAL_SERVER_ERROR',
  messageEn: 'Something went wrong on our side; it has been logged',
  messageVi: 'Đã có lỗi phía hệ thống; lỗi đã được ghi nhận',
};

/**
 * One mapping from anything thrown to what a client sees, shared by the GraphQL formatter and
 * the REST problem+json filter: a `DomainError` (any subclass, thrown anywhere) keeps its code and
 * messages and takes the status of its kind. Unknown errors become a generic 500 without internals.
 */
export function toErrorView(error: unknown): ErrorView {
  if (isDomainError(error)) {
    const status = HTTP_STATUS_OF_KIND[error.kind];
    return {
      status, code: error.code, messageEn: error.messageEn, messageVi: error.messageVi, details: error.details,
      ...(error.kind === 'unavailable' ? { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS } : {}),
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const fallback = byStatus[status] ?? (status >= 500 ? { code: internal.code, en: internal.messageEn, vi: internal.messageVi } : byStatus[400]);
    const body = error.getResponse();
    const payload = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const code = typeof payload.code === 'string' ? payload.code : fallback.code;
    const messageEn =
      typeof payload.messageEn === 'string'
        ? payload.messageEn
        : typeof payload.message === 'string' && status < 500
          ? payload.message
          : fallback.en;
    const messageVi = typeof payload.messageVi === 'string' ? payload.messageVi : fallback.vi;
    const details = typeof payload.details === 'object' && payload.details ? (payload.details as Record<string, unknown>) : undefined;
    return { status, code, messageEn, messageVi, details };
  }
  // body-parser's errors (http-errors: a too-large body, an unsupported charset…) reach the
  // filters unmapped; they mark themselves as safe to show with `expose`.
  const clientStatus = clientErrorStatusOf(error);
  if (clientStatus) {
    const known = byStatus[clientStatus] ?? byStatus[400];
    return { status: clientStatus, code: known.code, messageEn: known.en, messageVi: known.vi };
  }
  if (isDatabaseUnavailable(error)) {
    return { status: 503, ...databaseUnavailable, retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS };
  }
  const sqlState = sqlStateOf(error);
  const databaseInput = sqlState ? DATABASE_INPUT_ERRORS[sqlState] : undefined;
  if (databaseInput) {
    return { status: 400, code: 'BAD_USER_INPUT', messageEn: databaseInput.en, messageVi: databaseInput.vi, details: { sqlState } };
  }
  return internal;
}
