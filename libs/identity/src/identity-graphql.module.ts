import { Module } from '@nestjs/common';
import { Authenticator } from '@resettle/access';
import { OrganisationsModule } from '@resettle/organisations';
import { OrganisationRolesResolver } from './admin/organisation-roles.resolver';
import { UserAdminService } from './admin/user-admin.service';
import { UsersResolver } from './admin/users.resolver';
import { AccessTokens } from './auth/access-tokens';
import { AuthResolver } from './auth/auth.resolver';
import { AuthService } from './auth/auth.service';
import { OidcTokens } from './auth/oidc-tokens';
import { PasswordHasher } from './auth/password-hasher';
import { RefreshTokens } from './auth/refresh-tokens';
import { SignInThrottle } from './auth/sign-in-throttle.service';
import { TokenAuthenticator } from './auth/token-authenticator';
import { IdentityModule } from './identity.module';
import { InvitationAcceptance } from './invitations/invitation-acceptance.service';
import { InvitationsResolver } from './invitations/invitations.resolver';

/**
 * Sign-in and user administration, for the api only: provides the Authenticator the access guard uses (our own
 * tokens and, when configured, a council's OpenID Connect tokens).
 */
@Module({
  imports: [IdentityModule, OrganisationsModule],
  providers: [
    PasswordHasher,
    AccessTokens,
    OidcTokens,
    RefreshTokens,
    SignInThrottle,
    AuthService,
    UserAdminService,
    { provide: Authenticator, useClass: TokenAuthenticator },
    InvitationAcceptance,
    AuthResolver,
    UsersResolver,
    OrganisationRolesResolver,
    InvitationsResolver,
  ],
  exports: [Authenticator],
})
export class IdentityGraphqlModule {}
