import { ParseUUIDPipe } from '@nestjs/common';
import { Args, Context, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import {
  AccessContext,
  AccessService,
  Allow,
  Caller,
  Capability,
  ChildFieldGroup,
  CurrentCaller,
  DecidedByParent,
  selectedFieldPaths,
} from '@resettle/access';
import { Clock } from '@resettle/common';
import { loadOrganisation, Organisation, OrganisationsService } from '@resettle/organisations';
import { ageOn } from './age';
import { Child } from './child.entity';
import { ChildrenService } from './children.service';
import { RegisterChildInput } from './dto/register-child.input';
import { ParentCarer } from './parent-carer.entity';

const HIDDEN = 'Null unless your access to this child includes it.';

@Resolver(() => Child)
export class ChildrenResolver {
  constructor(
    private readonly children: ChildrenService,
    private readonly organisations: OrganisationsService,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {}

  @Query(() => Child, {
    description: 'One child’s record, if your organisation works with them (NOT_FOUND otherwise).',
  })
  @Allow(Capability.READ_CHILD)
  async child(
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    await this.access.authorizeRead(ctx, caller, id, { type: 'Child', id }, { fieldsRead: selectedFieldPaths(info) });
    return this.children.get(id);
  }

  @Mutation(() => Child, { description: 'Record a child new to the service, with their parents or carers.' })
  @Allow(Capability.REGISTER_CHILD)
  registerChild(@Args('input') input: RegisterChildInput, @CurrentCaller() caller: Caller) {
    return this.children.register(input, caller);
  }

  // ---- fields shown as far as the caller's view of the child allows

  private async shows(ctx: AccessContext, child: Child, group: ChildFieldGroup): Promise<boolean> {
    return (await this.access.visibleFieldGroups(ctx, child.id)).has(group);
  }

  @DecidedByParent()
  @ResolveField(() => String, {
    nullable: true,
    description: `ONS 2021 ethnic group key, as the child describes themselves. Special category data. ${HIDDEN}`,
  })
  async ethnicity(@Parent() child: Child, @Context() ctx: AccessContext) {
    return (await this.shows(ctx, child, ChildFieldGroup.SPECIAL_CATEGORY)) ? child.ethnicity : null;
  }

  @DecidedByParent()
  @ResolveField(() => [String], { nullable: true, description: HIDDEN })
  async disabilities(@Parent() child: Child, @Context() ctx: AccessContext) {
    return (await this.shows(ctx, child, ChildFieldGroup.NEEDS)) ? child.disabilities : null;
  }

  @DecidedByParent()
  @ResolveField(() => String, { nullable: true, description: `How to communicate well with the child. ${HIDDEN}` })
  async communicationNeeds(@Parent() child: Child, @Context() ctx: AccessContext) {
    return (await this.shows(ctx, child, ChildFieldGroup.NEEDS)) ? child.communicationNeeds : null;
  }

  @DecidedByParent()
  @ResolveField(() => Boolean, { nullable: true, description: `Has an education, health and care plan. ${HIDDEN}` })
  async hasEhcp(@Parent() child: Child, @Context() ctx: AccessContext) {
    return (await this.shows(ctx, child, ChildFieldGroup.NEEDS)) ? child.hasEhcp : null;
  }

  @DecidedByParent()
  @ResolveField(() => Boolean, {
    nullable: true,
    description: `Looked after by a local authority (every remanded child is). ${HIDDEN}`,
  })
  async lookedAfter(@Parent() child: Child, @Context() ctx: AccessContext) {
    return (await this.shows(ctx, child, ChildFieldGroup.CARE_STATUS)) ? child.lookedAfter : null;
  }

  @DecidedByParent()
  @ResolveField(() => Boolean, { nullable: true, description: HIDDEN })
  async careLeaver(@Parent() child: Child, @Context() ctx: AccessContext) {
    return (await this.shows(ctx, child, ChildFieldGroup.CARE_STATUS)) ? child.careLeaver : null;
  }

  @DecidedByParent()
  @ResolveField(() => Organisation, {
    nullable: true,
    description: `The local authority responsible for a looked-after child. ${HIDDEN}`,
  })
  async responsibleAuthority(@Parent() child: Child, @Context() ctx: AccessContext) {
    if (!(await this.shows(ctx, child, ChildFieldGroup.CARE_STATUS))) return null;
    return loadOrganisation(ctx, this.organisations, child.responsibleAuthorityId);
  }

  @DecidedByParent()
  @ResolveField(() => Organisation, {
    nullable: true,
    description: `The local authority the child comes from. ${HIDDEN}`,
  })
  async homeAuthority(@Parent() child: Child, @Context() ctx: AccessContext) {
    if (!(await this.shows(ctx, child, ChildFieldGroup.CARE_STATUS))) return null;
    return loadOrganisation(ctx, this.organisations, child.homeAuthorityId);
  }

  @DecidedByParent()
  @ResolveField(() => [ParentCarer], { nullable: true, description: HIDDEN })
  async parentsCarers(@Parent() child: Child, @Context() ctx: AccessContext) {
    if (!(await this.shows(ctx, child, ChildFieldGroup.FAMILY))) return null;
    return ctx.loaders
      .get<string, ParentCarer[]>('parentsCarers', (ids) => this.children.parentsCarersOf(ids))
      .load(child.id);
  }

  @DecidedByParent()
  @ResolveField(() => Int, { description: 'Age in whole years today.' })
  age(@Parent() child: Child) {
    return ageOn(child.dateOfBirth, this.clock.today());
  }
}
