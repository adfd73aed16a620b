import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import type { PortalConfig } from '../config/portal-config';
import type { TokenStore } from '../session/token-store';
import { ApiClient } from './api-client';
import { ApiError } from './api-error';

/**
 * The api unreachable, or answering that PostgreSQL is away: the portal says "try again in a moment" (503), never
 * "something went wrong".
 */
describe('ApiClient when the service is unavailable', () => {
  const request = { id: 'req-1', ip: '127.0.0.1' } as unknown as FastifyRequest;
  const client = (url: string) => new ApiClient({ API_URL: url } as PortalConfig, {} as Redis, {} as TokenStore);
  let server: Server;
  let port: number;
  let answer: (res: import('node:http').ServerResponse) => void;

  beforeAll(async () => {
    server = createServer((_req, res) => answer(res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const failure = (url: string) =>
    client(url)
      .anonymous(request, '{ me { id } }')
      .then(
        () => null,
        (error: unknown) => error,
      );

  it('nothing listening: SERVICE_UNAVAILABLE with when to try again', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(`http://127.0.0.1:${closedPort}/graphql`);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', extensions: { retryAfterSeconds: 5 } });
  });

  it.each([502, 503, 504])('a proxy in front answers %i: SERVICE_UNAVAILABLE', async (status) => {
    answer = (res) =>
      res.writeHead(status, { 'content-type': 'text/html', 'retry-after': '7' }).end('<h1>Bad gateway</h1>');
    expect(await failure(`http://127.0.0.1:${port}/graphql`)).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      extensions: { retryAfterSeconds: 7 },
    });
  });

  it('the api says PostgreSQL is away: its SERVICE_UNAVAILABLE is passed on', async () => {
    answer = (res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          data: null,
          errors: [
            {
              message: 'The service is unavailable for a moment',
              extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 },
            },
          ],
        }),
      );
    expect(await failure(`http://127.0.0.1:${port}/graphql`)).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });
});
