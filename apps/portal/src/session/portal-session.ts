import type { FastifyRequest } from 'fastify';

/** The person signed in, as the api's `me` described them at sign-in. */
export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
  organisationId: string;
  organisationName: string;
  organisationType: string;
}

/** The api's tokens. They stay on the server, in Redis (`TokenStore`): the browser holds only the session cookie. */
export interface ApiTokens {
  accessToken: string;
  refreshToken: string;
  /** ISO date-time the access token expires. */
  expiresAt: string;
}

declare module 'fastify' {
  interface Session {
    user?: SignedInUser;
    /** A one-off message for the next page (GOV.UK notification banner). */
    flash?: string;
    /** The email to fill in on the sign-in page once, after choosing a password from an invitation. */
    signInEmail?: string;
  }
}

export function signedInUser(request: FastifyRequest): SignedInUser | undefined {
  return request.session?.user;
}

/** Shows the message on the next page rendered, once. */
export function flash(request: FastifyRequest, message: string): void {
  request.session.flash = message;
}

export function takeFlash(request: FastifyRequest): string | undefined {
  const message = request.session?.flash;
  if (message) request.session.flash = undefined;
  return message;
}
