import { redactUrl, requestIdFrom } from './logging';

describe('logging', () => {
  it.each([
    ['/calendar/abcDEF123_-xyz.ics', '/calendar/[secret].ics'],
    ['/calendar/abcDEF123_-xyz.ics?x=1', '/calendar/[secret].ics?x=1'],
    ['/graphql', '/graphql'],
    ['/health/ready', '/health/ready'],
    [undefined, undefined],
  ])('keeps a calendar feed secret out of the log: %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });

  it.each([
    ['trace-abc-12345', 'trace-abc-12345'],
    ['short', null],
    ['has spaces in it', null],
  ])('takes a caller’s request id only when it looks like one: %s', (header, kept) => {
    const id = requestIdFrom(header);
    if (kept) expect(id).toBe(kept);
    else expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
