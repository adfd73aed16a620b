import { Role } from './role';

/** The signed-in person a request acts for, as the access policy sees them. */
export interface Actor {
  userId: string;
  organisationId: string;
  roles: readonly Role[];
  /** How they proved who they are: our own sign-in, or a council's OpenID Connect provider. */
  authenticatedBy: 'PASSWORD' | 'OIDC';
}

/** An actor plus where the request came from: what every change and every audit row needs. */
export interface Caller {
  actor: Actor;
  /** The operation, in the schema's words (`recordSentence`), for the audit trail. */
  operation: string;
  requestId: string | null;
  clientIp: string | null;
}
