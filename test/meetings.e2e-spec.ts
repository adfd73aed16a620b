import { randomBytes } from 'node:crypto';
import { Role } from '@resettle/access';
import { AccessWorld, buildAccessWorld } from './support/access-world';
import { Session, TestApp } from './support/test-app';

/**
 * Planning meetings through GraphQL, as the youth justice case manager runs them: scheduled with the agencies and a
 * named person invited, moved, held, with attendance, decisions and actions that land on the plan's pathways; and
 * each person's calendar feed of them, as a calendar app fetches it.
 */
describe('planning meetings', () => {
  let t: TestApp;
  let w: AccessWorld;
  let yjs: Session;
  let nurse: Session & { email: string };
  let plan: { id: string; version: number; pathways: { id: string; type: string; version: number }[] };
  let initial: {
    id: string;
    version: number;
    invitees: { id: string; name: string | null; email: string | null; organisation: { id: string } | null }[];
  };

  const MEETING = `id type status version startsAt endsAt location callLink childParticipation parentCarerParticipation
    childParticipationNotes notes cancellationReason childInitials
    invitees { id organisation { id } userId name email role attendance }
    outcome { heldAt childParticipation childParticipationNotes parentCarerParticipation decisions notes }
    actions { id description sourceMeetingId }`;
  const SCHEDULE = `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { ${MEETING} } }`;
  const RESCHEDULE = `mutation($input: RescheduleMeetingInput!) { rescheduleMeeting(input: $input) { ${MEETING} } }`;
  const CANCEL = `mutation($input: CancelMeetingInput!) { cancelMeeting(input: $input) { ${MEETING} } }`;
  const OUTCOME = `mutation($input: RecordMeetingOutcomeInput!) {
    recordMeetingOutcome(input: $input) { meeting { ${MEETING} } actions { id description dueDate ownerName sourceMeetingId } warnings } }`;
  const CREATE_FEED = `mutation { createCalendarFeed { url webcalUrl path createdAt rotatedAt } }`;

  const loadPlan = async (session: Session = yjs, episodeId = w.a.episode.id) =>
    (
      await session.ok(
        `query($id: ID!) { resettlementPlan(episodeId: $id) {
          id version pathways { id type version actions { id description ownerName dueDate sourceMeetingId } }
          meetings { id type status startsAt }
          history { type summary recordedById details } } }`,
        { id: episodeId },
      )
    ).resettlementPlan;
  const meetingRow = async (id: string) =>
    (
      await t.dataSource.query(`SELECT status, version, starts_at, location FROM planning_meeting WHERE id = $1`, [id])
    )[0];
  const countMeetings = async () =>
    Number((await t.dataSource.query(`SELECT count(*) AS n FROM planning_meeting`))[0].n);
  const http = () => t.app.getHttpAdapter().getInstance();
  const getFeed = (path: string) => http().inject({ method: 'GET', url: path });

  beforeAll(async () => {
    t = await TestApp.start();
    w = await buildAccessWorld(t);
    yjs = w.sessions.YJS_CASE_MANAGER;
    // A named person invited by email: a nurse of side A's health provider, who cannot see the child's plan.
    nurse = await t.userSession({
      organisationId: w.a.healthProvider.id,
      roles: [Role.HEALTH_PRACTITIONER],
      email: 'nia.nurse@example.com',
      givenName: 'Nia',
      familyName: 'Nurse',
    });
    plan = await loadPlan();
  });
  afterAll(async () => {
    await t?.stop();
  });

  describe('scheduling and rescheduling', () => {
    it('a case manager schedules the initial meeting, inviting the establishment, the local authority and a named person', async () => {
      const { scheduleMeeting: m } = await yjs.ok(SCHEDULE, {
        input: {
          planId: plan.id,
          type: 'INITIAL',
          startsAt: '2026-12-01T10:00:00Z',
          endsAt: '2026-12-01T11:30:00Z',
          location: 'Establishment A, visits hall',
          callLink: 'https://meet.example.com/initial-a',
          childParticipation: 'IN_PERSON',
          childParticipationNotes: 'Advocate to attend with her; easy-read agenda',
          parentCarerParticipation: 'REMOTELY',
          notes: 'Agenda: accommodation first',
          invitees: [
            { organisationId: w.a.establishment.id, role: 'Host' },
            { organisationId: w.a.localAuthority.id, role: 'Accommodation' },
            {
              organisationId: w.a.healthProvider.id,
              name: 'Nia Nurse',
              email: 'Nia.Nurse@example.com',
              role: 'Health lead',
            },
            { userId: w.sessions.ESTABLISHMENT_STAFF.userId, role: 'Key worker' },
          ],
        },
      });
      expect(m).toMatchObject({
        type: 'INITIAL',
        status: 'SCHEDULED',
        version: 1,
        startsAt: '2026-12-01T10:00:00.000Z',
        childParticipation: 'IN_PERSON',
        childParticipationNotes: 'Advocate to attend with her; easy-read agenda',
        childInitials: 'C.T.',
        outcome: null,
        actions: [],
      });
      expect(m.invitees).toEqual([
        expect.objectContaining({
          organisation: { id: w.a.establishment.id },
          userId: null,
          name: null,
          role: 'Host',
          attendance: null,
        }),
        expect.objectContaining({ organisation: { id: w.a.localAuthority.id }, name: null, role: 'Accommodation' }),
        // Emails are kept lower-cased, as users' are, so the invitation finds the nurse's account.
        expect.objectContaining({
          organisation: { id: w.a.healthProvider.id },
          name: 'Nia Nurse',
          email: 'nia.nurse@example.com',
        }),
        // A user: organisation, name and email filled in from their account.
        expect.objectContaining({
          organisation: { id: w.a.establishment.id },
          userId: w.sessions.ESTABLISHMENT_STAFF.userId,
          name: 'Test User',
          email: 'establishment_staff@example.com',
        }),
      ]);
      initial = m;
    });

    it('reschedules it with the version it read', async () => {
      const { rescheduleMeeting: m } = await yjs.ok(RESCHEDULE, {
        input: {
          meetingId: initial.id,
          expectedVersion: 1,
          startsAt: '2026-12-02T14:00:00Z',
          endsAt: '2026-12-02T15:30:00Z',
          location: 'Establishment A, room 2',
        },
      });
      expect(m).toMatchObject({
        version: 2,
        startsAt: '2026-12-02T14:00:00.000Z',
        location: 'Establishment A, room 2',
        callLink: 'https://meet.example.com/initial-a',
      });
      // What was not sent is kept: the invitees and the planned participation.
      expect(m.invitees.map((i: { id: string }) => i.id)).toEqual(initial.invitees.map((i) => i.id));
      expect(m.childParticipation).toBe('IN_PERSON');
      initial = m;
    });

    it('refuses a stale version with CONFLICT and the current state, and changes nothing', async () => {
      const before = await meetingRow(initial.id);
      const res = await yjs.graphql(RESCHEDULE, {
        input: {
          meetingId: initial.id,
          expectedVersion: 1,
          startsAt: '2026-12-09T10:00:00Z',
          endsAt: '2026-12-09T11:00:00Z',
          location: 'Elsewhere',
        },
      });
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        expectedVersion: 1,
        currentVersion: 2,
        current: {
          id: initial.id,
          version: 2,
          location: 'Establishment A, room 2',
          invitees: expect.arrayContaining([expect.objectContaining({ name: 'Nia Nurse' })]),
        },
      });
      expect(res.data?.rescheduleMeeting ?? null).toBeNull();
      expect(await meetingRow(initial.id)).toEqual(before);
    });

    it('refuses a second initial meeting on the plan', async () => {
      const n = await countMeetings();
      const res = await yjs.graphql(SCHEDULE, {
        input: {
          planId: plan.id,
          type: 'INITIAL',
          startsAt: '2026-12-04T10:00:00Z',
          endsAt: '2026-12-04T11:00:00Z',
          location: 'Room 1',
          childParticipation: 'IN_PERSON',
        },
      });
      expect(res.errors?.[0].extensions.code).toBe('CONFLICT');
      expect(res.errors?.[0].message).toMatch(/already has an initial planning meeting/);
      expect(await countMeetings()).toBe(n);
    });

    it.each([
      ['an end before the start', { startsAt: '2026-12-04T10:00:00Z', endsAt: '2026-12-04T09:00:00Z' }, 'endsAt'],
      ['neither a place nor a call link', { location: null }, 'location'],
      ['a call link that is not https', { callLink: 'http://meet.example.com/x' }, 'callLink'],
      [
        'an organisation that does not exist',
        { invitees: [{ organisationId: '00000000-0000-4000-8000-000000000000' }] },
        'invitees.0.organisationId',
      ],
      [
        'a user that does not exist',
        { invitees: [{ userId: '00000000-0000-4000-8000-000000000000' }] },
        'invitees.0.userId',
      ],
      [
        'the same person twice',
        {
          invitees: [
            { name: 'A', email: 'a@example.com' },
            { name: 'A', email: 'A@example.com' },
          ],
        },
        'invitees.1',
      ],
      ['a wrong year', { startsAt: '2062-12-04T10:00:00Z', endsAt: '2062-12-04T11:00:00Z' }, 'startsAt'],
    ])('refuses %s with BAD_USER_INPUT, writing nothing', async (_case, change, field) => {
      const n = await countMeetings();
      const events = Number((await t.dataSource.query(`SELECT count(*) AS n FROM plan_event`))[0].n);
      const res = await yjs.graphql(SCHEDULE, {
        input: {
          planId: plan.id,
          type: 'REVIEW',
          startsAt: '2026-12-04T10:00:00Z',
          endsAt: '2026-12-04T11:00:00Z',
          location: 'Room 1',
          childParticipation: 'IN_PERSON',
          ...change,
        },
      });
      expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(Object.keys(res.errors?.[0].extensions.fieldErrors ?? {})).toContain(field);
      expect(await countMeetings()).toBe(n);
      expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM plan_event`))[0].n)).toBe(events);
    });
  });

  describe('who may schedule', () => {
    it('side B’s case manager gets NOT_FOUND on side A’s plan, and on side A’s meeting', async () => {
      const caseManagerB = await t.userSession({
        organisationId: w.b.youthJusticeService.id,
        roles: [Role.YJS_CASE_MANAGER],
      });
      const n = await countMeetings();
      const res = await caseManagerB.graphql(SCHEDULE, {
        input: {
          planId: plan.id,
          type: 'REVIEW',
          startsAt: '2026-12-04T10:00:00Z',
          endsAt: '2026-12-04T11:00:00Z',
          location: 'Room 1',
          childParticipation: 'IN_PERSON',
        },
      });
      expect(res.errors?.[0].extensions.code).toBe('NOT_FOUND');
      const cancel = await caseManagerB.graphql(CANCEL, {
        input: { meetingId: initial.id, expectedVersion: initial.version, reason: 'Not mine to cancel' },
      });
      expect(cancel.errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect(await countMeetings()).toBe(n);
      expect((await meetingRow(initial.id)).status).toBe('SCHEDULED');
      const [row] = await t.dataSource.query(
        `SELECT outcome, detail FROM audit_event WHERE action = 'cancelMeeting' ORDER BY id DESC LIMIT 1`,
      );
      expect(row).toEqual({ outcome: 'DENIED', detail: { action: 'CHANGE_PLAN' } });
    });

    it('the establishment holding the child sees the plan but cannot schedule: NOT_FOUND', async () => {
      const res = await w.sessions.ESTABLISHMENT_STAFF.graphql(SCHEDULE, {
        input: {
          planId: plan.id,
          type: 'REVIEW',
          startsAt: '2026-12-04T10:00:00Z',
          endsAt: '2026-12-04T11:00:00Z',
          location: 'Room 1',
          childParticipation: 'IN_PERSON',
        },
      });
      expect(res.errors?.[0].extensions.code).toBe('NOT_FOUND');
    });

    it('a meeting that does not exist is NOT_FOUND, in the same words', async () => {
      const missing = '00000000-0000-4000-8000-000000000000';
      const res = await yjs.graphql(CANCEL, { input: { meetingId: missing, expectedVersion: 1, reason: 'Probe' } });
      expect(res.errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect(res.errors?.[0].message).toBe(`Planning meeting ${missing} was not found`);
    });
  });

  describe('cancelling', () => {
    it('cancels a review, keeping it and its reason; cancelling again is a CONFLICT; its outcome cannot be recorded', async () => {
      const { scheduleMeeting: review } = await yjs.ok(SCHEDULE, {
        input: {
          planId: plan.id,
          type: 'REVIEW',
          startsAt: '2026-12-20T10:00:00Z',
          endsAt: '2026-12-20T11:00:00Z',
          callLink: 'https://meet.example.com/review',
          childParticipation: 'VIEWS_SHARED_BEFOREHAND',
        },
      });
      const { cancelMeeting: m } = await yjs.ok(CANCEL, {
        input: { meetingId: review.id, expectedVersion: review.version, reason: 'The child is unwell' },
      });
      expect(m).toMatchObject({ status: 'CANCELLED', version: 2, cancellationReason: 'The child is unwell' });
      const again = await yjs.graphql(CANCEL, { input: { meetingId: review.id, expectedVersion: 2, reason: 'Twice' } });
      expect(again.errors?.[0].extensions.code).toBe('CONFLICT');
      const outcome = await yjs.graphql(OUTCOME, {
        input: { meetingId: review.id, expectedVersion: 2, childParticipation: 'NOT_PARTICIPATING' },
      });
      expect(outcome.errors?.[0].extensions.code).toBe('CONFLICT');
      expect(outcome.errors?.[0].message).toMatch(/cancelled/);
    });

    it('a cancelled initial meeting makes way for a new one', async () => {
      const managerB = await t.userSession({ organisationId: w.b.youthJusticeService.id, roles: [Role.YJS_MANAGER] });
      const planB = await loadPlan(managerB, w.b.episode.id);
      const input = {
        planId: planB.id,
        type: 'INITIAL',
        startsAt: '2026-12-03T10:00:00Z',
        endsAt: '2026-12-03T11:00:00Z',
        location: 'Establishment B',
        childParticipation: 'IN_PERSON',
      };
      const { scheduleMeeting: first } = await managerB.ok(SCHEDULE, { input });
      await managerB.ok(CANCEL, { input: { meetingId: first.id, expectedVersion: 1, reason: 'Wrong establishment' } });
      const { scheduleMeeting: second } = await managerB.ok(SCHEDULE, { input });
      expect(second).toMatchObject({ type: 'INITIAL', status: 'SCHEDULED' });
    });
  });

  it('refuses the outcome of a meeting that has not happened yet', async () => {
    const { scheduleMeeting: future } = await yjs.ok(SCHEDULE, {
      input: {
        planId: plan.id,
        type: 'PRE_RELEASE',
        startsAt: '2027-01-10T10:00:00Z',
        endsAt: '2027-01-10T11:00:00Z',
        location: 'Room 1',
        childParticipation: 'IN_PERSON',
      },
    });
    const res = await yjs.graphql(OUTCOME, {
      input: { meetingId: future.id, expectedVersion: 1, childParticipation: 'IN_PERSON', decisions: ['Too early'] },
    });
    expect(res.errors?.[0].extensions.code).toBe('CONFLICT');
    expect(res.errors?.[0].message).toMatch(/has not happened yet/);
    expect(await meetingRow(future.id)).toMatchObject({ status: 'SCHEDULED', version: 1 });
  });

  describe('the calendar feed', () => {
    let feed: { url: string; webcalUrl: string; path: string; createdAt: string; rotatedAt: string | null };

    it('gives the invited person a secret URL that a calendar app can fetch', async () => {
      ({ createCalendarFeed: feed } = await nurse.ok(CREATE_FEED));
      expect(feed.path).toMatch(/^\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      expect(feed.url).toBe(`http://localhost:80${feed.path}`);
      expect(feed.webcalUrl).toBe(`webcal://localhost:80${feed.path}`);
      expect(feed.rotatedAt).toBeNull();
      // Only the token's hash is kept.
      const token = feed.path.slice('/calendar/'.length, -'.ics'.length);
      const [row] = await t.dataSource.query(`SELECT token_hash FROM calendar_feed WHERE user_id = $1`, [nurse.userId]);
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.token_hash).not.toContain(token);

      const res = await getFeed(feed.path);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(res.headers['cache-control']).toBe('private, no-store');
      const ics = res.body;
      expect(ics).toContain('BEGIN:VCALENDAR');
      expect(ics).toContain('BEGIN:VEVENT');
      expect(ics).toContain(`UID:${initial.id}@resettle`);
      // The rescheduled time, in UTC.
      expect(ics).toContain('DTSTART:20261202T140000Z');
      expect(ics).toContain('DTEND:20261202T153000Z');
      expect(ics).toContain('SUMMARY:Initial planning meeting: C.T.');
      expect(ics).toContain('SEQUENCE:1');
      // Minimal personal data: initials only, and nothing from the notes.
      expect(ics).not.toMatch(/Tester|ChildA|Advocate|accommodation first/i);
      // Only the nurse's meetings: not the review she was not invited to.
      expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
      // The child's record shows the feed carried their meeting.
      const [audit] = await t.dataSource.query(
        `SELECT actor_user_id, child_id, outcome FROM audit_event WHERE action = 'calendarFeed' ORDER BY id DESC LIMIT 1`,
      );
      expect(audit).toEqual({ actor_user_id: nurse.userId, child_id: w.a.child.id, outcome: 'ALLOWED' });
    });

    it('answers HEAD too, as some calendar apps check first', async () => {
      const res = await http().inject({ method: 'HEAD', url: feed.path });
      expect(res.statusCode).toBe(200);
    });

    it('a new secret makes the old URL 404', async () => {
      const { createCalendarFeed: rotated } = await nurse.ok(CREATE_FEED);
      expect(rotated.path).not.toBe(feed.path);
      expect(rotated.rotatedAt).not.toBeNull();
      expect((await getFeed(feed.path)).statusCode).toBe(404);
      expect((await getFeed(rotated.path)).statusCode).toBe(200);
      const rows = await t.dataSource.query(
        `SELECT detail FROM audit_event WHERE action = 'createCalendarFeed' AND actor_user_id = $1 ORDER BY id, position`,
        [nurse.userId],
      );
      expect(rows.map((r: { detail: { event: string } }) => r.detail.event)).toEqual([
        'CALENDAR_FEED_CREATED',
        'CALENDAR_FEED_ROTATED',
      ]);
      feed = rotated;
    });

    it.each([
      ['a random token', () => `/calendar/${randomBytes(32).toString('base64url')}.ics`],
      ['a token of the wrong shape', () => `/calendar/${'a'.repeat(10)}.ics`],
      ['no .ics', () => feed.path.replace(/\.ics$/, '')],
    ])('%s is 404', async (_case, path) => {
      const res = await getFeed(path());
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('BEGIN:VCALENDAR');
    });

    it('a disabled user’s feed is 404 until they are enabled again', async () => {
      await t.dataSource.query(`UPDATE app_user SET disabled = true WHERE id = $1`, [nurse.userId]);
      try {
        expect((await getFeed(feed.path)).statusCode).toBe(404);
      } finally {
        await t.dataSource.query(`UPDATE app_user SET disabled = false WHERE id = $1`, [nurse.userId]);
      }
      expect((await getFeed(feed.path)).statusCode).toBe(200);
    });

    it('the case manager who scheduled the meetings has them in their feed, cancelled ones marked', async () => {
      const { createCalendarFeed: own } = await yjs.ok(CREATE_FEED);
      const ics = (await getFeed(own.path)).body;
      expect(ics).toContain(`UID:${initial.id}@resettle`);
      expect(ics).toContain('STATUS:CANCELLED');
    });

    it('revoking the feed makes its URL 404', async () => {
      const { createCalendarFeed: own } = await yjs.ok(CREATE_FEED);
      expect(await yjs.ok(`mutation { revokeCalendarFeed }`)).toEqual({ revokeCalendarFeed: true });
      expect((await getFeed(own.path)).statusCode).toBe(404);
      expect(await yjs.ok(`mutation { revokeCalendarFeed }`)).toEqual({ revokeCalendarFeed: false });
    });
  });

  describe('my meetings', () => {
    it('an invitee from outside the plan sees the meeting’s logistics, not its notes', async () => {
      const { myMeetings } = await nurse.ok(
        `{ myMeetings { totalCount edges { node { id type startsAt childInitials notes childParticipationNotes outcome { decisions } actions { id } invitees { name } } } } }`,
      );
      expect(myMeetings.totalCount).toBe(1);
      expect(myMeetings.edges[0].node).toMatchObject({
        id: initial.id,
        type: 'INITIAL',
        childInitials: 'C.T.',
        notes: null,
        childParticipationNotes: null,
        outcome: null,
        actions: null,
      });
      // She still cannot open the child's plan.
      const res = await nurse.graphql(`query($id: ID!) { resettlementPlan(episodeId: $id) { id } }`, {
        id: w.a.episode.id,
      });
      expect(res.errors?.[0].extensions.code).toBe('NOT_FOUND');
    });

    it('pages soonest first, and leaves out cancelled ones unless asked', async () => {
      const first = await yjs.ok(
        `{ myMeetings(first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { node { id type } } } }`,
      );
      expect(first.myMeetings.totalCount).toBe(2);
      expect(first.myMeetings.edges[0].node).toEqual({ id: initial.id, type: 'INITIAL' });
      const next = await yjs.ok(
        `query($after: String) { myMeetings(first: 1, after: $after) { pageInfo { hasNextPage } edges { node { type } } } }`,
        { after: first.myMeetings.pageInfo.endCursor },
      );
      expect(next.myMeetings).toEqual({ pageInfo: { hasNextPage: false }, edges: [{ node: { type: 'PRE_RELEASE' } }] });
      const all = await yjs.ok(`{ myMeetings(includeCancelled: true) { totalCount } }`);
      expect(all.myMeetings.totalCount).toBe(3);
    });
  });

  describe('recording the outcome', () => {
    let held: any;

    beforeAll(async () => {
      // The day after the meeting. Access tokens last 15 minutes of the test clock, so sign in again.
      t.clock.set('2026-12-03T09:00:00Z');
      yjs = await t.signIn('yjs_case_manager@example.com', TestApp.TEST_PASSWORD);
    });

    it('records attendance, apologies, participation, decisions and two actions that land on their pathways', async () => {
      const [establishment, authority, nia, keyWorker] = initial.invitees;
      const { recordMeetingOutcome: res } = await yjs.ok(OUTCOME, {
        input: {
          meetingId: initial.id,
          expectedVersion: initial.version,
          attendance: [
            { inviteeId: establishment.id, attendance: 'ATTENDED' },
            { inviteeId: authority.id, attendance: 'APOLOGIES' },
            { inviteeId: nia.id, attendance: 'ATTENDED' },
            { inviteeId: keyWorker.id, attendance: 'DID_NOT_ATTEND' },
          ],
          childParticipation: 'IN_PERSON',
          childParticipationNotes: 'Said she wants to live with her nan',
          parentCarerParticipation: 'NOT_PARTICIPATING',
          decisions: ['Refer to the local authority for accommodation', 'College taster day before release'],
          actions: [
            {
              pathwayType: 'ACCOMMODATION',
              description: 'Assess nan’s home',
              ownerOrganisationId: w.a.localAuthority.id,
              ownerName: 'Housing officer',
              dueDate: '2026-12-17',
            },
            {
              pathwayType: 'EDUCATION_TRAINING_EMPLOYMENT',
              description: 'Book a college taster day',
              ownerOrganisationId: w.a.educationProvider.id,
              dueDate: '2027-01-08',
            },
          ],
          outcomeNotes: 'A good meeting',
        },
      });
      held = res.meeting;
      expect(held).toMatchObject({
        status: 'HELD',
        version: 3,
        outcome: {
          heldAt: '2026-12-02T14:00:00.000Z',
          childParticipation: 'IN_PERSON',
          childParticipationNotes: 'Said she wants to live with her nan',
          parentCarerParticipation: 'NOT_PARTICIPATING',
          decisions: ['Refer to the local authority for accommodation', 'College taster day before release'],
          notes: 'A good meeting',
        },
      });
      expect(held.invitees.map((i: { attendance: string }) => i.attendance)).toEqual([
        'ATTENDED',
        'APOLOGIES',
        'ATTENDED',
        'DID_NOT_ATTEND',
      ]);
      expect(res.actions).toEqual([
        expect.objectContaining({
          description: 'Assess nan’s home',
          dueDate: '2026-12-17',
          ownerName: 'Housing officer',
          sourceMeetingId: initial.id,
        }),
        expect.objectContaining({
          description: 'Book a college taster day',
          dueDate: '2027-01-08',
          sourceMeetingId: initial.id,
        }),
      ]);
      expect(held.actions.map((a: { id: string }) => a.id)).toEqual(res.actions.map((a: { id: string }) => a.id));

      const now = await loadPlan();
      const actionsOn = (type: string) => now.pathways.find((p: { type: string }) => p.type === type).actions;
      expect(actionsOn('ACCOMMODATION')).toEqual([
        expect.objectContaining({ description: 'Assess nan’s home', sourceMeetingId: initial.id }),
      ]);
      expect(actionsOn('EDUCATION_TRAINING_EMPLOYMENT')).toEqual([
        expect.objectContaining({ description: 'Book a college taster day', sourceMeetingId: initial.id }),
      ]);
      expect(actionsOn('PHYSICAL_HEALTH')).toEqual([]);
    });

    it('refuses incomplete attendance and an action due before the meeting, writing nothing', async () => {
      const { scheduleMeeting: review } = await yjs.ok(SCHEDULE, {
        input: {
          planId: plan.id,
          type: 'REVIEW',
          startsAt: '2026-12-02T16:00:00Z',
          endsAt: '2026-12-02T17:00:00Z',
          location: 'Room 3',
          childParticipation: 'IN_PERSON',
          invitees: [{ organisationId: w.a.establishment.id }, { organisationId: w.a.localAuthority.id }],
        },
      });
      const actions = Number((await t.dataSource.query(`SELECT count(*) AS n FROM pathway_action`))[0].n);
      const res = await yjs.graphql(OUTCOME, {
        input: {
          meetingId: review.id,
          expectedVersion: 1,
          childParticipation: 'IN_PERSON',
          attendance: [{ inviteeId: review.invitees[0].id, attendance: 'ATTENDED' }],
          actions: [
            {
              pathwayType: 'ACCOMMODATION',
              description: 'Too late',
              ownerOrganisationId: w.a.localAuthority.id,
              dueDate: '2026-11-30',
            },
          ],
        },
      });
      expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(Object.keys(res.errors?.[0].extensions.fieldErrors ?? {}).sort()).toEqual([
        'actions.0.dueDate',
        'attendance',
      ]);
      expect(await meetingRow(review.id)).toMatchObject({ status: 'SCHEDULED', version: 1 });
      expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM pathway_action`))[0].n)).toBe(actions);
    });

    it('a held meeting cannot be rescheduled, or its outcome recorded twice', async () => {
      const res = await yjs.graphql(RESCHEDULE, {
        input: {
          meetingId: initial.id,
          expectedVersion: 3,
          startsAt: '2026-12-10T10:00:00Z',
          endsAt: '2026-12-10T11:00:00Z',
        },
      });
      expect(res.errors?.[0].extensions.code).toBe('CONFLICT');
      expect(res.errors?.[0].message).toMatch(/cannot be rescheduled/);
      const again = await yjs.graphql(OUTCOME, {
        input: { meetingId: initial.id, expectedVersion: 3, childParticipation: 'IN_PERSON', attendance: [] },
      });
      expect(again.errors?.[0].extensions.code).toBe('CONFLICT');
    });

    it('every step is in the plan’s history, newest meeting first on the plan, and in the audit log', async () => {
      const now = await loadPlan();
      expect(now.meetings.map((m: { type: string; status: string }) => `${m.type} ${m.status}`)).toEqual([
        'PRE_RELEASE SCHEDULED',
        'REVIEW CANCELLED',
        'REVIEW SCHEDULED',
        'INITIAL HELD',
      ]);
      const mine = now.history.filter(
        (e: { details: { record: { id: string } } }) =>
          e.details.record.id === initial.id || held.actions.some((a: { id: string }) => a.id === e.details.record.id),
      );
      expect(mine.map((e: { type: string }) => e.type)).toEqual([
        'MEETING_SCHEDULED',
        'MEETING_CHANGED',
        'MEETING_HELD',
        'PATHWAY_ACTION_ADDED',
        'PATHWAY_ACTION_ADDED',
      ]);
      expect(mine.every((e: { recordedById: string }) => e.recordedById === yjs.userId)).toBe(true);
      expect(mine[0].summary).toBe('Initial planning meeting scheduled for 1 December 2026 at 10:00');
      expect(mine[1]).toMatchObject({
        summary: 'Initial planning meeting moved to 2 December 2026 at 14:00',
        details: {
          before: { location: 'Establishment A, visits hall' },
          after: { location: 'Establishment A, room 2' },
        },
      });
      expect(now.history.map((e: { type: string }) => e.type)).toContain('MEETING_CANCELLED');

      const audit = await t.dataSource.query(
        `SELECT action, outcome, resource_type, child_id FROM audit_event WHERE resource_id = $1 AND outcome = 'SUCCEEDED' ORDER BY id, position`,
        [initial.id],
      );
      expect(audit).toEqual([
        { action: 'scheduleMeeting', outcome: 'SUCCEEDED', resource_type: 'PlanningMeeting', child_id: w.a.child.id },
        { action: 'rescheduleMeeting', outcome: 'SUCCEEDED', resource_type: 'PlanningMeeting', child_id: w.a.child.id },
        {
          action: 'recordMeetingOutcome',
          outcome: 'SUCCEEDED',
          resource_type: 'PlanningMeeting',
          child_id: w.a.child.id,
        },
      ]);
      // The stale attempt left a FAILED row.
      const [failed] = await t.dataSource.query(
        `SELECT outcome, detail FROM audit_event WHERE action = 'rescheduleMeeting' AND outcome = 'FAILED' ORDER BY id, position LIMIT 1`,
      );
      expect(failed.detail.code).toBe('CONFLICT');
    });
  });
});
