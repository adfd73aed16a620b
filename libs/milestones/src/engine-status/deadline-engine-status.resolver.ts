import { Query, Resolver } from '@nestjs/graphql';
import { Allow, Capability } from '@resettle/access';
import { DeadlineEngineStatusService } from './deadline-engine-status.service';
import { DeadlineEngineStatusType } from './deadline-engine-status.types';

@Resolver(() => DeadlineEngineStatusType)
export class DeadlineEngineStatusResolver {
  constructor(private readonly status: DeadlineEngineStatusService) {}

  @Query(() => DeadlineEngineStatusType, {
    description:
      'How the deadline engine is: late actions, workers, queues, the outbox and rebuilds of Redis. National admins (support).',
  })
  @Allow(Capability.VIEW_ENGINE_STATUS)
  deadlineEngineStatus(): Promise<DeadlineEngineStatusType> {
    return this.status.status();
  }
}
