export * from './data-source-options';
export * from './database-purpose';
export * from './database.module';
export * from './testing/test-database';
export * from './json-rows';
export * from './script-context';
export * from './prepared-query';
