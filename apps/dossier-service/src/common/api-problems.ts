import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDetailsDto } from '@xaso/api';

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (BAD_USER_INPUT, INVALID_ID_NUMBER, …) — problem+json',
  401: 'Missing or invalid token (UNAUTHENTICATED) — problem+json',
  403: 'Role or unit scope does not allow it (FORBIDDEN, ROLE_NOT_ALLOWED, OUT_OF_UNIT_SCOPE) — problem+json',
  404: 'Not found (NOT_FOUND) — problem+json',
  409: 'Not allowed from the current state (INVALID_TRANSITION, APOLOGY_ALREADY_ISSUED, APOLOGY_TOO_LATE, …) or changed concurrently (CONFLICT) — problem+json',
  422: 'Idempotency-Key reused with a different request (IDEMPOTENCY_KEY_REUSED) — problem+json',
};

/** RFC 9457 problem+json responses with the shared `ProblemDetailsDto` schema. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: PROBLEM_DESCRIPTIONS[status] ?? 'Error — problem+json',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
      }),
    ),
  );
}
