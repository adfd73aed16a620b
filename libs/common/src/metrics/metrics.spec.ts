import { Counter } from 'prom-client';
import { Metrics, metricsScrapeAllowed } from './metrics';

describe('Metrics', () => {
  it('gives each app its own registry with the default process metrics, labelled with the app', async () => {
    const api = new Metrics('api');
    const worker = new Metrics('worker');
    new Counter({ name: 'resettle_test_total', help: 'a test counter', registers: [api.registry] }).inc(3);
    const text = await api.text();
    expect(text).toMatch(/resettle_process_cpu_seconds_total\{app="api"\}/);
    expect(text).toMatch(/resettle_test_total\{app="api"\} 3/);
    // The worker's registry knows nothing of the api's counter (two apps in one process, as in the tests).
    expect(await worker.text()).not.toMatch(/resettle_test_total/);
  });
});

describe('metricsScrapeAllowed', () => {
  it.each([
    [undefined, undefined, true],
    [undefined, 'Bearer anything', true],
    ['s3cret-token-0123456789', undefined, false],
    ['s3cret-token-0123456789', 'Bearer wrong', false],
    ['s3cret-token-0123456789', 's3cret-token-0123456789', false],
    ['s3cret-token-0123456789', 'Bearer s3cret-token-0123456789', true],
  ])('token %s, Authorization %s: %s', (token, header, allowed) => {
    expect(metricsScrapeAllowed(token, header)).toBe(allowed);
  });
});
