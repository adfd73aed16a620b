/** An error the api answered with: its code is one of the api's (BAD_USER_INPUT, NOT_FOUND, CONFLICT, …). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** Per-field messages of a BAD_USER_INPUT, keyed by the input's field path (e.g. `input.offer.startDate`). */
  get fieldErrors(): Record<string, string[]> {
    return (this.extensions.fieldErrors as Record<string, string[]> | undefined) ?? {};
  }
}

/** The person must sign in (again): no session, or the api no longer accepts its tokens. */
export class SignInRequiredError extends Error {
  /** `userId`: who was signed in until now, if anyone (their unsent form answers are kept for them). */
  constructor(
    readonly returnTo?: string,
    readonly userId?: string,
  ) {
    super('Sign in to continue');
  }
}
