import { validateConfig } from '@resettle/common';
import { prepareDatabase } from '@resettle/database';

/**
 * As DATABASE_ADMIN_URL's superuser: creates the owner role (MIGRATION_DATABASE_URL) and the application role
 * (DATABASE_URL) if they are missing, with their URLs' passwords, and their database, owned by the owner and marked for
 * demo use (so `npm run seed` may fill it). The application role's privileges come from the migrations.
 */
async function main(): Promise<void> {
  const { DATABASE_ADMIN_URL, MIGRATION_DATABASE_URL, DATABASE_URL } = validateConfig(process.env);
  const { database, owner, application } = await prepareDatabase(DATABASE_ADMIN_URL, {
    ownerUrl: MIGRATION_DATABASE_URL,
    applicationUrl: DATABASE_URL,
    purpose: 'demo',
  });
  console.log(
    `Database "${database}" is ready and marked for demo use: owner role "${owner}" (migrations, seed), application role "${application}" (api, worker).`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
