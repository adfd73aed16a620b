import { Client } from 'pg';
import { addWorkingDays, workingDaysBetween } from '@resettle/common';
import { TestDatabase } from '@resettle/database';
import { suppressSmallNumbers } from '@resettle/milestones';
import { seedDemoData } from '../scripts/seed/seed-demo-data';

describe('npm run seed', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await TestDatabase.create();
  });
  afterAll(async () => {
    await db?.drop();
  });

  const count = async (sql: string) => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };

  it('refuses a database that is not marked for demo or test use, writing nothing', async () => {
    const unmarked = await TestDatabase.create({ purpose: null });
    try {
      await expect(seedDemoData(unmarked.ownerUrl, { children: 5, seed: 1, today: '2026-11-23' })).rejects.toThrow(
        /not marked for demo or test use/,
      );
      const client = new Client({ connectionString: unmarked.ownerUrl });
      await client.connect();
      try {
        expect((await client.query('SELECT count(*)::int AS n FROM organisation')).rows).toEqual([{ n: 0 }]);
      } finally {
        await client.end();
      }
    } finally {
      await unmarked.drop();
    }
  });

  it('builds the national estate and a caseload, and running it again changes nothing', async () => {
    const first = await seedDemoData(db.ownerUrl, { children: 200, seed: 42, today: '2026-11-23' });
    expect(first.childrenAdded).toBe(200);
    // Each demo area also supervises nine more children (release dates spread over the year) for its demo referrals.
    expect(first.showcaseChildrenAdded).toBe(36);
    // And twelve each released over the last 12 months, for the measures.
    expect(first.releasedChildrenAdded).toBe(48);
    expect(first.referralsAdded).toBeGreaterThanOrEqual(4 * 8);
    const [{ n: referralsAfterFirst }] = await count(`SELECT count(*)::int AS n FROM referral`);
    expect(referralsAfterFirst).toBe(first.referralsAdded);
    const second = await seedDemoData(db.ownerUrl, { children: 200, seed: 42, today: '2026-11-23' });
    expect(second).toMatchObject({
      childrenAdded: 0,
      childrenSkipped: 200,
      episodesAdded: 0,
      showcaseChildrenAdded: 0,
      referralsAdded: 0,
      releasedChildrenAdded: 0,
    });
    // A later day changes nothing either: the demo areas have their referrals.
    const third = await seedDemoData(db.ownerUrl, { children: 200, seed: 42, today: '2026-12-07' });
    expect(third).toMatchObject({
      childrenAdded: 0,
      episodesAdded: 0,
      showcaseChildrenAdded: 0,
      referralsAdded: 0,
      releasedChildrenAdded: 0,
    });
    const [{ n: referralsAfterAll }] = await count(`SELECT count(*)::int AS n FROM referral`);
    expect(referralsAfterAll).toBe(referralsAfterFirst);

    const [orgs] = await count(`SELECT
        count(*) FILTER (WHERE type = 'YOI') AS yoi, count(*) FILTER (WHERE type = 'STC') AS stc,
        count(*) FILTER (WHERE type = 'LOCAL_AUTHORITY') AS la, count(*) FILTER (WHERE type = 'YOUTH_JUSTICE_SERVICE') AS yjs
      FROM organisation`);
    expect(Number(orgs.yoi)).toBe(4);
    expect(Number(orgs.stc)).toBe(1);
    expect(Number(orgs.la)).toBeGreaterThanOrEqual(170);
    expect(Number(orgs.yjs)).toBe(Number(orgs.la));

    const [mix] = await count(`SELECT count(*) AS total, count(*) FILTER (WHERE status = 'REMANDED') AS remanded,
        count(*) FILTER (WHERE status = 'SENTENCED' AND expected_release_date IS NULL AND sentence_type <> 'DHMP') AS sentenced_without_date,
        count(*) FILTER (WHERE expected_release_date < '2026-11-23' AND released_at IS NULL) AS released_in_past
      FROM custodial_episode`);
    expect(Number(mix.total)).toBe(200 + 36 + 48);
    // About 44% of children in custody are on remand (DOMAIN.md); a 200-child sample lands near it.
    const [sample] = await count(`SELECT count(*) FILTER (WHERE e.status = 'REMANDED') AS remanded
      FROM custodial_episode e JOIN child c ON c.id = e.child_id WHERE c.external_reference LIKE 'demo-child-%'`);
    expect(Number(sample.remanded) / 200).toBeGreaterThan(0.3);
    expect(Number(sample.remanded) / 200).toBeLessThan(0.6);
    expect(Number(mix.sentenced_without_date)).toBe(0);
    expect(Number(mix.released_in_past)).toBe(0);

    // Every organisation has its staff's email domain, and every demo user's email is in their organisation's.
    const [domains] = await count(`SELECT count(*) FILTER (WHERE email_domains = '{}') AS without,
        count(*) FILTER (WHERE code = 'YJS-BIRMINGHAM' AND email_domains = '{birmingham.yjs.example.com}') AS birmingham,
        count(*) FILTER (WHERE code = 'YOI-WETHERBY' AND email_domains = '{wetherby.yoi.example.com}') AS wetherby,
        count(*) FILTER (WHERE code = 'NAT-YJB' AND email_domains = '{yjb.national.example.com}') AS national FROM organisation`);
    expect(domains).toEqual({ without: '0', birmingham: '1', wetherby: '1', national: '1' });
    expect(
      await count(
        `SELECT u.email FROM app_user u JOIN organisation o ON o.id = u.organisation_id WHERE NOT (split_part(u.email, '@', 2) = ANY(o.email_domains))`,
      ),
    ).toEqual([]);

    // Demo data is synthetic: drama-range phone numbers and example.com addresses only.
    const [contacts] = await count(`SELECT count(*) FILTER (WHERE phone !~ '^07700 900[0-9]{3}$') AS bad_phone,
        count(*) FILTER (WHERE email !~ '@example\\.com$') AS bad_email FROM parent_carer`);
    expect(contacts).toEqual({ bad_phone: '0', bad_email: '0' });
    // Every demo case manager has a work phone for partners to call, from the drama ranges, each their own.
    const [phones] = await count(`SELECT count(*) FILTER (WHERE work_phone IS NULL) AS without,
        count(*) FILTER (WHERE work_phone !~ '^(0113 496 0[0-9]{3}|07700 900[0-9]{3})$') AS not_drama,
        count(*) - count(DISTINCT work_phone) AS shared
        FROM app_user WHERE 'YJS_CASE_MANAGER' = ANY(roles)`);
    expect(phones).toEqual({ without: '0', not_drama: '0', shared: '0' });
    expect(await count(`SELECT work_phone FROM app_user WHERE email = 'case.manager.1@leeds.yjs.example.com'`)).toEqual(
      [{ work_phone: expect.stringMatching(/^0113 496 0\d{3}$/) }],
    );
    // It seeds three times (about 30 s on an idle two-core machine; over a minute beside other test files).
  }, 180_000);

  it('gives each demo area referrals in a spread of states, made through the referrals feature', async () => {
    // The database seeded above (twice). Leeds: from its youth justice service, to its own authority and providers.
    const rows =
      await count(`SELECT r.type, r.status, r.sent_at IS NOT NULL AS sent, r.summary, r.offer_start_date::text AS offer_start,
        r.offer_address_or_place, r.offer_placement_type, r.offer_provider, r.child_wishes, r.family_views, r.needs_and_risks,
        e.expected_release_date::text AS release, (e.expected_release_date - DATE '2026-11-23') AS days_to_release, w.type AS pathway_type, w.status AS pathway_status,
        w.responsible_organisation_id = r.to_organisation_id AS pathway_theirs,
        fs.code AS from_code, e.supervising_service_id = r.from_service_id AS from_supervisor, p.child_id = r.child_id AND p.episode_id = r.episode_id AS plan_matches,
        tor.type AS to_type, COALESCE(tor_la.code, tor.code) AS to_area,
        (SELECT count(*)::int FROM referral_event v WHERE v.referral_id = r.id) AS events,
        (SELECT count(*)::int FROM referral_message m WHERE m.referral_id = r.id) AS messages,
        (SELECT count(*)::int FROM audit_event a WHERE a.resource_type = 'Referral' AND a.resource_id = r.id::text AND a.outcome = 'SUCCEEDED') AS audits
      FROM referral r
      JOIN organisation fs ON fs.id = r.from_service_id
      JOIN organisation tor ON tor.id = r.to_organisation_id
      LEFT JOIN organisation tor_la ON tor_la.id = tor.local_authority_id
      JOIN custodial_episode e ON e.id = r.episode_id
      JOIN resettlement_plan p ON p.id = r.plan_id
      JOIN pathway w ON w.id = r.pathway_id
      WHERE fs.code = 'YJS-LEEDS'
        -- The released children's referrals (their history, for the measures) are the next test's.
        AND NOT EXISTS (SELECT 1 FROM child c WHERE c.id = r.child_id AND c.external_reference LIKE 'demo-released-%')`);
    const tally = (type: string) =>
      rows
        .filter((r) => r.type === type)
        .map((r) => r.status)
        .sort();
    expect(tally('ACCOMMODATION')).toEqual([
      'ACKNOWLEDGED',
      'CONFIRMED',
      'DRAFT',
      'INFORMATION_REQUESTED',
      'OFFERED',
      'SENT',
      'SENT',
    ]);
    expect(tally('EDUCATION')).toEqual(['ACKNOWLEDGED']);
    expect(tally('HEALTH')).toEqual(['SENT']);
    const to = {
      ACCOMMODATION: 'LOCAL_AUTHORITY',
      EDUCATION: 'EDUCATION_PROVIDER',
      HEALTH: 'HEALTH_PROVIDER',
    } as Record<string, string>;
    const pathways = {
      ACCOMMODATION: 'ACCOMMODATION',
      EDUCATION: 'EDUCATION_TRAINING_EMPLOYMENT',
      HEALTH: 'MENTAL_HEALTH',
    } as Record<string, string>;
    for (const r of rows) {
      expect({
        from: r.from_code,
        supervisor: r.from_supervisor,
        plan: r.plan_matches,
        toType: r.to_type,
        toArea: r.to_area,
        pathway: r.pathway_type,
      }).toEqual({
        from: 'YJS-LEEDS',
        supervisor: true,
        plan: true,
        toType: to[r.type],
        toArea: 'LA-LEEDS',
        pathway: pathways[r.type],
      });
      expect(r.child_wishes && r.family_views && r.needs_and_risks).toBeTruthy();
      expect(Number(r.days_to_release)).toBeGreaterThan(0);
      // Every move an event and an audit row; the summary the partner sees is taken when it is sent.
      expect(r.events).toBeGreaterThanOrEqual(1);
      expect(r.audits).toBe(r.events);
      if (r.status === 'DRAFT') {
        expect(r).toMatchObject({ sent: false, summary: null, events: 1 });
      } else {
        expect(r.sent).toBe(true);
        expect(r.summary).toMatchObject({
          givenName: expect.any(String),
          releaseDate: r.release,
          childWishes: r.child_wishes,
          needsAndRisks: r.needs_and_risks,
        });
        // Sending puts the pathway in progress with the partner; confirming arranges it.
        expect(r.pathway_theirs).toBe(true);
        expect(r.pathway_status).toBe(r.status === 'CONFIRMED' ? 'ARRANGED' : 'IN_PROGRESS');
      }
      if (['OFFERED', 'CONFIRMED'].includes(r.status)) {
        expect(r.offer_start).toBe(r.release);
        expect(r.offer_address_or_place && r.offer_placement_type && r.offer_provider).toBeTruthy();
        expect(r.messages).toBeGreaterThanOrEqual(1);
      }
    }
    // A spread of release dates: within six weeks, within three months, and later.
    const sentDays = rows.filter((r) => r.type === 'ACCOMMODATION').map((r) => Number(r.days_to_release));
    expect(sentDays.some((d) => d <= 42)).toBe(true);
    expect(sentDays.some((d) => d > 42 && d <= 91)).toBe(true);
    expect(sentDays.some((d) => d > 91)).toBe(true);
    const [info] =
      await count(`SELECT v.note FROM referral_event v JOIN referral r ON r.id = v.referral_id JOIN organisation fs ON fs.id = r.from_service_id
      WHERE fs.code = 'YJS-LEEDS' AND v.to_status = 'INFORMATION_REQUESTED'`);
    expect(info.note).toMatch(/curfew/);

    // The confirmed placement and the sent referrals meet their milestones (refreshed in the referral's own
    // transaction).
    const milestones = await count(`SELECT r.status, m.key, m.status AS milestone_status FROM referral r
      JOIN organisation fs ON fs.id = r.from_service_id AND fs.code = 'YJS-LEEDS'
      JOIN milestone m ON m.episode_id = r.episode_id AND m.key IN ('ACCOMMODATION_CONFIRMED', 'ACCOMMODATION_REFERRAL_SENT')
      WHERE r.type = 'ACCOMMODATION'
        AND NOT EXISTS (SELECT 1 FROM child c WHERE c.id = r.child_id AND c.external_reference LIKE 'demo-released-%')`);
    const status = (referral: string, key: string) =>
      milestones.filter((m) => m.status === referral && m.key === key).map((m) => m.milestone_status);
    expect(status('CONFIRMED', 'ACCOMMODATION_CONFIRMED')).toEqual(['MET']);
    expect(status('SENT', 'ACCOMMODATION_REFERRAL_SENT')).toEqual(['MET', 'MET']);
    expect(status('DRAFT', 'ACCOMMODATION_REFERRAL_SENT')).not.toContain('MET');

    // The child with the acknowledged education referral has the college place and the GP registration recorded as
    // facts, and those deadlines are met by them, in every demo area.
    const facts = await count(`SELECT m.key::text AS key, m.status AS milestone_status, m.evidence->>'type' AS evidence
      FROM referral r JOIN milestone m ON m.episode_id = r.episode_id
        AND m.key IN ('ETE_PLACE_CONFIRMED', 'HEALTH_HANDOVER_ARRANGED')
      WHERE r.type = 'EDUCATION' AND r.status = 'ACKNOWLEDGED' ORDER BY m.key`);
    expect(facts.length).toBe(2 * 4);
    for (const f of facts) {
      expect(f).toEqual({
        key: f.key,
        milestone_status: 'MET',
        evidence: f.key === 'ETE_PLACE_CONFIRMED' ? 'EtePlacement' : 'HealthHandover',
      });
    }

    // Every demo area has referrals; at least one of its sentenced children has none. No other area has any.
    const areas = await count(`SELECT fs.code, count(r.id)::int AS referrals,
        (SELECT count(*)::int FROM custodial_episode e WHERE e.supervising_service_id = fs.id AND e.status = 'SENTENCED'
           AND NOT EXISTS (SELECT 1 FROM referral x WHERE x.child_id = e.child_id)) AS without
      FROM organisation fs LEFT JOIN referral r ON r.from_service_id = fs.id
      WHERE fs.type = 'YOUTH_JUSTICE_SERVICE' GROUP BY fs.id, fs.code HAVING count(r.id) > 0 ORDER BY fs.code`);
    expect(areas.map((a) => a.code)).toEqual(['YJS-BIRMINGHAM', 'YJS-CARDIFF', 'YJS-KENT', 'YJS-LEEDS']);
    for (const a of areas) expect(a.without).toBeGreaterThanOrEqual(1);
  });

  it('gives the released children referrals the providers answered over the year, each step timed', async () => {
    // Each released demo child (12 an area) one referral to its area's virtual school and one to its health service
    // (a child without the pathway has none), answered at the demo speeds: the health services slower.
    const rows = await count(`SELECT r.type, r.status, count(DISTINCT r.id)::int AS referrals, count(t.*)::int AS steps,
        min(t.answered_at) >= TIMESTAMPTZ '2025-09-01' AND max(t.answered_at) < TIMESTAMPTZ '2026-11-23' AS in_year,
        bool_and(t.due_date IS NULL AND t.organisation_id = r.to_organisation_id) AS providers,
        percentile_disc(0.5) WITHIN GROUP (ORDER BY t.working_days) FILTER (WHERE t.step = 'ACKNOWLEDGE') AS median
      FROM referral r JOIN custodial_episode e ON e.id = r.episode_id JOIN child c ON c.id = r.child_id
      LEFT JOIN referral_response_time t ON t.referral_id = r.id
      WHERE c.external_reference LIKE 'demo-released-%' AND r.type <> 'ACCOMMODATION'
      GROUP BY r.type, r.status ORDER BY r.type`);
    expect(rows.map((r) => [r.type, r.status, r.steps === 3 * r.referrals, r.in_year, r.providers])).toEqual([
      ['EDUCATION', 'CONFIRMED', true, true, true],
      ['HEALTH', 'CONFIRMED', true, true, true],
    ]);
    expect(rows.every((r) => r.referrals > 12)).toBe(true);
    expect(rows[1].median).toBeGreaterThan(rows[0].median);
  });

  it('gives the released children accommodation referrals their councils answered over the year, each step timed and due', async () => {
    // Each released demo child one referral to its home council: confirmed where its address was, else declined.
    // Closed history only: nothing is left in an inbox to act on.
    const referrals = await count(`SELECT r.status, r.to_organisation_id = c.home_authority_id AS home,
        a.id IS NOT NULL AS arranged, r.offer_address_or_place = a.address AS same_address,
        r.confirmed_at < a.created_at AS before_arrangement,
        (SELECT count(*)::int FROM referral_event v WHERE v.referral_id = r.id) AS events
      FROM referral r JOIN child c ON c.id = r.child_id
      LEFT JOIN LATERAL (SELECT id, address, created_at FROM accommodation_arrangement x
                          WHERE x.plan_id = r.plan_id ORDER BY created_at LIMIT 1) a ON true
      WHERE c.external_reference LIKE 'demo-released-%' AND r.type = 'ACCOMMODATION'`);
    expect(referrals).toHaveLength(48);
    for (const r of referrals) {
      expect(r.home).toBe(true);
      expect(r.status).toBe(r.arranged ? 'CONFIRMED' : 'DECLINED');
      if (r.arranged) expect([r.same_address, r.before_arrangement]).toEqual([true, true]);
      expect(r.events).toBeGreaterThanOrEqual(4);
    }
    expect(referrals.filter((r) => r.status === 'DECLINED').length).toBeGreaterThanOrEqual(1);
    // The arrangement, recorded after the council's confirmation, stays the address their deadlines were met by.
    const [{ byReferral }] =
      await count(`SELECT count(*)::int AS "byReferral" FROM milestone m JOIN child c ON c.id = m.child_id
      WHERE c.external_reference LIKE 'demo-released-%' AND m.evidence->>'type' = 'Referral'`);
    expect(byReferral).toBe(0);

    // Every step the council answered timed, due by the council's targets (national defaults: acknowledge 2, answer
    // 3, offer 10, confirm 3 working days), in the year before the seed's day.
    const steps = await count(`SELECT o.code, t.step::text AS step, t.working_days, t.due_date::text AS due,
        to_char((t.step_started_at AT TIME ZONE 'Europe/London')::date, 'YYYY-MM-DD') AS started,
        to_char((t.answered_at AT TIME ZONE 'Europe/London')::date, 'YYYY-MM-DD') AS answered,
        t.organisation_id = r.to_organisation_id AS theirs, t.from_service_id = r.from_service_id AS from_service,
        (SELECT array_agg(n.kind ORDER BY n.sent_at) FROM referral_response_notice n
          WHERE n.referral_id = t.referral_id AND n.step_started_at = t.step_started_at) AS notices
      FROM referral_response_time t JOIN referral r ON r.id = t.referral_id JOIN child c ON c.id = r.child_id
      JOIN organisation o ON o.id = t.organisation_id
      WHERE c.external_reference LIKE 'demo-released-%' AND t.referral_type = 'ACCOMMODATION'`);
    const target: Record<string, number> = { ACKNOWLEDGE: 2, ANSWER: 3, OFFER: 10, CONFIRM: 3 };
    for (const s of steps) {
      expect([s.theirs, s.from_service]).toEqual([true, true]);
      expect(s.due).toBe(addWorkingDays(s.started, target[s.step]));
      expect(s.working_days).toBe(workingDaysBetween(s.started, s.answered));
      expect(s.answered >= '2025-09-01' && s.answered < '2026-11-23').toBe(true);
      // Reminded on the due day and escalated the day after when the answer came later.
      const late = s.answered > s.due;
      expect(s.notices ?? []).toEqual(late ? ['REMINDER', 'ESCALATION'] : s.answered === s.due ? ['REMINDER'] : []);
    }
    // Four councils, every one with each step but the rare ANSWER answered at least 5 times: some within target, one
    // often late.
    const byCouncil = new Map<string, typeof steps>();
    for (const s of steps) byCouncil.set(s.code, [...(byCouncil.get(s.code) ?? []), s]);
    expect([...byCouncil.keys()].sort()).toEqual(['LA-BIRMINGHAM', 'LA-CARDIFF', 'LA-KENT', 'LA-LEEDS']);
    const lateShare = (code: string) =>
      byCouncil.get(code)!.filter((s) => s.answered > s.due).length / byCouncil.get(code)!.length;
    expect(lateShare('LA-LEEDS')).toBe(0);
    expect(lateShare('LA-KENT')).toBe(0);
    expect(lateShare('LA-CARDIFF')).toBeGreaterThan(0.5);
    for (const list of byCouncil.values())
      for (const step of ['ACKNOWLEDGE', 'OFFER', 'CONFIRM'])
        expect(list.filter((s) => s.step === step).length).toBeGreaterThanOrEqual(5);
    expect(steps.some((s) => s.step === 'ANSWER')).toBe(true);

    // The measures' 12 months to the end of last month (England and Wales): each step's councils suppressed as the
    // service does (`suppressSmallNumbers`, a council a cell of the step's row); every council shown at least once.
    const year = await count(`SELECT o.code, t.step::text AS step, count(*)::int AS n FROM referral_response_time t
      JOIN organisation o ON o.id = t.organisation_id
      WHERE t.referral_type = 'ACCOMMODATION'
        AND (t.answered_at AT TIME ZONE 'Europe/London')::date BETWEEN DATE '2025-11-01' AND DATE '2026-10-31'
      GROUP BY o.code, t.step ORDER BY o.code, t.step`);
    const codes = [...new Set(year.map((r) => r.code))];
    const shown = new Set<string>();
    for (const step of ['ACKNOWLEDGE', 'ANSWER', 'OFFER', 'CONFIRM']) {
      const cells = codes.map((code) => year.find((r) => r.code === code && r.step === step)?.n ?? 0);
      const [row] = suppressSmallNumbers([{ cells, total: cells.reduce((a, b) => a + b, 0) }]);
      for (const [i, cell] of row.cells.entries()) if (!cell.suppressed) shown.add(codes[i]);
    }
    expect([...shown].sort()).toEqual(['LA-BIRMINGHAM', 'LA-CARDIFF', 'LA-KENT', 'LA-LEEDS']);
  });

  it('has each demo area release children over the last 12 months, their milestones met by dated facts', async () => {
    const areas = await count(`SELECT o.code, count(*)::int AS released,
        min(e.released_at) >= TIMESTAMPTZ '2025-11-23' AND max(e.released_at) < TIMESTAMPTZ '2026-11-23' AS in_year
      FROM custodial_episode e JOIN child c ON c.id = e.child_id JOIN organisation o ON o.id = e.supervising_service_id
      WHERE c.external_reference LIKE 'demo-released-%' AND e.status = 'RELEASED' GROUP BY o.code ORDER BY o.code`);
    expect(areas).toEqual(
      ['YJS-BIRMINGHAM', 'YJS-CARDIFF', 'YJS-KENT', 'YJS-LEEDS'].map((code) => ({ code, released: 12, in_year: true })),
    );
    // A mix: the address confirmed on time, late and never, each milestone met by its fact (evidence) or not.
    const [mix] = await count(`SELECT
        count(*) FILTER (WHERE m.status = 'MET' AND (m.met_at AT TIME ZONE 'Europe/London')::date <= m.due_date)::int AS on_time,
        count(*) FILTER (WHERE m.status = 'MET' AND (m.met_at AT TIME ZONE 'Europe/London')::date > m.due_date)::int AS late,
        count(*) FILTER (WHERE m.status <> 'MET')::int AS not_met,
        count(*) FILTER (WHERE m.status = 'MET' AND m.evidence->>'type' IS NULL)::int AS without_fact
      FROM milestone m JOIN child c ON c.id = m.child_id
      WHERE c.external_reference LIKE 'demo-released-%' AND m.key = 'ACCOMMODATION_CONFIRMED'`);
    expect(mix.on_time).toBeGreaterThanOrEqual(5);
    expect(mix.late).toBeGreaterThanOrEqual(5);
    expect(mix.not_met).toBeGreaterThanOrEqual(1);
    expect(mix.without_fact).toBe(0);

    // Their case managers: one throughout, changed once, changed twice (each change ends the assignment before, and
    // the episode names the last); earlier interventions, most planned again; and the escalations of late deadlines.
    const [story] = await count(`WITH rel AS (SELECT e.*, (SELECT count(*)::int FROM case_manager_assignment a
                                                  WHERE a.episode_id = e.id) AS assignments
                   FROM custodial_episode e JOIN child c ON c.id = e.child_id WHERE c.external_reference LIKE 'demo-released-%')
      SELECT count(*) FILTER (WHERE assignments = 1)::int AS kept, count(*) FILTER (WHERE assignments = 2)::int AS once,
             count(*) FILTER (WHERE assignments = 3)::int AS twice,
             count(*) FILTER (WHERE case_manager_id <> (SELECT a.case_manager_id FROM case_manager_assignment a
                                 WHERE a.episode_id = rel.id AND a.assigned_until IS NULL))::int AS wrong_current,
             (SELECT count(*)::int FROM case_manager_assignment a JOIN rel r2 ON r2.id = a.episode_id
               WHERE a.assigned_until IS NULL) AS open_assignments,
             (SELECT count(*)::int FROM prior_intervention i JOIN rel r3 ON r3.child_id = i.child_id) AS prior,
             (SELECT count(*)::int FROM rel r4 JOIN resettlement_plan p ON p.episode_id = r4.id
                JOIN pathway w ON w.plan_id = p.id JOIN pathway_action a ON a.pathway_id = w.id
                JOIN prior_intervention i ON i.child_id = r4.child_id AND i.name = a.intervention) AS repeated
        FROM rel`);
    expect(story.kept + story.once + story.twice).toBe(48);
    expect(story.once).toBeGreaterThanOrEqual(5);
    expect(story.twice).toBeGreaterThanOrEqual(5);
    expect(story.wrong_current).toBe(0);
    expect(story.open_assignments).toBe(48);
    expect(story.repeated).toBeGreaterThanOrEqual(5);
    expect(story.prior - story.repeated).toBeGreaterThanOrEqual(1);
    const levels = await count(`SELECT x.level, count(*)::int AS n FROM (
        SELECT m.id, max(e.level) AS level
          FROM milestone m JOIN child c ON c.id = m.child_id JOIN milestone_escalation e ON e.milestone_id = m.id
         WHERE c.external_reference LIKE 'demo-released-%' GROUP BY m.id) x GROUP BY x.level ORDER BY x.level`);
    // Every level reached by some; most late deadlines were never met, so went to the top (3).
    expect(levels.map((l) => l.level)).toEqual([1, 2, 3]);
    expect(levels[2].n).toBeGreaterThan(levels[0].n + levels[1].n);
    // Only deadlines not met by their due date were escalated; those never met are MISSED, as the engine leaves them.
    const [wrong] = await count(`SELECT count(*) FILTER (WHERE m.status = 'MET'
                                        AND (m.met_at AT TIME ZONE 'Europe/London')::date < m.due_date)::int AS early,
        count(*) FILTER (WHERE m.status = 'PENDING')::int AS pending
      FROM milestone m JOIN child c ON c.id = m.child_id
     WHERE c.external_reference LIKE 'demo-released-%' AND EXISTS (SELECT 1 FROM milestone_escalation e WHERE e.milestone_id = m.id)`);
    expect(wrong).toEqual({ early: 0, pending: 0 });
    // Each keeps the highest level it reached, as the engine leaves it.
    const [{ off }] = await count(`SELECT count(*)::int AS off FROM milestone m JOIN child c ON c.id = m.child_id
      WHERE c.external_reference LIKE 'demo-released-%'
        AND m.escalation_level <> coalesce((SELECT max(e.level) FROM milestone_escalation e WHERE e.milestone_id = m.id), 0)`);
    expect(off).toBe(0);
  });

  it('names each demo council’s accommodation team lead as its lead', async () => {
    const leads = await count(`SELECT o.code, u.email, u.roles::text[] AS roles FROM organisation o
      JOIN app_user u ON u.id = o.lead_user_id WHERE o.type = 'LOCAL_AUTHORITY' ORDER BY o.code`);
    expect(leads).toEqual(
      ['birmingham', 'cardiff', 'kent', 'leeds'].map((area) => ({
        code: `LA-${area.toUpperCase()}`,
        email: `accommodation.lead@${area}.council.example.com`,
        roles: ['LA_ACCOMMODATION_OFFICER'],
      })),
    );
  });

  it('releases one Leeds child with what followed, for the after-release page, recorded by a named case manager', async () => {
    const rows = await count(`SELECT e.status, a.kind, a.outcome, a.notes, u.email
      FROM custodial_episode e JOIN resettlement_plan p ON p.episode_id = e.id
      JOIN release_appointment a ON a.plan_id = p.id JOIN app_user u ON u.id = a.recorded_by_id
      JOIN organisation o ON o.id = e.supervising_service_id WHERE o.code = 'YJS-LEEDS' ORDER BY a.at`);
    expect(rows).toEqual([
      expect.objectContaining({ status: 'RELEASED', kind: 'YJS', outcome: 'KEPT' }),
      expect.objectContaining({ kind: 'HEALTH', outcome: 'MISSED', notes: expect.stringContaining('No bus fare') }),
    ]);
    expect(rows[0].email).toBe('case.manager.1@leeds.yjs.example.com');
    const [after] = await count(`SELECT (SELECT count(*)::int FROM engagement_barrier) AS barriers,
      (SELECT count(*)::int FROM supervision_check) AS checks`);
    expect(after).toEqual({ barriers: 1, checks: 1 });
  });

  it('gives two demo children on remand their next court hearing, one with its deadlines due within days', async () => {
    // Scheduled on the first run (today 2026-11-23, a Monday), not again on the later ones.
    const hearings = await count(`SELECT s.code, e.status, h.hearing_date::text AS day, h.outcome, h.court,
        (SELECT count(*)::int FROM episode_event v WHERE v.episode_id = e.id AND v.type = 'HEARING_SCHEDULED') AS events,
        (SELECT min(m.due_date)::text FROM milestone m WHERE m.episode_id = e.id AND m.key::text LIKE 'HEARING_%'
            AND m.status = 'PENDING') AS first_due
      FROM court_hearing h JOIN custodial_episode e ON e.id = h.episode_id
      JOIN organisation s ON s.id = e.supervising_service_id ORDER BY h.hearing_date`);
    expect(hearings).toHaveLength(2);
    for (const h of hearings) {
      expect(['YJS-LEEDS', 'YJS-BIRMINGHAM', 'YJS-KENT', 'YJS-CARDIFF']).toContain(h.code);
      expect(h).toMatchObject({
        status: 'REMANDED',
        outcome: null,
        events: 1,
        court: expect.stringMatching(/Youth Court$/),
      });
    }
    // Tuesday 1 December (6 working days on): the first due Tuesday 24 November, at risk. Wednesday 30 December (25,
    // past Christmas and the Boxing Day holiday on the 28th): the first due Monday 21 December.
    expect(hearings.map((h) => [h.day, h.first_due])).toEqual([
      ['2026-12-01', '2026-11-24'],
      ['2026-12-30', '2026-12-21'],
    ]);
  });

  it('leaves one demo child mid-move from Birmingham to Kent, its council told on the referral', async () => {
    const moves = await count(`SELECT f.code AS "from", t.code AS "to" FROM supervision_transfer st
      JOIN organisation f ON f.id = st.from_service_id JOIN organisation t ON t.id = st.to_service_id`);
    expect(moves).toEqual([{ from: 'YJS-BIRMINGHAM', to: 'YJS-KENT' }]);
    const [{ n }] = await count(
      `SELECT count(*)::int AS n FROM referral_message WHERE body LIKE '%now holds the case%'`,
    );
    expect(n).toBeGreaterThanOrEqual(1);
  });
});
