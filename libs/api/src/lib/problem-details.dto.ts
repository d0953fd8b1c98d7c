import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * OpenAPI schema of the RFC 9457 problem+json body written by {@link ProblemDetailsFilter}, for
 * `@ApiResponse({ status, type: ProblemDetailsDto })` / `@ApiExtraModels` in controllers.
 */
export class ProblemDetailsDto {
  @ApiProperty({ description: 'Stable URN per error code', example: 'urn:xaso:problem:bad-user-input' })
  type!: string;
  @ApiProperty({ description: 'Short English summary', example: 'Invalid input' })
  title!: string;
  @ApiProperty({ description: 'HTTP status code', example: 400 })
  status!: number;
  @ApiProperty({ description: 'English explanation' })
  detail!: string;
  @ApiProperty({ description: 'Vietnamese explanation (extension member)', example: 'Dữ liệu không hợp lệ' })
  detail_vi!: string;
  @ApiProperty({ description: 'Machine-readable error code (same as GraphQL extensions.code)', example: 'BAD_USER_INPUT' })
  code!: string;
  @ApiPropertyOptional({ description: 'Request path' })
  instance?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Code-specific details (field, problems, …)' })
  details?: Record<string, unknown>;
}
