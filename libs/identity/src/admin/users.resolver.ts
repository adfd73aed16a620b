import { Args, Context, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Connection, GraphqlContext } from '@resettle/common';
import { Allow, Caller, Capability, CurrentCaller } from '@resettle/access';
import { loadOrganisation, Organisation, OrganisationsService } from '@resettle/organisations';
import { User } from '../user.entity';
import { UsersService } from '../users.service';
import { UserAdminService } from './user-admin.service';
import { CreateUserInput, DisableUserInput, EnableUserInput, SetUserRolesInput, UsersArgs } from './user.inputs';

@ObjectType()
export class UserConnection extends Connection(User, 'User') {}

@Resolver(() => User)
export class UsersResolver {
  constructor(
    private readonly usersService: UsersService,
    private readonly admin: UserAdminService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Query(() => User, { description: 'You: your account, organisation and roles.' })
  @Allow(Capability.READ_SELF)
  me(@CurrentCaller() caller: Caller) {
    return this.usersService.get(caller.actor.userId);
  }

  @Query(() => UserConnection, { description: 'Users you manage, by email: any organisation for national admins, your own for managers.' })
  @Allow(Capability.MANAGE_USERS)
  users(@Args() args: UsersArgs, @CurrentCaller() caller: Caller) {
    return this.admin.list(caller, args.organisationId, args.first, args.after);
  }

  @Mutation(() => User)
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

  @ResolveField(() => Organisation)
  organisation(@Parent() user: User, @Context() ctx: GraphqlContext) {
    return loadOrganisation(ctx, this.organisations, user.organisationId);
  }
}
