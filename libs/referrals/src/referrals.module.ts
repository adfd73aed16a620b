import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@resettle/audit';
import { ChildrenModule } from '@resettle/children';
import { CustodyModule } from '@resettle/custody';
import { OrganisationsModule } from '@resettle/organisations';
import { PlanningModule } from '@resettle/planning';
import { Referral } from './entities/referral.entity';
import { ReferralEvent } from './entities/referral-event.entity';
import { ReferralMessage } from './entities/referral-message.entity';
import { ReferralsService } from './referrals.service';

@Module({
  imports: [TypeOrmModule.forFeature([Referral, ReferralEvent, ReferralMessage]), AuditModule, ChildrenModule, CustodyModule, OrganisationsModule, PlanningModule],
  providers: [ReferralsService],
  exports: [ReferralsService],
})
export class ReferralsModule {}
