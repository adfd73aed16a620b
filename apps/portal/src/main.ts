import 'reflect-metadata';
import { validatePortalConfig } from './config/portal-config';
import { createPortalApp } from './create-portal-app';

async function main(): Promise<void> {
  const config = validatePortalConfig(process.env); // refuses to start, naming the bad variable
  const app = await createPortalApp();
  await app.listen(config.PORTAL_PORT, config.PORTAL_HOST);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
