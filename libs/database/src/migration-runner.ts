import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { APPLICATION_ROLE_SETTING } from './application-grants';
import { dataSourceOptions } from './data-source-options';
import { roleOf } from './database-roles';

/**
 * How migrations connect: as the owner (`ownerUrl`, MIGRATION_DATABASE_URL), with the application role named from
 * `applicationUrl` (DATABASE_URL) in a setting on every connection, for `grantToApplication`.
 */
export function migrationDataSourceOptions(ownerUrl: string, applicationUrl: string): DataSourceOptions {
  // libpq's options string: a backslash escapes a space or a backslash.
  const role = roleOf(applicationUrl).name.replace(/[\\ ]/g, (c) => `\\${c}`);
  return dataSourceOptions(ownerUrl, { extra: { options: `-c ${APPLICATION_ROLE_SETTING}=${role}` } });
}

/** Applies pending migrations, each in its own transaction; returns their names. */
export async function runMigrations(ownerUrl: string, applicationUrl: string): Promise<string[]> {
  const ds = new DataSource(migrationDataSourceOptions(ownerUrl, applicationUrl));
  await ds.initialize();
  try {
    return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
