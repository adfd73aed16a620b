import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';

/**
 * Nest's ExceptionsHandler logs every error thrown in a resolver, guard or pipe at error level with its stack: an
 * expired token or a record that is not yours too. For GraphQL this filter hands the error on unlogged; the error
 * formatter logs it once by meaning (see AppModule: refusals one counted line, INTERNAL an error with its stack).
 * Other routes (health, metrics, calendar) keep Nest's own handling.
 */
@Catch()
export class GraphqlExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') throw exception;
    return super.catch(exception, host);
  }
}
