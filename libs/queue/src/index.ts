export * from './redis-connection';
export * from './queue.module';
