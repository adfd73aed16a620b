import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { validateConfig } from '@resettle/common';
import { databaseName, dataSourceOptions } from '@resettle/database';

/** Applies pending migrations, each in its own transaction. Run once per deployment (not by every process). */
async function main(): Promise<void> {
  const { DATABASE_URL } = validateConfig(process.env);
  const ds = new DataSource(dataSourceOptions(DATABASE_URL));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    console.log(`Database "${databaseName(DATABASE_URL)}": ${applied.length ? applied.map((m) => m.name).join(', ') + ' applied' : 'up to date'}`);
  } finally {
    await ds.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
