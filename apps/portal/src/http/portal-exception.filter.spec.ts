import { HttpException } from '@nestjs/common';
import { ApiError } from '../api/api-error';
import { statusOf } from './portal-exception.filter';

describe('statusOf: which page a failure gets', () => {
  const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
  it.each([
    ['the api: not found (or not yours)', new ApiError('x', 'NOT_FOUND'), 404],
    ['the api: forbidden', new ApiError('x', 'FORBIDDEN'), 403],
    ['the api: too many requests', new ApiError('x', 'TOO_MANY_REQUESTS'), 429],
    ['the api: PostgreSQL or Redis away', new ApiError('x', 'SERVICE_UNAVAILABLE'), 503],
    ['the portal’s own Redis (sessions) away', new Error('Connection is closed.'), 503],
    [
      'the portal’s own Redis refused the connection',
      withCode('connect ECONNREFUSED 127.0.0.1:6379', 'ECONNREFUSED'),
      503,
    ],
    ['the api: something else', new ApiError('x', 'INTERNAL'), 500],
    ['a bug', new TypeError('x is undefined'), 500],
    ['a form whose CSRF token expired', new HttpException('Invalid csrf token', 403), 419],
  ])('%s: %i', (_name, exception, status) => {
    expect(statusOf(exception)).toBe(status);
  });
});
