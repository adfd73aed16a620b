import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { insertDirectory } from './support/fixtures';
import { freePort } from './support/redis-server';
import { TestApp } from './support/test-app';

/**
 * A flood of refused requests (junk and stale tokens, records that are not there, bad documents) against the real
 * api process, its stdout captured as an operator's log collector would: the log stays a few lines, no stacks.
 */
describe('logging refusals under a flood', () => {
  let t: TestApp;
  let api: ChildProcess;
  let port: number;
  let log = '';
  let authorization: string;

  beforeAll(async () => {
    t = await TestApp.start();
    const dir = await insertDirectory(t.dataSource);
    ({ authorization } = await t.userSession({ organisationId: dir.leedsYjs.id, roles: ['YJS_CASE_MANAGER'] }));
    port = await freePort();
    const root = join(__dirname, '..');
    api = spawn(process.execPath, ['-r', '@swc-node/register', join(root, 'apps/api/src/main.ts')], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        CLOCK_START_AT: '2026-11-23T10:00:00Z',
        API_PORT: String(port),
        API_HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    api.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    api.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
      } catch {
        if (i > 600) throw new Error(`the api did not start:\n${log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 120_000);
  afterAll(async () => {
    if (api && api.exitCode === null) {
      const exited = new Promise((resolve) => api.once('exit', resolve));
      api.kill('SIGTERM');
      await exited;
    }
    await t?.stop();
  });

  const post = async (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return ((await res.json()) as { errors?: { extensions: { code: string } }[] }).errors?.[0]?.extensions.code;
  };

  it('writes a bounded number of short lines, without stacks, however many refusals', async () => {
    const kinds: [string, () => Promise<string | undefined>][] = [
      [
        'UNAUTHENTICATED',
        () => post(`{ caseload { totalCount } }`, {}, { authorization: `Bearer junk.${randomUUID()}` }),
      ],
      ['NOT_FOUND', () => post(`query($id: ID!) { child(id: $id) { id } }`, { id: randomUUID() }, { authorization })],
      ['BAD_USER_INPUT', () => post(`{ caseload { noSuchField } }`, {}, { authorization })],
    ];
    const start = log.length;
    const perKind = 400;
    for (const [code, send] of kinds) {
      for (let i = 0; i < perKind; i += 20) {
        const codes = await Promise.all(Array.from({ length: 20 }, send));
        expect(new Set(codes)).toEqual(new Set([code]));
      }
    }
    // (The log is written in chunks, and at least each second.)
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const written = log.slice(start);
    const lines = written
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const refusals = lines.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('Refused'));
    // One line per (code, operation) in the window, with its request id and operation; the rest only counted.
    expect(refusals.map((l) => [l.code, l.operation, l.level])).toEqual([
      ['UNAUTHENTICATED', 'query caseload', 30],
      ['NOT_FOUND', 'query child', 30],
      ['BAD_USER_INPUT', 'unknown', 30],
    ]);
    for (const line of refusals) expect(line.requestId).toEqual(expect.any(String));
    // No stack, no error line: these are expected refusals.
    expect(written).not.toMatch(/"stack"|\s+at \S+ \(/);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    // Nor a "request completed" line each: a few bytes per refused request in all (these 1,200 wrote three lines).
    const refused = kinds.length * perKind;
    expect(lines.filter((l) => l.msg === 'request completed')).toEqual([]);
    expect(Buffer.byteLength(written) / refused).toBeLessThan(5);
  }, 120_000);
});
