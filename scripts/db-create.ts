import { validateConfig } from '@resettle/common';
import { createMarkedDatabase, databaseName } from '@resettle/database';

/** Creates the database in DATABASE_URL if it is missing and marks it for demo use (so `npm run seed` may fill it). */
async function main(): Promise<void> {
  const { DATABASE_URL } = validateConfig(process.env);
  await createMarkedDatabase(DATABASE_URL, 'demo');
  console.log(`Database "${databaseName(DATABASE_URL)}" is ready and marked for demo use.`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
