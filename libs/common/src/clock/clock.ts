import { todayIso } from '../dates/iso-date';

/**
 * Every "now" in the service comes from here, so a test can move time (a whole sentence's deadlines in seconds)
 * without touching the system clock.
 */
export abstract class Clock {
  abstract now(): Date;

  /**
   * Today's calendar date in England and Wales as 'YYYY-MM-DD'. Asked for every row of a page (a caseload's days to
   * release), so the date of the last minute asked is kept: London's offset from UTC is a whole number of hours, so
   * every instant of one UTC minute has the same date there.
   */
  today(): string {
    const now = this.now();
    const minute = Math.floor(now.getTime() / 60_000);
    if (minute !== this.lastToday.minute) this.lastToday = { minute, date: todayIso(now) };
    return this.lastToday.date;
  }

  private lastToday = { minute: NaN, date: '' };
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock a test can set and move. */
export class FixedClock extends Clock {
  constructor(private current: Date) {
    super();
  }
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(to: Date | string): void {
    this.current = typeof to === 'string' ? new Date(to) : to;
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * The real time shifted to start at a chosen instant (`CLOCK_START_AT`, never in production): it runs on from
 * there at the real pace, so delays and timeouts keep their length.
 */
export class ShiftedClock extends Clock {
  private readonly offsetMs: number;
  constructor(startAt: Date) {
    super();
    this.offsetMs = startAt.getTime() - Date.now();
  }
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** The clock the configuration asks for: the system's, or one started at `CLOCK_START_AT`. */
export function clockFor(config: { CLOCK_START_AT?: string; NODE_ENV?: string }): Clock {
  if (!config.CLOCK_START_AT) return new SystemClock();
  if (config.NODE_ENV === 'production') throw new Error('CLOCK_START_AT is refused in production');
  return new ShiftedClock(new Date(config.CLOCK_START_AT));
}
