import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/** The SQL text of a statement, shortened: never its parameters. */
const sqlOf = (query: string) => query.replace(/\s+/g, ' ').trim().slice(0, 500);

/**
 * TypeORM's logger for every service: through Nest's logger (so pino's JSON lines and masking
 * apply) and **without the parameters** of a statement. TypeORM's own console logger prints a
 * failed query's parameters (`-- PARAMETERS: [...]`) and the server's `detail` (`Key (…)=(…)
 * already exists`): the values a caller sent, such as an ID number, a denouncer's name or the
 * household of a refused second ballot. Here a failure logs its SQLSTATE, the constraint and the
 * statement text only.
 */
export class ParameterlessQueryLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('TypeORM');
  private readonly queries: boolean;

  /** `logQueries`: every statement's text at debug level (TypeORM calls a custom logger for every query; off, that costs nothing). */
  constructor(options: { logQueries?: boolean } = {}) {
    this.queries = options.logQueries === true;
  }

  logQuery(query: string): void {
    if (this.queries) this.logger.debug(sqlOf(query));
  }

  logQueryError(error: string | Error, query: string): void {
    const e = (typeof error === 'string' ? {} : error) as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
    const code = e.code ?? e.driverError?.code ?? 'unknown';
    const constraint = e.constraint ?? e.driverError?.constraint;
    this.logger.warn(`query failed (SQLSTATE ${code}${constraint ? `, constraint ${constraint}` : ''}): ${sqlOf(query)}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms): ${sqlOf(query)}`);
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.log(String(message));
  }
}
