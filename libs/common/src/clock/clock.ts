import { todayIso } from '../dates/iso-date';

/**
 * Every "now" in the service comes from here, so a test can move time (a whole sentence's deadlines in seconds)
 * without touching the system clock.
 */
export abstract class Clock {
  abstract now(): Date;

  /** Today's calendar date in England and Wales as 'YYYY-MM-DD'. */
  today(): string {
    return todayIso(this.now());
  }
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
