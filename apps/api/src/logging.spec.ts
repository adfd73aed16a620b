import { logGraphqlRequests, redactUrl, requestIdFrom, resForLog } from './logging';

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

  it.each([
    [
      { statusCode: 200, headers: { 'content-length': '512', 'content-security-policy': "default-src 'self'" } },
      { statusCode: 200, contentLength: 512 },
    ],
    [{ statusCode: 304, headers: {} }, { statusCode: 304 }],
  ])('keeps a response’s status and length, not its headers', (res, logged) => {
    expect(resForLog(res)).toEqual(logged);
  });

  describe('the GraphQL request line', () => {
    const run = async (url: string, infoEnabled = true, graphqlOutcome?: string) => {
      let hook: ((request: any, reply: any) => Promise<void>) | undefined;
      const lines: { obj: any; msg: string }[] = [];
      logGraphqlRequests({ addHook: (_name, h) => (hook = h) }, () => ({
        info: (obj, msg) => lines.push({ obj, msg }),
        isLevelEnabled: () => infoEnabled,
      }));
      const raw = { statusCode: 200 };
      await hook!({ id: 'req-12345678', url, raw: { url }, graphqlOutcome }, { elapsedTime: 12.4, raw });
      return { lines, raw };
    };

    it('writes one line per GraphQL request, with its request id, status and time', async () => {
      const { lines, raw } = await run('/graphql');
      expect(lines).toEqual([
        {
          obj: { requestId: 'req-12345678', req: { url: '/graphql' }, res: raw, responseTime: 12 },
          msg: 'request completed',
        },
      ]);
    });

    it.each([
      ['another route (pino-http logs it)', '/health', true, undefined],
      ['a level above info', '/graphql', false, undefined],
      ['a refusal (it had its own counted line)', '/graphql', true, 'UNAUTHENTICATED'],
      ['a record not found', '/graphql', true, 'NOT_FOUND'],
      ['bad input', '/graphql', true, 'BAD_USER_INPUT'],
    ])('writes nothing for %s', async (_case, url, infoEnabled, outcome) => {
      expect((await run(url, infoEnabled, outcome)).lines).toEqual([]);
    });

    it('still writes the line of a request that failed on our side', async () => {
      expect((await run('/graphql', true, 'INTERNAL')).lines).toHaveLength(1);
    });
  });
});
