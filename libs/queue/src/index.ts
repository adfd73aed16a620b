export * from './redis-connection';
export * from './queue.module';
export * from './outbox/outbox-message.entity';
export * from './outbox/outbox';
export * from './outbox/outbox-relay.service';
export * from './queue-workers';
export * from './queue-state/queue-rebuild.entity';
export * from './queue-state/queue-state-keeper';
