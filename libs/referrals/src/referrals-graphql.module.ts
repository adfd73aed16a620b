import { Module, OnModuleInit } from '@nestjs/common';
import { ChildRecordsRegistry, ChildRelationsRegistry } from '@resettle/access';
import { CustodyModule } from '@resettle/custody';
import { IdentityModule } from '@resettle/identity';
import { MilestonesModule } from '@resettle/milestones';
import { OrganisationsModule } from '@resettle/organisations';
import { PlanningModule } from '@resettle/planning';
import {
  ReferralDeadlineFieldsResolver,
  ReferralEventFieldsResolver,
  ReferralFieldsResolver,
  ReferralMessageFieldsResolver,
} from './referral-fields.resolver';
import { ReferralsModule } from './referrals.module';
import { PlanReferralsResolver, ReferralsResolver } from './referrals.resolver';
import { ReferralsService } from './referrals.service';
import {
  ReferralResponseTimesResolver,
  ResponseTimeMeasuresResolver,
} from './response-times/referral-response-times.resolver';

@Module({
  imports: [ReferralsModule, PlanningModule, CustodyModule, IdentityModule, MilestonesModule, OrganisationsModule],
  providers: [
    ReferralsResolver,
    PlanReferralsResolver,
    ReferralFieldsResolver,
    ReferralDeadlineFieldsResolver,
    ReferralMessageFieldsResolver,
    ReferralEventFieldsResolver,
    ReferralResponseTimesResolver,
    ResponseTimeMeasuresResolver,
  ],
})
export class ReferralsGraphqlModule implements OnModuleInit {
  constructor(
    private readonly registry: ChildRelationsRegistry,
    private readonly records: ChildRecordsRegistry,
    private readonly referrals: ReferralsService,
  ) {}

  onModuleInit(): void {
    // Partners a referral has been sent to may see the child: a placement summary for an accommodation authority,
    // a pathway summary for a health or education provider.
    this.registry.register(this.referrals);
    // Whose each referral and message is, for the audit rows of operations that name one: a partner refused a DRAFT
    // it may not see, a stale version, a move the referral's status does not allow.
    this.records.register('Referral', (ids) => `SELECT r.id, r.child_id FROM referral r WHERE r.id = ANY(${ids})`);
    this.records.register(
      'ReferralMessage',
      (ids) =>
        `SELECT m.id, r.child_id FROM referral_message m JOIN referral r ON r.id = m.referral_id WHERE m.id = ANY(${ids})`,
    );
  }
}
