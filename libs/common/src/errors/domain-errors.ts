/**
 * Errors a feature throws on purpose. The API maps each to a GraphQL `extensions.code`; anything else becomes
 * INTERNAL with a generic message, so no stack trace or SQL ever reaches a caller.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL';

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  /** Extra, safe-to-share detail for the caller (never internals). */
  readonly details?: Record<string, unknown>;
  constructor(message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** One message list per field, as class-validator gives them. */
export type FieldErrors = Record<string, string[]>;

export class BadUserInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
  constructor(
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message, { fieldErrors });
  }
  static forField(field: string, message: string): BadUserInputError {
    return new BadUserInputError(message, { [field]: [message] });
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;
  constructor(resource: string, id?: string) {
    // The same words whether the record is missing or hidden from the caller, so ids cannot be probed.
    super(id ? `${resource} ${id} was not found` : `${resource} was not found`);
  }
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT' as const;
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED' as const;
  constructor(message = 'Sign in to continue') {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN' as const;
}

/**
 * Optimistic concurrency: the caller edited version N but the record is now at M. The current state travels with
 * the error so the caller can show what changed instead of silently overwriting it.
 */
export class StaleVersionError extends ConflictError {
  constructor(resource: string, expectedVersion: number, currentVersion: number, current?: unknown) {
    super(
      `${resource} has changed since you loaded it (you had version ${expectedVersion}, it is now ${currentVersion}). Reload and try again.`,
      { expectedVersion, currentVersion, current },
    );
  }
}

/** Too many attempts (sign-in backoff, per-user rate limit). `retryAfterSeconds` says when to try again. */
export class TooManyRequestsError extends DomainError {
  readonly code = 'TOO_MANY_REQUESTS' as const;
  constructor(message: string, retryAfterSeconds: number) {
    super(message, { retryAfterSeconds });
  }
}

/**
 * PostgreSQL or Redis is away for a moment (a restart, a failover, a network cut): nothing was changed and the same
 * request will work once it is back. Callers show "try again in a moment", never "something went wrong".
 */
export class ServiceUnavailableError extends DomainError {
  readonly code = 'SERVICE_UNAVAILABLE' as const;
  constructor(retryAfterSeconds = 5) {
    super('The service is unavailable for a moment. Nothing was changed: try again shortly.', { retryAfterSeconds });
  }
}
