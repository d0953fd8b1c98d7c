import { Controller, Get, Injectable, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator, type HealthIndicatorResult } from '@nestjs/terminus';
import { Public } from '@xaso/auth';
import { DataSource } from 'typeorm';

/** A readiness check: resolves true when healthy; false, a rejection or a timeout mean down. */
export type HealthCheckFn = () => Promise<boolean>;

/**
 * Token under which a library (e.g. @xaso/messaging) may provide its transport's health;
 * picked up by `/health/ready` when present anywhere in the app.
 */
export const TRANSPORT_HEALTH_INDICATOR = Symbol('XASO_TRANSPORT_HEALTH_INDICATOR');

export interface TransportHealthIndicator {
  /** Key in the readiness report (default `transport`). */
  readonly name?: string;
  isHealthy(): Promise<boolean>;
}

/** Per-app registry of readiness checks; inject it and `register(name, check)` at module init. */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheckFn>();

  register(name: string, check: HealthCheckFn): () => void {
    if (name === 'database') throw new Error('"database" is reserved for the TypeORM ping');
    this.checks.set(name, check);
    return () => this.unregister(name);
  }

  unregister(name: string): void {
    this.checks.delete(name);
  }

  entries(): Array<[string, HealthCheckFn]> {
    return [...this.checks.entries()];
  }
}

export const HEALTH_CHECK_TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timeout of ${ms}ms exceeded`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly registry: HealthRegistry,
    private readonly moduleRef: ModuleRef,
    @Optional() private readonly typeOrm?: TypeOrmHealthIndicator,
  ) {}

  /** Liveness: the process answers. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: database ping (when the app has a TypeORM DataSource) and every registered check. 503 when any is down. */
  @Get('ready')
  @HealthCheck()
  ready() {
    const checks: Array<() => Promise<HealthIndicatorResult>> = [];
    const dataSource = this.find<DataSource>(DataSource);
    if (dataSource && this.typeOrm) {
      const typeOrm = this.typeOrm;
      checks.push(() => typeOrm.pingCheck('database', { connection: dataSource, timeout: HEALTH_CHECK_TIMEOUT_MS }));
    }
    const transport = this.find<TransportHealthIndicator>(TRANSPORT_HEALTH_INDICATOR);
    if (transport) checks.push(() => this.run(transport.name ?? 'transport', () => transport.isHealthy()));
    for (const [name, check] of this.registry.entries()) checks.push(() => this.run(name, check));
    return this.health.check(checks);
  }

  private async run(name: string, check: HealthCheckFn): Promise<HealthIndicatorResult> {
    const session = this.indicators.check(name);
    try {
      return (await withTimeout(check(), HEALTH_CHECK_TIMEOUT_MS)) ? session.up() : session.down();
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }

  private find<T>(token: unknown): T | undefined {
    try {
      return this.moduleRef.get<T>(token as never, { strict: false });
    } catch {
      return undefined;
    }
  }
}
