import {
  BadRequestException,
  Body,
  Controller,
  type DynamicModule,
  HttpCode,
  Logger,
  Module,
  Post,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { devIssuerEnabled, isProduction, resolveDevSecret, DEFAULT_DEV_SECRET } from './auth-config';
import { Public } from './decorators';
import { isRole, Role } from './role';

export interface DevTokenClaims {
  role?: Role;
  roles?: Role[];
  sub?: string;
  unitCode?: string;
  idNumber?: string;
  name?: string;
}

export interface DevTokenOptions {
  issuer?: string;
  audience?: string | string[];
  /** jose duration or seconds-from-now; default '12h'. */
  expiresIn?: string | number;
}

/** Signs an HS256 development token (12h by default). Secret: argument, else AUTH_DEV_SECRET, else the fixed dev default. */
export async function issueDevToken(
  claims: DevTokenClaims,
  secret?: string,
  options: DevTokenOptions = {},
): Promise<string> {
  const key = new TextEncoder().encode(secret ?? process.env.AUTH_DEV_SECRET ?? DEFAULT_DEV_SECRET);
  const roles = claims.roles ?? (claims.role ? [claims.role] : []);
  const payload: Record<string, unknown> = { roles };
  if (claims.unitCode) payload.unitCode = claims.unitCode;
  if (claims.idNumber) payload.idNumber = claims.idNumber;
  if (claims.name) payload.name = claims.name;
  let jwt = new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub ?? `dev-${randomUUID()}`)
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime(options.expiresIn ?? '12h');
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(key);
}

function badRequest(message: string, messageVi: string): BadRequestException {
  return new BadRequestException({ code: 'BAD_REQUEST', message, messageVi });
}

/** Validates the POST /auth/dev/token body; throws 400 on anything unexpected. */
export function parseDevTokenRequest(body: unknown): DevTokenClaims {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('Body must be a JSON object', 'Nội dung yêu cầu phải là một đối tượng JSON');
  }
  const b = body as Record<string, unknown>;
  if (!isRole(b.role)) {
    throw badRequest(`role must be one of ${Object.values(Role).join(', ')}`, 'Vai trò không hợp lệ');
  }
  const claims: DevTokenClaims = { role: b.role };
  if (b.unitCode !== undefined) {
    if (typeof b.unitCode !== 'string' || !/^\d{2,5}$/.test(b.unitCode)) {
      throw badRequest('unitCode must be 2 to 5 digits', 'Mã đơn vị hành chính phải gồm 2 đến 5 chữ số');
    }
    claims.unitCode = b.unitCode;
  }
  if (b.idNumber !== undefined) {
    if (typeof b.idNumber !== 'string' || !/^\d{12}$/.test(b.idNumber)) {
      throw badRequest('idNumber must be 12 digits', 'Số định danh cá nhân phải gồm 12 chữ số');
    }
    claims.idNumber = b.idNumber;
  }
  for (const field of ['sub', 'name'] as const) {
    const value = b[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.trim() === '' || value.length > 200) {
      throw badRequest(`${field} must be a non-empty string`, `Trường ${field} phải là chuỗi không rỗng`);
    }
    claims[field] = value;
  }
  return claims;
}

@Public()
@Controller('auth/dev')
export class DevTokenController {
  @Post('token')
  @HttpCode(200)
  async issue(@Body() body: unknown): Promise<{ token: string }> {
    const claims = parseDevTokenRequest(body);
    const audience = process.env.AUTH_AUDIENCE?.split(',').map((a) => a.trim()).filter(Boolean);
    const token = await issueDevToken(claims, resolveDevSecret(), {
      issuer: process.env.AUTH_ISSUER || undefined,
      audience: audience?.length ? audience : undefined,
    });
    return { token };
  }
}

@Module({})
export class DevTokenIssuerModule {
  /** The dev issuer (POST /auth/dev/token) when AUTH_DEV_ISSUER=true, an empty module otherwise. Throws in production. */
  static registerIfEnabled(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    if (!devIssuerEnabled(env)) return { module: DevTokenIssuerModule };
    if (isProduction(env)) {
      throw new Error('AUTH_DEV_ISSUER=true is not allowed when NODE_ENV=production');
    }
    new Logger('DevTokenIssuer').warn(
      '!!! AUTH_DEV_ISSUER=true: POST /auth/dev/token issues HS256 tokens for ANY role to ANYONE. ' +
        'Development only; never enable this on a reachable deployment. !!!',
    );
    return { module: DevTokenIssuerModule, controllers: [DevTokenController] };
  }
}
