import { clockFor, ShiftedClock, SystemClock } from './clock';

describe('clockFor', () => {
  it('is the system clock when no start is set', () => {
    expect(clockFor({})).toBeInstanceOf(SystemClock);
  });

  it('starts at CLOCK_START_AT and runs on at the real pace', async () => {
    const clock = clockFor({ CLOCK_START_AT: '2026-12-04T09:30:00Z', NODE_ENV: 'development' });
    expect(clock).toBeInstanceOf(ShiftedClock);
    const first = clock.now().getTime();
    expect(Math.abs(first - Date.parse('2026-12-04T09:30:00Z'))).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 30));
    expect(clock.now().getTime() - first).toBeGreaterThanOrEqual(25);
    expect(clock.today()).toBe('2026-12-04');
  });

  it('refuses a start in production', () => {
    expect(() => clockFor({ CLOCK_START_AT: '2026-12-04T09:30:00Z', NODE_ENV: 'production' })).toThrow(/production/);
  });
});
