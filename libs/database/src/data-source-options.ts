import { join } from 'node:path';
import { types } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';

// A PostgreSQL `date` is a calendar day: keep it as 'YYYY-MM-DD' instead of letting pg turn it into a JS Date at
// local midnight (which shifts a day in some time zones).
types.setTypeParser(types.builtins.DATE, (value) => value);

/**
 * One place that says how the service talks to PostgreSQL. Entities are listed by the feature modules that own
 * them (autoLoadEntities in Nest); the CLI data source and test helpers use the glob. Never `synchronize`: the schema
 * changes only through the reviewed migrations in ./migrations.
 */
export function dataSourceOptions(url: string, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+, no extension needed.
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'schema_migration',
    migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
    entities: [join(__dirname, '..', '..', '*', 'src', '**', '*.entity.{ts,js}')],
    ...overrides,
  } as DataSourceOptions;
}
