import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidationFailedError } from './app-error';

function flatten(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) out[path] = Object.values(error.constraints);
    if (error.children?.length) Object.assign(out, flatten(error.children, path));
  }
  return out;
}

/**
 * class-validator on every input (REST bodies/queries and GraphQL args/inputs), failing with a
 * bilingual BAD_USER_INPUT whose details name each field and what is wrong with it.
 */
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
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
}
