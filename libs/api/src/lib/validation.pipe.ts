import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidationFailedError } from './app-error';
import { rememberValidationMetadata } from './validation-metadata-memo';

function flatten(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) out[path] = Object.values(error.constraints);
    if (error.children?.length) Object.assign(out, flatten(error.children, path));
  }
  return out;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const BUILT_INS = new Set<Function>([Object, Array, String, Number, Boolean]);

/**
 * class-validator on every input (REST bodies/queries and GraphQL args/inputs), failing with a
 * bilingual BAD_USER_INPUT whose details name each field and what is wrong with it; a body that
 * is not a JSON object where a DTO is expected is one too. (Control characters and over-long
 * strings are the input guards' business: `RestInputGuardMiddleware`, `inputGuardPlugin`.)
 */
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    rememberValidationMetadata();
    super({
      transform: true,
      whitelist: true,
      forbidUnknownValues: false,
      exceptionFactory: (errors) => {
        const fields = flatten(errors);
        const names = Object.keys(fields).join(', ');
        return new ValidationFailedError(
          `Invalid input: ${names}`,
          `Dữ liệu không hợp lệ: ${names}`,
          { fields },
        );
      },
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const expectsObject = metadata.type === 'body' && !metadata.data && metadata.metatype && !BUILT_INS.has(metadata.metatype);
    if (expectsObject && value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw new ValidationFailedError('The request body must be a JSON object', 'Nội dung yêu cầu phải là một đối tượng JSON', { field: 'body' });
    }
    return super.transform(value, metadata);
  }
}
