import 'reflect-metadata';
import { validateConfig } from '@resettle/common';
import { createWorkerApp } from './create-worker-app';

async function main(): Promise<void> {
  validateConfig(process.env); // refuses to start, naming the bad variable
  await createWorkerApp();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
