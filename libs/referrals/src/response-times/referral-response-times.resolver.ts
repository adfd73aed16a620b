import { ParseUUIDPipe } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AccessContext,
  AccessService,
  Allow,
  Caller,
  Capability,
  CurrentCaller,
  DecidedByParent,
} from '@resettle/access';
import { BadUserInputError } from '@resettle/common';
import { ResettlementMeasuresType } from '@resettle/milestones';
import { OrganisationsService, OrganisationType } from '@resettle/organisations';
import { Referral } from '../entities/referral.entity';
import { mayConfigureResponseTargets, ResponseDue } from '../rules/response-due';
import { ReferralResponseTimes } from './referral-response-times.service';
import {
  ReferralResponseDue,
  ReferralResponseTargetType,
  ReferralResponseTimeMeasure,
  SetReferralResponseTargetsInput,
} from './response-times.types';

/** Councils' response targets over GraphQL, and each accommodation referral's step due. */
@Resolver(() => Referral)
export class ReferralResponseTimesResolver {
  constructor(
    private readonly responseTimes: ReferralResponseTimes,
    private readonly organisations: OrganisationsService,
    private readonly access: AccessService,
  ) {}

  @Query(() => [ReferralResponseTargetType], {
    description:
      'A council’s targets, in working days, for answering accommodation referrals (its own, or the national default); without a council, the national defaults.',
  })
  @Allow(Capability.READ_DIRECTORY)
  async referralResponseTargets(
    @Args('organisationId', { type: () => ID, nullable: true }, new ParseUUIDPipe({ optional: true }))
    organisationId?: string | null,
  ): Promise<ReferralResponseTargetType[]> {
    if (organisationId)
      await this.organisations.getOfType(organisationId, [OrganisationType.LOCAL_AUTHORITY], 'organisationId');
    return this.responseTimes.targetsView(organisationId ?? null);
  }

  @Query(() => Boolean, {
    description:
      'Whether you may change the council’s response targets (its lead, or a national admin); without a council, the national defaults. So a page offers the form only to those the mutation would allow.',
  })
  @Allow(Capability.READ_DIRECTORY)
  async mayConfigureReferralResponseTargets(
    @Args('organisationId', { type: () => ID, nullable: true }, new ParseUUIDPipe({ optional: true }))
    organisationId: string | null | undefined,
    @CurrentCaller() caller: Caller,
  ): Promise<boolean> {
    const council = organisationId
      ? await this.organisations.getOfType(organisationId, [OrganisationType.LOCAL_AUTHORITY], 'organisationId')
      : null;
    return mayConfigureResponseTargets(caller.actor, council);
  }

  @Mutation(() => [ReferralResponseTargetType], {
    description:
      'A council’s lead sets its targets for answering accommodation referrals; a national admin any council’s, or (without a council) the national defaults. A step without a figure uses the national default. Carries the version it was made against: a stale one is CONFLICT and writes nothing. Audited with before and after.',
  })
  @Allow(Capability.CONFIGURE_RESPONSE_TARGETS)
  async setReferralResponseTargets(
    @Args('input') input: SetReferralResponseTargetsInput,
    @CurrentCaller() caller: Caller,
  ): Promise<ReferralResponseTargetType[]> {
    const council = input.organisationId
      ? await this.organisations.getOfType(input.organisationId, [OrganisationType.LOCAL_AUTHORITY], 'organisationId')
      : null;
    if (!mayConfigureResponseTargets(caller.actor, council)) {
      await this.access.refuse(
        caller,
        { type: 'ReferralResponseTargets', id: input.organisationId ?? 'national' },
        council ? 'not the lead of this council' : 'not a national admin',
        council
          ? 'Only the council’s lead can change its response targets'
          : 'Only a national admin can change the national response targets',
      );
    }
    const steps = input.targets.map((t) => t.step);
    const repeated = steps.findIndex((step, i) => steps.indexOf(step) !== i);
    if (repeated >= 0)
      throw BadUserInputError.forField(`targets.${repeated}.step`, `The target for ${steps[repeated]} is given twice`);
    return this.responseTimes.setTargets(council?.id ?? null, input.targets, input.expectedVersion, caller);
  }

  @DecidedByParent()
  @ResolveField(() => ReferralResponseDue, {
    nullable: true,
    description:
      'For an accommodation referral, what the council owes now (acknowledge, answer, offer, confirm) and by when, against its target in working days; null when it owes nothing.',
  })
  async responseDue(@Parent() referral: Referral, @Context() ctx: AccessContext): Promise<ReferralResponseDue | null> {
    const due = await ctx.loaders
      .get<string, ResponseDue | null>('referrals:responseDue', (ids) => this.responseTimes.dueOf(ids))
      .load(referral.id);
    return due
      ? {
          step: due.step,
          dueDate: due.dueDate,
          targetWorkingDays: due.targetDays,
          overdueWorkingDays: due.overdueWorkingDays,
        }
      : null;
  }
}

/**
 * The measures' partners' response times (councils', providers'): fields of the resettlement measures, resolved here
 * since the times are this feature's. The measures query has already decided the caller's scope (its `population`)
 * and audits the read.
 */
@Resolver(() => ResettlementMeasuresType)
export class ResponseTimeMeasuresResolver {
  constructor(private readonly times: ReferralResponseTimes) {}

  @DecidedByParent()
  @ResolveField(() => [ReferralResponseTimeMeasure], {
    description:
      'Councils’ response times on accommodation referrals for steps answered in the period: median and 90th percentile working days per step, for all councils and each council; fewer than 5 answered steps suppressed, and so is any council’s count the total and the others would give away (its figures with it). The referrals of the scope: from its service (a region: its services), to its council, or all; none for an establishment.',
  })
  async responseTimes(@Parent() measures: ResettlementMeasuresType): Promise<ReferralResponseTimeMeasure[]> {
    const { population } = measures;
    // Referrals are made by youth justice services to councils: an establishment's measures have none.
    if (population?.establishmentId) return [];
    return this.times.measures(measures.from, measures.to, {
      fromServiceIds: population?.supervisingServiceIds ?? null,
      councilId: population?.homeAuthorityId ?? null,
    });
  }

  @DecidedByParent()
  @ResolveField(() => [ReferralResponseTimeMeasure], {
    description:
      'Providers’ response times on education and health referrals (schools, colleges, training providers; CAMHS, substance misuse, speech and language therapy, GPs) for steps answered in the period: median and 90th percentile working days per step, for all providers and each provider, suppressed as councils’ are. Providers have no targets. The referrals of the scope: from its service (a region: its services), of the children whose home is its council, or all; none for an establishment.',
  })
  async providerResponseTimes(@Parent() measures: ResettlementMeasuresType): Promise<ReferralResponseTimeMeasure[]> {
    const { population } = measures;
    if (population?.establishmentId) return [];
    return this.times.providerMeasures(measures.from, measures.to, {
      fromServiceIds: population?.supervisingServiceIds ?? null,
      homeAuthorityId: population?.homeAuthorityId ?? null,
    });
  }
}
