import type { Actor } from './actor';

/**
 * Turns a request's `authorization` header into the signed-in actor. The identity feature provides the real one
 * (our own access tokens, or a council's OpenID Connect tokens); access only needs this shape.
 * Returns null when there is no bearer token; throws UnauthenticatedError when there is one and it is no good.
 */
export abstract class Authenticator {
  abstract authenticate(authorization: string | undefined): Promise<Actor | null>;
}
