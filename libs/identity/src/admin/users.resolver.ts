import { ParseUUIDPipe } from '@nestjs/common';
import { Args, Context, Field, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AccessContext,
  Allow,
  Caller,
  Capability,
  CurrentCaller,
  DecidedByParent,
  mayManageUsersOf,
} from '@resettle/access';
import { Connection, GraphqlContext } from '@resettle/common';
import { loadOrganisation, Organisation, OrganisationsService } from '@resettle/organisations';
import { InvitationLinkStatus, UserInvitationView } from '../invitations/invitation.types';
import { InvitationsService, InvitationView } from '../invitations/invitations.service';
import { User } from '../user.entity';
import { UsersService } from '../users.service';
import {
  CreateUserInput,
  DisableUserInput,
  EnableUserInput,
  ResendInvitationInput,
  SetMyWorkPhoneInput,
  SetUserRolesInput,
  UsersArgs,
} from './user.inputs';
import { UserAdminService } from './user-admin.service';

@ObjectType()
class UserConnection extends Connection(User, 'User') {}

/** A case manager another service may name when handing a child's case to theirs: who they are, and no more. */
@ObjectType()
class CaseManagerChoice {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Given and family name.' })
  name: string;
}

@Resolver(() => User)
export class UsersResolver {
  constructor(
    private readonly usersService: UsersService,
    private readonly admin: UserAdminService,
    private readonly organisations: OrganisationsService,
    private readonly invitations: InvitationsService,
  ) {}

  @Query(() => User, { description: 'You: your account, organisation and roles.' })
  @Allow(Capability.READ_SELF)
  me(@CurrentCaller() caller: Caller) {
    return this.usersService.get(caller.actor.userId);
  }

  @Mutation(() => User, {
    description:
      'Your work phone, which the partners of your children’s referrals see with your name and email. BAD_USER_INPUT ' +
      'naming workPhone unless it is a UK number; null or empty removes it.',
  })
  @Allow(Capability.CHANGE_OWN_DETAILS)
  setMyWorkPhone(@Args('input') input: SetMyWorkPhoneInput, @CurrentCaller() caller: Caller) {
    return this.admin.setOwnWorkPhone(caller, input.workPhone ?? null);
  }

  @Query(() => UserConnection, {
    description: 'Users you manage, by email: any organisation for national admins, your own for managers.',
  })
  @Allow(Capability.MANAGE_USERS)
  users(@Args() args: UsersArgs, @CurrentCaller() caller: Caller) {
    return this.admin.list(caller, args.organisationId, args.first, args.after);
  }

  @Query(() => [CaseManagerChoice], {
    description:
      'The active case managers (YJS_CASE_MANAGER) of a youth justice service, by family name: name and id only, for ' +
      'a youth justice manager naming the receiving case manager when moving a child’s supervision ' +
      '(transferSupervision’s caseManagerId). Audited. NOT_FOUND unless the organisation is a youth justice service.',
  })
  @Allow(Capability.TRANSFER_SUPERVISION)
  caseManagersOf(
    @Args('organisationId', { type: () => ID }, ParseUUIDPipe) organisationId: string,
    @CurrentCaller() caller: Caller,
  ) {
    return this.admin.caseManagersOf(caller, organisationId);
  }

  @Mutation(() => User, {
    description:
      'A new account. It is emailed a one-time link to choose its own password (sendInvitation, the default), or signs in only through OpenID Connect. Its email must be in one of the organisation’s email domains.',
  })
  @Allow(Capability.MANAGE_USERS)
  createUser(@Args('input') input: CreateUserInput, @CurrentCaller() caller: Caller) {
    return this.admin.create(caller, input);
  }

  @Mutation(() => User, { description: 'Replace a user’s roles.' })
  @Allow(Capability.MANAGE_USERS)
  setUserRoles(@Args('input') input: SetUserRolesInput, @CurrentCaller() caller: Caller) {
    return this.admin.setRoles(caller, input);
  }

  @Mutation(() => User, { description: 'Stop a user signing in; their tokens stop working at once.' })
  @Allow(Capability.MANAGE_USERS)
  disableUser(@Args('input') input: DisableUserInput, @CurrentCaller() caller: Caller) {
    return this.admin.setDisabled(caller, input.userId, true);
  }

  @Mutation(() => User)
  @Allow(Capability.MANAGE_USERS)
  enableUser(@Args('input') input: EnableUserInput, @CurrentCaller() caller: Caller) {
    return this.admin.setDisabled(caller, input.userId, false);
  }

  @Mutation(() => User, {
    description:
      'Email a new invitation link to someone who has not yet chosen a password; the old link stops working.',
  })
  @Allow(Capability.MANAGE_USERS)
  resendInvitation(@Args('input') input: ResendInvitationInput, @CurrentCaller() caller: Caller) {
    return this.admin.resendInvitation(caller, input.userId);
  }

  @DecidedByParent()
  @ResolveField(() => Boolean, {
    nullable: true,
    description: 'Whether they have chosen a password; only for you and those who manage their users.',
  })
  async hasPassword(@Parent() user: User, @Context() ctx: AccessContext) {
    if (!this.mayManage(ctx, user)) return null;
    return ctx.loaders
      .get<string, boolean>('identity:hasPassword', async (ids) => {
        const set = await this.invitations.withPassword(ids);
        return ids.map((id) => set.has(id));
      })
      .load(user.id);
  }

  @DecidedByParent()
  @ResolveField(() => UserInvitationView, {
    nullable: true,
    description: 'Their latest invitation; only for you and those who manage their users.',
  })
  async invitation(@Parent() user: User, @Context() ctx: AccessContext) {
    if (!this.mayManage(ctx, user)) return null;
    const view = await ctx.loaders
      .get<string, InvitationView | null>('identity:latestInvitation', async (ids) => {
        const latest = await this.invitations.latestOf(ids);
        return ids.map((id) => latest.get(id) ?? null);
      })
      .load(user.id);
    return view ? { ...view, status: view.status as InvitationLinkStatus } : null;
  }

  private mayManage(ctx: AccessContext, user: User): boolean {
    const actor = ctx.actor;
    return !!actor && (actor.userId === user.id || mayManageUsersOf(actor, user.organisationId));
  }

  @DecidedByParent()
  @ResolveField(() => Organisation)
  organisation(@Parent() user: User, @Context() ctx: GraphqlContext) {
    return loadOrganisation(ctx, this.organisations, user.organisationId);
  }
}
