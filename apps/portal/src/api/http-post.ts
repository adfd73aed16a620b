import { Agent as HttpAgent, IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** Connections to the api kept open between requests (as fetch keeps them), for http and https. */
const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

export interface PostAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Thrown when nothing came back (nothing listening, the connection lost before an answer): worth trying again. */
export class NoAnswerError extends Error {}

/**
 * One POST with node:http, its whole answer as text. The portal's calls to the api: fetch (undici) did the same with
 * noticeably more CPU a call (its WHATWG streams), which at a page's worth of calls under load is a share of the
 * page's time.
 */
export function post(url: URL, headers: Record<string, string>, body: string): Promise<PostAnswer> {
  const secure = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(
      url,
      {
        method: 'POST',
        agent: secure ? agents.https : agents.http,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', (error) => reject(new NoAnswerError(String(error))));
    req.end(body);
  });
}
