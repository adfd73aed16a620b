import { notificationEmail, subjectLine } from '../email/email-content';
import { buildDigest, kindHeading } from './digest';

const at = (iso: string) => new Date(iso);
const n = (kind: string, title: string, createdAt: string, extra: { body?: string; link?: string | null } = {}) => ({
  kind,
  title,
  body: extra.body ?? `${title}: details`,
  link: extra.link ?? null,
  createdAt: at(createdAt),
});

describe('buildDigest', () => {
  it('sends nothing when there is nothing', () => {
    expect(buildDigest([])).toBeNull();
  });

  it.each([
    // [notifications, expected subject, count]
    [[n('MILESTONE_REMINDER', 'A', '2026-11-23T09:00:00Z')], 'Resettle: 1 notification today', 1],
    [
      [n('MILESTONE_REMINDER', 'A', '2026-11-23T09:00:00Z'), n('MILESTONE_REMINDER', 'B', '2026-11-23T10:00:00Z')],
      'Resettle: 2 notifications today',
      2,
    ],
  ])('subject and count: %#', (items, subject, count) => {
    const digest = buildDigest(items)!;
    expect(digest.subject).toBe(subject);
    expect(digest.count).toBe(count);
  });

  it('groups by kind in order of first appearance, oldest first within a kind, with London times', () => {
    const digest = buildDigest([
      n('MILESTONE_ESCALATION', 'Escalated: accommodation', '2026-11-23T11:00:00Z'),
      n('MILESTONE_REMINDER', 'Plan due Friday', '2026-11-23T10:00:00Z', { link: '/plans/1' }),
      n('MILESTONE_REMINDER', 'Meeting due Monday', '2026-11-22T08:30:00Z', { body: 'Line one\nLine two' }),
    ])!;
    expect(digest.body).toBe(
      [
        'You have 3 notifications in Resettle that you have not read yet.',
        '',
        'Milestone reminder (2)',
        '',
        '- Meeting due Monday (22 Nov, 08:30)',
        '  Line one',
        '  Line two',
        '',
        '- Plan due Friday (23 Nov, 10:00)',
        '  Plan due Friday: details',
        '  /plans/1',
        '',
        'Milestone escalation (1)',
        '',
        '- Escalated: accommodation (23 Nov, 11:00)',
        '  Escalated: accommodation: details',
        '',
        '—',
        'You can choose one email a day, or none, in Resettle (your notification preferences).',
      ].join('\n'),
    );
  });

  it('shows British Summer Time as London sees it', () => {
    expect(buildDigest([n('K', 'Summer', '2026-07-01T09:15:00Z')])!.body).toContain('- Summer (1 Jul, 10:15)');
  });

  it('makes links full addresses when the base URL is known', () => {
    const digest = buildDigest([n('K', 'T', '2026-11-23T09:00:00Z', { link: '/plans/1' })], {
      linkBaseUrl: 'https://resettle.example.gov.uk/',
    })!;
    expect(digest.body).toContain('  https://resettle.example.gov.uk/plans/1');
  });

  it('lists at most maxListed, counts the rest, and covers them all', () => {
    const items = Array.from({ length: 5 }, (_, i) => n('K', `T${i}`, `2026-11-23T0${i}:00:00Z`));
    const digest = buildDigest(items, { maxListed: 2 })!;
    expect(digest.count).toBe(5);
    expect(digest.body).toContain('- T0 ');
    expect(digest.body).toContain('- T1 ');
    expect(digest.body).not.toContain('- T2 ');
    expect(digest.body).toContain('…and 3 more: open Resettle to see them all.');
  });

  it.each([
    ['MILESTONE_REMINDER', 'Milestone reminder'],
    ['escalation', 'Escalation'],
    ['  ', 'Other'],
  ])('kindHeading(%p) = %p', (kind, heading) => {
    expect(kindHeading(kind)).toBe(heading);
  });
});

describe('notificationEmail', () => {
  it('puts the title in the subject, the body and link in the text', () => {
    const email = notificationEmail(
      n('K', 'Plan due', '2026-11-23T09:00:00Z', { body: 'Due Friday', link: '/plans/1' }),
      'https://r.example',
    );
    expect(email.subject).toBe('Resettle: Plan due');
    expect(email.body).toBe(
      [
        'Due Friday',
        '',
        'Open it in Resettle: https://r.example/plans/1',
        '',
        '—',
        'You can choose one email a day, or none, in Resettle (your notification preferences).',
      ].join('\n'),
    );
  });

  it.each([
    ['Two\r\nlines', 'Two lines'],
    ['x'.repeat(200), `${'x'.repeat(149)}…`],
  ])('keeps subjects on one short line: %#', (input, expected) => {
    expect(subjectLine(input)).toBe(expected);
  });
});
