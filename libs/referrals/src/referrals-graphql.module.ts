import { Module, OnModuleInit } from '@nestjs/common';
import { ChildRelationsRegistry } from '@resettle/access';
import { PlanningModule } from '@resettle/planning';
import { ReferralsModule } from './referrals.module';
import { ReferralsService } from './referrals.service';
import { PlanReferralsResolver, ReferralsResolver } from './referrals.resolver';

@Module({
  imports: [ReferralsModule, PlanningModule],
  providers: [ReferralsResolver, PlanReferralsResolver],
})
export class ReferralsGraphqlModule implements OnModuleInit {
  constructor(
    private readonly registry: ChildRelationsRegistry,
    private readonly referrals: ReferralsService,
  ) {}

  onModuleInit(): void {
    // Partners a referral has been sent to may see the child: a placement summary for an accommodation authority,
    // a pathway summary for a health or education provider.
    this.registry.register(this.referrals);
  }
}
