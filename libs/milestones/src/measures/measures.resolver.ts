import { Args, Info, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import {
  AccessService,
  Actor,
  Allow,
  auditActorOf,
  Caller,
  Capability,
  CurrentCaller,
  hasRole,
  measureChildrenScope,
  MeasuresRefusal,
  MeasuresScope,
  measuresScope,
  MeasuresScopeKind,
  Role,
  selectedFieldPaths,
} from '@resettle/access';
import { AuditOutcome, AuditService } from '@resettle/audit';
import { BadUserInputError, daysBetween } from '@resettle/common';
import { ReleasedPopulation } from '@resettle/custody';
import { OrganisationsService, OrganisationType, SECURE_ESTABLISHMENT_TYPES } from '@resettle/organisations';
import { MeasuresService } from './measures.service';
import {
  MEASURE_CHILDREN_PAGE_SIZE,
  MeasureChildrenInput,
  MeasureChildrenPage,
  MeasuresScopeType,
  ResettlementMeasuresInput,
  ResettlementMeasuresType,
} from './measures.types';
import { monthsOfPeriod } from './rules/measure-breakdowns';
import { PublishedMeasuresPage, publishMeasuresPage } from './rules/measures-page';

/** The longest period asked for at once: a year (a leap year's 366 days). */
const MAX_PERIOD_DAYS = 366;

@Resolver(() => ResettlementMeasuresType)
export class MeasuresResolver {
  constructor(
    private readonly measures: MeasuresService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Query(() => ResettlementMeasuresType, {
    description:
      'The resettlement measures of the children released from `from` to `to` (counts only, under 5 suppressed) for a scope: a youth justice manager for their service, an establishment manager for their establishment, a council’s lead for their local authority, a national admin for any service, establishment, local authority, region or all of England and Wales.',
  })
  @Allow(Capability.READ_MEASURES)
  async resettlementMeasures(
    @Args('input') input: ResettlementMeasuresInput,
    @CurrentCaller() caller: Caller,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ResettlementMeasuresType> {
    checkPeriod(input);
    const asked = askedScope(input);
    const decided = measuresScope(caller.actor, asked, await this.ownLead(caller.actor));
    if ('refused' in decided) return this.refuse(caller, asked, decided);
    const { scope, population } = await this.resolve(caller, decided);
    const selected = selectedFieldPaths(info);
    // The headline, the breakdowns and the trend are suppressed together (one table's figures would give another's
    // hidden ones away), so any of them asked counts all three, in one call: each part's statement works out each
    // child's facts once (`MeasuresService.measure`). Not for a read of only the response times or whose they are.
    const counted = selected.some(
      (path) => !NOT_COUNTED.some((prefix) => path === prefix || path.startsWith(`${prefix}.`)),
    );
    let page: PublishedMeasuresPage | null = null;
    if (counted) {
      const { counts, breakdowns, months } = await this.measures.measure(input, population);
      page = publishMeasuresPage({ headline: counts, breakdowns, months: monthsOfPeriod(input), monthly: months });
    }
    const youthJusticeServiceId = scope.kind === 'YOUTH_JUSTICE_SERVICE' ? scope.organisationId : null;
    // Aggregates name no child: one row for the read, with what was asked.
    await this.audit.record({
      actor: auditActorOf(caller.actor),
      action: caller.operation,
      resourceType: 'ResettlementMeasures',
      resourceId: scope.organisationId ?? scope.region,
      outcome: AuditOutcome.ALLOWED,
      fieldsRead: selected,
      detail: {
        from: input.from,
        to: input.to,
        scope: scope.kind,
        organisationId: scope.organisationId,
        region: scope.region,
        youthJusticeServiceId,
      },
      requestId: caller.requestId,
      clientIp: caller.clientIp,
    });
    return {
      from: input.from,
      to: input.to,
      youthJusticeServiceId,
      scope,
      population,
      // Without the page nothing counted is selected, so nothing reads these fields.
      ...(page?.headline as PublishedMeasuresPage['headline']),
      breakdowns: page?.breakdowns,
      byMonth: page?.byMonth,
    };
  }

  @Query(() => MeasureChildrenPage, {
    description:
      "The children behind one of the measures' figures for a period (a youth justice manager: their own service's children only; never a national admin), 50 a page, each read audited.",
  })
  @Allow(Capability.READ_MEASURE_CHILDREN)
  async measureChildren(
    @Args('input') input: MeasureChildrenInput,
    @CurrentCaller() caller: Caller,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MeasureChildrenPage> {
    checkPeriod(input);
    const asked = askedScope(input);
    // The capability keeps national admins (aggregates only) out; a manager naming any scope but their own service
    // learns nothing.
    const decided = measureChildrenScope(caller.actor, asked);
    if ('refused' in decided) return this.refuse(caller, asked, decided);
    const page = input.page ?? 1;
    const population = { supervisingServiceIds: [decided.id!] };
    const { total, children } = await this.measures.figureChildren(input, population, input.figure, {
      limit: MEASURE_CHILDREN_PAGE_SIZE,
      offset: (page - 1) * MEASURE_CHILDREN_PAGE_SIZE,
    });
    const named = await this.measures.namesOf(children.map((c) => c.childId));
    // A list of children: every one on the page is a read of their record.
    await this.audit.recordEach(
      {
        actor: auditActorOf(caller.actor),
        action: caller.operation,
        resourceType: 'CustodialEpisode',
        outcome: AuditOutcome.ALLOWED,
        fieldsRead: selectedFieldPaths(info),
        detail: { figure: input.figure, from: input.from, to: input.to },
        requestId: caller.requestId,
        clientIp: caller.clientIp,
      },
      children.map((c) => ({ resourceId: c.episodeId, childId: c.childId })),
    );
    return {
      figure: input.figure,
      total,
      page,
      pageSize: MEASURE_CHILDREN_PAGE_SIZE,
      children: children.map((c) => ({ ...c, name: named.get(c.childId) ?? '' })),
    };
  }

  /** The lead of the caller's organisation, when a council's: only a council's lead sees its measures. */
  private async ownLead(actor: Actor): Promise<string | null> {
    if (!hasRole(actor, [Role.LA_CHILDRENS_SERVICES, Role.LA_ACCOMMODATION_OFFICER])) return null;
    const [own] = await this.organisations.findByIds([actor.organisationId]);
    return own?.leadUserId ?? null;
  }

  /** A scope the caller may not see: NOT_FOUND (as for any record), or FORBIDDEN; audited either way. */
  private refuse(caller: Caller, asked: MeasuresScope | null, refusal: MeasuresRefusal): Promise<never> {
    const resource = asked
      ? { type: RESOURCE_TYPE[asked.kind], id: asked.id ?? 'England and Wales' }
      : { type: 'Organisation', id: caller.actor.organisationId };
    return refusal.refused === 'FORBIDDEN'
      ? this.access.refuse(caller, resource, refusal.reason, 'Only the council’s lead can see its measures')
      : this.access.refuseMissing(caller, resource);
  }

  /**
   * The scope allowed, named, and the children released it counts. An organisation must be of the scope's kind (else
   * NOT_FOUND, as for one that does not exist); a region counts the children its youth justice services supervise.
   */
  private async resolve(
    caller: Caller,
    scope: MeasuresScope,
  ): Promise<{ scope: MeasuresScopeType; population: ReleasedPopulation | null }> {
    const named = (name: string, population: ReleasedPopulation | null) => ({
      scope: {
        kind: scope.kind,
        organisationId: scope.kind === 'REGION' ? null : scope.id,
        region: scope.kind === 'REGION' ? scope.id : null,
        name,
      },
      population,
    });
    if (scope.kind === 'ENGLAND_AND_WALES') return named('England and Wales', null);
    if (scope.kind === 'REGION') {
      const services = await this.organisations.idsInRegion(OrganisationType.YOUTH_JUSTICE_SERVICE, scope.id!);
      return named(scope.id!, { supervisingServiceIds: services });
    }
    const [organisation] = await this.organisations.findByIds([scope.id!]);
    if (!organisation || !ORGANISATION_TYPES[scope.kind].includes(organisation.type)) {
      return this.access.refuseMissing(caller, { type: RESOURCE_TYPE[scope.kind], id: scope.id! });
    }
    if (scope.kind === 'YOUTH_JUSTICE_SERVICE')
      return named(organisation.name, { supervisingServiceIds: [organisation.id] });
    if (scope.kind === 'ESTABLISHMENT') return named(organisation.name, { establishmentId: organisation.id });
    // A local authority as partner is the child's home authority: its accommodation team finds where the child will
    // live and its services are the ones the child goes back to (DOMAIN.md, "Local authority"), whatever their care
    // status. The responsible authority is recorded only for a looked-after child (a corporate parent, who may have
    // placed them out of area): counting by it would leave most children released out of every council's figures.
    return named(organisation.name, { homeAuthorityId: organisation.id });
  }
}

/** The fields of `ResettlementMeasuresType` that need none of the counts. */
const NOT_COUNTED = [
  'from',
  'to',
  'youthJusticeServiceId',
  'scope',
  'responseTimes',
  'providerResponseTimes',
  '__typename',
];

/** The audit's resource type of a scope refused (a service's as before). */
const RESOURCE_TYPE: Record<MeasuresScopeKind, string> = {
  YOUTH_JUSTICE_SERVICE: 'YouthJusticeService',
  ESTABLISHMENT: 'Establishment',
  LOCAL_AUTHORITY: 'LocalAuthority',
  REGION: 'Region',
  ENGLAND_AND_WALES: 'EnglandAndWales',
};

const ORGANISATION_TYPES: Record<
  'YOUTH_JUSTICE_SERVICE' | 'ESTABLISHMENT' | 'LOCAL_AUTHORITY',
  readonly OrganisationType[]
> = {
  YOUTH_JUSTICE_SERVICE: [OrganisationType.YOUTH_JUSTICE_SERVICE],
  ESTABLISHMENT: SECURE_ESTABLISHMENT_TYPES,
  LOCAL_AUTHORITY: [OrganisationType.LOCAL_AUTHORITY],
};

/**
 * The scope asked for, or null for the caller's own: `youthJusticeServiceId` (as before) or `scope`, not both; an
 * organisation's kind names one, a region its name, England and Wales neither (else BAD_USER_INPUT on the field).
 */
function askedScope(input: ResettlementMeasuresInput): MeasuresScope | null {
  const { youthJusticeServiceId: service, scope } = input;
  if (service && scope)
    throw BadUserInputError.forField('scope', 'Give either the scope or the youth justice service, not both');
  if (service) return { kind: 'YOUTH_JUSTICE_SERVICE', id: service.toLowerCase() };
  if (!scope) return null;
  const { kind, organisationId, region } = scope;
  if (kind === 'REGION') {
    if (organisationId) throw BadUserInputError.forField('scope.organisationId', 'A region has no organisation');
    if (!region) throw BadUserInputError.forField('scope.region', 'Choose a region');
    return { kind, id: region };
  }
  if (region) throw BadUserInputError.forField('scope.region', 'Only a region scope has a region');
  if (kind === 'ENGLAND_AND_WALES') {
    if (organisationId)
      throw BadUserInputError.forField('scope.organisationId', 'England and Wales has no organisation');
    return { kind, id: null };
  }
  if (!organisationId) throw BadUserInputError.forField('scope.organisationId', 'Choose an organisation');
  return { kind, id: organisationId.toLowerCase() };
}

function checkPeriod(input: { from: string; to: string }): void {
  if (input.to < input.from)
    throw BadUserInputError.forField('to', 'The end of the period must not be before its start');
  if (daysBetween(input.from, input.to) >= MAX_PERIOD_DAYS) {
    throw BadUserInputError.forField('to', `The period can be at most ${MAX_PERIOD_DAYS} days long`);
  }
}
