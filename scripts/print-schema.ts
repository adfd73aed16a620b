import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { createApiApp } from '../apps/api/src/create-api-app';

/** Writes the api's GraphQL schema to schema.gql (committed, and checked by a test). Needs PostgreSQL and Redis. */
async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'warn';
  const app = await createApiApp();
  await app.init();
  const { schema } = app.get(GraphQLSchemaHost);
  const target = join(process.cwd(), 'schema.gql');
  writeFileSync(target, `${printSchema(lexicographicSortSchema(schema))}\n`);
  await app.close();
  console.log(`Wrote ${target}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
