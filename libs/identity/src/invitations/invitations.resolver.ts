import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AccessContext, Public } from '@resettle/access';
import { requestInfoOf } from '../auth/request-info';
import { AcceptedInvitation, AcceptInvitationInput, InvitationLink } from './invitation.types';
import { InvitationAcceptance } from './invitation-acceptance.service';

/** The invitee's side: anyone holding a link may see what it is and use it (they are not signed in yet). */
@Resolver()
export class InvitationsResolver {
  constructor(private readonly acceptance: InvitationAcceptance) {}

  @Query(() => InvitationLink, {
    description: 'What an emailed invitation link is: whose, and whether it still works.',
  })
  @Public()
  invitation(@Args('token') token: string) {
    return this.acceptance.lookup(token);
  }

  @Mutation(() => AcceptedInvitation, {
    description:
      'Choose your password with the link you were emailed; the link is then used up. Then sign in with `login`. A link that no longer works is CONFLICT (extensions.invitationStatus).',
  })
  @Public()
  acceptInvitation(@Args('input') input: AcceptInvitationInput, @Context() ctx: AccessContext) {
    return this.acceptance.accept(input.token, input.password, requestInfoOf(ctx));
  }
}
