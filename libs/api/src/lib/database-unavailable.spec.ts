import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { GraphQLError } from 'graphql';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable, toErrorView } from './error-mapping';
import { formatGraphQLError } from './graphql-errors';

const pgError = (code: string, message = 'x') => Object.assign(new DatabaseError(message, 0, 'error'), { code });
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5499`), { code });

describe('a database that is away', () => {
  it.each([
    ['08006 connection failure', pgError('08006')],
    ['08001 cannot connect', pgError('08001')],
    ['57P01 admin shutdown', pgError('57P01', 'terminating connection due to administrator command')],
    ['57P02 crash shutdown', pgError('57P02')],
    ['57P03 cannot connect now', pgError('57P03', 'the database system is starting up')],
    ['53300 too many connections', pgError('53300')],
    ['ECONNREFUSED', socketError('ECONNREFUSED')],
    ['ECONNRESET', socketError('ECONNRESET')],
    ['net AggregateError', new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')], '')],
    ['pg "Connection terminated unexpectedly"', new Error('Connection terminated unexpectedly')],
    ['pg-pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['TypeORM QueryFailedError around a 57P01', new QueryFailedError('SELECT 1', [], pgError('57P01'))],
    ['TypeORM QueryFailedError around "Connection terminated"', new QueryFailedError('SELECT 1', [], new Error('Connection terminated'))],
    ['TypeORM QueryRunnerProviderAlreadyReleasedError (a transaction whose connection broke)', Object.assign(new Error('Database connection provided by a query runner was already released, cannot continue to use its querying methods anymore.'), { name: 'QueryRunnerProviderAlreadyReleasedError' })],
    // Seen by the chaos suite (npm run chaos): the server stopped between a transaction's last query and its COMMIT.
    ['TypeORM QueryRunnerAlreadyReleasedError at COMMIT', Object.assign(new Error('Query runner already released. Cannot run queries anymore.'), { name: 'QueryRunnerAlreadyReleasedError' })],
    ['a socket error of another realm (not instanceof Error)', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5499' }],
    ['an error caused by ECONNREFUSED', new Error('could not start a transaction', { cause: socketError('ECONNREFUSED') })],
  ])('%s is a coded 503 "try again"', (_name, error: unknown) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(toErrorView(error)).toEqual({
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      messageEn: expect.stringMatching(/try again/),
      messageVi: expect.stringMatching(/thử lại/),
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
    });
  });

  it.each([
    ['a unique violation', pgError('23505')],
    ['a data exception', pgError('22P02')],
    ['a syntax error', pgError('42601')],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
  ])('%s is not', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(toErrorView(error).code).not.toBe('SERVICE_UNAVAILABLE');
  });

  it('reaches GraphQL as extensions.code SERVICE_UNAVAILABLE with both messages and retryAfterSeconds', () => {
    const error = new GraphQLError('Connection terminated', { originalError: new QueryFailedError('SELECT 1', [], pgError('57P01')) });
    const formatted = formatGraphQLError({ message: 'Connection terminated', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error);
    expect(formatted.extensions).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      messageEn: expect.stringMatching(/try again/),
      messageVi: expect.stringMatching(/thử lại/),
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
    });
    expect(formatted.message).not.toMatch(/Connection terminated/);
  });
});
