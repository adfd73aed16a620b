import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description: 'A deadline action that should have happened and has not (the watchdog, from PostgreSQL alone).',
})
export class LateDeadlineAction {
  @Field(() => ID) milestoneId: string;
  @Field(() => ID) episodeId: string;
  @Field() key: string;
  @Field({ description: 'YYYY-MM-DD' }) dueDate: string;
  @Field({ description: '`reminder 1`, `due`, `escalation 2`, ...' }) action: string;
  @Field(() => Date) owedSince: Date;
  @Field(() => Int) lateSeconds: number;
}

@ObjectType({ description: 'What one worker process last reported.' })
export class DeadlineEngineWorker {
  @Field() workerId: string;
  @Field(() => Date) startedAt: Date;
  @Field(() => Date) seenAt: Date;
  @Field(() => Date, { nullable: true }) lastReconcileAt: Date | null;
  @Field(() => Int, { nullable: true }) lastReconcileMs: number | null;
  @Field(() => Int, { nullable: true }) lastReconcileMilestones: number | null;
  @Field(() => Int) lateActions: number;
  @Field({ description: 'Whether Redis held the queues’ marker and job schedulers at its last look.' })
  queueStateOk: boolean;
  @Field({ description: 'Seen within the last few watchdog rounds.' }) current: boolean;
}

@ObjectType()
export class QueueDepthType {
  @Field() queue: string;
  @Field(() => Int) waiting: number;
  @Field(() => Int) delayed: number;
  @Field(() => Int) active: number;
  @Field(() => Int, {
    description:
      'Jobs failed for good (their attempts spent); the reconciler plans again any whose action is still owed.',
  })
  failed: number;
}

@ObjectType({ description: 'One rebuild of Redis from PostgreSQL.' })
export class QueueRebuildType {
  @Field() workerId: string;
  @Field() reason: string;
  @Field(() => Date) startedAt: Date;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
  @Field(() => String, {
    nullable: true,
    description: 'DONE or FAILED; null while it runs, or if its worker died during it.',
  })
  outcome: string | null;
  @Field(() => String, { nullable: true }) error: string | null;
}

@ObjectType({ description: 'How the deadline engine is: for the national admin and support staff.' })
export class DeadlineEngineStatusType {
  @Field({ description: 'No late action, a current worker with Redis intact, queues readable, and the outbox moving.' })
  healthy: boolean;
  @Field(() => [String], { description: 'What is wrong, in words (empty when healthy).' }) problems: string[];
  @Field(() => Date) checkedAt: Date;
  @Field(() => Int, { description: 'Seconds a deadline action may be late before it counts.' }) graceSeconds: number;
  @Field(() => Int) lateActions: number;
  @Field(() => [LateDeadlineAction], { description: 'The latest of them, most late first (at most 20).' })
  late: LateDeadlineAction[];
  @Field(() => Date, { nullable: true, description: 'The latest reconcile any worker finished.' })
  lastReconcileAt: Date | null;
  @Field(() => [DeadlineEngineWorker]) workers: DeadlineEngineWorker[];
  @Field(() => [QueueDepthType], { description: 'Empty when Redis did not answer.' }) queues: QueueDepthType[];
  @Field(() => Int) outboxUnpublished: number;
  @Field(() => Float, { description: 'How long the oldest change not yet moved to the queue has waited.' })
  outboxLagSeconds: number;
  @Field(() => [QueueRebuildType], { description: 'The latest rebuilds of Redis from PostgreSQL, newest first.' })
  rebuilds: QueueRebuildType[];
}
