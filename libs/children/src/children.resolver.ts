import { ParseUUIDPipe } from '@nestjs/common';
import {
  Args,
  Context,
  ID,
  Info,
  Int,
  Mutation,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
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
import {
  BadUserInputError,
  Clock,
  Connection,
  decodeCursor,
  encodeCursor,
  isUuid,
  pageSize,
  toConnection,
} from '@resettle/common';
import { loadOrganisation, Organisation, OrganisationsService } from '@resettle/organisations';
import { ageOn } from './age';
import { Child } from './child.entity';
import { ChildrenService, ChildScopeSql } from './children.service';
import { RegisterChildInput } from './dto/register-child.input';
import { PossibleDuplicatesInput, SearchChildrenArgs } from './dto/search-children.args';
import { ParentCarer } from './parent-carer.entity';

@ObjectType()
class ChildConnection extends Connection(Child, 'Child') {}

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

  @Query(() => ChildConnection, {
    name: 'children',
    description:
      'Children you may see, by part of their name (accents and case ignored), date of birth or reference, by family ' +
      'then given name. Each child returned is audited as read.',
  })
  @Allow(Capability.READ_CHILD)
  async searchChildren(
    @Args() args: SearchChildrenArgs,
    @CurrentCaller() caller: Caller,
    @Info() info: GraphQLResolveInfo,
  ) {
    const { filter } = args;
    if (!filter.nameContains && !filter.dateOfBirth && !filter.reference) {
      throw BadUserInputError.forField('filter', 'Give a name, a date of birth or a reference to search for');
    }
    const limit = pageSize(args.first);
    const after = args.after
      ? decodeCursor(
          args.after,
          3,
          ([family, given, id]) => typeof family === 'string' && typeof given === 'string' && isUuid(id),
        )
      : null;
    const { total, rows } = await this.children.search(
      filter,
      this.scopeOf(caller),
      limit + 1,
      after && { familyName: after[0] as string, givenName: after[1] as string, id: after[2] as string },
    );
    await this.access.recordListRead(
      caller,
      rows.slice(0, limit).map((c) => ({ childId: c.id, resource: { type: 'Child', id: c.id } })),
      selectedFieldPaths(info),
    );
    return toConnection(rows, limit, total, (c) => encodeCursor([c.familyName, c.givenName, c.id]));
  }

  /** The children the caller may see, as a SQL condition (the access policy's scope, filtered in the query). */
  private scopeOf(caller: Caller): ChildScopeSql {
    return (childIdSql, param) => this.access.childScopeSql(caller.actor, childIdSql, param);
  }

  @Query(() => [Child], {
    description:
      'Children you may see who may be the child you are about to register: the same date of birth and the same or ' +
      'a similar name (accents and case ignored, given and family names also swapped). Each is audited as read.',
  })
  @Allow(Capability.REGISTER_CHILD)
  async possibleDuplicateChildren(
    @Args('input') input: PossibleDuplicatesInput,
    @CurrentCaller() caller: Caller,
    @Info() info: GraphQLResolveInfo,
  ) {
    const duplicates = await this.children.possibleDuplicates(input, this.scopeOf(caller));
    await this.access.recordListRead(
      caller,
      duplicates.map((c) => ({ childId: c.id, resource: { type: 'Child', id: c.id } })),
      selectedFieldPaths(info),
    );
    return duplicates;
  }

  @Mutation(() => Child, {
    description:
      'Record a child new to the service, with their parents or carers. Refused (CONFLICT, nothing written, the ids ' +
      'in `extensions.duplicateIds`) while children you may see could be the same child, unless ' +
      '`duplicatesSetAside` names every one of them.',
  })
  @Allow(Capability.REGISTER_CHILD)
  async registerChild(@Args('input') input: RegisterChildInput, @CurrentCaller() caller: Caller) {
    return this.children.register(input, caller, this.scopeOf(caller));
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
