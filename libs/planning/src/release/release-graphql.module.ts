import { Module } from '@nestjs/common';
import { PlanningModule } from '../planning.module';
import { PlanAccessModule } from '../plan-access.module';
import { ReleaseModule } from './release.module';
import { ReleaseDayPlanResolver, ReleaseResolver } from './release.resolver';

@Module({
  imports: [ReleaseModule, PlanningModule, PlanAccessModule],
  providers: [ReleaseResolver, ReleaseDayPlanResolver],
})
export class ReleaseGraphqlModule {}
