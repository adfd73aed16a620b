import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Caller } from '@resettle/access';
import { EpisodeLifecycle, SupervisionHandOver } from '@resettle/custody';

/**
 * When a child's supervision moves to another youth justice service, their referrals go with them: the receiving
 * service makes and answers them from then on (so the partner deals with one service, and the old one no longer
 * sees the plan's referrals). Each open accommodation referral that reached its council says so on its thread.
 */
@Injectable()
export class ReferralHandOver implements OnModuleInit {
  constructor(private readonly lifecycle: EpisodeLifecycle) {}

  onModuleInit(): void {
    this.lifecycle.onSupervisionTransferred((em, handOver, caller) => this.handOver(em, handOver, caller));
  }

  async handOver(em: EntityManager, handOver: SupervisionHandOver, caller: Caller): Promise<void> {
    // The version moves too: a form opened before the hand-over is refused as stale.
    await em.query(
      `UPDATE referral SET from_service_id = $1, version = version + 1, updated_at = now() WHERE episode_id = $2`,
      [handOver.toServiceId, handOver.episode.id],
    );
    const body =
      `Supervision of this child moved from ${handOver.fromServiceName} to ${handOver.toServiceName} ` +
      `on ${handOver.effectiveDate}. ${handOver.toServiceName} now holds the case; please reply to them here.`;
    await em.query(
      `INSERT INTO referral_message (referral_id, author_user_id, author_organisation_id, body)
       SELECT r.id, $2, $3, $4 FROM referral r
        WHERE r.episode_id = $1 AND r.type = 'ACCOMMODATION' AND r.sent_at IS NOT NULL
          AND r.status NOT IN ('DECLINED', 'WITHDRAWN', 'FELL_THROUGH')`,
      [handOver.episode.id, caller.actor.userId, caller.actor.organisationId, body],
    );
  }
}
