import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@resettle/audit';
import { ChildrenModule } from '@resettle/children';
import { CustodyModule } from '@resettle/custody';
import { IdentityModule } from '@resettle/identity';
import { MilestonesModule } from '@resettle/milestones';
import { NotificationsModule } from '@resettle/notifications';
import { OrganisationsModule } from '@resettle/organisations';
import { PlanningModule } from '@resettle/planning';
import { Referral } from './entities/referral.entity';
import { ReferralEvent } from './entities/referral-event.entity';
import { ReferralMessage } from './entities/referral-message.entity';
import { ReferralFacts } from './referral-facts';
import { ReferralHandOver } from './referral-hand-over';
import { ReferralsService } from './referrals.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Referral, ReferralEvent, ReferralMessage]),
    AuditModule,
    ChildrenModule,
    CustodyModule,
    IdentityModule,
    MilestonesModule,
    NotificationsModule,
    OrganisationsModule,
    PlanningModule,
  ],
  providers: [ReferralsService, ReferralFacts, ReferralHandOver],
  exports: [ReferralsService],
})
export class ReferralsModule {}
