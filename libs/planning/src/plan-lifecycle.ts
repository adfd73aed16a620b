import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Caller } from '@resettle/access';
import type { PlanChange } from './plan-history.service';

/** Work another feature does inside the transaction of any plan change (milestones check the facts that meet them). */
export type PlanChangedHook = (em: EntityManager, change: PlanChange, caller: Caller) => Promise<void>;

/**
 * Every plan change (the plan, pathways, meetings, the release day) passes through `PlanHistory.record`, which
 * runs these hooks in the same transaction. Features that build on the plan register here, so planning does not
 * depend on them.
 */
@Injectable()
export class PlanLifecycle {
  private readonly hooks: PlanChangedHook[] = [];

  onChanged(hook: PlanChangedHook): void {
    this.hooks.push(hook);
  }

  async changed(em: EntityManager, change: PlanChange, caller: Caller): Promise<void> {
    for (const hook of this.hooks) await hook(em, change, caller);
  }
}
