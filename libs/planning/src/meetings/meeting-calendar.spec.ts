import {
  buildMeetingsCalendar,
  CalendarMeeting,
  hashFeedToken,
  isWellFormedFeedToken,
  newFeedToken,
} from './meeting-calendar';
import { MeetingStatus, MeetingType } from './meeting-enums';

const meeting = (over: Partial<CalendarMeeting> = {}): CalendarMeeting => ({
  id: '7d0f6c0e-1b7e-4f0b-9a59-2f7f0d3c1a11',
  type: MeetingType.INITIAL,
  status: MeetingStatus.SCHEDULED,
  startsAt: new Date('2026-12-01T10:00:00Z'),
  endsAt: new Date('2026-12-01T11:30:00Z'),
  location: 'HMYOI Wetherby, visits hall',
  callLink: 'https://meet.example.com/abc',
  version: 3,
  updatedAt: new Date('2026-11-20T09:00:00Z'),
  childInitials: 'J.T.',
  ...over,
});

describe('the meetings calendar', () => {
  const now = new Date('2026-11-23T10:00:00Z');

  it('one event per meeting: stable UID, UTC times, the kind of meeting and the child’s initials only', () => {
    const ics = buildMeetingsCalendar([meeting()], now);
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('UID:7d0f6c0e-1b7e-4f0b-9a59-2f7f0d3c1a11@resettle');
    expect(ics).toContain('DTSTART:20261201T100000Z');
    expect(ics).toContain('DTEND:20261201T113000Z');
    expect(ics).toContain('DTSTAMP:20261123T100000Z');
    expect(ics).toContain('SEQUENCE:2');
    expect(ics).toContain('SUMMARY:Initial planning meeting: J.T.');
    expect(ics).toContain('LOCATION:HMYOI Wetherby\\, visits hall');
    expect(ics).toContain('STATUS:CONFIRMED');
    expect(ics).toContain('CLASS:PRIVATE');
  });

  it('a cancelled meeting stays, marked cancelled, so calendars strike it out', () => {
    const ics = buildMeetingsCalendar([meeting({ status: MeetingStatus.CANCELLED })], now);
    expect(ics).toContain('STATUS:CANCELLED');
    expect(ics).toContain('SUMMARY:Cancelled: Initial planning meeting: J.T.');
  });

  it('a meeting on a call only is "Online"', () => {
    expect(buildMeetingsCalendar([meeting({ location: null })], now)).toContain('LOCATION:Online');
  });

  it('an empty calendar is still a calendar', () => {
    const ics = buildMeetingsCalendar([], now);
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).not.toContain('BEGIN:VEVENT');
  });
});

describe('the feed’s secret', () => {
  it('is 32 random bytes in base64url, stored only as its SHA-256', () => {
    const token = newFeedToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(isWellFormedFeedToken(token)).toBe(true);
    expect(newFeedToken()).not.toBe(token);
    expect(hashFeedToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashFeedToken(token)).not.toContain(token);
  });

  it.each(['', 'short', 'x'.repeat(44), `${'a'.repeat(42)}/`, `${'a'.repeat(42)}=`])(
    'refuses %j before any lookup',
    (token) => {
      expect(isWellFormedFeedToken(token)).toBe(false);
    },
  );
});
