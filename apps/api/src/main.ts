import 'reflect-metadata';
import { validateConfig } from '@resettle/common';
import { createApiApp } from './create-api-app';

async function main(): Promise<void> {
  const config = validateConfig(process.env); // refuses to start, naming the bad variable
  const app = await createApiApp();
  await app.listen(config.API_PORT, config.API_HOST);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
