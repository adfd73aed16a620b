import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { ConfigModule } from '@nestjs/config';
import { Test, TestingModule } from '@nestjs/testing';
import { Job, Queue } from 'bullmq';
import { Clock, ClockModule, READ_NOTIFICATIONS_AT_HEADER, validateConfig } from '@resettle/common';
import { DatabaseModule } from '@resettle/database';
import type { NotificationRequest } from '@resettle/notifications';
import { QueueModule } from '@resettle/queue';
import { insertDirectory } from './support/fixtures';
import { eventually, TestSmtpServer } from './support/smtp-server';
import { Session, TestApp } from './support/test-app';

describe('notifications', () => {
  const smtp = new TestSmtpServer();
  let t: TestApp;
  let worker: TestingModule;
  let queue: Queue;
  let notifications: import('@resettle/notifications').NotificationsService;
  let mailer: import('@resettle/notifications').NotificationMailer;
  let processor: import('@resettle/notifications').NotificationsProcessor;
  let alice: Session & { email: string };
  let bob: Session & { email: string };
  let organisationId: string;

  const request = (recipientUserId: string, overrides: Partial<NotificationRequest> = {}): NotificationRequest => ({
    recipientUserId,
    kind: 'MILESTONE_REMINDER',
    title: 'Accommodation confirmed: due in 5 working days',
    body: 'Confirm where A.T. will live by Friday 27 November.',
    link: '/plans/123',
    dedupeKey: `test:${randomUUID()}`,
    ...overrides,
  });
  const notify = (r: NotificationRequest) => t.dataSource.transaction((em) => notifications.notify(em, r));
  const row = async (id: string) =>
    (
      await t.dataSource.query(
        `SELECT read_at, emailed_at, email_error, email_attempts FROM notification WHERE id = $1`,
        [id],
      )
    )[0];
  const outboxFor = async (id: string) =>
    t.dataSource.query(`SELECT topic, payload, job_id FROM outbox_message WHERE payload->>'notificationId' = $1`, [id]);
  /**
   * The BullMQ job id the relay gives an outbox row's job. BullMQ refuses a custom id with one ':' ("Custom Id cannot
   * contain :"), so `email:<id>` cannot be used as it is; the relay must map it (here: ':' → '-').
   */
  const relayJobId = (notificationId: string) => `email:${notificationId}`.replace(/:/g, '-');

  beforeAll(async () => {
    await smtp.start();
    process.env.EMAIL_TRANSPORT = 'smtp';
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
    process.env.EMAIL_FROM = 'Resettle <no-reply@resettle.example.gov.uk>';
    process.env.EMAIL_LINK_BASE_URL = 'https://resettle.example.gov.uk';
    t = await TestApp.start();
    const directory = await insertDirectory(t.dataSource);
    organisationId = directory.leedsYjs.id;
    alice = await t.userSession({ organisationId, roles: ['YJS_CASE_MANAGER'], email: 'alice@example.com' });
    bob = await t.userSession({ organisationId, roles: ['YJS_CASE_MANAGER'], email: 'bob@example.com' });

    const lib = require('@resettle/notifications') as typeof import('@resettle/notifications');
    notifications = t.app.get(lib.NotificationsService, { strict: false });
    // The worker's side, as the worker runs it, against the same database and Redis prefix.
    worker = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ isGlobal: true, validate: validateConfig }),
        ClockModule,
        DatabaseModule,
        QueueModule.forRoot('worker'),
        lib.NotificationsWorkerModule,
      ],
    })
      .overrideProvider(Clock)
      .useValue(t.clock)
      .compile();
    // Quiet, like the api in tests (refused input would otherwise be printed by Nest's default logger).
    worker.useLogger(false);
    await worker.init();
    queue = worker.get<Queue>(getQueueToken(lib.NOTIFICATIONS_QUEUE));
    mailer = worker.get(lib.NotificationMailer);
    processor = worker.get(lib.NotificationsProcessor);
  });

  afterAll(async () => {
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await worker?.close();
    await t?.stop();
    await smtp.stop();
  });

  describe('notify', () => {
    it('makes one notification, one outbox row and one email for the same dedupe key, however often asked', async () => {
      const r = request(alice.userId);
      const first = await notify(r);
      const second = await notify({ ...r, title: 'A second try' });
      expect(first.created).toBe(true);
      expect(second).toEqual({ created: false, notificationId: first.notificationId });
      expect(
        await t.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE dedupe_key = $1`, [r.dedupeKey]),
      ).toEqual([{ n: 1 }]);
      expect(await outboxFor(first.notificationId)).toEqual([
        {
          topic: 'notifications.email',
          payload: { notificationId: first.notificationId },
          job_id: `email:${first.notificationId}`,
        },
      ]);

      // The email job, delivered twice (BullMQ is at-least-once): one email.
      const before = smtp.to(alice.email).length;
      expect(await mailer.sendOne(first.notificationId)).toBe('SENT');
      expect(await mailer.sendOne(first.notificationId)).toBe('ALREADY_EMAILED');
      const mails = smtp.to(alice.email).slice(before);
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe('Resettle: Accommodation confirmed: due in 5 working days');
      expect(mails[0].headers.from).toBe('Resettle <no-reply@resettle.example.gov.uk>');
      expect(mails[0].headers['x-resettle-reference']).toBe(first.notificationId);
      expect(mails[0].text).toContain('Confirm where A.T. will live by Friday 27 November.');
      expect(mails[0].text).toContain('Open it in Resettle: https://resettle.example.gov.uk/plans/123');
      expect((await row(first.notificationId)).emailed_at).toEqual(t.clock.now());
    });

    it('notifyMany makes each once and reports which were new, in order', async () => {
      const a = request(alice.userId);
      const b = request(bob.userId);
      const done = await notify(a);
      const results = await t.dataSource.transaction((em) => notifications.notifyMany(em, [a, b, b]));
      expect(results.map((r) => r.created)).toEqual([false, true, false]);
      expect(results[0].notificationId).toBe(done.notificationId);
      expect(results[2].notificationId).toBe(results[1].notificationId);
    });

    it('writes nothing when the caller’s transaction rolls back', async () => {
      const r = request(alice.userId);
      await expect(
        t.dataSource.transaction(async (em) => {
          await notifications.notify(em, r);
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect(await t.dataSource.query(`SELECT id FROM notification WHERE dedupe_key = $1`, [r.dedupeKey])).toEqual([]);
    });

    it('sends the email through BullMQ: the job on the notifications queue reaches the SMTP server', async () => {
      const { notificationId } = await notify(request(alice.userId, { title: 'Through the queue' }));
      // What the relay does with the outbox row (topic notifications.email → queue notifications, job email).
      const job = await queue.add('email', { notificationId }, { jobId: relayJobId(notificationId) });
      const mail = await eventually(
        async () => smtp.to(alice.email).find((m) => m.subject === 'Resettle: Through the queue'),
        'the email',
      );
      expect(mail.headers['x-resettle-reference']).toBe(notificationId);
      await eventually(async () => (await job.getState()) === 'completed', 'the job to complete');
      expect((await row(notificationId)).emailed_at).not.toBeNull();
    });
  });

  describe('in the app', () => {
    const LIST = `query($first: Int, $after: String, $unreadOnly: Boolean) {
      notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id kind title body link childId createdAt readAt } } } }`;
    let carol: Session & { email: string };
    let mine: string[];
    let theirs: string;

    beforeAll(async () => {
      carol = await t.userSession({ organisationId, roles: ['ESTABLISHMENT_STAFF'], email: 'carol@example.com' });
      mine = [];
      for (let i = 0; i < 3; i++) {
        t.clock.advance(60_000);
        mine.push((await notify(request(carol.userId, { title: `Carol ${i}` }))).notificationId);
      }
      theirs = (await notify(request(bob.userId, { title: 'Bob’s own' }))).notificationId;
    });

    it('lists only your own, newest first, a page at a time', async () => {
      const page1 = (await carol.ok(LIST, { first: 2 })).notifications;
      expect(page1.totalCount).toBe(3);
      expect(page1.edges.map((e: any) => e.node.title)).toEqual(['Carol 2', 'Carol 1']);
      expect(page1.pageInfo.hasNextPage).toBe(true);
      const page2 = (await carol.ok(LIST, { first: 2, after: page1.pageInfo.endCursor })).notifications;
      expect(page2.edges.map((e: any) => e.node.title)).toEqual(['Carol 0']);
      expect(page2.pageInfo.hasNextPage).toBe(false);
      expect(page1.edges[0].node).toMatchObject({ kind: 'MILESTONE_REMINDER', link: '/plans/123', readAt: null });
      const bobs = (await bob.ok(LIST, { first: 100 })).notifications.edges.map((e: any) => e.node.id);
      expect(bobs).toContain(theirs);
      expect(bobs).not.toEqual(expect.arrayContaining([mine[0]]));
    });

    it('audits reading a notification about a child as a read of that child, as myMeetings does', async () => {
      const erin = await t.userSession({ organisationId, roles: ['YJS_CASE_MANAGER'], email: 'erin@example.com' });
      const childId = randomUUID();
      const about = await notify(request(erin.userId, { childId }));
      await notify(request(erin.userId, { childId: null }));
      await erin.ok(LIST, { first: 10 });
      const rows = await t.dataSource.query(
        `SELECT outcome, resource_type, resource_id, child_id FROM audit_event WHERE action = 'notifications' AND actor_user_id = $1`,
        [erin.userId],
      );
      expect(rows).toEqual([
        { outcome: 'ALLOWED', resource_type: 'Notification', resource_id: about.notificationId, child_id: childId },
      ]);
    });

    it('refuses a tampered cursor as BAD_USER_INPUT', async () => {
      const res = await carol.graphql(LIST, { after: 'bm9wZQ' });
      expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('counts the unread and marks read only your own, saying nothing of the others', async () => {
      expect((await carol.ok(`{ unreadNotificationCount }`)).unreadNotificationCount).toBe(3);
      const marked = await carol.ok(
        `mutation($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) }`,
        {
          input: { ids: [mine[0], theirs, randomUUID()] },
        },
      );
      expect(marked.markNotificationsRead).toBe(1);
      expect((await row(theirs)).read_at).toBeNull();
      expect((await row(mine[0])).read_at).not.toBeNull();
      // Again: already read, so nothing more.
      expect(
        (await carol.ok(`mutation { markNotificationsRead(input: { ids: ["${mine[0]}"] }) }`)).markNotificationsRead,
      ).toBe(0);
      expect((await carol.ok(`{ unreadNotificationCount }`)).unreadNotificationCount).toBe(2);
      const unread = (await carol.ok(LIST, { unreadOnly: true })).notifications;
      expect(unread.edges.map((e: any) => e.node.id).sort()).toEqual([mine[1], mine[2]].sort());

      const audit = await t.dataSource.query(
        `SELECT outcome, resource_type, detail FROM audit_event WHERE action = 'markNotificationsRead' AND actor_user_id = $1 ORDER BY id, position`,
        [carol.userId],
      );
      expect(audit[0]).toMatchObject({
        outcome: 'SUCCEEDED',
        resource_type: 'Notification',
        detail: { marked: [mine[0]], asked: 3 },
      });
      expect(JSON.stringify(audit)).not.toContain(theirs);
    });

    it('refuses ids that are not ids, as BAD_USER_INPUT', async () => {
      const res = await carol.graphql(`mutation { markNotificationsRead(input: { ids: ["1 OR 1=1"] }) }`);
      expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('marks read, when a page is opened, your unread notifications that link to it, and only those', async () => {
      const dave = await t.userSession({ organisationId, roles: ['YJS_CASE_MANAGER'], email: 'opener@example.com' });
      const toReferral = [
        await notify(request(dave.userId, { link: '/referrals/aaa' })),
        await notify(request(dave.userId, { link: '/referrals/aaa' })),
      ];
      const elsewhere = await notify(request(dave.userId, { link: '/referrals/bbb' }));
      const bobsToSamePage = await notify(request(bob.userId, { link: '/referrals/aaa' }));
      const READ_AT = `mutation($link: String!) { markNotificationsReadAt(input: { link: $link }) }`;

      expect((await dave.ok(READ_AT, { link: '/referrals/aaa' })).markNotificationsReadAt).toBe(2);
      for (const n of toReferral) expect((await row(n.notificationId)).read_at).not.toBeNull();
      expect((await row(elsewhere.notificationId)).read_at).toBeNull();
      expect((await row(bobsToSamePage.notificationId)).read_at).toBeNull();
      // Opening it again marks nothing, and leaves no audit row for it: one row, for the change.
      expect((await dave.ok(READ_AT, { link: '/referrals/aaa' })).markNotificationsReadAt).toBe(0);
      const audit = await t.dataSource.query(
        `SELECT outcome, detail FROM audit_event WHERE action = 'markNotificationsReadAt' AND actor_user_id = $1`,
        [dave.userId],
      );
      expect(audit).toEqual([
        {
          outcome: 'SUCCEEDED',
          detail: expect.objectContaining({ link: '/referrals/aaa', marked: toReferral.map((n) => n.notificationId) }),
        },
      ]);
    });

    it('a page under a notification’s page reads it too (the offer form of a referral), but not a look-alike', async () => {
      const erin = await t.userSession({ organisationId, roles: ['YJS_CASE_MANAGER'], email: 'actor@example.com' });
      const toReferral = await notify(request(erin.userId, { link: '/referrals/ccc' }));
      const lookAlike = await notify(request(erin.userId, { link: '/referrals/cc' }));
      const READ_AT = `mutation($link: String!) { markNotificationsReadAt(input: { link: $link }) }`;

      expect((await erin.ok(READ_AT, { link: '/referrals/ccc/offer' })).markNotificationsReadAt).toBe(1);
      expect((await row(toReferral.notificationId)).read_at).not.toBeNull();
      expect((await row(lookAlike.notificationId)).read_at).toBeNull();
      // A page above a notification's page does not read it.
      const deeper = await notify(request(erin.userId, { link: '/referrals/ddd/messages' }));
      expect((await erin.ok(READ_AT, { link: '/referrals/ddd' })).markNotificationsReadAt).toBe(0);
      expect((await row(deeper.notificationId)).read_at).toBeNull();
    });

    it('marks them read with the page’s own request too (the portal’s header), before answering it, audited the same', async () => {
      const fay = await t.userSession({ organisationId, roles: ['YJS_CASE_MANAGER'], email: 'header@example.com' });
      const toPage = await notify(request(fay.userId, { link: '/referrals/eee' }));
      const elsewhere = await notify(request(fay.userId, { link: '/referrals/fff' }));
      const COUNT = `{ unreadNotificationCount me { id } }`;
      const asFay = (link: string) =>
        t.graphql(COUNT, {}, { authorization: fay.authorization, [READ_NOTIFICATIONS_AT_HEADER]: link });

      // Malformed: nothing marked, and the request is answered all the same.
      for (const link of ['https://evil.example.com/referrals/eee', '/referrals/eee?x=1', 'referrals/eee']) {
        const res = await asFay(link);
        expect(res.errors).toBeUndefined();
        expect(res.data.unreadNotificationCount).toBe(2);
      }
      // The page under the notification's: marked before the first field is answered (the count already says so).
      const res = await asFay('/referrals/eee/offer');
      expect(res.errors).toBeUndefined();
      expect(res.data).toMatchObject({ unreadNotificationCount: 1, me: { id: fay.userId } });
      expect((await row(toPage.notificationId)).read_at).not.toBeNull();
      expect((await row(elsewhere.notificationId)).read_at).toBeNull();
      // Again: nothing to mark, no second audit row.
      expect((await asFay('/referrals/eee')).data.unreadNotificationCount).toBe(1);
      const audit = await t.dataSource.query(
        `SELECT action, outcome, detail FROM audit_event WHERE actor_user_id = $1 AND detail->>'event' = 'NOTIFICATIONS_READ_AT_PAGE'`,
        [fay.userId],
      );
      expect(audit).toEqual([
        {
          action: 'markNotificationsReadAt',
          outcome: 'SUCCEEDED',
          detail: expect.objectContaining({ link: '/referrals/eee/offer', marked: [toPage.notificationId] }),
        },
      ]);
      // Not signed in: the header alone marks nothing.
      const other = await notify(request(fay.userId, { link: '/referrals/ggg' }));
      await t.graphql(COUNT, {}, { [READ_NOTIFICATIONS_AT_HEADER]: '/referrals/ggg' });
      expect((await row(other.notificationId)).read_at).toBeNull();
    });

    it.each([
      'https://evil.example.com/referrals/aaa',
      '//evil.example.com',
      '/referrals/aaa?x=1',
      'referrals/aaa',
      '/a b',
    ])('refuses a link that is not a path of this service (%s), as BAD_USER_INPUT naming it', async (link) => {
      const res = await carol.graphql(`mutation($link: String!) { markNotificationsReadAt(input: { link: $link }) }`, {
        link,
      });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(JSON.stringify(res.errors?.[0])).toContain('link');
    });

    it('marks all read', async () => {
      expect((await carol.ok(`mutation { markAllNotificationsRead }`)).markAllNotificationsRead).toBe(2);
      expect((await carol.ok(`{ unreadNotificationCount }`)).unreadNotificationCount).toBe(0);
      expect((await row(theirs)).read_at).toBeNull();
      expect((await bob.ok(`{ unreadNotificationCount }`)).unreadNotificationCount).toBeGreaterThan(0);
    });
  });

  describe('the daily digest', () => {
    let dave: Session & { email: string };

    beforeAll(async () => {
      dave = await t.userSession({ organisationId, roles: ['YJS_MANAGER'], email: 'dave@example.com' });
    });

    it('defaults to IMMEDIATE; choosing the digest is kept and audited', async () => {
      expect((await dave.ok(`{ notificationPreferences { emailMode updatedAt } }`)).notificationPreferences).toEqual({
        emailMode: 'IMMEDIATE',
        updatedAt: null,
      });
      const set = await dave.ok(
        `mutation { setNotificationPreferences(input: { emailMode: DAILY_DIGEST }) { emailMode updatedAt } }`,
      );
      expect(set.setNotificationPreferences.emailMode).toBe('DAILY_DIGEST');
      expect((await dave.ok(`{ notificationPreferences { emailMode } }`)).notificationPreferences.emailMode).toBe(
        'DAILY_DIGEST',
      );
      const [audit] = await t.dataSource.query(
        `SELECT outcome, before, after FROM audit_event WHERE action = 'setNotificationPreferences' AND actor_user_id = $1`,
        [dave.userId],
      );
      expect(audit).toEqual({
        outcome: 'SUCCEEDED',
        before: { emailMode: 'IMMEDIATE' },
        after: { emailMode: 'DAILY_DIGEST' },
      });
    });

    it('sends no email at once, then one digest carrying both, once', async () => {
      const one = await notify(request(dave.userId, { kind: 'MILESTONE_REMINDER', title: 'Initial meeting due' }));
      const two = await notify(
        request(dave.userId, { kind: 'MILESTONE_ESCALATION', title: 'Escalated: accommodation overdue' }),
      );
      expect(await outboxFor(one.notificationId)).toEqual([]);
      expect(await outboxFor(two.notificationId)).toEqual([]);
      // A stale email job (made before the switch, say) sends nothing: the digest will carry it.
      expect(await mailer.sendOne(one.notificationId)).toBe('NOT_IMMEDIATE');
      expect(smtp.to(dave.email)).toHaveLength(0);

      t.clock.advance(60_000);
      const run = await processor.process({ name: 'digest', data: {} } as Job);
      expect(run).toMatchObject({ sent: 1, notifications: 2, failed: 0 });
      const mails = smtp.to(dave.email);
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe('Resettle: 2 notifications today');
      expect(mails[0].text).toContain('Milestone reminder (1)');
      expect(mails[0].text).toContain('- Initial meeting due (');
      expect(mails[0].text).toContain('Milestone escalation (1)');
      expect(mails[0].text).toContain('- Escalated: accommodation overdue (');
      expect(mails[0].text).toContain('https://resettle.example.gov.uk/plans/123');
      expect((await row(one.notificationId)).emailed_at).not.toBeNull();
      expect((await row(two.notificationId)).emailed_at).not.toBeNull();

      // The next run has nothing new for Dave.
      expect(await processor.process({ name: 'digest', data: {} } as Job)).toMatchObject({ sent: 0 });
      expect(smtp.to(dave.email)).toHaveLength(1);
    });

    it('is on BullMQ’s job scheduler, daily at 07:00 London time', async () => {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers).toEqual([
        expect.objectContaining({
          key: 'notifications-daily-digest',
          name: 'digest',
          pattern: '0 7 * * *',
          tz: 'Europe/London',
        }),
      ]);
    });
  });

  describe('when the SMTP server is down', () => {
    afterAll(async () => {
      if (!(smtp as any).server) await smtp.start(smtp.port);
    });

    it('fails the job, records the error on the notification, retries with backoff, keeps the failed job, and sends once it is back', async () => {
      const { notificationId } = await notify(request(alice.userId, { title: 'While the server was down' }));
      await smtp.stop();

      await expect(mailer.sendOne(notificationId)).rejects.toThrow();
      const afterOne = await row(notificationId);
      expect(afterOne.emailed_at).toBeNull();
      expect(afterOne.email_attempts).toBe(1);
      expect(afterOne.email_error).toMatch(/via smtp: .*ECONNREFUSED/);

      // Through BullMQ, with short backoff for the test: every attempt fails and is recorded; the job is kept.
      const job = await queue.add(
        'email',
        { notificationId },
        { jobId: relayJobId(notificationId), attempts: 3, backoff: { type: 'exponential', delay: 100 } },
      );
      await eventually(async () => (await job.getState()) === 'failed', 'the job to fail for good');
      const failed = (await queue.getJob(job.id!))!;
      expect(failed.attemptsMade).toBe(3);
      expect(failed.failedReason).toMatch(/ECONNREFUSED/);
      expect((await queue.getFailed()).map((j) => j.id)).toContain(job.id);
      expect((await row(notificationId)).email_attempts).toBe(4);

      // The server comes back; retrying the kept job sends it and clears the error.
      await smtp.start(smtp.port);
      await failed.retry();
      await eventually(
        async () => smtp.to(alice.email).find((m) => m.subject === 'Resettle: While the server was down'),
        'the email after retry',
      );
      await eventually(async () => (await row(notificationId)).emailed_at, 'emailed_at');
      expect((await row(notificationId)).email_error).toBeNull();
    });
  });
});
