import { ParseUUIDPipe } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Clock, GraphqlContext } from '@resettle/common';
import { loadOrganisation, Organisation, OrganisationsService } from '@resettle/organisations';
import { Child } from './child.entity';
import { ParentCarer } from './parent-carer.entity';
import { ChildrenService } from './children.service';
import { RegisterChildInput } from './dto/register-child.input';
import { ageOn } from './age';

@Resolver(() => Child)
export class ChildrenResolver {
  constructor(
    private readonly children: ChildrenService,
    private readonly organisations: OrganisationsService,
    private readonly clock: Clock,
  ) {}

  @Query(() => Child)
  child(@Args('id', { type: () => ID }, ParseUUIDPipe) id: string) {
    return this.children.get(id);
  }

  @Mutation(() => Child, { description: 'Record a child new to the service, with their parents or carers.' })
  registerChild(@Args('input') input: RegisterChildInput) {
    return this.children.register(input);
  }

  @ResolveField(() => [ParentCarer])
  parentsCarers(@Parent() child: Child, @Context() ctx: GraphqlContext) {
    return ctx.loaders
      .get<string, ParentCarer[]>('parentsCarers', (ids) => this.children.parentsCarersOf(ids))
      .load(child.id);
  }

  @ResolveField(() => Organisation, { nullable: true })
  responsibleAuthority(@Parent() child: Child, @Context() ctx: GraphqlContext) {
    return loadOrganisation(ctx, this.organisations, child.responsibleAuthorityId);
  }

  @ResolveField(() => Organisation, { nullable: true })
  homeAuthority(@Parent() child: Child, @Context() ctx: GraphqlContext) {
    return loadOrganisation(ctx, this.organisations, child.homeAuthorityId);
  }

  @ResolveField(() => Int, { description: 'Age in whole years today.' })
  age(@Parent() child: Child) {
    return ageOn(child.dateOfBirth, this.clock.today());
  }
}
