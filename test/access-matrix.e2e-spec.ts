import { GraphQLSchemaHost } from '@nestjs/graphql';
import { Role } from '@resettle/access';
import { AccessWorld, buildAccessWorld, Side } from './support/access-world';
import { rootOperations } from './support/schema-operations';
import { GraphqlResponse, Session, TestApp } from './support/test-app';

/**
 * The authorisation matrix: every query and mutation in the schema × every role × the caller's own side and the
 * other side, against the real api, PostgreSQL and Redis. The operations are read from the schema itself, so a
 * new operation without an entry here fails the first test. Expected outcomes are written out in full: this file
 * is the reviewable snapshot of who may do what.
 *
 * "allow" means the request got past access: data, or for the mutations below an error that only the service
 * itself gives (each is sent a stale version, or would duplicate an open episode, so it changes nothing).
 */

type Outcome = 'allow' | 'NOT_FOUND' | 'FORBIDDEN';
type Target = 'own' | 'other';
type Expectation = Record<Role, [own: Outcome, other: Outcome]>;

interface Operation {
  /** What a call that gets past access returns: data (OK) or the service's own refusal code. */
  allowed: 'OK' | 'CONFLICT';
  expect: Expectation;
  run(session: Session | null, target: Target, role: Role): Promise<GraphqlResponse>;
  /** A child's record is read or changed: every allowed call must leave an audit row (refusals always do). */
  audited: boolean | ((target: Target) => boolean);
}

const ROLES = Object.values(Role);
const STALE = 999_999;

/** Every role refused at the door, except those given. */
function only(allowed: Partial<Expectation>): Expectation {
  return Object.fromEntries(ROLES.map((role) => [role, allowed[role] ?? ['FORBIDDEN', 'FORBIDDEN']])) as Expectation;
}

const OWN_ONLY: [Outcome, Outcome] = ['allow', 'NOT_FOUND'];
const NEITHER: [Outcome, Outcome] = ['NOT_FOUND', 'NOT_FOUND'];
const BOTH: [Outcome, Outcome] = ['allow', 'allow'];
const EVERYONE = only(Object.fromEntries(ROLES.map((r) => [r, BOTH])));

/**
 * Who may read a child's record: the supervising service, the establishment holding them, and their corporate parent.
 */
const CHILD_READERS = only({
  YJS_CASE_MANAGER: OWN_ONLY,
  YJS_MANAGER: OWN_ONLY,
  ESTABLISHMENT_STAFF: OWN_ONLY,
  ESTABLISHMENT_MANAGER: OWN_ONLY,
  LA_CHILDRENS_SERVICES: OWN_ONLY,
  // No referral or pathway exists for these children, so these partners see nothing of them.
  LA_ACCOMMODATION_OFFICER: NEITHER,
  HEALTH_PRACTITIONER: NEITHER,
  EDUCATION_PROVIDER: NEITHER,
});

const CUSTODY_CHANGERS = only({
  YJS_CASE_MANAGER: OWN_ONLY,
  YJS_MANAGER: OWN_ONLY,
  ESTABLISHMENT_STAFF: OWN_ONLY,
  ESTABLISHMENT_MANAGER: OWN_ONLY,
});

const SUPERVISING_SERVICE_ONLY = only({
  YJS_CASE_MANAGER: OWN_ONLY,
  YJS_MANAGER: OWN_ONLY,
  ESTABLISHMENT_STAFF: NEITHER,
  ESTABLISHMENT_MANAGER: NEITHER,
});

const YJS_MANAGER_ONLY = only({ YJS_MANAGER: OWN_ONLY });

/** Who may open a plan: as for the child (partners see a plan only once a pathway of it is theirs). */
const PLAN_READERS = CHILD_READERS;

/** The plan as a whole is its supervising service's; everyone else who holds the capability gets NOT_FOUND. */
const PLAN_CHANGERS = only({
  YJS_CASE_MANAGER: OWN_ONLY,
  YJS_MANAGER: OWN_ONLY,
  ESTABLISHMENT_STAFF: NEITHER,
  ESTABLISHMENT_MANAGER: NEITHER,
  LA_ACCOMMODATION_OFFICER: NEITHER,
  LA_CHILDRENS_SERVICES: NEITHER,
  HEALTH_PRACTITIONER: NEITHER,
  EDUCATION_PROVIDER: NEITHER,
});

/**
 * A pathway: the supervising service and its responsible organisation, here the establishment holding the child (the
 * matrix's pathway is education in custody). An establishment never changes a pathway it does not own (see "an
 * establishment's part of the plan" below).
 */
const PATHWAY_CHANGERS = only({
  ...PLAN_CHANGERS,
  ESTABLISHMENT_STAFF: OWN_ONLY,
  ESTABLISHMENT_MANAGER: OWN_ONLY,
});

/** National admins anywhere; an organisation's managers in their own only. */
const USER_ADMINS = only({ NATIONAL_ADMIN: BOTH, YJS_MANAGER: OWN_ONLY, ESTABLISHMENT_MANAGER: OWN_ONLY });

/** Referrals are read by both sides: the service that made it, and (once sent, never here) the partner. */
const REFERRAL_READERS = only({
  YJS_CASE_MANAGER: OWN_ONLY,
  YJS_MANAGER: OWN_ONLY,
  // The matrix's referrals are DRAFTs: a partner has none of them.
  LA_ACCOMMODATION_OFFICER: NEITHER,
  HEALTH_PRACTITIONER: NEITHER,
  EDUCATION_PROVIDER: NEITHER,
});

/** The youth justice side's moves (create, change the draft, send, withdraw): its case managers and managers. */
const REFERRAL_SENDERS = only({ YJS_CASE_MANAGER: OWN_ONLY, YJS_MANAGER: OWN_ONLY });

/** The partner's moves (acknowledge, ask for information, offer, confirm, decline): nobody here has a sent referral. */
const REFERRAL_RESPONDERS = only({
  LA_ACCOMMODATION_OFFICER: NEITHER,
  HEALTH_PRACTITIONER: NEITHER,
  EDUCATION_PROVIDER: NEITHER,
});

/** The list is filtered in SQL to the caller's own: everyone who may read referrals gets a (possibly empty) page. */
const REFERRAL_LISTERS = only({
  YJS_CASE_MANAGER: BOTH,
  YJS_MANAGER: BOTH,
  LA_ACCOMMODATION_OFFICER: BOTH,
  HEALTH_PRACTITIONER: BOTH,
  EDUCATION_PROVIDER: BOTH,
});

const PUBLIC_OPERATIONS = ['calculateReleaseDates', 'login', 'refresh', 'logout', 'invitation', 'acceptInvitation'];

/**
 * Operations that name no record of a child: the caller's own things, the directory and users, a new child, and
 * lists (whose read rows name each child on the page). Every other operation names a record of the side's child (the
 * child, an episode, a plan, a pathway, a referral, a milestone, a meeting...), and every audit row it writes,
 * whatever the outcome (read, change, refusal at the door, NOT_FOUND, a failure such as CONFLICT), must carry that
 * child's id: that is how the child's auditTrail and accessReport find it. A new operation is held to it by default.
 */
const NAMES_NO_CHILD_RECORD = new Set([
  'organisations',
  'organisation',
  'me',
  'changePassword',
  'setMyWorkPhone',
  'notifications',
  'unreadNotificationCount',
  'markNotificationsRead',
  'markNotificationsReadAt',
  'markAllNotificationsRead',
  'notificationPreferences',
  'setNotificationPreferences',
  'users',
  'caseManagersOf',
  'createUser',
  'setUserRoles',
  'disableUser',
  'enableUser',
  'resendInvitation',
  'setOrganisationEmailDomains',
  'registerChild',
  'children',
  'possibleDuplicateChildren',
  'myMeetings',
  'createCalendarFeed',
  'revokeCalendarFeed',
  'milestonesAtRisk',
  'milestonePolicy',
  'setMilestonePolicy',
  'deadlineEngineStatus',
  'resettlementMeasures',
  'measureChildren',
  'referralResponseTargets',
  'mayConfigureReferralResponseTargets',
  'setReferralResponseTargets',
  'referrals',
  'caseload',
]);

describe('the authorisation matrix', () => {
  let t: TestApp;
  let w: AccessWorld;
  const side = (target: Target): Side => (target === 'own' ? w.a : w.b);
  /** For user administration: the caller's own organisation, or the one of the same kind on the other side. */
  const orgFor = (role: Role, target: Target) =>
    target === 'own' ? w.ownOrganisation(role) : w.otherOrganisation(role);
  const colleagueIn = (role: Role, target: Target) => {
    const org = orgFor(role, target);
    return (w.a.colleagueOf[org.id] ?? w.b.colleagueOf[org.id])!;
  };
  const call = (session: Session | null, query: string, variables?: Record<string, unknown>) =>
    session ? session.graphql(query, variables) : t.graphql(query, variables);

  const episodeMutation =
    (name: string, input: string, extra: (s: Side) => Record<string, unknown>) =>
    (session: Session | null, target: Target) =>
      call(session, `mutation($input: ${input}!) { ${name}(input: $input) { id } }`, {
        input: { episodeId: side(target).episode.id, expectedVersion: STALE, ...extra(side(target)) },
      });

  /**
   * Each side's plan, a pathway of it, an action on that pathway, a planned appointment and an open barrier (made in
   * beforeAll).
   */
  const planOf: Record<
    Target,
    {
      id: string;
      pathwayId: string;
      actionId: string;
      appointmentId: string;
      barrierId: string;
      meetingId: string;
      circumstanceId: string;
      priorInterventionId: string;
    }
  > = {} as never;
  const MATRIX_BARRIER = 'Two buses to the YJS office';
  /**
   * Each side's DRAFT accommodation referral to its own local authority, and that plan's accommodation pathway (made in
   * beforeAll).
   */
  const referralOf: Record<Target, { id: string; pathwayId: string }> = {} as never;
  const referralMutation =
    (name: string, input: string, extra: () => Record<string, unknown> = () => ({})) =>
    (session: Session | null, target: Target) =>
      call(session, `mutation($input: ${input}!) { ${name}(input: $input) { __typename } }`, {
        input: { referralId: referralOf[target].id, expectedVersion: STALE, ...extra() },
      });
  /** Each side's next court hearing (inserted in beforeAll). */
  const hearingOf: Record<Target, string> = {} as never;
  const hearingMutation =
    (name: string, input: string, extra: Record<string, unknown>) => (session: Session | null, target: Target) =>
      call(session, `mutation($input: ${input}!) { ${name}(input: $input) { id } }`, {
        input: { hearingId: hearingOf[target], expectedVersion: STALE, ...extra },
      });
  /** Each side's detention placement plan milestone (their episodes began on remand), found in beforeAll. */
  const milestoneOf: Record<Target, string> = {} as never;
  const planMutation =
    (name: string, input: string, extra: () => Record<string, unknown> = () => ({})) =>
    (session: Session | null, target: Target) =>
      call(session, `mutation($input: ${input}!) { ${name}(input: $input) { __typename } }`, {
        input: { planId: planOf[target].id, expectedVersion: STALE, ...extra() },
      });

  let emailSeq = 0;
  let phoneSeq = 0;
  const OPERATIONS: Record<string, Operation> = {
    // ---------------------------------------------------------------- directory and self
    organisations: {
      allowed: 'OK',
      audited: false,
      expect: EVERYONE,
      run: (s) => call(s, `{ organisations(first: 5) { totalCount edges { node { id } } } }`),
    },
    organisation: {
      allowed: 'OK',
      audited: false,
      expect: EVERYONE,
      run: (s, target) =>
        call(s, `query($id: ID!) { organisation(id: $id) { id name } }`, { id: side(target).youthJusticeService.id }),
    },
    me: {
      allowed: 'OK',
      audited: false,
      expect: EVERYONE,
      run: (s) => call(s, `{ me { id email roles organisation { id } } }`),
    },
    setMyWorkPhone: {
      allowed: 'OK',
      audited: true,
      expect: EVERYONE,
      // Only ever the caller's own: a new number each time, so each call changes something (and is audited).
      run: (s) =>
        call(s, `mutation($input: SetMyWorkPhoneInput!) { setMyWorkPhone(input: $input) { workPhone } }`, {
          input: { workPhone: `07700 900${String(++phoneSeq).padStart(3, '0')}` },
        }),
    },
    changePassword: {
      allowed: 'OK',
      audited: true,
      expect: EVERYONE,
      // Its own throwaway user, since changing the password ends the sessions the rest of the matrix uses.
      run: async (s, _target, role) => {
        if (!s)
          return t.graphql(
            `mutation { changePassword(input: { currentPassword: "x", newPassword: "y" }) { accessToken } }`,
          );
        const own = await t.userSession({
          organisationId: w.ownOrganisation(role).id,
          roles: [role],
          email: `pw.${++emailSeq}@example.com`,
        });
        return own.graphql(`mutation($input: ChangePasswordInput!) { changePassword(input: $input) { accessToken } }`, {
          input: { currentPassword: TestApp.TEST_PASSWORD, newPassword: `A new passphrase ${emailSeq}!` },
        });
      },
    },

    // ---------------------------------------------------------------- notifications (the caller's own)
    // Every one is scoped to the caller in SQL: there is no other side to ask for, so everyone is allowed on both.
    notifications: {
      // The caller's own list; only a notification about a child is audited (as a read), and these sessions have none.
      allowed: 'OK',
      audited: false,
      expect: EVERYONE,
      run: (s) => call(s, `{ notifications(first: 5) { totalCount edges { node { id title readAt } } } }`),
    },
    unreadNotificationCount: {
      allowed: 'OK',
      audited: false,
      expect: EVERYONE,
      run: (s) => call(s, `{ unreadNotificationCount }`),
    },
    markNotificationsRead: {
      // An id that is nobody's (or someone else's) is ignored: 0 marked, never an error that would reveal it. Audited.
      allowed: 'OK',
      audited: true,
      expect: EVERYONE,
      run: (s) =>
        call(s, `mutation($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) }`, {
          input: { ids: ['00000000-0000-4000-8000-000000000000'] },
        }),
    },
    markNotificationsReadAt: {
      // Opening a page with nothing unread about it marks nothing and writes nothing, not even an audit row.
      allowed: 'OK',
      audited: false,
      expect: EVERYONE,
      run: (s) =>
        call(
          s,
          `mutation { markNotificationsReadAt(input: { link: "/referrals/00000000-0000-4000-8000-000000000000" }) }`,
        ),
    },
    markAllNotificationsRead: {
      allowed: 'OK',
      audited: true,
      expect: EVERYONE,
      run: (s) => call(s, `mutation { markAllNotificationsRead }`),
    },
    notificationPreferences: {
      allowed: 'OK',
      audited: false,
      expect: EVERYONE,
      run: (s) => call(s, `{ notificationPreferences { emailMode updatedAt } }`),
    },
    setNotificationPreferences: {
      // The caller's own choice, the same one each time; audited with before and after.
      allowed: 'OK',
      audited: true,
      expect: EVERYONE,
      run: (s) => call(s, `mutation { setNotificationPreferences(input: { emailMode: IMMEDIATE }) { emailMode } }`),
    },

    // ---------------------------------------------------------------- users
    users: {
      allowed: 'OK',
      audited: false,
      expect: USER_ADMINS,
      run: (s, target, role) =>
        call(s, `query($org: ID) { users(organisationId: $org) { totalCount edges { node { id } } } }`, {
          org: orgFor(role, target).id,
        }),
    },
    caseManagersOf: {
      // Only what a transfer of supervision needs (names and ids of a youth justice service's case managers): its
      // youth justice managers, for their own service or the other side's. Each read is audited.
      allowed: 'OK',
      audited: true,
      expect: only({ YJS_MANAGER: BOTH }),
      run: (s, target) =>
        call(s, `query($id: ID!) { caseManagersOf(organisationId: $id) { id name } }`, {
          id: side(target).youthJusticeService.id,
        }),
    },
    createUser: {
      allowed: 'OK',
      audited: true,
      expect: USER_ADMINS,
      run: (s, target, role) => {
        const org = orgFor(role, target);
        const roleFor: Record<string, string> = {
          NATIONAL_BODY: 'NATIONAL_ADMIN',
          YOUTH_JUSTICE_SERVICE: 'YJS_CASE_MANAGER',
          YOI: 'ESTABLISHMENT_STAFF',
          LOCAL_AUTHORITY: 'LA_ACCOMMODATION_OFFICER',
          HEALTH_PROVIDER: 'HEALTH_PRACTITIONER',
          EDUCATION_PROVIDER: 'EDUCATION_PROVIDER',
        };
        return call(s, `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
          input: {
            organisationId: org.id,
            givenName: 'New',
            familyName: 'Starter',
            email: `new.${++emailSeq}@example.com`,
            roles: [roleFor[org.type]],
          },
        });
      },
    },
    setUserRoles: {
      allowed: 'OK',
      audited: true,
      expect: USER_ADMINS,
      run: async (s, target, role) => {
        const colleague = colleagueIn(role, target);
        const [{ roles }] = await t.dataSource.query(`SELECT roles FROM app_user WHERE id = $1`, [colleague.id]);
        return call(s, `mutation($input: SetUserRolesInput!) { setUserRoles(input: $input) { id } }`, {
          input: { userId: colleague.id, roles: parseRoles(roles) },
        });
      },
    },
    disableUser: {
      allowed: 'OK',
      audited: true,
      expect: USER_ADMINS,
      run: (s, target, role) =>
        call(s, `mutation($input: DisableUserInput!) { disableUser(input: $input) { id } }`, {
          input: { userId: colleagueIn(role, target).id },
        }),
    },
    enableUser: {
      allowed: 'OK',
      audited: true,
      expect: USER_ADMINS,
      run: (s, target, role) =>
        call(s, `mutation($input: EnableUserInput!) { enableUser(input: $input) { id } }`, {
          input: { userId: colleagueIn(role, target).id },
        }),
    },
    resendInvitation: {
      // The colleagues have never chosen a password, so each may be sent a (new) invitation.
      allowed: 'OK',
      audited: true,
      expect: USER_ADMINS,
      run: (s, target, role) =>
        call(s, `mutation($input: ResendInvitationInput!) { resendInvitation(input: $input) { id } }`, {
          input: { userId: colleagueIn(role, target).id },
        }),
    },
    setOrganisationEmailDomains: {
      // Only national admins say which addresses an organisation's accounts may have (here: the same list again).
      allowed: 'OK',
      audited: true,
      expect: only({ NATIONAL_ADMIN: BOTH }),
      run: (s, target, role) =>
        call(
          s,
          `mutation($input: SetOrganisationEmailDomainsInput!) { setOrganisationEmailDomains(input: $input) { id emailDomains } }`,
          {
            input: { organisationId: orgFor(role, target).id, emailDomains: ['example.com'] },
          },
        ),
    },

    // ---------------------------------------------------------------- children
    child: {
      allowed: 'OK',
      audited: true,
      expect: CHILD_READERS,
      run: (s, target) =>
        call(s, `query($id: ID!) { child(id: $id) { id givenName ethnicity parentsCarers { name } } }`, {
          id: side(target).child.id,
        }),
    },
    children: {
      // A search answers with the children the caller may see: the other side's child is simply not found (an empty
      // page, nothing to audit), and roles that see nothing of the own child get an empty page too.
      allowed: 'OK',
      audited: false,
      expect: only(Object.fromEntries(ROLES.filter((r) => r !== Role.NATIONAL_ADMIN).map((r) => [r, BOTH]))),
      run: (s, target) =>
        call(s, `query($ref: ID) { children(filter: { reference: $ref }) { totalCount edges { node { id } } } }`, {
          ref: side(target).child.id,
        }),
    },
    possibleDuplicateChildren: {
      // Only children the caller may see are offered as possible duplicates: never the other side's.
      allowed: 'OK',
      audited: false,
      expect: only({ YJS_CASE_MANAGER: BOTH, YJS_MANAGER: BOTH }),
      run: (s, target) =>
        call(s, `query($input: PossibleDuplicatesInput!) { possibleDuplicateChildren(input: $input) { id } }`, {
          input: { givenName: target === 'own' ? 'ChildA' : 'ChildB', familyName: 'Tester', dateOfBirth: '2010-04-12' },
        }),
    },
    registerChild: {
      allowed: 'OK',
      audited: true,
      expect: only({ YJS_CASE_MANAGER: BOTH, YJS_MANAGER: BOTH }),
      run: (s) =>
        call(s, `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`, {
          input: {
            // Numbered, so that no call registers a possible duplicate of the one before (refused as CONFLICT).
            givenName: `Newly${++emailSeq}`,
            familyName: 'Recorded',
            dateOfBirth: '2011-01-01',
            gender: 'MALE',
            lookedAfter: false,
            careLeaver: false,
            hasEhcp: false,
            disabilities: [],
          },
        }),
    },
    auditTrail: {
      allowed: 'OK',
      audited: true,
      expect: YJS_MANAGER_ONLY,
      run: (s, target) =>
        call(
          s,
          `query($id: ID!) { auditTrail(childId: $id, first: 5) { totalCount edges { node { action outcome } } } }`,
          { id: side(target).child.id },
        ),
    },
    accessReport: {
      allowed: 'OK',
      audited: true,
      expect: YJS_MANAGER_ONLY,
      run: (s, target) =>
        call(s, `query($id: ID!) { accessReport(childId: $id) { entries { times organisation { id } } } }`, {
          id: side(target).child.id,
        }),
    },

    // ---------------------------------------------------------------- the resettlement plan
    resettlementPlan: {
      allowed: 'OK',
      audited: true,
      expect: PLAN_READERS,
      run: (s, target) =>
        call(s, `query($id: ID!) { resettlementPlan(episodeId: $id) { id pathways { type } } }`, {
          id: side(target).episode.id,
        }),
    },
    updateChildVoice: {
      allowed: 'CONFLICT',
      audited: true,
      expect: PLAN_CHANGERS,
      run: planMutation('updateChildVoice', 'UpdateChildVoiceInput', () => ({ aspirations: 'Matrix' })),
    },
    recordPlanExplanation: {
      allowed: 'CONFLICT',
      audited: true,
      expect: PLAN_CHANGERS,
      run: planMutation('recordPlanExplanation', 'RecordPlanExplanationInput', () => ({
        explainedOn: '2026-11-20',
        explainedHow: 'Matrix',
        childAgreement: 'AGREES',
        childAgreementWords: 'Matrix',
      })),
    },
    markPlanAgreed: {
      allowed: 'CONFLICT',
      audited: true,
      expect: PLAN_CHANGERS,
      run: planMutation('markPlanAgreed', 'MarkPlanAgreedInput'),
    },
    recordCircumstance: {
      // The same kind as the one recorded in beforeAll, without its version: refused (CONFLICT), nothing written.
      allowed: 'CONFLICT',
      audited: true,
      expect: PLAN_CHANGERS,
      run: (s, target) =>
        call(s, `mutation($input: RecordCircumstanceInput!) { recordCircumstance(input: $input) { id } }`, {
          input: { planId: planOf[target].id, kind: 'LOOKED_AFTER', response: 'Matrix' },
        }),
    },
    removeCircumstance: {
      allowed: 'CONFLICT',
      audited: true,
      expect: PLAN_CHANGERS,
      run: (s, target) =>
        call(s, `mutation($input: RemoveCircumstanceInput!) { removeCircumstance(input: $input) { id } }`, {
          input: { circumstanceId: planOf[target].circumstanceId, expectedVersion: STALE },
        }),
    },
    updatePriorIntervention: {
      allowed: 'CONFLICT',
      audited: true,
      expect: PLAN_CHANGERS,
      run: (s, target) =>
        call(s, `mutation($input: UpdatePriorInterventionInput!) { updatePriorIntervention(input: $input) { id } }`, {
          input: { priorInterventionId: planOf[target].priorInterventionId, expectedVersion: STALE, outcome: 'Matrix' },
        }),
    },
    removePriorIntervention: {
      allowed: 'CONFLICT',
      audited: true,
      expect: PLAN_CHANGERS,
      run: (s, target) =>
        call(s, `mutation($input: RemovePriorInterventionInput!) { removePriorIntervention(input: $input) { id } }`, {
          input: { priorInterventionId: planOf[target].priorInterventionId, expectedVersion: STALE },
        }),
    },
    recordPriorIntervention: {
      allowed: 'OK',
      audited: true,
      expect: PLAN_CHANGERS,
      run: (s, target) =>
        call(s, `mutation($input: RecordPriorInterventionInput!) { recordPriorIntervention(input: $input) { id } }`, {
          input: { childId: side(target).child.id, name: 'Matrix intervention' },
        }),
    },
    updatePathway: {
      allowed: 'CONFLICT',
      audited: true,
      expect: PATHWAY_CHANGERS,
      run: (s, target) =>
        call(s, `mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { id } }`, {
          input: { pathwayId: planOf[target].pathwayId, expectedVersion: STALE, notes: 'Matrix' },
        }),
    },
    addPathwayAction: {
      allowed: 'OK',
      audited: true,
      expect: PATHWAY_CHANGERS,
      run: (s, target) =>
        call(s, `mutation($input: AddPathwayActionInput!) { addPathwayAction(input: $input) { action { id } } }`, {
          input: { pathwayId: planOf[target].pathwayId, description: 'Matrix action' },
        }),
    },
    updatePathwayAction: {
      allowed: 'CONFLICT',
      audited: true,
      expect: PATHWAY_CHANGERS,
      run: (s, target) =>
        call(s, `mutation($input: UpdatePathwayActionInput!) { updatePathwayAction(input: $input) { id } }`, {
          input: { actionId: planOf[target].actionId, expectedVersion: STALE, ownerName: 'Matrix' },
        }),
    },

    // ---------------------------------------------------------------- planning meetings
    scheduleMeeting: {
      // Each plan already has its initial meeting (beforeAll), so a caller who gets past access is refused a second
      // one with CONFLICT, and nothing is written.
      allowed: 'CONFLICT',
      audited: true,
      expect: PLAN_CHANGERS,
      run: (s, target) =>
        call(s, `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`, {
          input: {
            planId: planOf[target].id,
            type: 'INITIAL',
            startsAt: '2026-12-08T10:00:00Z',
            endsAt: '2026-12-08T11:00:00Z',
            location: 'Matrix',
            childParticipation: 'IN_PERSON',
          },
        }),
    },
    rescheduleMeeting: {
      allowed: 'CONFLICT',
      audited: true,
      expect: PLAN_CHANGERS,
      run: (s, target) =>
        call(s, `mutation($input: RescheduleMeetingInput!) { rescheduleMeeting(input: $input) { id } }`, {
          input: {
            meetingId: planOf[target].meetingId,
            expectedVersion: STALE,
            startsAt: '2026-12-09T10:00:00Z',
            endsAt: '2026-12-09T11:00:00Z',
          },
        }),
    },
    cancelMeeting: {
      allowed: 'CONFLICT',
      audited: true,
      expect: PLAN_CHANGERS,
      run: (s, target) =>
        call(s, `mutation($input: CancelMeetingInput!) { cancelMeeting(input: $input) { id } }`, {
          input: { meetingId: planOf[target].meetingId, expectedVersion: STALE, reason: 'Matrix' },
        }),
    },
    recordMeetingOutcome: {
      allowed: 'CONFLICT',
      audited: true,
      expect: PLAN_CHANGERS,
      run: (s, target) =>
        call(
          s,
          `mutation($input: RecordMeetingOutcomeInput!) { recordMeetingOutcome(input: $input) { meeting { id } } }`,
          {
            input: { meetingId: planOf[target].meetingId, expectedVersion: STALE, childParticipation: 'IN_PERSON' },
          },
        ),
    },
    myMeetings: {
      // Only the caller's own meetings (scheduled by them, or invited by account or email): there is no other side
      // to ask for. An empty page reads no child, so there may be nothing to record.
      allowed: 'OK',
      audited: false,
      expect: EVERYONE,
      run: (s) => call(s, `{ myMeetings(first: 5) { totalCount edges { node { id childInitials } } } }`),
    },

    // ---------------------------------------------------------------- the calendar feed (the caller's own)
    createCalendarFeed: {
      // Creates or replaces the caller's own secret; always audited (never the token).
      allowed: 'OK',
      audited: true,
      expect: EVERYONE,
      run: (s) => call(s, `mutation { createCalendarFeed { path } }`),
    },
    revokeCalendarFeed: {
      // Audited only when there was a feed to turn off.
      allowed: 'OK',
      audited: false,
      expect: EVERYONE,
      run: (s) => call(s, `mutation { revokeCalendarFeed }`),
    },

    // ---------------------------------------------------------------- the day of release and after
    planReleaseDay: {
      // A version sent for a release-day plan that does not exist yet: CONFLICT, nothing written.
      allowed: 'CONFLICT',
      audited: true,
      expect: PLAN_CHANGERS,
      run: planMutation('planReleaseDay', 'PlanReleaseDayInput', () => ({ phone: 'Matrix' })),
    },
    confirmReleaseDayPlan: {
      // Nothing to confirm yet: CONFLICT (with the gaps).
      allowed: 'CONFLICT',
      audited: true,
      expect: PLAN_CHANGERS,
      run: planMutation('confirmReleaseDayPlan', 'ConfirmReleaseDayPlanInput'),
    },
    recordReleaseDay: {
      // The child is on remand: "Record the release on the custodial episode first".
      allowed: 'CONFLICT',
      audited: true,
      expect: PLAN_CHANGERS,
      run: (s, target) =>
        call(s, `mutation($input: RecordReleaseDayInput!) { recordReleaseDay(input: $input) { id } }`, {
          input: {
            planId: planOf[target].id,
            metAtGate: true,
            metByName: 'Matrix',
            firstNightAddress: 'Matrix',
            firstNightPlacementType: 'FAMILY_HOME',
            firstNightAsPlanned: true,
          },
        }),
    },
    recordAppointment: {
      // KEPT before the release is recorded on the episode: CONFLICT (a PLANNED one would be written).
      allowed: 'CONFLICT',
      audited: true,
      expect: PLAN_CHANGERS,
      run: (s, target) =>
        call(s, `mutation($input: RecordAppointmentInput!) { recordAppointment(input: $input) { id } }`, {
          input: {
            planId: planOf[target].id,
            kind: 'YJS',
            at: '2026-11-20T10:00:00Z',
            withWhom: 'Matrix',
            outcome: 'KEPT',
          },
        }),
    },
    updateAppointmentOutcome: {
      // Setup 2 (the planned appointment). Stale version: CONFLICT.
      allowed: 'CONFLICT',
      audited: true,
      expect: PLAN_CHANGERS,
      run: (s, target) =>
        call(s, `mutation($input: UpdateAppointmentOutcomeInput!) { updateAppointmentOutcome(input: $input) { id } }`, {
          input: { appointmentId: planOf[target].appointmentId, expectedVersion: STALE, outcome: 'RESCHEDULED' },
        }),
    },
    recordEngagementBarrier: {
      // Setup 2 (the open barrier). The same barrier again: CONFLICT.
      allowed: 'CONFLICT',
      audited: true,
      expect: PLAN_CHANGERS,
      run: (s, target) =>
        call(s, `mutation($input: RecordEngagementBarrierInput!) { recordEngagementBarrier(input: $input) { id } }`, {
          input: { planId: planOf[target].id, barrier: MATRIX_BARRIER, assessment: 'Matrix', planToAddress: 'Matrix' },
        }),
    },
    updateEngagementBarrier: {
      // Setup 2 (the open barrier). Stale version: CONFLICT.
      allowed: 'CONFLICT',
      audited: true,
      expect: PLAN_CHANGERS,
      run: (s, target) =>
        call(s, `mutation($input: UpdateEngagementBarrierInput!) { updateEngagementBarrier(input: $input) { id } }`, {
          input: { barrierId: planOf[target].barrierId, expectedVersion: STALE, status: 'ADDRESSED' },
        }),
    },
    recordSupervisionCheck: {
      // The child is on remand (supervision in the community starts at release): CONFLICT.
      allowed: 'CONFLICT',
      audited: true,
      expect: PLAN_CHANGERS,
      run: (s, target) =>
        call(s, `mutation($input: RecordSupervisionCheckInput!) { recordSupervisionCheck(input: $input) { id } }`, {
          input: { planId: planOf[target].id, periodEnding: '2026-11-20', compliance: 'COMPLIANT' },
        }),
    },

    // ---------------------------------------------------------------- the facts deadlines are met by (issue 23)
    recordChildToldWhereLiving: {
      // Before recordAccommodationArrangement: no address is confirmed yet, so CONFLICT.
      allowed: 'CONFLICT',
      audited: true,
      expect: PLAN_CHANGERS,
      run: (s, target) =>
        call(
          s,
          `mutation($input: RecordChildToldWhereLivingInput!) { recordChildToldWhereLiving(input: $input) { id } }`,
          {
            input: { planId: planOf[target].id, toldOn: '2026-11-23', toldBy: 'Matrix', how: 'IN_PERSON' },
          },
        ),
    },
    recordChildrensServicesInformed: {
      // An append: children's services told of the side's next hearing (on the 14th), before it.
      allowed: 'OK',
      audited: true,
      expect: PLAN_CHANGERS,
      run: (s, target) =>
        call(
          s,
          `mutation($input: RecordChildrensServicesInformedInput!) { recordChildrensServicesInformed(input: $input) { id } }`,
          {
            input: {
              planId: planOf[target].id,
              hearingId: hearingOf[target],
              informedOn: '2026-11-20',
              informedBy: 'Matrix',
            },
          },
        ),
    },
    recordAccommodationArrangement: {
      // An append.
      allowed: 'OK',
      audited: true,
      expect: PLAN_CHANGERS,
      run: (s, target) =>
        call(
          s,
          `mutation($input: RecordAccommodationArrangementInput!) { recordAccommodationArrangement(input: $input) { id } }`,
          {
            input: {
              planId: planOf[target].id,
              address: '1 Matrix Road, Testtown',
              startDate: '2027-03-01',
              kind: 'FAMILY_HOME',
              livingWith: 'Matrix',
              confirmedBy: 'Matrix',
            },
          },
        ),
    },
    recordEtePlacement: {
      allowed: 'OK',
      audited: true,
      expect: PLAN_CHANGERS,
      run: (s, target) =>
        call(s, `mutation($input: RecordEtePlacementInput!) { recordEtePlacement(input: $input) { id } }`, {
          input: {
            planId: planOf[target].id,
            provider: 'Matrix College',
            startDate: '2027-03-01',
            hoursPerWeek: 16,
            confirmedBy: 'Matrix',
          },
        }),
    },
    recordHealthHandover: {
      allowed: 'OK',
      audited: true,
      expect: PLAN_CHANGERS,
      run: (s, target) =>
        call(s, `mutation($input: RecordHealthHandoverInput!) { recordHealthHandover(input: $input) { id } }`, {
          input: {
            planId: planOf[target].id,
            pathwayType: 'PHYSICAL_HEALTH',
            receivingProvider: 'Matrix Surgery',
            firstAppointmentOn: '2027-03-01',
          },
        }),
    },

    // ---------------------------------------------------------------- milestones (issue 5)
    milestones: {
      allowed: 'OK',
      audited: true,
      expect: CHILD_READERS,
      run: (s, target) =>
        call(s, `query($id: ID!) { milestones(episodeId: $id) { id key status dueDate } }`, {
          id: side(target).episode.id,
        }),
    },
    milestonesAtRisk: {
      // Each side's remand milestone was due 16 November, so the caller's own page holds its child (one audit row);
      // asking for the other side's service gives an empty page, which reads no child.
      allowed: 'OK',
      audited: (target) => target === 'own',
      expect: only({
        YJS_CASE_MANAGER: BOTH,
        YJS_MANAGER: BOTH,
        ESTABLISHMENT_STAFF: BOTH,
        ESTABLISHMENT_MANAGER: BOTH,
        LA_CHILDRENS_SERVICES: BOTH,
      }),
      run: (s, target) =>
        call(
          s,
          `query($yjs: ID) { milestonesAtRisk(filter: { youthJusticeServiceId: $yjs }) { totalCount edges { node { id childId } } } }`,
          {
            yjs: target === 'own' ? null : w.b.youthJusticeService.id,
          },
        ),
    },
    waiveMilestone: {
      // A manager of the supervising service only; a stale version, so nothing is waived.
      allowed: 'CONFLICT',
      audited: true,
      expect: YJS_MANAGER_ONLY,
      run: (s, target) =>
        call(s, `mutation($input: WaiveMilestoneInput!) { waiveMilestone(input: $input) { id } }`, {
          input: { milestoneId: milestoneOf[target], expectedVersion: STALE, reason: 'Matrix check' },
        }),
    },
    deadlineEngineStatus: {
      // The engine as support sees it (late actions by milestone id, workers, queues): national admins only.
      allowed: 'OK',
      audited: false,
      expect: only({ NATIONAL_ADMIN: BOTH }),
      run: (s) =>
        call(s, `{ deadlineEngineStatus { healthy lateActions workers { workerId } queues { queue failed } } }`),
    },
    resettlementMeasures: {
      // Counts only, never a child, each asking for the scope of their own kind on that side: a youth justice manager
      // their service, an establishment manager their establishment, a council's lead (here side A's children's
      // services user, made its lead in beforeAll) their local authority; another's is NOT_FOUND. The council's
      // officer is not its lead: their own council is FORBIDDEN. A national admin any scope.
      allowed: 'OK',
      audited: false,
      expect: only({
        YJS_MANAGER: OWN_ONLY,
        ESTABLISHMENT_MANAGER: OWN_ONLY,
        LA_CHILDRENS_SERVICES: OWN_ONLY,
        LA_ACCOMMODATION_OFFICER: ['FORBIDDEN', 'NOT_FOUND'],
        NATIONAL_ADMIN: BOTH,
      }),
      run: (s, target, role) =>
        call(
          s,
          `query($input: ResettlementMeasuresInput!) { resettlementMeasures(input: $input) { released { display } } }`,
          { input: { from: '2026-11-01', to: '2026-11-30', scope: measuresScopeOf(role, target) } },
        ),
    },
    measureChildren: {
      // A list of children behind a figure: a youth justice manager for their own service only (another's is
      // NOT_FOUND); national admins see aggregates only, and establishments and councils too. Nobody was released in
      // the period, so nothing is read.
      allowed: 'OK',
      audited: false,
      expect: only({ YJS_MANAGER: OWN_ONLY }),
      run: (s, target, role) =>
        call(s, `query($input: MeasureChildrenInput!) { measureChildren(input: $input) { total } }`, {
          input: { from: '2026-11-01', to: '2026-11-30', figure: 'TOLD_14_DAYS', scope: measuresScopeOf(role, target) },
        }),
    },
    milestonePolicy: {
      // Configuration, not a child's record: anyone signed in may read any service's deadlines.
      allowed: 'OK',
      audited: false,
      expect: EVERYONE,
      run: (s, target) =>
        call(
          s,
          `query($id: ID!) { milestonePolicy(youthJusticeServiceId: $id) { youthJusticeServiceId milestones { key } } }`,
          {
            id: side(target).youthJusticeService.id,
          },
        ),
    },
    setMilestonePolicy: {
      // A manager of that service only (the pure rule mayConfigureMilestonePolicy): another service's manager is
      // FORBIDDEN, not NOT_FOUND, since services are in the public directory. Resetting a key with no override
      // changes nothing but is audited.
      allowed: 'OK',
      audited: true,
      expect: only({ YJS_MANAGER: ['allow', 'FORBIDDEN'] }),
      run: (s, target) =>
        call(
          s,
          `mutation($input: SetMilestonePolicyInput!) { setMilestonePolicy(input: $input) { youthJusticeServiceId } }`,
          {
            input: {
              youthJusticeServiceId: side(target).youthJusticeService.id,
              key: 'ETE_PLACE_CONFIRMED',
              resetToDefault: true,
            },
          },
        ),
    },

    referralResponseTargets: {
      // Configuration, not a child's record: anyone signed in may read any council's targets.
      allowed: 'OK',
      audited: false,
      expect: EVERYONE,
      run: (s, target) =>
        call(s, `query($id: ID) { referralResponseTargets(organisationId: $id) { step workingDays } }`, {
          id: side(target).localAuthority.id,
        }),
    },
    mayConfigureReferralResponseTargets: {
      // A yes or no about configuration, not a child's record: anyone signed in may ask.
      allowed: 'OK',
      audited: false,
      expect: EVERYONE,
      run: (s, target) =>
        call(s, `query($id: ID) { mayConfigureReferralResponseTargets(organisationId: $id) }`, {
          id: side(target).localAuthority.id,
        }),
    },
    setReferralResponseTargets: {
      // The council's lead for their own council (the pure rule mayConfigureResponseTargets; the matrix's officers
      // are not leads, so they are refused), a national admin any council. Councils are in the public directory:
      // FORBIDDEN, not NOT_FOUND. Sent with a stale version: CONFLICT, changing nothing.
      allowed: 'CONFLICT',
      audited: true,
      expect: only({ NATIONAL_ADMIN: BOTH, LA_ACCOMMODATION_OFFICER: ['FORBIDDEN', 'FORBIDDEN'] }),
      run: (s, target) =>
        call(
          s,
          `mutation($input: SetReferralResponseTargetsInput!) { setReferralResponseTargets(input: $input) { step } }`,
          {
            input: {
              organisationId: side(target).localAuthority.id,
              expectedVersion: STALE,
              targets: [{ step: 'ACKNOWLEDGE', workingDays: 2 }],
            },
          },
        ),
    },

    // ---------------------------------------------------------------- referrals (issue 6)
    referral: {
      allowed: 'OK',
      audited: true,
      expect: REFERRAL_READERS,
      run: (s, target) =>
        call(s, `query($id: ID!) { referral(id: $id) { id status summary { givenName } } }`, {
          id: referralOf[target].id,
        }),
    },
    referrals: {
      // The caller's own referrals (the partner's inbox is empty: nothing was sent); target does not apply.
      allowed: 'OK',
      audited: false,
      expect: REFERRAL_LISTERS,
      run: (s) => call(s, `{ referrals(first: 10) { totalCount edges { node { id } } } }`),
    },
    createReferral: {
      // Allowed callers really make a DRAFT (never sent, so partners still see nothing).
      allowed: 'OK',
      audited: true,
      expect: REFERRAL_SENDERS,
      run: (s, target) =>
        call(s, `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id } }`, {
          input: {
            pathwayId: referralOf[target].pathwayId,
            type: 'ACCOMMODATION',
            toOrganisationId: side(target).localAuthority.id,
          },
        }),
    },
    updateReferralDraft: {
      allowed: 'CONFLICT',
      audited: true,
      expect: REFERRAL_SENDERS,
      run: referralMutation('updateReferralDraft', 'UpdateReferralDraftInput', () => ({ childWishes: 'Matrix' })),
    },
    sendReferral: {
      allowed: 'CONFLICT',
      audited: true,
      expect: REFERRAL_SENDERS,
      run: referralMutation('sendReferral', 'ReferralMoveInput'),
    },
    withdrawReferral: {
      allowed: 'CONFLICT',
      audited: true,
      expect: REFERRAL_SENDERS,
      run: referralMutation('withdrawReferral', 'ReferralReasonInput', () => ({ reason: 'Matrix' })),
    },
    acknowledgeReferral: {
      allowed: 'CONFLICT',
      audited: true,
      expect: REFERRAL_RESPONDERS,
      run: referralMutation('acknowledgeReferral', 'ReferralMoveInput'),
    },
    requestReferralInformation: {
      allowed: 'CONFLICT',
      audited: true,
      expect: REFERRAL_RESPONDERS,
      run: referralMutation('requestReferralInformation', 'RequestReferralInformationInput', () => ({
        note: 'Matrix',
      })),
    },
    offerReferral: {
      allowed: 'CONFLICT',
      audited: true,
      expect: REFERRAL_RESPONDERS,
      run: referralMutation('offerReferral', 'OfferReferralInput', () => ({
        offer: {
          addressOrPlace: 'Matrix Road',
          placementType: 'Supported lodgings',
          provider: 'Matrix Housing',
          startDate: '2027-01-05',
        },
      })),
    },
    confirmReferral: {
      allowed: 'CONFLICT',
      audited: true,
      expect: REFERRAL_RESPONDERS,
      run: referralMutation('confirmReferral', 'ReferralMoveInput'),
    },
    declineReferral: {
      allowed: 'CONFLICT',
      audited: true,
      expect: REFERRAL_RESPONDERS,
      run: referralMutation('declineReferral', 'ReferralReasonInput', () => ({ reason: 'Matrix' })),
    },
    markReferralFellThrough: {
      // Either side may report it; here only the service that made the (draft) referral gets past access.
      allowed: 'CONFLICT',
      audited: true,
      expect: REFERRAL_READERS,
      run: referralMutation('markReferralFellThrough', 'ReferralReasonInput', () => ({ reason: 'Matrix' })),
    },
    postReferralMessage: {
      // An append (no version): allowed callers really post to the draft's thread.
      allowed: 'OK',
      audited: true,
      expect: REFERRAL_READERS,
      run: (s, target) =>
        call(s, `mutation($input: PostReferralMessageInput!) { postReferralMessage(input: $input) { body } }`, {
          input: { referralId: referralOf[target].id, body: 'Matrix message' },
        }),
    },

    // ---------------------------------------------------------------- custody
    caseload: {
      // An empty page reads no child, so there is nothing to record.
      allowed: 'OK',
      audited: (target) => target === 'own',
      expect: only({
        YJS_CASE_MANAGER: BOTH,
        YJS_MANAGER: BOTH,
        ESTABLISHMENT_STAFF: BOTH,
        ESTABLISHMENT_MANAGER: BOTH,
        LA_CHILDRENS_SERVICES: BOTH,
      }),
      // Asking for the other side's service gives an empty page, checked in "lists show only the caller's slice".
      run: (s, target) =>
        call(
          s,
          `query($yjs: ID) { caseload(filter: { youthJusticeServiceId: $yjs }) { totalCount edges { node { id childId } } } }`,
          {
            yjs: target === 'own' ? null : w.b.youthJusticeService.id,
          },
        ),
    },
    custodialEpisode: {
      allowed: 'OK',
      audited: true,
      expect: CHILD_READERS,
      run: (s, target) =>
        call(s, `query($id: ID!) { custodialEpisode(id: $id) { id status child { id } } }`, {
          id: side(target).episode.id,
        }),
    },
    startCustodialEpisode: {
      // The child is already in custody, so a caller who gets past access is told so, and nothing is written.
      allowed: 'CONFLICT',
      audited: true,
      expect: SUPERVISING_SERVICE_ONLY,
      run: (s, target) =>
        call(s, `mutation($input: StartCustodialEpisodeInput!) { startCustodialEpisode(input: $input) { id } }`, {
          input: {
            childId: side(target).child.id,
            establishmentId: side(target).establishment.id,
            supervisingServiceId: side(target).youthJusticeService.id,
            remandDate: '2026-11-20',
          },
        }),
    },
    recordSentence: {
      allowed: 'CONFLICT',
      audited: true,
      expect: CUSTODY_CHANGERS,
      run: episodeMutation('recordSentence', 'RecordSentenceInput', () => ({
        sentence: {
          sentenceType: 'DTO',
          sentenceDate: '2026-11-20',
          termMonths: 8,
          remandDays: 0,
          taggedBailDays: 0,
          qualifyingSeriousOffence: false,
          excludedFromFortyPercentRelease: false,
        },
      })),
    },
    grantEarlyRelease: {
      allowed: 'CONFLICT',
      audited: true,
      expect: CUSTODY_CHANGERS,
      run: episodeMutation('grantEarlyRelease', 'GrantEarlyReleaseInput', () => ({})),
    },
    orderLateRelease: {
      allowed: 'CONFLICT',
      audited: true,
      expect: CUSTODY_CHANGERS,
      run: episodeMutation('orderLateRelease', 'OrderLateReleaseInput', () => ({})),
    },
    transferEpisode: {
      allowed: 'CONFLICT',
      audited: true,
      expect: CUSTODY_CHANGERS,
      run: episodeMutation('transferEpisode', 'TransferEpisodeInput', (s) => ({
        toEstablishmentId: s.establishment.id,
        transferDate: '2026-11-20',
        reason: 'Matrix',
      })),
    },
    recordRelease: {
      allowed: 'CONFLICT',
      audited: true,
      expect: CUSTODY_CHANGERS,
      run: episodeMutation('recordRelease', 'RecordReleaseInput', () => ({ releasedAt: '2026-11-20T09:00:00Z' })),
    },
    // Court hearings of a child on remand: as for custody, the supervising service and the establishment holding them.
    scheduleHearing: {
      allowed: 'CONFLICT',
      audited: true,
      expect: CUSTODY_CHANGERS,
      run: episodeMutation('scheduleHearing', 'ScheduleHearingInput', () => ({
        hearingDate: '2026-12-21',
        court: 'Matrix Youth Court',
        purpose: 'Matrix',
      })),
    },
    moveHearing: {
      allowed: 'CONFLICT',
      audited: true,
      expect: CUSTODY_CHANGERS,
      run: hearingMutation('moveHearing', 'MoveHearingInput', { hearingDate: '2026-12-22', reason: 'Matrix' }),
    },
    cancelHearing: {
      allowed: 'CONFLICT',
      audited: true,
      expect: CUSTODY_CHANGERS,
      run: hearingMutation('cancelHearing', 'CancelHearingInput', { reason: 'Matrix' }),
    },
    recordHearingOutcome: {
      allowed: 'CONFLICT',
      audited: true,
      expect: CUSTODY_CHANGERS,
      run: hearingMutation('recordHearingOutcome', 'RecordHearingOutcomeInput', {
        outcome: 'RELEASED_ON_BAIL',
        wentTo: 'Matrix',
      }),
    },
    recordRecall: {
      allowed: 'CONFLICT',
      audited: true,
      expect: SUPERVISING_SERVICE_ONLY,
      run: episodeMutation('recordRecall', 'RecordRecallInput', (s) => ({
        establishmentId: s.establishment.id,
        recalledOn: '2026-11-20',
        reason: 'Matrix',
      })),
    },
    overrideReleaseDate: {
      allowed: 'CONFLICT',
      audited: true,
      expect: CUSTODY_CHANGERS,
      run: episodeMutation('overrideReleaseDate', 'OverrideReleaseDateInput', () => ({
        releaseDate: '2027-01-05',
        reason: 'Matrix',
      })),
    },
    clearReleaseDateOverride: {
      allowed: 'CONFLICT',
      audited: true,
      expect: CUSTODY_CHANGERS,
      run: episodeMutation('clearReleaseDateOverride', 'ClearReleaseDateOverrideInput', () => ({})),
    },
    transferSupervision: {
      allowed: 'CONFLICT',
      audited: true,
      expect: YJS_MANAGER_ONLY,
      run: episodeMutation('transferSupervision', 'TransferSupervisionInput', (s) => ({
        toServiceId: (s === w.a ? w.b : w.a).youthJusticeService.id,
        effectiveDate: '2026-11-20',
        reason: 'Matrix',
      })),
    },
    supervisionTransfers: {
      // No hand-over yet: those who see the episode read an empty history (a former service's view is in
      // test/supervision-transfer.e2e-spec.ts).
      allowed: 'OK',
      audited: true,
      expect: CHILD_READERS,
      run: (s, target) =>
        call(s, `query($id: ID!) { supervisionTransfers(episodeId: $id) { id } }`, { id: side(target).episode.id }),
    },
    assignCaseManager: {
      allowed: 'CONFLICT',
      audited: true,
      expect: YJS_MANAGER_ONLY,
      run: episodeMutation('assignCaseManager', 'AssignCaseManagerInput', (s) => ({
        caseManagerId: s.colleagueOf[s.youthJusticeService.id].id,
        reason: 'Matrix',
      })),
    },
  };

  /** The measures' scope of the role's own kind on that side (a national admin: a service). */
  function measuresScopeOf(role: Role, target: Target): { kind: string; organisationId: string } {
    const of = side(target);
    if (role.startsWith('ESTABLISHMENT_')) return { kind: 'ESTABLISHMENT', organisationId: of.establishment.id };
    if (role.startsWith('LA_')) return { kind: 'LOCAL_AUTHORITY', organisationId: of.localAuthority.id };
    return { kind: 'YOUTH_JUSTICE_SERVICE', organisationId: of.youthJusticeService.id };
  }

  beforeAll(async () => {
    t = await TestApp.start();
    w = await buildAccessWorld(t);
    // Side A's council's lead (who sees its measures): its children's services user. Its officer is not.
    await t.dataSource.query(`UPDATE organisation SET lead_user_id = $2 WHERE id = $1`, [
      w.a.localAuthority.id,
      w.sessions[Role.LA_CHILDRENS_SERVICES].userId,
    ]);
    for (const target of ['own', 'other'] as const) {
      const [row] = await t.dataSource.query(
        `SELECT id FROM milestone WHERE episode_id = $1 AND key = 'DETENTION_PLACEMENT_PLAN'`,
        [side(target).episode.id],
      );
      milestoneOf[target] = row.id;
      const [hearing] = await t.dataSource.query(
        `INSERT INTO court_hearing (episode_id, child_id, hearing_date, court, purpose, version)
         VALUES ($1, $2, '2026-12-14', 'Matrix Youth Court', 'Matrix', 1) RETURNING id`,
        [side(target).episode.id, side(target).child.id],
      );
      hearingOf[target] = hearing.id;
    }
    const managerB = await t.userSession({
      organisationId: w.b.youthJusticeService.id,
      roles: [Role.YJS_MANAGER],
      email: 'matrix.manager.b@example.com',
    });
    for (const [target, session] of [
      ['own', w.sessions.YJS_MANAGER],
      ['other', managerB],
    ] as const) {
      const { resettlementPlan: plan } = await session.ok(
        `query($id: ID!) { resettlementPlan(episodeId: $id) { id pathways { id type } } }`,
        { id: side(target).episode.id },
      );
      const pathwayId = plan.pathways.find((p: { type: string }) => p.type === 'EDUCATION_TRAINING_EMPLOYMENT').id;
      // Education in custody: the establishment holding the child is named responsible for it.
      await session.ok(`mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { id } }`, {
        input: { pathwayId, expectedVersion: 1, responsibleOrganisationId: side(target).establishment.id },
      });
      const { addPathwayAction } = await session.ok(
        `mutation($input: AddPathwayActionInput!) { addPathwayAction(input: $input) { action { id } } }`,
        { input: { pathwayId, description: 'Set up a college taster day' } },
      );
      const { recordAppointment } = await session.ok(
        `mutation($input: RecordAppointmentInput!) { recordAppointment(input: $input) { id } }`,
        { input: { planId: plan.id, kind: 'YJS', at: '2026-12-10T14:00:00Z', withWhom: 'Case manager' } },
      );
      const { recordEngagementBarrier } = await session.ok(
        `mutation($input: RecordEngagementBarrierInput!) { recordEngagementBarrier(input: $input) { id } }`,
        {
          input: {
            planId: plan.id,
            barrier: MATRIX_BARRIER,
            assessment: 'Cannot afford the fare',
            planToAddress: 'Bus pass',
          },
        },
      );
      // Each plan has its initial meeting, so scheduling another is refused (CONFLICT) and writes nothing.
      const { scheduleMeeting } = await session.ok(
        `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`,
        {
          input: {
            planId: plan.id,
            type: 'INITIAL',
            startsAt: '2026-12-01T10:00:00Z',
            endsAt: '2026-12-01T11:00:00Z',
            location: 'Matrix room',
            childParticipation: 'IN_PERSON',
          },
        },
      );
      const { recordCircumstance } = await session.ok(
        `mutation($input: RecordCircumstanceInput!) { recordCircumstance(input: $input) { id } }`,
        { input: { planId: plan.id, kind: 'LOOKED_AFTER', response: 'Social worker at every meeting' } },
      );
      const { recordPriorIntervention } = await session.ok(
        `mutation($input: RecordPriorInterventionInput!) { recordPriorIntervention(input: $input) { id } }`,
        { input: { childId: side(target).child.id, name: 'Victim awareness' } },
      );
      planOf[target] = {
        id: plan.id,
        circumstanceId: recordCircumstance.id,
        priorInterventionId: recordPriorIntervention.id,
        pathwayId,
        actionId: addPathwayAction.action.id,
        appointmentId: recordAppointment.id,
        barrierId: recordEngagementBarrier.id,
        meetingId: scheduleMeeting.id,
      };
      // A DRAFT accommodation referral only: sending one would let side A's accommodation officer see the child.
      const accommodationPathwayId = plan.pathways.find((p: { type: string }) => p.type === 'ACCOMMODATION').id;
      const { createReferral } = await session.ok(
        `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id status } }`,
        {
          input: {
            pathwayId: accommodationPathwayId,
            type: 'ACCOMMODATION',
            toOrganisationId: side(target).localAuthority.id,
          },
        },
      );
      referralOf[target] = { id: createReferral.id, pathwayId: accommodationPathwayId };
    }
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('names, among the operations with no child’s record, only operations that exist', () => {
    expect([...NAMES_NO_CHILD_RECORD].filter((name) => !(name in OPERATIONS))).toEqual([]);
  });

  it('has an entry for every query and mutation in the schema, and no entry for one that is gone', () => {
    const operations = rootOperations(t.app.get(GraphQLSchemaHost).schema)
      .map((o) => o.name)
      .sort();
    expect(operations).toEqual([...Object.keys(OPERATIONS), ...PUBLIC_OPERATIONS].sort());
  });

  const lastAuditId = async (): Promise<number> =>
    Number((await t.dataSource.query(`SELECT coalesce(max(id), 0) AS id FROM audit_event`))[0].id);

  function outcomeOf(res: GraphqlResponse, allowed: Operation['allowed']): Outcome | string {
    const code = res.errors?.[0]?.extensions.code;
    if (!code) return allowed === 'OK' ? 'allow' : 'no error';
    if (code === allowed) return 'allow';
    return code === 'NOT_FOUND' || code === 'FORBIDDEN' ? code : `${code}: ${res.errors![0].message}`;
  }

  for (const [name, op] of Object.entries(OPERATIONS)) {
    describe(name, () => {
      it('refuses a caller who is not signed in', async () => {
        const res = await op.run(null, 'own', Role.YJS_CASE_MANAGER);
        expect(res.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
        expect(res.data?.[name] ?? null).toBeNull();
      });

      it.each(ROLES.flatMap((role) => (['own', 'other'] as const).map((target) => [role, target] as const)))(
        'as %s on the %s side',
        async (role, target) => {
          const before = await lastAuditId();
          const res = await op.run(w.sessions[role], target, role);
          const expected = op.expect[role][target === 'own' ? 0 : 1];
          expect(outcomeOf(res, op.allowed)).toBe(expected);
          if (expected !== 'allow') expect(res.data?.[name] ?? null).toBeNull();
          // Every refusal, and every read or change of a child's record, leaves an audit row.
          const audited = typeof op.audited === 'function' ? op.audited(target) : op.audited;
          const rows: AuditRow[] = await t.dataSource.query(
            `SELECT action, outcome, resource_type, resource_id, child_id FROM audit_event WHERE id > $1 ORDER BY id, position`,
            [before],
          );
          if (expected !== 'allow' || audited) {
            expect(rows.length).toBeGreaterThan(0);
            if (expected !== 'allow') expect(rows.map((r) => r.outcome)).toContain('DENIED');
          }
          // Each row about the child's record is on the child's trail, allowed, refused or failed.
          if (!NAMES_NO_CHILD_RECORD.has(name)) {
            expect(rows.filter((r) => r.child_id !== side(target).child.id)).toEqual([]);
          }
        },
      );
    });
  }

  it('lets the public operations through without signing in', async () => {
    const res = await t.graphql(
      `{ calculateReleaseDates(input: { sentenceType: DTO, sentenceDate: "2026-01-10", termMonths: 8 }) { releaseDate } }`,
    );
    expect(res.errors).toBeUndefined();
    const login = await t.graphql(
      `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }`,
      {
        input: { email: `${Role.YJS_CASE_MANAGER.toLowerCase()}@example.com`, password: TestApp.TEST_PASSWORD },
      },
    );
    expect(login.errors).toBeUndefined();
    const refresh = await t.graphql(`mutation($input: RefreshInput!) { refresh(input: $input) { refreshToken } }`, {
      input: { refreshToken: login.data.login.refreshToken },
    });
    expect(refresh.errors).toBeUndefined();
    const logout = await t.graphql(`mutation($input: LogoutInput!) { logout(input: $input) }`, {
      input: { refreshToken: refresh.data.refresh.refreshToken },
    });
    expect(logout.data).toEqual({ logout: true });
    // An invitation link is its own credential: anyone may ask what one is, and a made-up one is nobody's.
    const token = 'x'.repeat(43);
    const invitation = await t.graphql(`query($token: String!) { invitation(token: $token) { status email } }`, {
      token,
    });
    expect(invitation.data).toEqual({ invitation: { status: 'UNKNOWN', email: null } });
    const accept = await t.graphql(
      `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { email } }`,
      {
        input: { token, password: 'a long enough passphrase' },
      },
    );
    expect(accept.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', invitationStatus: 'UNKNOWN' });
  });

  describe('an establishment’s part of the plan', () => {
    const ESTABLISHMENT_ROLES = [Role.ESTABLISHMENT_STAFF, Role.ESTABLISHMENT_MANAGER];
    const outcome = (res: GraphqlResponse) => res.errors?.[0]?.extensions.code ?? 'allow';

    it.each(ESTABLISHMENT_ROLES)(
      '%s never changes a pathway it does not own, even of a child it holds',
      async (role) => {
        // The accommodation pathway (nobody responsible) and a health pathway the supervising service owns.
        const { resettlementPlan } = await w.sessions.YJS_MANAGER.ok(
          `query($id: ID!) { resettlementPlan(episodeId: $id) { pathways { id type version mayChange } } }`,
          { id: w.a.episode.id },
        );
        const health = resettlementPlan.pathways.find((p: { type: string }) => p.type === 'MENTAL_HEALTH');
        await w.sessions.YJS_MANAGER.ok(
          `mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { id } }`,
          {
            input: {
              pathwayId: health.id,
              expectedVersion: health.version,
              responsibleOrganisationId: w.a.youthJusticeService.id,
            },
          },
        );
        for (const pathwayId of [referralOf.own.pathwayId, health.id]) {
          const res = await call(
            w.sessions[role],
            `mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { id } }`,
            {
              input: { pathwayId, expectedVersion: STALE, notes: 'Matrix' },
            },
          );
          expect(outcome(res)).toBe('NOT_FOUND');
          const add = await call(
            w.sessions[role],
            `mutation($input: AddPathwayActionInput!) { addPathwayAction(input: $input) { action { id } } }`,
            { input: { pathwayId, description: 'Matrix action' } },
          );
          expect(outcome(add)).toBe('NOT_FOUND');
        }
        // What the page is told: only the pathway the establishment owns may be changed.
        const { resettlementPlan: seen } = await w.sessions[role].ok(
          `query($id: ID!) { resettlementPlan(episodeId: $id) { pathways { type mayChange } mayArrangeReleaseDay } }`,
          { id: w.a.episode.id },
        );
        expect(
          seen.pathways.filter((p: { mayChange: boolean }) => p.mayChange).map((p: { type: string }) => p.type),
        ).toEqual(['EDUCATION_TRAINING_EMPLOYMENT']);
        expect(seen.mayArrangeReleaseDay).toBe(true);
      },
    );

    it('a secure establishment cannot be named responsible for a pathway it does not provide in custody', async () => {
      const res = await w.sessions.YJS_MANAGER.graphql(
        `mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { id } }`,
        {
          input: {
            pathwayId: referralOf.own.pathwayId,
            expectedVersion: 1,
            responsibleOrganisationId: w.a.establishment.id,
          },
        },
      );
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fieldErrors: { responsibleOrganisationId: [expect.stringContaining('education and health in custody')] },
      });
    });

    it.each(
      ESTABLISHMENT_ROLES.flatMap((role) => (['own', 'other'] as const).map((target) => [role, target] as const)),
    )(
      '%s records the release-day medication, ID and property on the %s side, and nothing else',
      async (role, target) => {
        // A version for a release-day plan that does not exist yet: past access, the service's own CONFLICT.
        const arrangements = await call(
          w.sessions[role],
          `mutation($input: PlanReleaseDayInput!) { planReleaseDay(input: $input) { id } }`,
          {
            input: {
              planId: planOf[target].id,
              expectedVersion: STALE,
              medication: 'Matrix',
              idDocuments: 'Matrix',
              moneyAndProperty: 'Matrix',
            },
          },
        );
        expect(outcome(arrangements)).toBe(target === 'own' ? 'CONFLICT' : 'NOT_FOUND');
        const more = await call(
          w.sessions[role],
          `mutation($input: PlanReleaseDayInput!) { planReleaseDay(input: $input) { id } }`,
          { input: { planId: planOf[target].id, expectedVersion: STALE, medication: 'Matrix', phone: 'Matrix' } },
        );
        expect(outcome(more)).toBe('NOT_FOUND');
      },
    );

    it.each([Role.LA_CHILDRENS_SERVICES, Role.HEALTH_PRACTITIONER, Role.EDUCATION_PROVIDER])(
      '%s may not record the establishment’s release-day arrangements',
      async (role) => {
        const res = await call(
          w.sessions[role],
          `mutation($input: PlanReleaseDayInput!) { planReleaseDay(input: $input) { id } }`,
          { input: { planId: planOf.own.id, expectedVersion: STALE, medication: 'Matrix' } },
        );
        expect(outcome(res)).toBe('NOT_FOUND');
      },
    );
  });

  describe('lists show only the caller’s slice', () => {
    it.each([
      Role.YJS_CASE_MANAGER,
      Role.YJS_MANAGER,
      Role.ESTABLISHMENT_STAFF,
      Role.ESTABLISHMENT_MANAGER,
      Role.LA_CHILDRENS_SERVICES,
    ])('%s sees side A’s child on the caseload and never side B’s', async (role) => {
      const all = await w.sessions[role].ok(`{ caseload(first: 100) { totalCount edges { node { childId } } } }`);
      expect(all.caseload.edges.map((e: any) => e.node.childId)).toEqual([w.a.child.id]);
      expect(all.caseload.totalCount).toBe(1);
      const theirs = await w.sessions[role].ok(
        `query($yjs: ID) { caseload(filter: { youthJusticeServiceId: $yjs }) { totalCount } }`,
        { yjs: w.b.youthJusticeService.id },
      );
      expect(theirs.caseload.totalCount).toBe(0);
    });

    it('a manager’s user list holds only their own organisation’s people', async () => {
      const res = await w.sessions.YJS_MANAGER.ok(
        `{ users(first: 100) { edges { node { email organisation { id } } } } }`,
      );
      const orgs = new Set(res.users.edges.map((e: any) => e.node.organisation.id));
      expect([...orgs]).toEqual([w.a.youthJusticeService.id]);
    });
  });

  /**
   * Fields with a rule of their own (`ReferralFieldGroup`): who a referral names as the child's case manager. Last,
   * since it sends side A's referral (the partner then has it) and assigns side A's case manager.
   */
  describe('a referral’s case manager contact', () => {
    /** Whoever may read the referral, from either side of it, and no one else. */
    const CONTACT_READERS = only({
      YJS_CASE_MANAGER: ['allow', 'NOT_FOUND'],
      YJS_MANAGER: ['allow', 'NOT_FOUND'],
      LA_ACCOMMODATION_OFFICER: ['allow', 'NOT_FOUND'],
      HEALTH_PRACTITIONER: NEITHER,
      EDUCATION_PROVIDER: NEITHER,
    });
    const CONTACT = `query($id: ID!) { referral(id: $id) { caseManager { name email workPhone } supervisingService { id } } }`;

    beforeAll(async () => {
      const version = async (table: string, id: string) =>
        Number((await t.dataSource.query(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0].version);
      await w.sessions.YJS_CASE_MANAGER.ok(
        `mutation($input: SetMyWorkPhoneInput!) { setMyWorkPhone(input: $input) { workPhone } }`,
        { input: { workPhone: '0113 496 0999' } },
      );
      await w.sessions.YJS_MANAGER.ok(
        `mutation($input: AssignCaseManagerInput!) { assignCaseManager(input: $input) { id } }`,
        {
          input: {
            episodeId: w.a.episode.id,
            expectedVersion: await version('custodial_episode', w.a.episode.id),
            caseManagerId: w.sessions.YJS_CASE_MANAGER.userId,
          },
        },
      );
      await w.sessions.YJS_CASE_MANAGER.ok(
        `mutation($input: ReferralMoveInput!) { sendReferral(input: $input) { status } }`,
        {
          input: { referralId: referralOf.own.id, expectedVersion: await version('referral', referralOf.own.id) },
        },
      );
    });

    it.each(ROLES.flatMap((role) => (['own', 'other'] as const).map((target) => [role, target] as const)))(
      'as %s on the %s side',
      async (role, target) => {
        const res = await w.sessions[role].graphql(CONTACT, { id: referralOf[target].id });
        const expected = CONTACT_READERS[role][target === 'own' ? 0 : 1];
        expect(outcomeOf(res, 'OK')).toBe(expected);
        if (expected === 'allow') {
          expect(res.data.referral).toEqual({
            caseManager: {
              name: 'Test User',
              email: `${Role.YJS_CASE_MANAGER.toLowerCase()}@example.com`,
              workPhone: '0113 496 0999',
            },
            supervisingService: { id: w.a.youthJusticeService.id },
          });
        } else {
          expect(res.data?.referral ?? null).toBeNull();
        }
      },
    );

    it('another council’s officer does not have it', async () => {
      const officerB = await t.userSession({
        organisationId: w.b.localAuthority.id,
        roles: [Role.LA_ACCOMMODATION_OFFICER],
        email: 'contact.officer.b@example.com',
      });
      expect(outcomeOf(await officerB.graphql(CONTACT, { id: referralOf.own.id }), 'OK')).toBe('NOT_FOUND');
    });
  });
});

interface AuditRow {
  action: string;
  outcome: string;
  resource_type: string;
  resource_id: string | null;
  child_id: string | null;
}

/** pg returns an enum array as its text form, '{A,B}'. */
function parseRoles(value: string | string[]): string[] {
  return Array.isArray(value) ? value : value.replace(/[{}]/g, '').split(',').filter(Boolean);
}
