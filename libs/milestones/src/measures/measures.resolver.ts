import { Args, Info, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import {
  AccessService,
  Allow,
  auditActorOf,
  Caller,
  Capability,
  CurrentCaller,
  measuresServiceScope,
  selectedFieldPaths,
} from '@resettle/access';
import { AuditOutcome, AuditService } from '@resettle/audit';
import { BadUserInputError, daysBetween } from '@resettle/common';
import { MeasuresService } from './measures.service';
import {
  MEASURE_CHILDREN_PAGE_SIZE,
  MeasureChildrenInput,
  MeasureChildrenPage,
  ResettlementMeasuresInput,
  ResettlementMeasuresType,
} from './measures.types';
import { BREAKDOWN_DIMENSIONS, monthsOfPeriod, publishBreakdown, publishByMonth } from './rules/measure-breakdowns';
import { publishMeasures } from './rules/resettlement-measures';

/** The longest period asked for at once: a year (a leap year's 366 days). */
const MAX_PERIOD_DAYS = 366;

@Resolver(() => ResettlementMeasuresType)
export class MeasuresResolver {
  constructor(
    private readonly measures: MeasuresService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  @Query(() => ResettlementMeasuresType, {
    description:
      'The resettlement measures of the children released from `from` to `to` (counts only, under 5 suppressed): a youth justice manager for their service, a national admin for any service or all of England and Wales.',
  })
  @Allow(Capability.READ_MEASURES)
  async resettlementMeasures(
    @Args('input') input: ResettlementMeasuresInput,
    @CurrentCaller() caller: Caller,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ResettlementMeasuresType> {
    checkPeriod(input);
    const scope = measuresServiceScope(caller.actor, input.youthJusticeServiceId);
    if (scope === 'NOT_FOUND') {
      return this.access.refuseMissing(caller, { type: 'YouthJusticeService', id: input.youthJusticeServiceId! });
    }
    const selected = selectedFieldPaths(info);
    const published = publishMeasures(await this.measures.counts(input, scope));
    // The breakdowns cost a statement of their own: counted only when asked for.
    const breakdowns = selected.some((path) => path.startsWith('breakdowns.'))
      ? await this.measures.breakdownCounts(input, scope)
      : null;
    const byMonth = selected.some((path) => path.startsWith('byMonth.'))
      ? publishByMonth(monthsOfPeriod(input), await this.measures.monthlyCounts(input, scope))
      : undefined;
    // Aggregates name no child: one row for the read, with what was asked.
    await this.audit.record({
      actor: auditActorOf(caller.actor),
      action: caller.operation,
      resourceType: 'ResettlementMeasures',
      resourceId: scope?.[0] ?? null,
      outcome: AuditOutcome.ALLOWED,
      fieldsRead: selected,
      detail: { from: input.from, to: input.to, youthJusticeServiceId: scope?.[0] ?? null },
      requestId: caller.requestId,
      clientIp: caller.clientIp,
    });
    return {
      from: input.from,
      to: input.to,
      youthJusticeServiceId: scope?.[0] ?? null,
      ...published,
      breakdowns: breakdowns
        ? BREAKDOWN_DIMENSIONS.map((dimension) => publishBreakdown(dimension, breakdowns.get(dimension) ?? []))
        : undefined,
      byMonth,
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
    const scope = measuresServiceScope(caller.actor, input.youthJusticeServiceId);
    // The capability keeps national admins (every service) out; a manager naming another service learns nothing.
    if (scope === 'NOT_FOUND' || scope === null) {
      return this.access.refuseMissing(caller, { type: 'YouthJusticeService', id: input.youthJusticeServiceId ?? '' });
    }
    const page = input.page ?? 1;
    const { total, children } = await this.measures.figureChildren(input, scope, input.figure, {
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
}

function checkPeriod(input: { from: string; to: string }): void {
  if (input.to < input.from)
    throw BadUserInputError.forField('to', 'The end of the period must not be before its start');
  if (daysBetween(input.from, input.to) >= MAX_PERIOD_DAYS) {
    throw BadUserInputError.forField('to', `The period can be at most ${MAX_PERIOD_DAYS} days long`);
  }
}
