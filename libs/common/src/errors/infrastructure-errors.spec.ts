import { isInfrastructureError } from './infrastructure-errors';

/** What each library throws when PostgreSQL or Redis is away, and what it throws for a bug or a refusal. */
function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('isInfrastructureError', () => {
  it.each([
    ['connection refused (socket)', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['connection reset mid-query', withCode('read ECONNRESET', 'ECONNRESET')],
    ['pg: the server closed the connection', new Error('Connection terminated unexpectedly')],
    ['pg: connect timed out', new Error('Connection terminated due to connection timeout')],
    ['pg-pool: no connection in time', new Error('timeout exceeded when trying to connect')],
    [
      'pg: client broken by an earlier error',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    [
      'PostgreSQL 57P01: shut down by an administrator',
      withCode('terminating connection due to administrator command', '57P01'),
    ],
    ['PostgreSQL 57P03: starting up', withCode('the database system is starting up', '57P03')],
    ['PostgreSQL 08006: connection failure', withCode('connection failure', '08006')],
    ['PostgreSQL 53300: too many connections', withCode('sorry, too many clients already', '53300')],
    [
      'TypeORM QueryFailedError around a reset',
      Object.assign(new Error('query failed'), { driverError: withCode('read ECONNRESET', 'ECONNRESET') }),
    ],
    [
      'an Error with a cause',
      new Error('failed', { cause: withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED') }),
    ],
    [
      'AggregateError: every address refused',
      new AggregateError([withCode('a', 'ECONNREFUSED'), withCode('b', 'ECONNREFUSED')], ''),
    ],
    ['ioredis: connection closed', new Error('Connection is closed.')],
    [
      'ioredis: gave up on a command',
      new Error(
        'Reached the max retries per request limit (which is 3). Refer to "maxRetriesPerRequest" option for details.',
      ),
    ],
    [
      'GraphQL error wrapping a reset',
      Object.assign(new Error('wrapped'), { originalError: withCode('read ECONNRESET', 'ECONNRESET') }),
    ],
  ])('%s: unavailable', (_, error) => {
    expect(isInfrastructureError(error)).toBe(true);
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['unique violation 23505', withCode('duplicate key value violates unique constraint', '23505')],
    ['not-null violation 23502', withCode('null value in column "x" violates not-null constraint', '23502')],
    ['invalid text for a uuid 22P02', withCode('invalid input syntax for type uuid', '22P02')],
    [
      'serialization failure 40001 (retried by its caller, not an outage)',
      withCode('could not serialize access', '40001'),
    ],
    ['lock not available 55P03', withCode('could not obtain lock', '55P03')],
    [
      'AggregateError with one bug among outages',
      new AggregateError([withCode('a', 'ECONNREFUSED'), new Error('boom')], ''),
    ],
    ['not an error', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('%s: not unavailable', (_, error) => {
    expect(isInfrastructureError(error)).toBe(false);
  });

  it('stops at a cycle of wrappers', () => {
    const a: any = new Error('a');
    const b: any = new Error('b');
    a.cause = b;
    b.cause = a;
    expect(isInfrastructureError(a)).toBe(false);
  });
});
