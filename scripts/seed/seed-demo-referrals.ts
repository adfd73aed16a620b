import { DataSource } from 'typeorm';
import { Actor, Caller, Capability, mayPerform, Role } from '@resettle/access';
import { addDays, FixedClock } from '@resettle/common';
import { CustodyModule } from '@resettle/custody';
import { withScriptContext } from '@resettle/database';
import { healthPathwaysNeedingHandover, MilestonesModule } from '@resettle/milestones';
import { HealthHandoverPathway, PlanFactsService, PlanningModule, PlanningService, ToldHow } from '@resettle/planning';
import { Referral, ReferralsModule, ReferralsService, ReferralType } from '@resettle/referrals';

/**
 * Demo referrals for each demo area, made and answered by that area's demo users through the real
 * `ReferralsService` (state machine, events, summary snapshot, pathway moves, audit) in a small Nest application
 * context; `MilestonesModule` brings the milestone hooks, so each sent or confirmed referral meets its
 * milestones in its own transaction. Per area, from the sentenced children its youth justice service supervises,
 * released within six weeks, three months or later: accommodation referrals to the area's local authority in a
 * spread of states (ACCOMMODATION_PLAN), one education referral to its virtual school and one health referral to
 * its health provider, one accommodation referral left as a DRAFT, and at least one child with none.
 *
 * Idempotent: an area whose youth justice service has made any referral is left alone (its demo referrals exist
 * already, or someone has been trying the service there). Touches only the demo areas' children. Returns how many
 * referrals it made.
 */
export async function seedDemoReferrals(
  databaseUrl: string,
  today: string,
  authorityCodes: readonly string[],
  log: (line: string) => void = () => undefined,
): Promise<number> {
  // Every move a minute after the last, from 09:00 on `today`, so the events and timestamps read in order.
  const clock = new FixedClock(new Date(`${today}T09:00:00Z`));

  return withScriptContext(
    {
      databaseUrl,
      clock,
      // MilestonesModule brings its hooks: a sent or confirmed referral meets its milestones in its own transaction.
      imports: [CustodyModule, PlanningModule, MilestonesModule, ReferralsModule],
    },
    async (app) => {
      const seeder = new AreaSeeder(
        app.get(DataSource),
        app.get(ReferralsService),
        app.get(PlanningService),
        clock,
        today,
        app.get(PlanFactsService),
      );
      let made = 0;
      for (const code of authorityCodes) {
        const n = await seeder.seedArea(code);
        if (n === null) log(`  ${code}: referrals already present, left as they are`);
        else log(`  ${code}: ${n} referrals`);
        made += n ?? 0;
      }
      return made;
    },
  );
}

// ------------------------------------------------------------------------------------------------ the plan

/** Where an accommodation referral is left, in the order the area's children are given them (soonest release first). */
type AccommodationOutcome = 'CONFIRMED' | 'SENT' | 'OFFERED' | 'INFORMATION_REQUESTED' | 'ACKNOWLEDGED' | 'DRAFT';

/**
 * Which child gets which, each from a window of days to release: a placement confirmed, one offered and a new
 * referral waiting in the inbox for children released within six weeks; earlier stages for those released within
 * three months; a new referral and a draft for those released later. A window with no child left takes the next
 * child by release date.
 */
const ACCOMMODATION_PLAN: readonly { outcome: AccommodationOutcome; days: [number, number] }[] = [
  { outcome: 'CONFIRMED', days: [1, 42] },
  { outcome: 'SENT', days: [1, 42] },
  { outcome: 'OFFERED', days: [1, 42] },
  { outcome: 'INFORMATION_REQUESTED', days: [43, 91] },
  { outcome: 'ACKNOWLEDGED', days: [43, 91] },
  { outcome: 'SENT', days: [92, 366] },
  { outcome: 'DRAFT', days: [92, 366] },
];

/** Synthetic places in each demo area, for the children's wishes and the offers (no real addresses or people). */
/** Who takes a child's health pathway on after release, in the demo's words. */
const HANDOVER_PROVIDER: Record<string, string> = {
  PHYSICAL_HEALTH: 'Road Surgery, GP registration',
  MENTAL_HEALTH: 'community CAMHS team',
  SUBSTANCE_MISUSE: 'young people’s substance misuse service',
};

const AREA_TEXT: Record<string, { town: string; near: string[]; avoid: string[]; postcode: string }> = {
  'LA-LEEDS': {
    town: 'Leeds',
    near: ['Armley', 'Seacroft', 'Beeston', 'Harehills'],
    avoid: ['the old estate in Gipton', 'Chapeltown'],
    postcode: 'LS99',
  },
  'LA-BIRMINGHAM': {
    town: 'Birmingham',
    near: ['Erdington', 'Small Heath', 'Kings Heath', 'Handsworth'],
    avoid: ['the old estate in Castle Vale', 'Aston'],
    postcode: 'B99',
  },
  'LA-KENT': {
    town: 'Kent',
    near: ['Margate', 'Gravesend', 'Ashford', 'Maidstone'],
    avoid: ['the old estate in Folkestone', 'Dartford'],
    postcode: 'ME99',
  },
  'LA-CARDIFF': {
    town: 'Cardiff',
    near: ['Ely', 'Splott', 'Llanrumney', 'Grangetown'],
    avoid: ['the old estate in Butetown', 'Caerau'],
    postcode: 'CF99',
  },
};

interface Candidate {
  episode_id: string;
  child_id: string;
  given_name: string;
  preferred_name: string | null;
  gender: 'MALE' | 'FEMALE' | 'OTHER';
  looked_after: boolean;
  expected_release_date: string;
  case_manager_id: string | null;
  accommodation_pathway_id: string | null;
  education_pathway_id: string | null;
  health_pathway_id: string | null;
}

interface Partners {
  caseManagers: Map<string, Caller>;
  /** The youth justice service's first case manager, for episodes with none allocated. */
  fallbackCaseManager: Caller;
  accommodation: Caller;
  health: Caller;
  education: Caller;
  serviceId: string;
  authorityId: string;
  healthProviderId: string;
  educationProviderId: string;
}

class AreaSeeder {
  constructor(
    private readonly db: DataSource,
    private readonly referrals: ReferralsService,
    private readonly planning: PlanningService,
    private readonly clock: FixedClock,
    private readonly today: string,
    private readonly facts: PlanFactsService,
  ) {}

  /** The area's demo referrals; null when its service has made referrals already. */
  async seedArea(authorityCode: string): Promise<number | null> {
    const stem = authorityCode.replace(/^LA-/, '').toLowerCase();
    const [service] = await this.db.query(
      `SELECT yjs.id, (SELECT count(*)::int FROM referral r WHERE r.from_service_id = yjs.id) AS referrals
         FROM organisation la JOIN organisation yjs ON yjs.local_authority_id = la.id AND yjs.type = 'YOUTH_JUSTICE_SERVICE'
        WHERE la.code = $1`,
      [authorityCode],
    );
    if (!service) throw new Error(`No local authority ${authorityCode} with a youth justice service`);
    if (service.referrals > 0) return null;
    const partners = await this.partnersOf(authorityCode, stem);

    const text = AREA_TEXT[authorityCode] ?? {
      town: stem,
      near: ['the town centre'],
      avoid: ['the old estate'],
      postcode: 'ZZ99',
    };
    const assigned = this.assign(await this.candidates(partners.serviceId));
    let made = 0;
    for (const [i, { child, outcome }] of assigned.entries()) {
      await this.accommodation(child, outcome, partners, text, i);
      made++;
    }
    // One education referral (a looked-after child first: the virtual school's own) and one health referral, each
    // for a child who has a sent accommodation referral too, so the child left without a referral keeps none.
    const sent = assigned.filter((a) => a.outcome !== 'DRAFT').map((a) => a.child);
    const forEducation = sent
      .filter((c) => c.education_pathway_id)
      .sort((a, b) => Number(b.looked_after) - Number(a.looked_after))[0];
    if (forEducation) {
      await this.partnerReferral(
        forEducation,
        ReferralType.EDUCATION,
        forEducation.education_pathway_id!,
        partners.educationProviderId,
        partners.education,
        partners,
        'ACKNOWLEDGED',
        text,
      );
      made++;
    }
    const forHealth =
      sent.filter((c) => c.health_pathway_id && c !== forEducation)[0] ?? sent.filter((c) => c.health_pathway_id)[0];
    if (forHealth) {
      await this.partnerReferral(
        forHealth,
        ReferralType.HEALTH,
        forHealth.health_pathway_id!,
        partners.healthProviderId,
        partners.health,
        partners,
        'SENT',
        text,
      );
      made++;
    }
    return made;
  }

  /** The accommodation plan's children (see ACCOMMODATION_PLAN), always leaving at least one child with no referral. */
  private assign(children: Candidate[]): { child: Candidate; outcome: AccommodationOutcome }[] {
    const today = Date.parse(`${this.today}T00:00:00Z`);
    const days = (c: Candidate) =>
      Math.round((Date.parse(`${c.expected_release_date}T00:00:00Z`) - today) / 86_400_000);
    const unused = children.filter((c) => c.accommodation_pathway_id);
    const out: { child: Candidate; outcome: AccommodationOutcome }[] = [];
    for (const slot of ACCOMMODATION_PLAN) {
      if (unused.length <= 1) break;
      const index = Math.max(
        unused.findIndex((c) => days(c) >= slot.days[0] && days(c) <= slot.days[1]),
        0,
      );
      out.push({ child: unused.splice(index, 1)[0], outcome: slot.outcome });
    }
    return out;
  }

  // ---------------------------------------------------------------- who

  private async partnersOf(authorityCode: string, stem: string): Promise<Partners> {
    const [org] = await this.db.query(
      `SELECT la.id AS authority_id, yjs.id AS service_id
         FROM organisation la JOIN organisation yjs ON yjs.local_authority_id = la.id AND yjs.type = 'YOUTH_JUSTICE_SERVICE'
        WHERE la.code = $1`,
      [authorityCode],
    );
    if (!org) throw new Error(`No local authority ${authorityCode} with a youth justice service`);
    const users: { id: string; organisation_id: string; roles: Role[]; email: string }[] = await this.db.query(
      `SELECT id, organisation_id, roles::text[] AS roles, email FROM app_user
        WHERE NOT disabled AND (organisation_id = $1 OR email = ANY($2::text[]))`,
      [
        org.service_id,
        [
          `accommodation@${stem}.council.example.com`,
          `practitioner@${stem}.health.example.com`,
          `teacher@${stem}.virtual-school.example.com`,
        ],
      ],
    );
    const callerOf = (u: (typeof users)[number]): Caller => ({
      actor: actorOf(u),
      operation: 'seed',
      requestId: 'demo-seed',
      clientIp: null,
    });
    const byEmail = (email: string, capability: Capability) => {
      const user = users.find((u) => u.email === email);
      if (!user) throw new Error(`No demo user ${email}`);
      const caller = callerOf(user);
      if (!mayPerform(caller.actor, capability)) throw new Error(`Demo user ${email} may not ${capability}`);
      return caller;
    };
    const caseManagers = new Map(
      users
        .filter((u) => u.organisation_id === org.service_id && mayPerform(actorOf(u), Capability.SEND_REFERRAL))
        .map((u) => [u.id, callerOf(u)] as const),
    );
    const accommodation = byEmail(`accommodation@${stem}.council.example.com`, Capability.RESPOND_TO_REFERRAL);
    if (accommodation.actor.organisationId !== org.authority_id)
      throw new Error(`accommodation@${stem}.council.example.com is not in ${authorityCode}`);
    // Addressed to the demo users' own providers, so their inbox shows them.
    const health = byEmail(`practitioner@${stem}.health.example.com`, Capability.RESPOND_TO_REFERRAL);
    const education = byEmail(`teacher@${stem}.virtual-school.example.com`, Capability.RESPOND_TO_REFERRAL);
    return {
      caseManagers,
      fallbackCaseManager: byEmail(`case.manager.1@${stem}.yjs.example.com`, Capability.SEND_REFERRAL),
      accommodation,
      health,
      education,
      serviceId: org.service_id,
      authorityId: org.authority_id,
      healthProviderId: health.actor.organisationId,
      educationProviderId: education.actor.organisationId,
    };
  }

  /**
   * The service's sentenced children still to be released, soonest first, with the pathways referrals are made from.
   */
  private candidates(serviceId: string): Promise<Candidate[]> {
    return this.db.query(
      `SELECT e.id AS episode_id, c.id AS child_id, c.given_name, c.preferred_name, c.gender, c.looked_after,
              e.expected_release_date::text AS expected_release_date, e.case_manager_id,
              (SELECT w.id FROM pathway w WHERE w.plan_id = p.id AND w.type = 'ACCOMMODATION') AS accommodation_pathway_id,
              (SELECT w.id FROM pathway w WHERE w.plan_id = p.id AND w.type = 'EDUCATION_TRAINING_EMPLOYMENT') AS education_pathway_id,
              (SELECT w.id FROM pathway w WHERE w.plan_id = p.id AND w.type = 'MENTAL_HEALTH') AS health_pathway_id
         FROM custodial_episode e
         JOIN child c ON c.id = e.child_id
         JOIN resettlement_plan p ON p.episode_id = e.id
        WHERE e.supervising_service_id = $1 AND e.status = 'SENTENCED' AND e.expected_release_date > $2::date
          AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.child_id = c.id)
        ORDER BY e.expected_release_date, c.external_reference NULLS LAST, c.id`,
      [serviceId, this.today],
    );
  }

  // ---------------------------------------------------------------- what

  private async accommodation(
    child: Candidate,
    outcome: AccommodationOutcome,
    p: Partners,
    text: (typeof AREA_TEXT)[string],
    i: number,
  ): Promise<void> {
    const name = child.preferred_name ?? child.given_name;
    const { they, them, their } = pronouns(child.gender);
    const near = text.near[i % text.near.length];
    const avoid = text.avoid[i % text.avoid.length];
    const wishes = [
      `Wants to live near ${their} nan in ${near}. Not back to ${avoid}.`,
      `${name} would like a flat of ${their} own eventually; for now ${they} would accept supported lodgings if it is near ${near}.`,
      `Wants to stay in ${text.town} so ${they} can keep ${their} college place. Does not want to go back to ${avoid}.`,
      `${name} wants to be close to ${their} younger brother in ${near} and away from ${avoid}.`,
    ][i % 4];
    const family = [
      `Mum is supportive but cannot have ${name} home: the house is overcrowded. Nan in ${near} is willing to help at weekends.`,
      `Dad would like ${name} to live with him but the local authority has concerns about the address; ${their} aunt visits monthly.`,
      `${name}'s carer says ${they} can visit for tea twice a week. Family would prefer ${them} not to return to ${avoid}.`,
      `Grandparents are keen to stay involved and have offered to drive ${them} to appointments.`,
    ][i % 4];
    const needs = [
      `Curfew 7pm to 7am expected as a licence condition. Previous exploitation concerns linked to ${avoid}; needs an address away from it.`,
      `Low-level self-harm in custody, now stable with support. Needs staffed or supported accommodation and a GP registration before release.`,
      `Struggles with budgeting and has no ID; needs help with a bank account and benefits claim. No concerns about living with others.`,
      `Must not contact a named co-defendant who lives in ${avoid}. Engages well with keyworkers.`,
    ][i % 4];
    const cm = this.caseManagerOf(child, p);
    let r = await this.create(
      child,
      ReferralType.ACCOMMODATION,
      child.accommodation_pathway_id!,
      p.authorityId,
      { childWishes: wishes, familyViews: family, needsAndRisks: needs },
      cm,
    );
    if (outcome === 'DRAFT') return;
    r = await this.step(() => this.referrals.send(r.id, r.version, op(cm, 'sendReferral')));
    if (outcome === 'SENT') return;
    const la = p.accommodation;
    r = await this.step(() => this.referrals.acknowledge(r.id, r.version, op(la, 'acknowledgeReferral')));
    if (outcome === 'ACKNOWLEDGED') {
      await this.message(
        r,
        la,
        `Thanks, we have this. We are checking supported lodgings in ${near} and will come back to you within the week.`,
      );
      return;
    }
    if (outcome === 'INFORMATION_REQUESTED') {
      await this.step(() =>
        this.referrals.requestInformation(
          r.id,
          r.version,
          `Before we can place ${name}: what curfew hours are expected on licence, and is contact with family in ${near} supervised or unrestricted?`,
          op(la, 'requestReferralInformation'),
        ),
      );
      await this.message(
        r,
        cm,
        `The licence is still being drafted; I will confirm the curfew as soon as the establishment sends it. Family contact is unrestricted.`,
      );
      return;
    }
    const placement = i % 2 === 0 ? 'Supported lodgings' : 'Semi-independent supported accommodation';
    r = await this.step(() =>
      this.referrals.offer(
        r.id,
        r.version,
        {
          addressOrPlace: `Flat ${(i % 6) + 1}, ${10 + i * 7} Example Road, ${near}, ${text.town} ${text.postcode} ${i + 1}ZZ (demo address)`,
          placementType: placement,
          provider: `${text.town} ${placement} Scheme (demo)`,
          startDate: child.expected_release_date,
        },
        op(la, 'offerReferral'),
      ),
    );
    await this.message(
      r,
      cm,
      `${name} is pleased with the offer and would like to visit before release if the establishment can arrange it.`,
    );
    if (outcome === 'OFFERED') return;
    await this.step(() => this.referrals.confirm(r.id, r.version, op(la, 'confirmReferral')));
    await this.message(
      r,
      la,
      `Confirmed. The keyworker will meet ${name} at the gate on the day of release and take ${them} to the placement.`,
    );
    // The case manager tells the child the confirmed address: the fact "child told where they will live" is met by.
    await this.step(() =>
      this.facts.recordChildTold(
        {
          planId: r.planId,
          toldOn: this.today,
          toldBy: 'The case manager (demo)',
          how: ToldHow.IN_PERSON,
          hasSeenIt: false,
        },
        op(cm, 'recordChildToldWhereLiving'),
      ),
    );
  }

  private async partnerReferral(
    child: Candidate,
    type: ReferralType,
    pathwayId: string,
    toOrganisationId: string,
    partner: Caller,
    p: Partners,
    outcome: 'SENT' | 'ACKNOWLEDGED',
    text: (typeof AREA_TEXT)[string],
  ): Promise<void> {
    const name = child.preferred_name ?? child.given_name;
    const { they, them, their } = pronouns(child.gender);
    const fields =
      type === ReferralType.EDUCATION
        ? {
            childWishes: `${name} wants to finish ${their} Level 1 in construction and would like a college place in ${text.town} from release.`,
            familyViews: `Family would like ${name} back in education as soon as possible; they worry about ${them} having empty days.`,
            needsAndRisks: `Reading age below chronological age; works best in small groups. Has made good progress in the establishment's education department.`,
          }
        : {
            childWishes: `${name} says ${they} would like to keep seeing someone to talk to after release, but not at a clinic in the town centre.`,
            familyViews: `Mum has noticed ${name} is calmer since starting sessions in custody and wants them to continue.`,
            needsAndRisks: `Receiving support for low mood and anxiety in custody; needs a community mental health handover and a GP registration before release.`,
          };
    const cm = this.caseManagerOf(child, p);
    let r = await this.create(child, type, pathwayId, toOrganisationId, fields, cm);
    r = await this.step(() => this.referrals.send(r.id, r.version, op(cm, 'sendReferral')));
    if (outcome === 'SENT') return;
    await this.step(() => this.referrals.acknowledge(r.id, r.version, op(partner, 'acknowledgeReferral')));
    // The college has confirmed a place, and the case manager records it, with the health handovers arranged for the
    // same child: the facts the ETE and health handover deadlines are met by (a pathway's status alone meets none).
    // (The health referral stays new, for the demo health practitioner to act on.)
    if (type !== ReferralType.EDUCATION) return;
    const afterRelease = (days: number) => addDays(child.expected_release_date, days);
    await this.step(() =>
      this.facts.recordEtePlacement(
        {
          planId: r.planId,
          provider: `${text.town} College, construction foundation course (demo)`,
          startDate: afterRelease(3),
          hoursPerWeek: 16,
          confirmedBy: 'The college admissions tutor (demo)',
        },
        op(cm, 'recordEtePlacement'),
      ),
    );
    // A handover for each health pathway that needs one (the deadline's own rule): the GP registration always.
    const pathways: { type: string; needLevel: string | null }[] = await this.db.query(
      `SELECT type::text AS type, need_level::text AS "needLevel" FROM pathway WHERE plan_id = $1`,
      [r.planId],
    );
    for (const [n, pathwayType] of healthPathwaysNeedingHandover(pathways).entries()) {
      await this.step(() =>
        this.facts.recordHealthHandover(
          {
            planId: r.planId,
            pathwayType: pathwayType as HealthHandoverPathway,
            receivingProvider: `${text.town} ${HANDOVER_PROVIDER[pathwayType]} (demo)`,
            firstAppointmentOn: afterRelease(7 + n),
          },
          op(cm, 'recordHealthHandover'),
        ),
      );
    }
  }

  private async create(
    child: Candidate,
    type: ReferralType,
    pathwayId: string,
    toOrganisationId: string,
    fields: { childWishes: string; familyViews: string; needsAndRisks: string },
    cm: Caller,
  ): Promise<Referral> {
    const pathway = await this.planning.findPathway(pathwayId);
    const plan = pathway && (await this.planning.findPlan(pathway.planId));
    if (!pathway || !plan || plan.childId !== child.child_id)
      throw new Error(`No plan pathway ${pathwayId} for child ${child.child_id}`);
    return this.step(() =>
      this.referrals.create(
        { type, pathwayId, toOrganisationId, ...fields },
        plan,
        pathway,
        cm.actor.organisationId,
        op(cm, 'createReferral'),
      ),
    );
  }

  private async message(referral: Referral, caller: Caller, body: string): Promise<void> {
    await this.step(() =>
      this.referrals.postMessage({ referralId: referral.id, body }, op(caller, 'postReferralMessage')),
    );
  }

  /** One change, a minute after the last. */
  private async step<T>(change: () => Promise<T>): Promise<T> {
    this.clock.advance(60_000);
    return change();
  }

  private caseManagerOf(child: Candidate, p: Partners): Caller {
    return (child.case_manager_id && p.caseManagers.get(child.case_manager_id)) || p.fallbackCaseManager;
  }
}

function actorOf(user: { id: string; organisation_id: string; roles: Role[] }): Actor {
  return { userId: user.id, organisationId: user.organisation_id, roles: user.roles, authenticatedBy: 'PASSWORD' };
}

/** The caller, for one operation (named as in the schema, for the audit trail). */
function op(caller: Caller, operation: string): Caller {
  return { ...caller, operation };
}

function pronouns(gender: Candidate['gender']) {
  if (gender === 'FEMALE') return { they: 'she', them: 'her', their: 'her' };
  if (gender === 'MALE') return { they: 'he', them: 'him', their: 'his' };
  return { they: 'they', them: 'them', their: 'their' };
}
