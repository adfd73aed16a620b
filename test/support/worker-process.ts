import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync, WriteStream } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './redis-server';

export interface WorkerProcessOptions {
  /** The worker's environment on top of the test's (DATABASE_URL, REDIS_URL, QUEUE_PREFIX, CLOCK_START_AT, ...). */
  env: Record<string, string>;
  /** Where its log goes (one JSON line per entry). */
  logFile: string;
}

/**
 * The real worker (`apps/worker/src/main.ts`, as production starts it) in a process of its own, so a test can kill it
 * with SIGKILL mid-batch. TypeScript is compiled as it loads (@swc-node/register, with tsconfig's paths and
 * decorator metadata): no build step before the tests. Its log is written to a file the test can read.
 */
export class WorkerProcess {
  private exited: Promise<number | null>;
  private log: WriteStream;

  private constructor(
    private readonly child: ChildProcess,
    readonly healthPort: number,
    readonly logFile: string,
  ) {
    this.log = createWriteStream(logFile, { flags: 'a' });
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code) => resolve(code));
      // Could not be spawned at all: there is no process to wait for.
      child.once('error', () => child.pid === undefined && resolve(null));
    });
  }

  static async start(options: WorkerProcessOptions): Promise<WorkerProcess> {
    const healthPort = await freePort();
    const root = join(__dirname, '..', '..');
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(root, 'apps/worker/src/main.ts')], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        ...options.env,
        WORKER_HEALTH_PORT: String(healthPort),
        WORKER_HEALTH_HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const worker = new WorkerProcess(child, healthPort, options.logFile);
    try {
      await worker.waitFor('/health', (status) => status === 200, 60_000);
    } catch (error) {
      // It never came up: never leave it running (it would keep jest from exiting), nor its log open.
      await worker.kill();
      throw error;
    }
    return worker;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** GET one of its health routes: status and body, or null while it does not answer. */
  async get(path: string): Promise<{ status: number; body: any } | null> {
    try {
      const res = await fetch(`http://127.0.0.1:${this.healthPort}${path}`, { signal: AbortSignal.timeout(3000) });
      const text = await res.text();
      return { status: res.status, body: path === '/metrics' ? text : JSON.parse(text) };
    } catch {
      return null;
    }
  }

  /** Waits until `path` answers with a status `ok` accepts. */
  async waitFor(
    path: string,
    ok: (status: number, body: any) => boolean,
    timeoutMs = 30_000,
  ): Promise<{ status: number; body: any }> {
    const until = Date.now() + timeoutMs;
    let last: { status: number; body: any } | null = null;
    while (Date.now() < until) {
      if (this.child.exitCode !== null)
        throw new Error(`the worker exited with ${this.child.exitCode}; see ${this.logFile}`);
      last = await this.get(path);
      if (last && ok(last.status, last.body)) return last;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(
      `the worker's ${path} did not answer as expected in ${timeoutMs} ms (last: ${JSON.stringify(last)}); see ${this.logFile}`,
    );
  }

  /** The real instant at which this worker's clock (CLOCK_START_AT, running on) shows `instant`. */
  async realInstantOf(instant: string): Promise<number> {
    const before = Date.now();
    const { body } = (await this.waitFor('/health', (status) => status === 200))!;
    const offset = Date.parse(body.now) - (before + Date.now()) / 2;
    return Date.parse(instant) - offset;
  }

  /** What the worker's clock shows now. */
  async now(): Promise<string> {
    return (await this.waitFor('/health', (status) => status === 200)).body.now;
  }

  /** Its log so far. */
  logText(): string {
    return readFileSync(this.logFile, 'utf8');
  }

  /** Killed outright, as the kernel or an orchestrator does: no shutdown hooks, jobs in hand left held. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
    this.log.end();
  }

  /** Stopped as an orchestrator stops it (SIGTERM: jobs in hand finish). */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
    this.log.end();
  }
}
