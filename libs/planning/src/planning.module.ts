import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@resettle/audit';
import { OrganisationsModule } from '@resettle/organisations';
import { ResettlementPlan } from './entities/resettlement-plan.entity';
import { Pathway } from './entities/pathway.entity';
import { PathwayAction } from './entities/pathway-action.entity';
import { PlanCircumstance } from './entities/plan-circumstance.entity';
import { PriorIntervention } from './entities/prior-intervention.entity';
import { PlanEvent } from './entities/plan-event.entity';
import { PlanningService } from './planning.service';
import { PlanHistory } from './plan-history.service';
import { PlanLifecycle } from './plan-lifecycle';

@Module({
  imports: [
    TypeOrmModule.forFeature([ResettlementPlan, Pathway, PathwayAction, PlanCircumstance, PriorIntervention, PlanEvent]),
    AuditModule,
    OrganisationsModule,
  ],
  providers: [PlanningService, PlanHistory, PlanLifecycle],
  exports: [PlanningService, PlanHistory, PlanLifecycle],
})
export class PlanningModule {}
