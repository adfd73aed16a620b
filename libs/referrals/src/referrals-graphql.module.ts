import { Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChildRecordsRegistry, ChildRelationsRegistry } from '@resettle/access';
import { CustodyModule } from '@resettle/custody';
import { IdentityModule } from '@resettle/identity';
import { MilestonesModule } from '@resettle/milestones';
import { OrganisationsModule } from '@resettle/organisations';
import { PlanningModule, PlanPrefetch } from '@resettle/planning';
import { referralsPlanPart } from './plan-referrals-part';
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
    private readonly planPrefetch: PlanPrefetch,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    // Partners a referral has been sent to may see the child: a placement summary for an accommodation authority,
    // a pathway summary for a health or education provider.
    this.registry.register(this.referrals);
    // A plan's page reads the plan's referrals with the plan (one statement), not a query of their own.
    this.planPrefetch.register(referralsPlanPart(this.dataSource));
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
