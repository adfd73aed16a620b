import { validateConfig } from './app-config';

describe('MILESTONE_JOBS_CONCURRENCY', () => {
  it('defaults to one job at a time', () => {
    expect(validateConfig({}).MILESTONE_JOBS_CONCURRENCY).toBe(1);
  });

  it('may run as many jobs as the pool has pairs of connections for, keeping two spare', () => {
    expect(validateConfig({ MILESTONE_JOBS_CONCURRENCY: '4' }).MILESTONE_JOBS_CONCURRENCY).toBe(4);
    expect(validateConfig({ MILESTONE_JOBS_CONCURRENCY: '16', DATABASE_POOL_SIZE: '34' }).MILESTONE_JOBS_CONCURRENCY).toBe(16);
  });

  it('refuses more than the database pool can serve (each job needs two connections), naming the variable', () => {
    expect(() => validateConfig({ MILESTONE_JOBS_CONCURRENCY: '5' })).toThrow(/MILESTONE_JOBS_CONCURRENCY=5: .*DATABASE_POOL_SIZE/);
    expect(() => validateConfig({ MILESTONE_JOBS_CONCURRENCY: '16' })).toThrow(/MILESTONE_JOBS_CONCURRENCY/);
    expect(() => validateConfig({ MILESTONE_JOBS_CONCURRENCY: '0' })).toThrow(/MILESTONE_JOBS_CONCURRENCY/);
  });
});
