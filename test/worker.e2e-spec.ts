import { DataSource } from 'typeorm';
import { TestDatabase } from '@resettle/database';

describe('the worker', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await TestDatabase.create();
    process.env.DATABASE_URL = db.url;
    process.env.LOG_LEVEL = 'silent';
    // Its own queues and any free health port: the defaults are a running demo's, on the Redis and ports others share
    // (with the default prefix this worker would take the demo's jobs, and the demo's worker this test's).
    process.env.QUEUE_PREFIX = `test-${db.url.split('/').pop()}`;
    process.env.WORKER_HEALTH_PORT = '0';
    process.env.WORKER_HEALTH_HOST = '127.0.0.1';
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('starts as an application context with no HTTP server, reaches PostgreSQL, and shuts down cleanly', async () => {
    const { createWorkerApp } =
      require('../apps/worker/src/create-worker-app') as typeof import('../apps/worker/src/create-worker-app');
    const app = await createWorkerApp();
    expect(() => (app as any).getHttpAdapter()).toThrow();
    expect(await app.get(DataSource).query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    await app.close();
    expect(app.get(DataSource).isInitialized).toBe(false);
  });
});
