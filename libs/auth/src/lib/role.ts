import { registerEnumType } from '@nestjs/graphql';

/** The roles a Xã Số token can carry (claim `roles`, or `role`). */
export enum Role {
  CITIZEN = 'CITIZEN',
  OFFICER = 'OFFICER',
  LEADER = 'LEADER',
  PROVINCE_OFFICER = 'PROVINCE_OFFICER',
  AGENCY = 'AGENCY',
  ADMIN = 'ADMIN',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'Role of an authenticated user (vai trò người dùng)',
});

const ROLE_VALUES = new Set<string>(Object.values(Role));

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && ROLE_VALUES.has(value);
}
