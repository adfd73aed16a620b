import { GraphQLSchemaHost } from '@nestjs/graphql';
import { Role } from '@resettle/access';
import { AccessWorld, buildAccessWorld } from './support/access-world';
import { Baseline, FuzzCase, fuzzCases, renderCase, seededRandom, withVersion } from './support/input-fuzz';
import { RootOperation, rootOperations } from './support/schema-operations';
import { GraphqlResponse, Session, TestApp } from './support/test-app';

/**
 * Bad input must never be INTERNAL. Every query and mutation is read from the schema and sent generated input
 * (test/support/input-fuzz.ts): impossible dates and date-times, empty, huge and NUL-bearing strings, lone
 * surrogates, right-to-left and zero-width characters, negative and huge numbers, wrong enums, ids of the wrong
 * type, explicit nulls; as variables and as literals. No call may be INTERNAL or an HTTP 5xx, a refused call
 * may change no table (its audit row aside), and a value no valid call carries (30 February, NUL, a wrong enum) is
 * never accepted.
 */

const SEED = 18;
/** Fuzzed values tried per argument or input field, beyond explicit null, NUL and a lone surrogate. */
const PER_SLOT = 3;
const STALE = 999_999;

/** Tables a refused call may write to: the audit log records every refusal on purpose. */
const WRITTEN_BY_REFUSALS = ['audit_record'];
/** The audit log's partitions are written by refusals as the table is. */
const writtenByRefusals = (table: string) => WRITTEN_BY_REFUSALS.some((t) => table === t || table.startsWith(`${t}_`));

/** Roles tried, in this order, until one gets past the access policy (public operations are sent signed out). */
const ROLE_ORDER: Role[] = [
  Role.YJS_MANAGER,
  Role.NATIONAL_ADMIN,
  Role.ESTABLISHMENT_MANAGER,
  Role.LA_ACCOMMODATION_OFFICER,
  Role.LA_CHILDRENS_SERVICES,
  Role.HEALTH_PRACTITIONER,
  Role.EDUCATION_PROVIDER,
  Role.YJS_CASE_MANAGER,
  Role.ESTABLISHMENT_STAFF,
];

interface Sent {
  status: number;
  body: GraphqlResponse | null;
}

describe('bad input is never INTERNAL', () => {
  let t: TestApp;
  let w: AccessWorld;
  /** Ids of the records the fuzz aims at, by the field names that carry them. */
  const ids: Record<string, string> = {};
  /** The referral a partner may act on (sent to side A's local authority); `ids.referralId` is side A's draft. */
  let sentReferralId: string;

  async function send(session: Session | null, query: string, variables?: Record<string, unknown>): Promise<Sent> {
    const res = await t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', ...(session ? { authorization: session.authorization } : {}) },
        payload: JSON.stringify({ query, variables }),
      });
    let body: GraphqlResponse | null;
    try {
      body = JSON.parse(res.body);
    } catch {
      body = null;
    }
    return { status: res.statusCode, body };
  }

  beforeAll(async () => {
    t = await TestApp.start();
    w = await buildAccessWorld(t);
    const manager = w.sessions[Role.YJS_MANAGER];
    const { resettlementPlan: plan } = await manager.ok(
      `query($id: ID!) { resettlementPlan(episodeId: $id) { id pathways { id type } } }`,
      { id: w.a.episode.id },
    );
    const pathwayOf = (type: string) => plan.pathways.find((p: { type: string }) => p.type === type).id;
    const { addPathwayAction } = await manager.ok(
      `mutation($input: AddPathwayActionInput!) { addPathwayAction(input: $input) { action { id } } }`,
      {
        input: { pathwayId: pathwayOf('EDUCATION_TRAINING_EMPLOYMENT'), description: 'Set up a college taster day' },
      },
    );
    const { recordAppointment } = await manager.ok(
      `mutation($input: RecordAppointmentInput!) { recordAppointment(input: $input) { id } }`,
      {
        input: { planId: plan.id, kind: 'YJS', at: '2026-12-10T14:00:00Z', withWhom: 'Case manager' },
      },
    );
    const { recordEngagementBarrier } = await manager.ok(
      `mutation($input: RecordEngagementBarrierInput!) { recordEngagementBarrier(input: $input) { id } }`,
      {
        input: {
          planId: plan.id,
          barrier: 'Two buses to the office',
          assessment: 'Cannot afford the fare',
          planToAddress: 'Bus pass',
        },
      },
    );
    const { scheduleMeeting } = await manager.ok(
      `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`,
      {
        input: {
          planId: plan.id,
          type: 'INITIAL',
          startsAt: '2026-12-01T10:00:00Z',
          endsAt: '2026-12-01T11:00:00Z',
          location: 'Meeting room',
          childParticipation: 'IN_PERSON',
        },
      },
    );
    const referral = async () =>
      (
        await manager.ok(`mutation($input: CreateReferralInput!) { createReferral(input: $input) { id version } }`, {
          input: {
            pathwayId: pathwayOf('ACCOMMODATION'),
            type: 'ACCOMMODATION',
            toOrganisationId: w.a.localAuthority.id,
          },
        })
      ).createReferral;
    const draft = await referral();
    const toSend = await referral();
    await manager.ok(`mutation($input: ReferralMoveInput!) { sendReferral(input: $input) { id } }`, {
      input: { referralId: toSend.id, expectedVersion: toSend.version },
    });
    sentReferralId = toSend.id;
    const [milestone] = await t.dataSource.query(
      `SELECT id FROM milestone WHERE episode_id = $1 ORDER BY key LIMIT 1`,
      [w.a.episode.id],
    );

    const caseManagerId = w.sessions[Role.YJS_CASE_MANAGER].userId;
    Object.assign(ids, {
      childId: w.a.child.id,
      episodeId: w.a.episode.id,
      planId: plan.id,
      pathwayId: pathwayOf('EDUCATION_TRAINING_EMPLOYMENT'),
      actionId: addPathwayAction.action.id,
      appointmentId: recordAppointment.id,
      barrierId: recordEngagementBarrier.id,
      meetingId: scheduleMeeting.id,
      referralId: draft.id,
      milestoneId: milestone.id,
      userId: w.a.colleagueOf[w.a.youthJusticeService.id].id,
      caseManagerId,
      ownerUserId: caseManagerId,
      supervisionExplainedById: caseManagerId,
      organisationId: w.a.youthJusticeService.id,
      youthJusticeServiceId: w.a.youthJusticeService.id,
      supervisingServiceId: w.a.youthJusticeService.id,
      establishmentId: w.a.establishment.id,
      toEstablishmentId: w.b.establishment.id,
      localAuthorityId: w.a.localAuthority.id,
      toOrganisationId: w.a.localAuthority.id,
      responsibleAuthorityId: w.a.localAuthority.id,
      homeAuthorityId: w.a.localAuthority.id,
      ownerOrganisationId: w.a.healthProvider.id,
      responsibleOrganisationId: w.a.healthProvider.id,
    });
  }, 120_000);

  afterAll(async () => {
    await t?.stop();
  });

  let made = 0;
  /** A UUID that is nobody's (the same on every run). */
  const nobodysId = () => `00000000-0000-4000-8000-${String(++made).padStart(12, '0')}`;

  /** The world's ids for the fuzz's baseline calls; an unknown id field gets a UUID that is nobody's. */
  function baselineFor(role: Role | null): Baseline {
    const idOf = (name: string, operation: string): string => {
      if (name === 'referralId' || (name === 'id' && operation === 'referral')) {
        return role === Role.LA_ACCOMMODATION_OFFICER ? sentReferralId : ids.referralId;
      }
      if (name === 'id') {
        const aliases: Record<string, string> = { custodialEpisode: 'episodeId' };
        return ids[aliases[operation] ?? `${operation}Id`] ?? nobodysId();
      }
      return ids[name] ?? nobodysId();
    };
    return {
      id: idOf,
      wrongId: (name, operation) => {
        const own = idOf(name, operation);
        return own === ids.childId ? ids.episodeId : ids.childId;
      },
      string: (name, description) => {
        if (description?.includes('YYYY-MM-DD') || /(Date|On|dateOfBirth|periodEnding)$/.test(name))
          return '2026-11-20';
        if (description?.includes('HH:MM') || /Time$/.test(name)) return '10:00';
        if (/email/i.test(name)) return `fuzz.${++made}@example.com`;
        if (name === 'currentPassword') return 'not the password';
        if (/password/i.test(name)) return 'A long enough passphrase 1!';
        if (name === 'refreshToken') return 'not-a-refresh-token';
        if (name === 'callLink') return 'https://meet.example.com/fuzz';
        if (name === 'phone') return '07700 900123';
        return 'Fuzz text';
      },
      int: (name) =>
        name === 'expectedVersion'
          ? STALE
          : name === 'termMonths'
            ? 8
            : name === 'first'
              ? 5
              : name === 'amount'
                ? 5
                : 1,
      dateTime: (name) =>
        /^(endsAt|to)$/.test(name)
          ? '2026-12-01T11:00:00Z'
          : /^(startsAt|from)$/.test(name)
            ? '2026-12-01T10:00:00Z'
            : '2026-11-20T10:00:00Z',
    };
  }

  // ---------------------------------------------------------------------------------------------- the cases
  const rowsOf = async (table: string): Promise<number> =>
    Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const first = (sent: Sent) => sent.body?.errors?.[0];

  describe('text that cannot be stored is refused at the edge, naming the field', () => {
    it('a NUL in the email of a signed-out sign-in', async () => {
      const sent = await send(null, `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`, {
        input: { email: 'someone\u0000@example.com', password: 'whatever it is' },
      });
      expect(sent.status).toBe(200);
      expect(first(sent)?.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fieldErrors: { email: ['email contains a NUL character (U+0000), which cannot be stored; remove it'] },
      });
    });

    it('a NUL written in the document, in a filter of a query', async () => {
      const sent = await send(
        w.sessions[Role.YJS_MANAGER],
        `{ organisations(filter: { nameContains: "Leeds\\u0000" }) { totalCount } }`,
      );
      expect(first(sent)?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fieldErrors: { nameContains: [expect.stringContaining('NUL')] },
      });
    });

    it('a lone surrogate in free text, and nothing is written', async () => {
      const before = await rowsOf('pathway_action');
      const sent = await send(
        w.sessions[Role.YJS_MANAGER],
        `mutation($input: AddPathwayActionInput!) { addPathwayAction(input: $input) { action { id } } }`,
        {
          input: { pathwayId: ids.pathwayId, description: 'Visit the college \ud800' },
        },
      );
      expect(first(sent)?.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fieldErrors: {
          description: [
            'description contains a broken character (U+D800, half of a UTF-16 surrogate pair), which cannot be stored; remove it',
          ],
        },
      });
      expect(await rowsOf('pathway_action')).toBe(before);
    });

    it('an id that is only a NUL, written in the document', async () => {
      const sent = await send(
        w.sessions[Role.YJS_MANAGER],
        `mutation { recordRelease(input: { episodeId: "\\u0000", expectedVersion: 1, releasedAt: "2026-11-20T10:00:00Z" }) { id } }`,
      );
      expect(first(sent)?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fieldErrors: { episodeId: [expect.stringContaining('NUL')] },
      });
    });

    it('every bad value at once, each by its path (an id list by position)', async () => {
      const sent = await send(
        w.sessions[Role.YJS_MANAGER],
        `mutation($ids: [ID!]!) { markNotificationsRead(input: { ids: $ids }) }`,
        {
          ids: ['00000000-0000-4000-8000-000000000000', '\u0000', 'x\udc00'],
        },
      );
      expect(Object.keys(first(sent)?.extensions.fieldErrors ?? {})).toEqual(['ids.1', 'ids.2']);
    });
  });

  describe('impossible date-times are refused, not rolled over', () => {
    it('recordRelease on 30 February 2026 leaves the child in custody', async () => {
      const { custodialEpisode } = await w.sessions[Role.YJS_MANAGER].ok(
        `query($id: ID!) { custodialEpisode(id: $id) { version } }`,
        { id: ids.episodeId },
      );
      const sent = await send(
        w.sessions[Role.YJS_MANAGER],
        `mutation($input: RecordReleaseInput!) { recordRelease(input: $input) { id releasedAt } }`,
        {
          input: {
            episodeId: ids.episodeId,
            expectedVersion: custodialEpisode.version,
            releasedAt: '2026-02-30T10:00:00Z',
          },
        },
      );
      expect(first(sent)?.extensions.code).toBe('BAD_USER_INPUT');
      expect(first(sent)?.message).toContain('input.releasedAt');
      const [episode] = await t.dataSource.query(`SELECT released_at, version FROM custodial_episode WHERE id = $1`, [
        ids.episodeId,
      ]);
      expect(episode).toEqual({ released_at: null, version: custodialEpisode.version });
    });

    it('scheduleMeeting starting on 30 February 2027, as a literal, makes no meeting', async () => {
      const before = await rowsOf('planning_meeting');
      const sent = await send(
        w.sessions[Role.YJS_MANAGER],
        `mutation { scheduleMeeting(input: {
        planId: "${ids.planId}", type: REVIEW, startsAt: "2027-02-30T10:00:00Z", endsAt: "2027-02-30T11:00:00Z", location: "Room 1", childParticipation: IN_PERSON
      }) { id } }`,
      );
      expect(first(sent)?.extensions.code).toBe('BAD_USER_INPUT');
      expect(first(sent)?.message).toContain('2027-02-30T10:00:00Z');
      expect(await rowsOf('planning_meeting')).toBe(before);
    });
  });

  it('an explicit null for an optional field that cannot be null is BAD_USER_INPUT naming it', async () => {
    const sent = await send(
      w.sessions[Role.YJS_MANAGER],
      `mutation { setMilestonePolicy(input: { youthJusticeServiceId: "${ids.youthJusticeServiceId}", key: DETENTION_PLACEMENT_PLAN, disabled: null }) { youthJusticeServiceId } }`,
    );
    expect(first(sent)?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: { disabled: ['disabled cannot be null; leave it out instead', expect.any(String)] },
    });
  });

  // ---------------------------------------------------------------------------------------------- the fuzz
  /**
   * Counts every row each table gains, loses or has changed, from now on: a trigger on every table (the audit log
   * aside) notes each real change in `fuzz_write`, in the writer's own transaction, so a change rolled back is not
   * counted. Reading the counts after a call is one small query, where checksumming every table took most of the
   * fuzz's time. Owned by the database's owner; the api's role writes the notes only through the trigger.
   */
  async function watchWrites(): Promise<() => Promise<Map<string, string>>> {
    const tables: { table_name: string }[] = await t.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    await t.dataSource.query(`CREATE TABLE fuzz_write (id bigserial PRIMARY KEY, table_name text NOT NULL)`);
    await t.dataSource.query(
      `CREATE FUNCTION fuzz_note_write() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
       BEGIN INSERT INTO fuzz_write (table_name) VALUES (TG_TABLE_NAME); RETURN NULL; END $$`,
    );
    for (const name of tables.map((r) => r.table_name).filter((n) => !writtenByRefusals(n))) {
      await t.dataSource.query(
        `CREATE TRIGGER fuzz_insert_delete AFTER INSERT OR DELETE ON "${name}" FOR EACH ROW EXECUTE FUNCTION fuzz_note_write();
         CREATE TRIGGER fuzz_update AFTER UPDATE ON "${name}" FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION fuzz_note_write();
         CREATE TRIGGER fuzz_truncate AFTER TRUNCATE ON "${name}" FOR EACH STATEMENT EXECUTE FUNCTION fuzz_note_write();`,
      );
    }
    return async () =>
      new Map(
        (
          await t.dataSource.query(`SELECT table_name AS t, count(*)::text AS n FROM fuzz_write GROUP BY table_name`)
        ).map((r: { t: string; n: string }) => [r.t, r.n]),
      );
  }

  it('refuses generated bad input to every query and mutation: no INTERNAL, no 5xx, and a refused call changes nothing', async () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const operations = rootOperations(schema);
    const random = seededRandom(SEED);
    const snapshot = await watchWrites();
    let state = await snapshot();

    const internal: string[] = [];
    const serverErrors: string[] = [];
    const changedByRefusal: string[] = [];
    const acceptedInvalid: string[] = [];
    const casesOf: Record<string, number> = {};
    const codes: Record<string, number> = {};
    let calls = 0;
    const started = Date.now();

    /** Sends one call and checks it; `describe` names it in the report. */
    const check = async (session: Session | null, c: FuzzCase, describe: string): Promise<Sent> => {
      const { query, variables } = renderCase(c);
      const sent = await send(session, query, variables);
      calls++;
      const errors = sent.body?.errors ?? [];
      for (const e of errors) codes[e.extensions?.code ?? 'none'] = (codes[e.extensions?.code ?? 'none'] ?? 0) + 1;
      if (!errors.length) codes.OK = (codes.OK ?? 0) + 1;
      if (sent.status >= 500) serverErrors.push(`${describe}: HTTP ${sent.status}`);
      if (errors.some((e) => e.extensions?.code === 'INTERNAL')) internal.push(describe);
      const after = await snapshot();
      const refused = errors.length > 0 && (sent.body?.data?.[c.operation.name] ?? null) === null;
      if (c.invalid && !refused) acceptedInvalid.push(describe);
      if (refused) {
        const changed = [...after].filter(([table, sum]) => state.get(table) !== sum).map(([table]) => table);
        if (changed.length)
          changedByRefusal.push(`${describe} (${errors[0].extensions?.code}) changed ${changed.join(', ')}`);
      }
      state = after;
      return sent;
    };

    /** The session a call is sent as: signed out for public operations, else the first role the policy lets past. */
    const sessionFor = async (operation: RootOperation): Promise<{ role: Role | null; session: Session | null }> => {
      const probe = (role: Role | null) => fuzzCases(operation, baselineFor(role), seededRandom(0), 0)[0];
      const anonymous = await check(null, probe(null), `${operation.name} (signed out)`);
      if (anonymous.body?.errors?.[0]?.extensions.code !== 'UNAUTHENTICATED') return { role: null, session: null };
      let fallback: Role | null = null;
      for (const role of ROLE_ORDER) {
        const res = await check(w.sessions[role], probe(role), `${operation.name} as ${role}`);
        const code = res.body?.errors?.[0]?.extensions.code;
        // Signed in and still UNAUTHENTICATED: a public operation refusing its input (sign-in with a wrong password).
        if (code === 'UNAUTHENTICATED') return { role: null, session: null };
        if (code === 'FORBIDDEN') continue;
        fallback ??= role;
        if (code !== 'NOT_FOUND') return { role, session: w.sessions[role] };
      }
      return { role: fallback, session: fallback ? w.sessions[fallback] : null };
    };

    for (const operation of operations) {
      const { role, session } = await sessionFor(operation);
      const cases = fuzzCases(operation, baselineFor(role), random, PER_SLOT);
      casesOf[operation.name] = cases.length;
      for (const c of cases) {
        const describe = `${operation.name} ${c.path} = ${c.label}${c.inline ? ' (literal)' : ''} as ${role ?? 'signed out'}`;
        const sent = await check(session, c, describe);
        // Refused only for its stale version: send it again at the current one, so the value reaches the service.
        const current = sent.body?.errors?.[0]?.extensions.currentVersion;
        if (typeof current === 'number' && !c.path.endsWith('expectedVersion')) {
          await check(session, { ...c, args: withVersion(c.args, current) }, `${describe} (at version ${current})`);
        }
      }
    }

    const seconds = (Date.now() - started) / 1000;
    // For whoever reads the run: how many calls, how long, and what came back.
    console.log(
      `input fuzz: ${calls} calls over ${operations.length} operations in ${seconds.toFixed(1)} s; codes ${JSON.stringify(codes)}`,
    );
    expect({ internal, serverErrors, changedByRefusal, acceptedInvalid }).toEqual({
      internal: [],
      serverErrors: [],
      changedByRefusal: [],
      acceptedInvalid: [],
    });
    // Every operation was fuzzed, with at least 500 inputs in all.
    expect(Object.keys(casesOf).sort()).toEqual(operations.map((o) => o.name).sort());
    const underFuzzed = operations
      .filter((o) => o.field.args.length > 0 && casesOf[o.name] <= 5)
      .map((o) => `${o.name}: ${casesOf[o.name]}`);
    expect(underFuzzed).toEqual([]);
    expect(Object.values(casesOf).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(500);
  }, 600_000);
});
