import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root (bench/ is compiled to dist/bench/, two levels down). */
export const ROOT = join(__dirname, '..', '..', '..');

/** A child process started by the bench: the real api, the real worker, or the raw baseline server. */
export interface Proc {
  name: string;
  pid: number;
  child: ChildProcess;
  /** The last lines it printed (stdout and stderr), for errors and for log-based readiness. */
  lines: string[];
  /** Bytes it has written to stdout and stderr (its log volume). */
  bytes(): number;
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The api's Node flags, as `npm run start:api`, the Dockerfile and docker-compose.yml give them: a 64 MiB young
 * generation, so that a page's short-lived objects die there instead of being promoted under load (measured: p99
 * at 50 connections 1.1 s -> 0.7 s).
 */
export const API_NODE_FLAGS = ['--max-semi-space-size=64'];

export function startNode(name: string, script: string, env: Record<string, string>, nodeArgs: string[] = []): Proc {
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, script)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let bytes = 0;
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const onData = (chunk: Buffer) => {
    bytes += chunk.length;
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > 400) lines.shift();
      for (const w of [...waiters]) {
        if (w.pattern.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));
  return {
    name,
    pid: child.pid!,
    child,
    lines,
    bytes: () => bytes,
    waitForLine(pattern, timeoutMs) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `${name}: no line matching ${pattern} within ${timeoutMs} ms. Last lines:\n${lines.slice(-20).join('\n')}`,
              ),
            ),
          timeoutMs,
        );
        const onExit = () => reject(new Error(`${name} exited. Last lines:\n${lines.slice(-30).join('\n')}`));
        child.once('exit', onExit);
        waiters.push({ pattern, resolve: (line) => (clearTimeout(timer), child.off('exit', onExit), resolve(line)) });
      });
    },
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => !exited && child.kill('SIGKILL'), 20_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Resident set size of a process in MiB, from /proc/<pid>/status (VmRSS). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

/**
 * CPU time a process has used so far (user + system), in ms, from /proc/<pid>/stat (clock ticks of 10 ms, Linux's
 * USER_HZ of 100); NaN once it has gone.
 */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command (which may hold spaces), from the state on: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** Samples the RSS of some processes every 100 ms and keeps the highest seen. */
export class RssSampler {
  private readonly max = new Map<number, number>();
  private timer?: NodeJS.Timeout;
  constructor(private readonly pids: number[]) {}
  start(): this {
    const sample = () => {
      for (const pid of this.pids) {
        try {
          this.max.set(pid, Math.max(this.max.get(pid) ?? 0, rssMiB(pid)));
        } catch {
          // the process has gone
        }
      }
    };
    sample();
    this.timer = setInterval(sample, 100);
    return this;
  }
  stop(): Map<number, number> {
    clearInterval(this.timer);
    return this.max;
  }
  peak(pid: number): number {
    return this.max.get(pid) ?? NaN;
  }
}

export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await sleep(200);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
