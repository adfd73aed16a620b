import { BadRequestException, HttpException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { DomainError, ErrorCode, isInfrastructureError, ServiceUnavailableError } from '@resettle/common';

interface Formatted {
  message: string;
  path?: readonly (string | number)[];
  locations?: readonly { line: number; column: number }[];
  extensions: { code: ErrorCode } & Record<string, unknown>;
}

/** Finds what was really thrown under GraphQL's and Mercurius's wrappers. */
function rootCause(error: unknown): unknown {
  let current: any = error;
  for (let i = 0; i < 5 && current; i++) {
    if (current instanceof DomainError || current instanceof HttpException) return current;
    if (!current.originalError || current.originalError === current) break;
    current = current.originalError;
  }
  return current;
}

/**
 * Every error a caller sees carries one of eight codes. Messages are written for people; stack traces, SQL and
 * library internals never leave the process (they are logged instead).
 */
export function formatGraphqlError(error: GraphQLError, log?: (err: unknown) => void): Formatted {
  const base = { path: error.path, locations: error.locations };
  const cause = rootCause(error);

  if (cause instanceof DomainError) {
    return { ...base, message: cause.message, extensions: { code: cause.code, ...(cause.details ?? {}) } };
  }
  if (cause instanceof BadRequestException) {
    const body = cause.getResponse() as { fieldErrors?: Record<string, string[]>; message?: unknown };
    const fieldErrors = body.fieldErrors ?? {};
    const message = Object.keys(fieldErrors).length
      ? `Check these fields: ${Object.keys(fieldErrors).join(', ')}`
      : typeof body.message === 'string'
        ? body.message
        : 'The request is not valid';
    return { ...base, message, extensions: { code: 'BAD_USER_INPUT', fieldErrors } };
  }
  if (cause instanceof HttpException) {
    const status = cause.getStatus();
    const code: ErrorCode =
      status === 401
        ? 'UNAUTHENTICATED'
        : status === 403
          ? 'FORBIDDEN'
          : status === 404
            ? 'NOT_FOUND'
            : status === 409
              ? 'CONFLICT'
              : status === 429
                ? 'TOO_MANY_REQUESTS'
                : status < 500
                  ? 'BAD_USER_INPUT'
                  : 'INTERNAL';
    return {
      ...base,
      message: code === 'INTERNAL' ? 'Something went wrong on our side' : cause.message,
      extensions: { code },
    };
  }
  // No original error at all: the document itself was wrong (syntax, unknown field, wrong variable type).
  if (!(error as any).originalError || (error as any).originalError?.name === 'GraphQLError') {
    return { ...base, message: error.message, extensions: { code: 'BAD_USER_INPUT' } };
  }
  // Mercurius wraps its own request errors (bad JSON body, limits) with a statusCode below 500.
  const statusCode = (cause as any)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return { ...base, message: error.message, extensions: { code: 'BAD_USER_INPUT' } };
  }
  // PostgreSQL or Redis away for a moment: nothing was changed (the transaction did not commit), and the same
  // request will work once it is back. Say so, and when to try again, instead of "something went wrong".
  if (isInfrastructureError(cause) || isInfrastructureError(error)) {
    const unavailable = new ServiceUnavailableError();
    return {
      ...base,
      message: unavailable.message,
      extensions: { code: unavailable.code, ...(unavailable.details ?? {}) },
    };
  }
  log?.(cause);
  return { ...base, message: 'Something went wrong on our side', extensions: { code: 'INTERNAL' } };
}
