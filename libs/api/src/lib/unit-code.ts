import { Injectable, type PipeTransform } from '@nestjs/common';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { GraphQLScalarType, Kind } from 'graphql';
import { ValidationFailedError } from './app-error';

/**
 * The syntax of an administrative-unit code (GSO): 2 digits for a province, 3 for a pre-2025
 * district, 5 for a commune. Whether such a unit exists (or still does) is each service's
 * business, against its unit replica.
 */
export const UNIT_CODE_SYNTAX = /^(?:\d{2}|\d{3}|\d{5})$/;

export const isUnitCodeSyntax = (value: unknown): value is string => typeof value === 'string' && UNIT_CODE_SYNTAX.test(value);

function parseUnitCode(value: unknown): string {
  if (!isUnitCodeSyntax(value)) {
    const shown = typeof value === 'string' && value.length > 20 ? `${JSON.stringify(value.slice(0, 20))}…` : JSON.stringify(value);
    throw new ValidationFailedError(
      `A unit code is 2 (province), 3 (district) or 5 (commune) digits, got ${shown}`,
      `Mã đơn vị hành chính gồm 2 (tỉnh), 3 (huyện) hoặc 5 (xã) chữ số, nhận được ${shown}`,
    );
  }
  return value;
}

/** `UnitCode`: an administrative-unit code, checked for its syntax (see {@link UNIT_CODE_SYNTAX}). */
export const UnitCodeScalar = new GraphQLScalarType({
  name: 'UnitCode',
  description: 'Administrative-unit code (mã đơn vị hành chính): 2 digits province, 3 district (before 2025-07-01), 5 commune',
  serialize: (value) => value,
  parseValue: parseUnitCode,
  parseLiteral: (ast) => parseUnitCode(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** class-validator: {@link UNIT_CODE_SYNTAX} (REST query strings and bodies, GraphQL input fields typed ID). */
export function IsUnitCode(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isUnitCode',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a unit code of 2, 3 or 5 digits`, ...options },
      validator: { validate: (value: unknown) => isUnitCodeSyntax(value) },
    });
}

/**
 * For a bare unit-code argument whose GraphQL type stays `ID` (clients declare `$unitCode: ID!`):
 * `@Args('unitCode', { type: () => ID }, UnitCodePipe)`.
 */
@Injectable()
export class UnitCodePipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    return parseUnitCode(value);
  }
}
