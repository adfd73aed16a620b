import { Module } from '@nestjs/common';
import { PlanAccess } from './plan-access';
import { PlanningModule } from './planning.module';

/**
 * The plan's access check, for the api's resolvers only. Kept apart from PlanningModule so the worker, which uses
 * planning's services but serves no caller, does not need the access layer.
 */
@Module({ imports: [PlanningModule], providers: [PlanAccess], exports: [PlanAccess] })
export class PlanAccessModule {}
