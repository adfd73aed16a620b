import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { AccessContext, Allow, Caller, Capability, CurrentCaller, Public } from '@resettle/access';
import { AuthService } from './auth.service';
import { AuthTokens, ChangePasswordInput, LoginInput, LogoutInput, RefreshInput } from './auth.types';
import { requestInfoOf } from './request-info';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Mutation(() => AuthTokens, {
    description:
      'Sign in with email and password. Repeated failures slow down, then lock, the account (and the address they come from): TOO_MANY_REQUESTS with retryAfterSeconds.',
  })
  @Public()
  login(@Args('input') input: LoginInput, @Context() ctx: AccessContext) {
    return this.auth.login(input, requestInfoOf(ctx));
  }

  @Mutation(() => AuthTokens, {
    description: 'New tokens for a refresh token, which is then used up (each works once).',
  })
  @Public()
  refresh(@Args('input') input: RefreshInput, @Context() ctx: AccessContext) {
    return this.auth.refresh(input.refreshToken, requestInfoOf(ctx));
  }

  @Mutation(() => Boolean, {
    description: 'Sign out: revokes the refresh token and every token refreshed from the same sign-in. Always true.',
  })
  @Public()
  logout(@Args('input') input: LogoutInput, @Context() ctx: AccessContext) {
    return this.auth.logout(input.refreshToken, requestInfoOf(ctx));
  }

  @Mutation(() => AuthTokens, {
    description: 'Change your password. Signs you out everywhere else; use the tokens returned.',
  })
  @Allow(Capability.CHANGE_OWN_PASSWORD)
  changePassword(@Args('input') input: ChangePasswordInput, @CurrentCaller() caller: Caller) {
    return this.auth.changePassword(caller, input);
  }
}
