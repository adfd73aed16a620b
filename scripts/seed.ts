import { parseArgs } from 'node:util';
import { SystemClock, validateConfig } from '@resettle/common';
import { databaseName } from '@resettle/database';
import { seedDemoData } from './seed/seed-demo-data';

/**
 * npm run seed [-- --children 100000 --seed 7 --today 2026-11-23]
 * Fills MIGRATION_DATABASE_URL's database with the national estate and a synthetic caseload, as the owner role (the
 * api never writes reference data such as organisations, so the application role may not). Safe to run again.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      children: { type: 'string', default: '450' },
      // Seed 7's first 450 children match the national mix (44% on remand, about 4% girls); any seed is valid.
      seed: { type: 'string', default: '7' },
      today: { type: 'string' },
    },
  });
  const children = Number(values.children);
  if (!Number.isInteger(children) || children < 0 || children > 1_000_000)
    throw new Error('--children must be a whole number from 0 to 1000000');
  const { MIGRATION_DATABASE_URL } = validateConfig(process.env);
  const started = Date.now();
  console.log(`Seeding demo data into "${databaseName(MIGRATION_DATABASE_URL)}" (${children} children in custody)`);
  const summary = await seedDemoData(MIGRATION_DATABASE_URL, {
    children,
    seed: Number(values.seed),
    today: values.today ?? new SystemClock().today(),
    log: (line) => console.log(line),
  });
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(summary)}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
