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
import { ReferralResponseNotice } from './entities/referral-response-notice.entity';
import { ReferralResponseTarget } from './entities/referral-response-target.entity';
import { ReferralResponseTargetVersion } from './entities/referral-response-target-version.entity';
import { ReferralResponseTime } from './entities/referral-response-time.entity';
import { ReferralFacts } from './referral-facts';
import { ReferralHandOver } from './referral-hand-over';
import { ReferralsService } from './referrals.service';
import { ReferralResponseTimes } from './response-times/referral-response-times.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Referral,
      ReferralEvent,
      ReferralMessage,
      ReferralResponseTarget,
      ReferralResponseTargetVersion,
      ReferralResponseNotice,
      ReferralResponseTime,
    ]),
    AuditModule,
    ChildrenModule,
    CustodyModule,
    IdentityModule,
    MilestonesModule,
    NotificationsModule,
    OrganisationsModule,
    PlanningModule,
  ],
  providers: [ReferralsService, ReferralFacts, ReferralResponseTimes, ReferralHandOver],
  exports: [ReferralsService, ReferralResponseTimes],
})
export class ReferralsModule {}
