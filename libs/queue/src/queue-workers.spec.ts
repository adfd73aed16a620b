import { outageRetryDelayMs } from './queue-workers';

describe('outageRetryDelayMs', () => {
  it.each([
    // outage tries, cap, delay: doubling from 1 s ...
    [1, 15_000, 1000],
    [2, 15_000, 2000],
    [3, 15_000, 4000],
    [4, 15_000, 8000],
    // ... up to the cap, and there for as long as the outage lasts.
    [5, 15_000, 15_000],
    [50, 15_000, 15_000],
    [10_000, 15_000, 15_000],
    // A cap below a second (tests) is the delay from the start.
    [1, 100, 100],
    // Nonsense counts still wait.
    [0, 15_000, 1000],
    [-3, 15_000, 1000],
  ])('after %i tries with a cap of %i ms: %i ms', (tries, cap, expected) => {
    expect(outageRetryDelayMs(tries, cap)).toBe(expected);
  });
});
