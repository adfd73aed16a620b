import { Injectable } from '@nestjs/common';
import { AccessContext, AccessService, Caller, ChildAction, ResourceRef } from '@resettle/access';
import { ResettlementPlan } from './entities/resettlement-plan.entity';
import { PlanningService } from './planning.service';

const PLAN_RESOURCE = 'Resettlement plan';

/**
 * The one check every change to a plan's own records goes through (the plan, its meetings, its release day): the
 * plan is the supervising service's. A plan that is missing and one that is not the caller's both answer NOT_FOUND,
 * named as the caller named the record, and are audited either way.
 */
@Injectable()
export class PlanAccess {
  constructor(
    private readonly planning: PlanningService,
    private readonly access: AccessService,
  ) {}

  async authorizePlanChange(
    ctx: AccessContext,
    caller: Caller,
    planId: string,
    resource: ResourceRef = { type: PLAN_RESOURCE, id: planId },
    /** CHANGE_PLAN, or a narrower act on the plan the policy names (ARRANGE_RELEASE_DAY). */
    action: ChildAction = ChildAction.CHANGE_PLAN,
  ): Promise<ResettlementPlan> {
    const plan = (await this.planning.findPlan(planId)) ?? (await this.access.refuseMissing(caller, resource));
    await this.access.authorizeChange(ctx, caller, plan.childId, action, resource, plan.episodeId);
    return plan;
  }
}
