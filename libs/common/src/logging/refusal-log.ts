import type { ErrorCode } from '../errors/domain-errors';

/**
 * Expected refusals: the caller was told why (sign in again, not yours, bad input), nothing is wrong with the
 * service. They are logged as one line without a stack; only INTERNAL is an error with its stack.
 */
const REFUSAL_CODES: readonly ErrorCode[] = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'SERVICE_UNAVAILABLE',
];

export function isRefusal(code: string): boolean {
  return (REFUSAL_CODES as readonly string[]).includes(code);
}

/**
 * warn for what an operator may want to look at (someone knocking on doors, rate limits, an outage); info otherwise.
 */
export function refusalLevel(code: string): 'info' | 'warn' {
  return code === 'FORBIDDEN' || code === 'TOO_MANY_REQUESTS' || code === 'SERVICE_UNAVAILABLE' ? 'warn' : 'info';
}

export interface RefusalLine {
  level: 'info' | 'warn';
  code: string;
  operation: string;
  /** The first refusal of a window: its request id, to follow it. */
  requestId?: string;
  /** A window's summary: how many more refusals like this were not logged one by one. */
  repeated?: number;
  windowSeconds?: number;
  msg: string;
}

/** How long repeats of one (code, operation) are counted before their summary line. */
export const REFUSAL_LOG_WINDOW_MS = 60_000;

interface Window {
  code: string;
  operation: string;
  startedAt: number;
  suppressed: number;
}

/**
 * Counts repeats, it does not sample: for each (code, operation) the first refusal of a window (a minute by default)
 * is logged with its request id, the rest of the window only counted, and one summary line with the count is
 * written when the window is over (at the next such refusal, or at `flush`). So a flood of stale tokens costs at most
 * two lines per (code, operation) per window, and no refusal goes uncounted. Operations are the schema's (bounded);
 * past `maxKeys` pairs, the rest share one window.
 */
export class RefusalLog {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly windowMs = REFUSAL_LOG_WINDOW_MS,
    private readonly maxKeys = 500,
  ) {}

  note(code: string, operation: string, requestId: string | undefined, now: number): RefusalLine[] {
    let key = `${code} ${operation}`;
    if (!this.windows.has(key) && this.windows.size >= this.maxKeys) {
      key = '* *';
      code = '*';
      operation = '*';
    }
    const lines: RefusalLine[] = [];
    const open = this.windows.get(key);
    if (open && now - open.startedAt < this.windowMs) {
      open.suppressed++;
      return lines;
    }
    if (open) {
      const summary = this.summary(open, now);
      if (summary) lines.push(summary);
    }
    this.windows.set(key, { code, operation, startedAt: now, suppressed: 0 });
    lines.push({ level: refusalLevel(code), code, operation, requestId, msg: `Refused: ${code}` });
    return lines;
  }

  /** Summaries of the windows that are over (all of them with `all`, at shutdown); they are forgotten. */
  flush(now: number, all = false): RefusalLine[] {
    const lines: RefusalLine[] = [];
    for (const [key, window] of this.windows) {
      if (!all && now - window.startedAt < this.windowMs) continue;
      this.windows.delete(key);
      const summary = this.summary(window, now);
      if (summary) lines.push(summary);
    }
    return lines;
  }

  private summary(window: Window, now: number): RefusalLine | undefined {
    if (window.suppressed === 0) return undefined;
    const windowSeconds = Math.max(1, Math.round((now - window.startedAt) / 1000));
    return {
      level: refusalLevel(window.code),
      code: window.code,
      operation: window.operation,
      repeated: window.suppressed,
      windowSeconds,
      msg: `Refused: ${window.code}, ${window.suppressed} more like it`,
    };
  }
}
