import { Client } from 'pg';
import { FixedClock } from '@resettle/common';
import { calculateReleaseDates, expectedReleaseDate, ReleaseDates } from '@resettle/custody';
import { assertDatabaseMarked } from '@resettle/database';
import { hashPassword } from '@resettle/identity';
import { refreshAllEpisodes } from '@resettle/milestones';
import {
  LOCAL_AUTHORITIES,
  partnerOrganisationsFor,
  SECURE_ESTABLISHMENTS,
  youthJusticeServiceCode,
} from '@resettle/organisations';
import { INSERT_MISSING_PLANS_SQL } from '@resettle/planning';
import { generateSyntheticCaseload, SyntheticChildRecord } from './caseload/caseload';
import { seedDemoAfterRelease } from './seed-demo-after-release';
import { seedDemoCircumstances } from './seed-demo-circumstances';
import { seedDemoCouncilTimes } from './seed-demo-council-times';
import { seedDemoHearings } from './seed-demo-hearings';
import { seedDemoProviderTimes } from './seed-demo-provider-times';
import { seedDemoReferrals } from './seed-demo-referrals';
import { escalateDemoReleased, releaseDemoChildren, releasedRecords } from './seed-demo-released';
import { seedDemoSupervisionTransfer } from './seed-demo-supervision-transfer';

/**
 * The password of every demo user. Public (it is in the README): demo databases hold synthetic data only, and the
 * seed refuses any database not marked for demo or test use.
 */
export const DEMO_PASSWORD = 'resettle-demo-password';

export interface SeedOptions {
  /** How many children in custody (default 450, about the national figure). */
  children: number;
  /** Seed for the synthetic data generator: the same seed gives the same children. */
  seed: number;
  /** The day the caseload is a snapshot of (release dates fall over the following 12 months). */
  today: string;
  log?: (line: string) => void;
}

export interface SeedSummary {
  organisations: number;
  users: number;
  childrenAdded: number;
  childrenSkipped: number;
  episodesAdded: number;
  /** Extra synthetic children supervised by the demo areas, so each has enough children for its demo referrals. */
  showcaseChildrenAdded: number;
  /**
   * Referrals made in the demo areas, through the referrals feature itself, and the released children's (their
   * history, written as the feature would have recorded it).
   */
  referralsAdded: number;
  /** Children the demo areas released over the last 12 months, with their facts (for the measures). */
  releasedChildrenAdded: number;
}

const BATCH = 500;

/**
 * Fills a demo or test database with the real secure estate and local authorities of England and Wales, their
 * youth justice services and providers, demo staff, and a synthetic caseload. Idempotent: organisations and users
 * are upserted by code and email, children are added by their stable key, and a child already present is left as it
 * is. Refuses any database not marked for demo or test use.
 */
export async function seedDemoData(url: string, options: SeedOptions): Promise<SeedSummary> {
  await assertDatabaseMarked(url, ['demo', 'test']);
  const log = options.log ?? (() => undefined);
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const orgIds = await upsertOrganisations(db);
    log(`Organisations: ${orgIds.size} (secure estate, local authorities, youth justice services, providers)`);
    const caseManagers = await upsertDemoStaff(db, orgIds);
    log(`Demo staff: ${caseManagers.total} users, every one with the password ${DEMO_PASSWORD}`);
    log(
      'Demo sign-ins (every youth justice service also has case.manager.1, case.manager.2 and manager @<authority>.yjs.example.com):',
    );
    for (const s of caseManagers.signIns) log(`  ${s.role.padEnd(24)} ${s.email.padEnd(50)} ${s.organisation}`);

    const records = generateSyntheticCaseload({
      count: options.children,
      seed: options.seed,
      today: options.today,
      establishments: SECURE_ESTABLISHMENTS,
      localAuthorities: LOCAL_AUTHORITIES,
    });
    let childrenAdded = 0;
    let episodesAdded = 0;
    for (let i = 0; i < records.length; i += BATCH) {
      const batch = records.slice(i, i + BATCH);
      const added = await insertBatch(db, batch, orgIds, caseManagers.bySupervisingAuthority);
      childrenAdded += added.children;
      episodesAdded += added.episodes;
      if (records.length > 5 * BATCH && (i / BATCH) % 20 === 0)
        log(`  ... ${Math.min(i + BATCH, records.length)} of ${records.length} children`);
    }
    log(`Children: ${childrenAdded} added, ${records.length - childrenAdded} already present`);
    // The realistic mix gives a demo area only a handful of sentenced children (Cardiff has one in the default 450),
    // too few to show a partner's inbox: each demo area also supervises a few more, with release dates spread out.
    const showcase = options.children > 0 ? showcaseRecords(options) : [];
    const showcaseAdded = showcase.length
      ? await insertBatch(db, showcase, orgIds, caseManagers.bySupervisingAuthority)
      : { children: 0, episodes: 0 };
    episodesAdded += showcaseAdded.episodes;
    if (showcase.length)
      log(
        `Demo area children: ${showcaseAdded.children} added, ${showcase.length - showcaseAdded.children} already present`,
      );
    // And children each demo area released over the last 12 months, so the measures have a year to count.
    const released = options.children > 0 ? releasedRecords(options, DEMO_AUTHORITIES) : [];
    const releasedAdded = released.length
      ? await insertBatch(db, released, orgIds, caseManagers.bySupervisingAuthority)
      : { children: 0, episodes: 0 };
    episodesAdded += releasedAdded.episodes;
    // Every episode has its resettlement plan (the api creates it with the episode; the seed writes episodes in bulk).
    const plans = await db.query(INSERT_MISSING_PLANS_SQL);
    log(`Resettlement plans: ${(plans.rowCount ?? 0) / 9} added`);
    const assigned = await assignPartnerPathways(db);
    log(`Pathways given to health and education partners: ${assigned}`);
    // Their facts, dated when they happened, and their release: the milestones below are met by those facts.
    const releasedNow = await releaseDemoChildren(db, options.seed);
    if (released.length) log(`Children released over the last 12 months: ${releasedNow} released with their facts`);
    const leads = await setServiceLeads(db);
    log(`Heads of service named: ${leads}`);
    log(`Councils' leads named: ${await setCouncilLeads(db)}`);
    // Every episode's deadlines, computed by the milestones feature itself (the api does this as episodes change).
    const milestonesComputed = await refreshAllEpisodes(url, new FixedClock(new Date(`${options.today}T09:00:00Z`)));
    log(`Milestones: ${milestonesComputed} computed`);
    if (released.length)
      log(`Escalations of the released children's late deadlines: ${await escalateDemoReleased(db)}`);
    // Referrals in the demo areas, made and answered by the demo users through the referrals feature (after the
    // milestones exist: each sent or confirmed referral meets its milestones in its own transaction, as in the api).
    const referralsAdded =
      options.children > 0 ? await seedDemoReferrals(url, options.today, DEMO_AUTHORITIES, log) : 0;
    log(`Referrals: ${referralsAdded} added in ${DEMO_AUTHORITIES.length} demo areas`);
    // The released children's education and health referrals, answered by the providers over the year (after the
    // demo referrals: an area whose service has made any is left alone by them).
    const providerReferrals = released.length ? await seedDemoProviderTimes(db, DEMO_AUTHORITIES) : 0;
    if (released.length)
      log(`Released children's referrals to providers, with their response times: ${providerReferrals}`);
    // And their accommodation referrals, answered by their councils at the councils' speeds (closed history only).
    const councilReferrals = released.length ? await seedDemoCouncilTimes(db, DEMO_AUTHORITIES) : 0;
    if (released.length)
      log(`Released children's accommodation referrals, with their councils' response times: ${councilReferrals}`);
    if (options.children > 0)
      log(
        `Circumstances and earlier interventions: ${await seedDemoCircumstances(url, options.today, DEMO_AUTHORITIES)} added`,
      );
    if (options.children > 0) await seedDemoAfterRelease(url, options.today, log);
    if (options.children > 0) log(`Supervision moved: ${await seedDemoSupervisionTransfer(url, options.today)} child`);
    if (options.children > 0)
      log(`Court hearings: ${await seedDemoHearings(url, options.today)} scheduled for children on remand`);
    return {
      organisations: orgIds.size,
      users: caseManagers.total,
      childrenAdded,
      childrenSkipped: records.length - childrenAdded,
      episodesAdded,
      showcaseChildrenAdded: showcaseAdded.children,
      referralsAdded: referralsAdded + providerReferrals + councilReferrals,
      releasedChildrenAdded: releasedAdded.children,
    };
  } finally {
    await db.end();
  }
}

// ------------------------------------------------------------------------------------------------ organisations

async function upsertOrganisations(db: Client): Promise<Map<string, string>> {
  const rows: {
    code: string;
    name: string;
    type: string;
    la: string | null;
    nation: string | null;
    region: string | null;
    domain: string;
  }[] = [];
  for (const la of LOCAL_AUTHORITIES) {
    rows.push({
      code: la.code,
      name: la.name,
      type: 'LOCAL_AUTHORITY',
      la: null,
      nation: la.nation,
      region: la.region,
      domain: demoEmailDomain(la.code),
    });
  }
  const regionOf = new Map(LOCAL_AUTHORITIES.map((la) => [la.code, la]));
  for (const la of LOCAL_AUTHORITIES) {
    for (const p of partnerOrganisationsFor(la)) {
      rows.push({
        code: p.code,
        name: p.name,
        type: p.type,
        la: p.localAuthorityCode,
        nation: la.nation,
        region: la.region,
        domain: demoEmailDomain(p.code),
      });
    }
  }
  for (const e of SECURE_ESTABLISHMENTS) {
    const la = regionOf.get(e.localAuthorityCode);
    rows.push({
      code: e.code,
      name: e.name,
      type: e.type,
      la: e.localAuthorityCode,
      nation: la?.nation ?? null,
      region: la?.region ?? null,
      domain: demoEmailDomain(e.code),
    });
  }
  // Home of the demo national administrator. "(demo)": the real Board has no part in this service's demo data.
  rows.push({
    code: NATIONAL_BODY_CODE,
    name: 'Youth Justice Board (demo)',
    type: 'NATIONAL_BODY',
    la: null,
    nation: null,
    region: null,
    domain: demoEmailDomain(NATIONAL_BODY_CODE),
  });
  // Local authorities first (others point at them), then everything else resolving the authority by code. Email
  // domains are filled in only where there are none, so domains a national admin has changed are kept.
  await db.query(
    `INSERT INTO organisation (code, name, type, nation, region, email_domains)
     SELECT r.code, r.name, r.type, r.nation, r.region, ARRAY[r.domain]
       FROM unnest($1::text[], $2::text[], $3::organisation_type[], $4::text[], $5::text[], $6::text[]) AS r(code, name, type, nation, region, domain)
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, nation = EXCLUDED.nation, region = EXCLUDED.region, updated_at = now(),
       email_domains = CASE WHEN organisation.email_domains = '{}' THEN EXCLUDED.email_domains ELSE organisation.email_domains END`,
    columns(
      rows.filter((r) => !r.la),
      ['code', 'name', 'type', 'nation', 'region', 'domain'],
    ),
  );
  await db.query(
    `INSERT INTO organisation (code, name, type, nation, region, local_authority_id, email_domains)
     SELECT r.code, r.name, r.type, r.nation, r.region, la.id, ARRAY[r.domain]
       FROM unnest($1::text[], $2::text[], $3::organisation_type[], $4::text[], $5::text[], $6::text[], $7::text[])
            AS r(code, name, type, nation, region, la_code, domain)
       JOIN organisation la ON la.code = r.la_code
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, local_authority_id = EXCLUDED.local_authority_id,
       nation = EXCLUDED.nation, region = EXCLUDED.region, updated_at = now(),
       email_domains = CASE WHEN organisation.email_domains = '{}' THEN EXCLUDED.email_domains ELSE organisation.email_domains END`,
    columns(
      rows.filter((r) => r.la),
      ['code', 'name', 'type', 'nation', 'region', 'la', 'domain'],
    ),
  );
  const { rows: all } = await db.query<{ id: string; code: string }>('SELECT id, code FROM organisation');
  return new Map(all.map((r) => [r.code, r.id]));
}

// ------------------------------------------------------------------------------------------------ staff

/** Synthetic staff names, chosen so no demo user shares a name with a real person on purpose. */
const STAFF_NAMES = [
  ['Amara', 'Okafor'],
  ['Ben', 'Hartley'],
  ['Chloe', 'Davies'],
  ['Dev', 'Mistry'],
  ['Erin', 'Walsh'],
  ['Femi', 'Adeyemi'],
  ['Grace', 'Lowe'],
  ['Harun', 'Begum'],
  ['Isla', 'Morgan'],
  ['Jonah', 'Price'],
  ['Kiran', 'Shah'],
  ['Leah', 'Foster'],
] as const;

/**
 * A demo case manager's work phone, from Ofcom's ranges kept for drama (never a real line): the first case manager of
 * the n-th service a Leeds landline, 0113 496 0xxx, the second a mobile, 07700 900xxx (n < 1000).
 */
function demoPhone(kind: 'LANDLINE' | 'MOBILE', n: number): string {
  const xxx = String(n).padStart(3, '0');
  return kind === 'LANDLINE' ? `0113 496 0${xxx}` : `07700 900${xxx}`;
}

/** A demo staff address on an example.com subdomain, e.g. case.manager.1@leeds.yjs.example.com. */
function staffEmail(localAuthorityCode: string, localPart: string): string {
  return `${localPart}@${demoEmailDomain(youthJusticeServiceCode(localAuthorityCode))}`;
}

const NATIONAL_BODY_CODE = 'NAT-YJB';

/**
 * The email domain of a demo organisation's staff, on example.com so demo mail never reaches anyone:
 * LA-LEEDS → leeds.council.example.com, YJS-LEEDS → leeds.yjs.example.com, HEALTH-LEEDS → leeds.health.example.com,
 * EDU-LEEDS → leeds.virtual-school.example.com, YOI-WETHERBY → wetherby.yoi.example.com, NAT-YJB →
 * yjb.national.example.com.
 */
function demoEmailDomain(code: string): string {
  if (code === NATIONAL_BODY_CODE) return 'yjb.national.example.com';
  const partner = /^(LA|YJS|HEALTH|EDU)-(.+)$/.exec(code);
  if (partner) {
    const kind = { LA: 'council', YJS: 'yjs', HEALTH: 'health', EDU: 'virtual-school' }[
      partner[1] as 'LA' | 'YJS' | 'HEALTH' | 'EDU'
    ];
    return `${partner[2].toLowerCase()}.${kind}.example.com`;
  }
  return `${establishmentDomain(code)}.example.com`;
}

/** Where the other roles are shown: a few authorities (England and Wales) and a few kinds of establishment. */
const DEMO_AUTHORITIES = ['LA-LEEDS', 'LA-BIRMINGHAM', 'LA-KENT', 'LA-CARDIFF'];
const DEMO_ESTABLISHMENTS = ['YOI-WETHERBY', 'STC-OAKHILL', 'SCH-ADEL-BECK', 'SECURE-SCHOOL-OASIS-RESTORE'];

interface DemoSignIn {
  role: string;
  email: string;
  organisation: string;
}

/** e.g. 'YOI-WETHERBY' → 'wetherby.yoi', 'SECURE-SCHOOL-OASIS-RESTORE' → 'oasis-restore.secure-school'. */
function establishmentDomain(code: string): string {
  const match = /^(YOI|STC|SCH|SECURE-SCHOOL)-(.+)$/.exec(code)!;
  return `${match[2].toLowerCase()}.${match[1].toLowerCase()}`;
}

/**
 * Demo staff, every one with the password DEMO_PASSWORD (hashed once, so seeding stays fast):
 * - two case managers and a manager for every youth justice service;
 * - staff and a manager for a few secure establishments;
 * - an accommodation officer and a children's services social worker for a few local authorities;
 * - a health practitioner and a virtual school teacher for the same authorities' providers;
 * - one national administrator, in the Youth Justice Board (demo).
 * Emails are on example.com subdomains, so demo mail can never reach anyone. A user already present keeps their
 * roles and password (someone may have changed them while trying the service).
 */
async function upsertDemoStaff(db: Client, orgIds: Map<string, string>) {
  const users: { org: string; given: string; family: string; email: string; roles: string; phone?: string }[] = [];
  const signIns: DemoSignIn[] = [];
  const nameOf = new Map<string, string>();
  for (const la of LOCAL_AUTHORITIES) nameOf.set(la.code, la.name);
  for (const e of SECURE_ESTABLISHMENTS) nameOf.set(e.code, e.name);
  const bySupervisingAuthority = new Map<string, string[]>();
  LOCAL_AUTHORITIES.forEach((la, i) => {
    const yjs = orgIds.get(youthJusticeServiceCode(la.code))!;
    const name = (k: number) => STAFF_NAMES[(i * 3 + k) % STAFF_NAMES.length];
    users.push({
      org: yjs,
      given: name(0)[0],
      family: name(0)[1],
      email: staffEmail(la.code, 'case.manager.1'),
      roles: '{YJS_CASE_MANAGER}',
      phone: demoPhone('LANDLINE', i),
    });
    users.push({
      org: yjs,
      given: name(1)[0],
      family: name(1)[1],
      email: staffEmail(la.code, 'case.manager.2'),
      roles: '{YJS_CASE_MANAGER}',
      phone: demoPhone('MOBILE', i),
    });
    users.push({
      org: yjs,
      given: name(2)[0],
      family: name(2)[1],
      email: staffEmail(la.code, 'manager'),
      roles: '{YJS_MANAGER}',
    });
  });
  let k = 0;
  const showcase = (orgCode: string, organisation: string, email: string, role: string) => {
    const [given, family] = STAFF_NAMES[k++ % STAFF_NAMES.length];
    users.push({ org: orgIds.get(orgCode)!, given, family, email, roles: `{${role}}` });
    signIns.push({ role, email, organisation });
  };
  for (const code of DEMO_AUTHORITIES) {
    const la = LOCAL_AUTHORITIES.find((a) => a.code === code)!;
    signIns.push({
      role: 'YJS_CASE_MANAGER',
      email: staffEmail(code, 'case.manager.1'),
      organisation: `${la.shortName} Youth Justice Service`,
    });
    signIns.push({
      role: 'YJS_MANAGER',
      email: staffEmail(code, 'manager'),
      organisation: `${la.shortName} Youth Justice Service`,
    });
  }
  for (const code of DEMO_ESTABLISHMENTS) {
    const domain = demoEmailDomain(code);
    showcase(code, nameOf.get(code)!, `staff@${domain}`, 'ESTABLISHMENT_STAFF');
    showcase(code, nameOf.get(code)!, `manager@${domain}`, 'ESTABLISHMENT_MANAGER');
  }
  for (const code of DEMO_AUTHORITIES) {
    const la = LOCAL_AUTHORITIES.find((a) => a.code === code)!;
    const partners = partnerOrganisationsFor(la);
    const health = partners.find((p) => p.type === 'HEALTH_PROVIDER')!;
    const education = partners.find((p) => p.type === 'EDUCATION_PROVIDER')!;
    showcase(code, la.name, `accommodation@${demoEmailDomain(code)}`, 'LA_ACCOMMODATION_OFFICER');
    showcase(code, la.name, `childrens.services@${demoEmailDomain(code)}`, 'LA_CHILDRENS_SERVICES');
    showcase(health.code, health.name, `practitioner@${demoEmailDomain(health.code)}`, 'HEALTH_PRACTITIONER');
    showcase(education.code, education.name, `teacher@${demoEmailDomain(education.code)}`, 'EDUCATION_PROVIDER');
  }
  showcase(
    NATIONAL_BODY_CODE,
    'Youth Justice Board (demo)',
    `admin@${demoEmailDomain(NATIONAL_BODY_CODE)}`,
    'NATIONAL_ADMIN',
  );
  // Each demo council's lead (`setCouncilLeads`): the accommodation team's lead, also an accommodation officer. Added
  // last, so the names above stay as they were.
  for (const code of DEMO_AUTHORITIES) {
    const la = LOCAL_AUTHORITIES.find((a) => a.code === code)!;
    showcase(code, `${la.name} (its lead)`, `accommodation.lead@${demoEmailDomain(code)}`, 'LA_ACCOMMODATION_OFFICER');
  }

  // argon2id is slow on purpose: one hash, shared by every demo user (each hash still has its own salt when changed).
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const { rows } = await db.query<{ id: string; email: string }>(
    `INSERT INTO app_user (organisation_id, given_name, family_name, email, roles, work_phone, password_hash)
     SELECT r.org::uuid, r.given, r.family, r.email, r.roles::role[], r.phone, $7
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
            AS r(org, given, family, email, roles, phone)
     ON CONFLICT (email) DO UPDATE SET given_name = EXCLUDED.given_name, family_name = EXCLUDED.family_name,
       password_hash = COALESCE(app_user.password_hash, EXCLUDED.password_hash),
       work_phone = COALESCE(app_user.work_phone, EXCLUDED.work_phone), updated_at = now()
     RETURNING id, email`,
    [...columns(users, ['org', 'given', 'family', 'email', 'roles', 'phone']), passwordHash],
  );
  const idByEmail = new Map(rows.map((r) => [r.email, r.id]));
  for (const la of LOCAL_AUTHORITIES) {
    bySupervisingAuthority.set(
      la.code,
      [1, 2].map((n) => idByEmail.get(staffEmail(la.code, `case.manager.${n}`))!),
    );
  }
  return { total: users.length, bySupervisingAuthority, signIns };
}

/**
 * Gives the demo partners something to work on: in about half the plans the mental health pathway goes to the
 * health provider of the supervising service's area, and for looked-after children the education pathway goes to
 * the area's virtual school. Chosen by plan id, so a second run picks the same pathways and changes nothing.
 */
async function assignPartnerPathways(db: Client): Promise<number> {
  const assign = (pathwayType: string, providerType: string, extra: string) =>
    db.query(
      `UPDATE pathway w SET responsible_organisation_id = provider.id, status = 'IN_PROGRESS', need_level = 'MEDIUM'
         FROM resettlement_plan p
         JOIN custodial_episode e ON e.id = p.episode_id
         JOIN child c ON c.id = p.child_id
         JOIN organisation service ON service.id = e.supervising_service_id
         JOIN organisation provider ON provider.local_authority_id = service.local_authority_id AND provider.type = $2::organisation_type
        WHERE w.plan_id = p.id AND w.type = $1::pathway_type AND w.responsible_organisation_id IS NULL AND ${extra}`,
      [pathwayType, providerType],
    );
  const health = await assign(
    'MENTAL_HEALTH',
    'HEALTH_PROVIDER',
    `get_byte(decode(md5(p.id::text), 'hex'), 0) % 2 = 0`,
  );
  const education = await assign('EDUCATION_TRAINING_EMPLOYMENT', 'EDUCATION_PROVIDER', 'c.looked_after');
  return (health.rowCount ?? 0) + (education.rowCount ?? 0);
}

/**
 * Names each youth justice service's head of service (`organisation.lead_user_id`, the top of the deadline engine's
 * escalation ladder): its `manager@…` user. Only where none is named, so a lead changed by hand is kept.
 */
async function setServiceLeads(db: Client): Promise<number> {
  const result = await db.query(
    `UPDATE organisation o SET lead_user_id = u.id
       FROM app_user u
      WHERE o.type = 'YOUTH_JUSTICE_SERVICE' AND o.lead_user_id IS NULL
        AND u.organisation_id = o.id AND u.email LIKE 'manager@%'`,
  );
  return result.rowCount ?? 0;
}

/**
 * Names each demo council's lead (`organisation.lead_user_id`): its `accommodation.lead@…` user, the accommodation
 * team's lead. A council's lead sees its measures page and sets its response targets, and an accommodation referral
 * the council has not answered by the day after its target is escalated to them (reminders go to all its
 * accommodation officers, the lead among them). Only where none is named, so a lead changed by hand is kept.
 */
async function setCouncilLeads(db: Client): Promise<number> {
  const result = await db.query(
    `UPDATE organisation o SET lead_user_id = u.id
       FROM app_user u
      WHERE o.type = 'LOCAL_AUTHORITY' AND o.lead_user_id IS NULL
        AND u.organisation_id = o.id AND u.email LIKE 'accommodation.lead@%'`,
  );
  return result.rowCount ?? 0;
}

// ------------------------------------------------------------------------------------------------ caseload

/** How many extra sentenced children each demo area supervises, by when they are released from `today`. */
const SHOWCASE_WINDOWS: { upToDays: number; children: number }[] = [
  { upToDays: 42, children: 3 },
  { upToDays: 91, children: 3 },
  { upToDays: 365, children: 3 },
];

/**
 * A few synthetic children for each demo area (keys `demo-area-<authority>-NN`), drawn by the same generator with
 * the area as their home: sentenced, with release dates within six weeks, within three months and later. The same
 * options give the same children; a run on a later day may pick others, but a key already present is kept as it is.
 */
function showcaseRecords(options: SeedOptions): SyntheticChildRecord[] {
  const out: SyntheticChildRecord[] = [];
  const today = Date.parse(`${options.today}T00:00:00Z`);
  DEMO_AUTHORITIES.forEach((code, areaIndex) => {
    const la = LOCAL_AUTHORITIES.find((a) => a.code === code)!;
    const pool = generateSyntheticCaseload({
      count: 400,
      seed: options.seed * 1000 + areaIndex + 1,
      today: options.today,
      establishments: SECURE_ESTABLISHMENTS,
      localAuthorities: [la],
    });
    const daysToRelease = (r: SyntheticChildRecord): number | null => {
      const s = r.episode.sentence;
      if (!s || s.sentenceType === 'DHMP') return null;
      const release = calculateReleaseDates({
        ...s,
        extensionMonths: s.extensionMonths ?? undefined,
        dateOfBirth: r.child.dateOfBirth,
      }).releaseDate;
      return release ? Math.round((Date.parse(`${release}T00:00:00Z`) - today) / 86_400_000) : null;
    };
    const picked: SyntheticChildRecord[] = [];
    let from = 1;
    for (const window of SHOWCASE_WINDOWS) {
      picked.push(
        ...pool
          .filter((r) => {
            const days = daysToRelease(r);
            return days !== null && days >= from && days <= window.upToDays;
          })
          .slice(0, window.children),
      );
      from = window.upToDays + 1;
    }
    const stem = code.replace(/^LA-/, '').toLowerCase();
    picked.forEach((r, i) => out.push({ ...r, key: `demo-area-${stem}-${String(i + 1).padStart(2, '0')}` }));
  });
  return out;
}

async function insertBatch(
  db: Client,
  batch: SyntheticChildRecord[],
  orgIds: Map<string, string>,
  caseManagersByAuthority: Map<string, string[]>,
): Promise<{ children: number; episodes: number }> {
  await db.query('BEGIN');
  try {
    const { rows: inserted } = await db.query<{ id: string; external_reference: string }>(
      `INSERT INTO child (external_reference, given_name, family_name, preferred_name, date_of_birth, gender, ethnicity,
                          looked_after, responsible_authority_id, care_leaver, home_authority_id, has_ehcp, disabilities,
                          communication_needs, registered_by_organisation_id, version)
       SELECT r.key, r.given, r.family, r.preferred, r.dob::date, r.gender::gender, r.ethnicity, r.looked_after,
              r.responsible::uuid, r.care_leaver, r.home::uuid, r.ehcp, string_to_array(r.disabilities, '|'), r.comms,
              r.registered_by::uuid, 1
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bool[],
                     $9::text[], $10::bool[], $11::text[], $12::bool[], $13::text[], $14::text[], $15::text[])
              AS r(key, given, family, preferred, dob, gender, ethnicity, looked_after, responsible, care_leaver, home, ehcp, disabilities, comms, registered_by)
       ON CONFLICT (external_reference) WHERE external_reference IS NOT NULL DO NOTHING
       RETURNING id, external_reference`,
      columns(
        batch.map((r) => ({
          key: r.key,
          given: r.child.givenName,
          family: r.child.familyName,
          preferred: r.child.preferredName,
          dob: r.child.dateOfBirth,
          gender: r.child.gender,
          ethnicity: r.child.ethnicity,
          looked_after: r.child.lookedAfter,
          responsible: r.child.responsibleAuthorityCode ? (orgIds.get(r.child.responsibleAuthorityCode) ?? null) : null,
          care_leaver: r.child.careLeaver,
          home: orgIds.get(r.child.homeAuthorityCode) ?? null,
          ehcp: r.child.hasEhcp,
          disabilities: r.child.disabilities.join('|'),
          comms: r.child.communicationNeeds,
          // The youth justice service supervising the child's episode recorded them.
          registered_by: orgIds.get(youthJusticeServiceCode(r.episode.supervisingAuthorityCode)) ?? null,
        })),
        [
          'key',
          'given',
          'family',
          'preferred',
          'dob',
          'gender',
          'ethnicity',
          'looked_after',
          'responsible',
          'care_leaver',
          'home',
          'ehcp',
          'disabilities',
          'comms',
          'registered_by',
        ],
      ),
    );
    const childIdByKey = new Map(inserted.map((r) => [r.external_reference, r.id]));
    const fresh = batch.filter((r) => childIdByKey.has(r.key));
    if (fresh.length === 0) {
      await db.query('COMMIT');
      return { children: 0, episodes: 0 };
    }

    // Parents and carers.
    const carers = fresh.flatMap((r) => r.child.parentsCarers.map((p) => ({ child: childIdByKey.get(r.key)!, ...p })));
    if (carers.length) {
      await db.query(
        `INSERT INTO parent_carer (child_id, name, relationship, phone, email, has_parental_responsibility)
         SELECT r.child::uuid, r.name, r.relationship, r.phone, r.email, r.pr
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bool[]) AS r(child, name, relationship, phone, email, pr)`,
        columns(
          carers.map((c) => ({ ...c, pr: c.hasParentalResponsibility })),
          ['child', 'name', 'relationship', 'phone', 'email', 'pr'],
        ),
      );
    }

    // Episodes with the calculator's dates.
    const episodes = fresh.map((r, i) => {
      const e = r.episode;
      const dates: ReleaseDates | null = e.sentence
        ? calculateReleaseDates({
            ...e.sentence,
            extensionMonths: e.sentence.extensionMonths ?? undefined,
            dateOfBirth: r.child.dateOfBirth,
          })
        : null;
      const managers = caseManagersByAuthority.get(e.supervisingAuthorityCode) ?? [];
      const releaseDate = dates?.releaseDate ?? null;
      return {
        child: childIdByKey.get(r.key)!,
        status: e.sentence ? 'SENTENCED' : 'REMANDED',
        start: e.remandDate ?? e.sentence!.sentenceDate,
        remand: e.remandDate,
        establishment: orgIds.get(e.establishmentCode)!,
        service: orgIds.get(youthJusticeServiceCode(e.supervisingAuthorityCode))!,
        caseManager: managers.length ? managers[i % managers.length] : null,
        sentenceType: e.sentence?.sentenceType ?? null,
        dates,
        expected: expectedReleaseDate({
          releaseDate,
          earlyReleaseDate: null,
          lateReleaseDate: null,
          releaseDateOverride: null,
        }),
        record: r,
      };
    });
    const { rows: episodeRows } = await db.query<{ id: string; child_id: string }>(
      `INSERT INTO custodial_episode (child_id, status, start_date, remand_date, current_establishment_id, supervising_service_id,
          case_manager_id, sentence_type, sentence_end_date, mid_term_date, earliest_release_date, latest_release_date,
          parole_eligibility_date, release_date, brought_forward_date, friday_or_pre_holiday_release, further_supervision_end_date,
          immediate_release, release_date_notes, expected_release_date, version)
       SELECT r.child::uuid, r.status::episode_status, r.start::date, r.remand::date, r.establishment::uuid, r.service::uuid,
              r.cm::uuid, r.stype::sentence_type, r.sed::date, r.mtd::date, r.erd::date, r.lrd::date, r.ped::date, r.rd::date,
              r.bfd::date, r.friday, r.fsed::date, r.immediate, string_to_array(r.notes, E'\\n'), r.expected::date, 1
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                     $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::bool[], $17::text[],
                     $18::bool[], $19::text[], $20::text[])
              AS r(child, status, start, remand, establishment, service, cm, stype, sed, mtd, erd, lrd, ped, rd, bfd, friday, fsed, immediate, notes, expected)
       RETURNING id, child_id`,
      columns(
        episodes.map((e) => ({
          child: e.child,
          status: e.status,
          start: e.start,
          remand: e.remand,
          establishment: e.establishment,
          service: e.service,
          cm: e.caseManager,
          stype: e.sentenceType,
          sed: e.dates?.sentenceEndDate ?? null,
          mtd: e.dates?.midTermDate ?? null,
          erd: e.dates?.earliestReleaseDate ?? null,
          lrd: e.dates?.latestReleaseDate ?? null,
          ped: e.dates?.paroleEligibilityDate ?? null,
          rd: e.dates?.releaseDate ?? null,
          bfd: e.dates?.broughtForwardDate ?? null,
          friday: e.dates?.fridayOrPreHolidayRelease ?? false,
          fsed: e.dates?.furtherSupervisionEndDate ?? null,
          immediate: e.dates?.immediateRelease ?? false,
          notes: (e.dates?.notes ?? []).join('\n'),
          expected: e.expected,
        })),
        [
          'child',
          'status',
          'start',
          'remand',
          'establishment',
          'service',
          'cm',
          'stype',
          'sed',
          'mtd',
          'erd',
          'lrd',
          'ped',
          'rd',
          'bfd',
          'friday',
          'fsed',
          'immediate',
          'notes',
          'expected',
        ],
      ),
    );
    const episodeIdByChild = new Map(episodeRows.map((r) => [r.child_id, r.id]));
    const withIds = episodes.map((e) => ({ ...e, id: episodeIdByChild.get(e.child)! }));

    const sentenced = withIds.filter((e) => e.record.episode.sentence);
    if (sentenced.length) {
      await db.query(
        `INSERT INTO sentence (episode_id, sentence_type, sentence_date, term_months, extension_months, remand_days,
                               tagged_bail_days, offence_date, qualifying_serious_offence, excluded_from_forty_percent_release)
         SELECT r.episode::uuid, r.stype::sentence_type, r.sdate::date, r.term, r.ext, r.remand, r.tagged, r.offence::date, r.serious, r.excluded
           FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[], $8::text[], $9::bool[], $10::bool[])
                AS r(episode, stype, sdate, term, ext, remand, tagged, offence, serious, excluded)`,
        columns(
          sentenced.map((e) => {
            const s = e.record.episode.sentence!;
            return {
              episode: e.id,
              stype: s.sentenceType,
              sdate: s.sentenceDate,
              term: s.termMonths,
              ext: s.extensionMonths,
              remand: s.remandDays,
              tagged: s.taggedBailDays,
              offence: s.offenceDate,
              serious: s.qualifyingSeriousOffence,
              excluded: s.excludedFromFortyPercentRelease,
            };
          }),
          ['episode', 'stype', 'sdate', 'term', 'ext', 'remand', 'tagged', 'offence', 'serious', 'excluded'],
        ),
      );
    }
    await db.query(
      `INSERT INTO establishment_transfer (episode_id, from_establishment_id, to_establishment_id, transfer_date, reason)
       SELECT r.episode::uuid, NULL, r.establishment::uuid, r.start::date, r.reason
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS r(episode, establishment, start, reason)`,
      columns(
        withIds.map((e) => ({
          episode: e.id,
          establishment: e.establishment,
          start: e.start,
          reason: e.remand ? 'Remanded to youth detention accommodation' : 'Sentenced to custody',
        })),
        ['episode', 'establishment', 'start', 'reason'],
      ),
    );
    const managed = withIds.filter((e) => e.caseManager);
    if (managed.length) {
      await db.query(
        `INSERT INTO case_manager_assignment (episode_id, case_manager_id, assigned_from, reason)
         SELECT r.episode::uuid, r.cm::uuid, r.start::timestamptz, 'Allocated at the start of the episode'
           FROM unnest($1::text[], $2::text[], $3::text[]) AS r(episode, cm, start)`,
        columns(
          managed.map((e) => ({ episode: e.id, cm: e.caseManager, start: `${e.start}T09:00:00Z` })),
          ['episode', 'cm', 'start'],
        ),
      );
    }
    const events = withIds.flatMap((e) => {
      const out = [
        {
          episode: e.id,
          type: 'EPISODE_STARTED',
          date: e.start,
          summary: e.remand ? 'Remanded to youth detention accommodation' : 'Sentenced and placed in custody',
        },
      ];
      const s = e.record.episode.sentence;
      if (s && e.remand)
        out.push({
          episode: e.id,
          type: 'SENTENCE_RECORDED',
          date: s.sentenceDate,
          summary: `Sentence recorded: ${s.sentenceType} ${s.termMonths} months from ${s.sentenceDate}`,
        });
      return out;
    });
    await db.query(
      `INSERT INTO episode_event (episode_id, type, effective_date, summary, details)
       SELECT r.episode::uuid, r.type::episode_event_type, r.date::date, r.summary, '{"source":"demo seed"}'::jsonb
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS r(episode, type, date, summary)`,
      columns(events, ['episode', 'type', 'date', 'summary']),
    );
    await db.query('COMMIT');
    return { children: fresh.length, episodes: withIds.length };
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}

/** Turns rows into one array per column, for `unnest($1::type[], ...)` bulk inserts (one round trip per table). */
function columns<T extends Record<string, unknown>>(rows: T[], keys: (keyof T)[]): unknown[][] {
  return keys.map((k) => rows.map((r) => (r[k] === undefined ? null : r[k])));
}
