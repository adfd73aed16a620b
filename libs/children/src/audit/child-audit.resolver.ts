import { ParseUUIDPipe } from '@nestjs/common';
import { Args, Context, Field, ID, Int, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AccessContext,
  AccessService,
  Allow,
  Caller,
  Capability,
  ChildAction,
  CurrentCaller,
  DecidedByParent,
} from '@resettle/access';
import { AuditEventConnection, AuditService } from '@resettle/audit';
import { Clock, PageArgs } from '@resettle/common';
import { User, UsersService } from '@resettle/identity';
import { loadOrganisation, Organisation, OrganisationsService } from '@resettle/organisations';

@ObjectType({ description: 'One person (and their organisation) who has seen or changed the child’s record.' })
export class AccessReportEntry {
  organisationId: string | null;
  userId: string | null;

  @Field(() => Date)
  firstAccessAt: Date;

  @Field(() => Date)
  lastAccessAt: Date;

  @Field(() => Int, { description: 'How many reads and changes.' })
  times: number;

  @Field(() => [String], { description: 'The operations they used (`child`, `caseload`, `recordSentence`, …).' })
  actions: string[];
}

@ObjectType({ description: 'Everyone who has seen the child’s record: what a subject access request needs.' })
export class AccessReport {
  @Field(() => ID)
  childId: string;

  @Field(() => Date)
  generatedAt: Date;

  @Field(() => [AccessReportEntry], { description: 'Most recent first.' })
  entries: AccessReportEntry[];
}

/** A child's audit trail and access report, for managers of a youth justice service that supervises the child. */
@Resolver()
export class ChildAuditResolver {
  constructor(
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @Query(() => AuditEventConnection, { description: 'Every read of and change to the child’s record, newest first.' })
  @Allow(Capability.READ_AUDIT)
  async auditTrail(
    @Args('childId', { type: () => ID }, ParseUUIDPipe) childId: string,
    @Args() page: PageArgs,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.access.authorizeChange(
      ctx,
      caller,
      childId,
      ChildAction.READ_AUDIT,
      { type: 'Child', id: childId },
      undefined,
      { auditAllowed: true },
    );
    return this.audit.trailOf(childId, page.first, page.after);
  }

  @Query(() => AccessReport)
  @Allow(Capability.READ_AUDIT)
  async accessReport(
    @Args('childId', { type: () => ID }, ParseUUIDPipe) childId: string,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ): Promise<AccessReport> {
    await this.access.authorizeChange(
      ctx,
      caller,
      childId,
      ChildAction.READ_AUDIT,
      { type: 'Child', id: childId },
      undefined,
      { auditAllowed: true },
    );
    const entries = await this.audit.accessReportOf(childId);
    return { childId, generatedAt: this.clock.now(), entries };
  }
}

@Resolver(() => AccessReportEntry)
export class AccessReportEntryResolver {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
  ) {}

  @DecidedByParent()
  @ResolveField(() => Organisation, { nullable: true })
  organisation(@Parent() entry: AccessReportEntry, @Context() ctx: AccessContext) {
    return loadOrganisation(ctx, this.organisations, entry.organisationId);
  }

  @DecidedByParent()
  @ResolveField(() => User, { nullable: true })
  user(@Parent() entry: AccessReportEntry, @Context() ctx: AccessContext) {
    if (!entry.userId) return null;
    return ctx.loaders.get<string, User | null>('user', (ids) => this.users.findByIds(ids)).load(entry.userId);
  }
}
