import { validateConfig } from '@resettle/common';
import { databaseName, roleOf, runMigrations } from '@resettle/database';

/**
 * Applies pending migrations, each in its own transaction, as the owner role (MIGRATION_DATABASE_URL), granting the
 * application role (DATABASE_URL's; only its name is used) what each migration says. Run once per deployment (not by
 * every process).
 */
async function main(): Promise<void> {
  const { MIGRATION_DATABASE_URL, DATABASE_URL } = validateConfig(process.env);
  const applied = await runMigrations(MIGRATION_DATABASE_URL, DATABASE_URL);
  console.log(
    `Database "${databaseName(MIGRATION_DATABASE_URL)}" (as "${roleOf(MIGRATION_DATABASE_URL).name}", granting to "${roleOf(DATABASE_URL).name}"): ` +
      `${applied.length ? applied.join(', ') + ' applied' : 'up to date'}`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
