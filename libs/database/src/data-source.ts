import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { validateConfig } from '@resettle/common';
import { migrationDataSourceOptions } from './migration-runner';

/**
 * For the TypeORM CLI (`npm run migration:generate`, `migration:revert`), run against the compiled dist/: as the owner
 * role (MIGRATION_DATABASE_URL), granting to the application role of DATABASE_URL.
 */
const config = validateConfig(process.env);
export default new DataSource(migrationDataSourceOptions(config.MIGRATION_DATABASE_URL, config.DATABASE_URL));
