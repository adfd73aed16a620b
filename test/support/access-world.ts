import { Role } from '@resettle/access';
import { Session, TestApp } from './test-app';

/**
 * Two mirror-image sides, A and B, each with one organisation of every kind and one child in custody, plus a
 * national body. Every role gets a signed-in user on side A; the access tests then ask each of them for side A's
 * records ("own") and side B's ("other").
 */
export interface Side {
  localAuthority: Org;
  youthJusticeService: Org;
  establishment: Org;
  healthProvider: Org;
  educationProvider: Org;
  /** Looked after by this side's local authority, remanded to this side's establishment, supervised by its service. */
  child: { id: string };
  episode: { id: string; version: number };
  /** A user of each organisation, for the user-administration operations to act on. */
  colleagueOf: Record<string, { id: string; email: string }>;
}

interface Org {
  id: string;
  name: string;
  type: string;
}

export interface AccessWorld {
  a: Side;
  b: Side;
  nationalBody: Org;
  /** A signed-in user for every role, in side A's organisation of the matching kind (admins in the national body). */
  sessions: Record<Role, Session>;
  /** The organisation a role's side-A user belongs to. */
  ownOrganisation(role: Role): Org;
  /** The organisation of the same kind on side B. */
  otherOrganisation(role: Role): Org;
}

const ORG_KIND_OF_ROLE: Record<Role, keyof Omit<Side, 'child' | 'episode' | 'colleagueOf'> | 'nationalBody'> = {
  [Role.YJS_CASE_MANAGER]: 'youthJusticeService',
  [Role.YJS_MANAGER]: 'youthJusticeService',
  [Role.ESTABLISHMENT_STAFF]: 'establishment',
  [Role.ESTABLISHMENT_MANAGER]: 'establishment',
  [Role.LA_ACCOMMODATION_OFFICER]: 'localAuthority',
  [Role.LA_CHILDRENS_SERVICES]: 'localAuthority',
  [Role.HEALTH_PRACTITIONER]: 'healthProvider',
  [Role.EDUCATION_PROVIDER]: 'educationProvider',
  [Role.NATIONAL_ADMIN]: 'nationalBody',
};

export async function buildAccessWorld(t: TestApp): Promise<AccessWorld> {
  const ds = t.dataSource;
  const org = async (code: string, name: string, type: string, localAuthorityId: string | null = null): Promise<Org> =>
    (
      await ds.query(
        `INSERT INTO organisation (code, name, type, local_authority_id, nation, region, email_domains)
         VALUES ($1, $2, $3, $4, 'ENGLAND', 'Test', '{example.com}') RETURNING id, name, type`,
        [code, name, type, localAuthorityId],
      )
    )[0];

  const nationalBody = await org('NAT-TEST', 'Test National Body', 'NATIONAL_BODY');

  const side = async (letter: 'A' | 'B') => {
    const localAuthority = await org(`LA-${letter}`, `Authority ${letter}`, 'LOCAL_AUTHORITY');
    return {
      localAuthority,
      youthJusticeService: await org(
        `YJS-${letter}`,
        `Youth Justice Service ${letter}`,
        'YOUTH_JUSTICE_SERVICE',
        localAuthority.id,
      ),
      establishment: await org(`YOI-${letter}`, `Establishment ${letter}`, 'YOI', localAuthority.id),
      healthProvider: await org(`HEALTH-${letter}`, `Health Provider ${letter}`, 'HEALTH_PROVIDER', localAuthority.id),
      educationProvider: await org(
        `EDU-${letter}`,
        `Education Provider ${letter}`,
        'EDUCATION_PROVIDER',
        localAuthority.id,
      ),
    };
  };
  const orgsA = await side('A');
  const orgsB = await side('B');

  // Each side's youth justice manager records its child and remands them to its establishment.
  const populate = async (letter: 'A' | 'B', orgs: typeof orgsA): Promise<Side> => {
    const manager = await t.userSession({
      organisationId: orgs.youthJusticeService.id,
      roles: [Role.YJS_MANAGER],
      email: `setup.${letter}@example.com`,
    });
    const { registerChild: child } = await manager.ok(
      `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`,
      {
        input: {
          givenName: `Child${letter}`,
          familyName: 'Tester',
          dateOfBirth: '2010-04-12',
          gender: 'FEMALE',
          ethnicity: 'WHITE_BRITISH',
          lookedAfter: true,
          responsibleAuthorityId: orgs.localAuthority.id,
          homeAuthorityId: orgs.localAuthority.id,
          careLeaver: false,
          hasEhcp: true,
          disabilities: ['Dyslexia'],
          parentsCarers: [{ name: `Carer ${letter}`, relationship: 'Foster carer', hasParentalResponsibility: false }],
        },
      },
    );
    const { startCustodialEpisode: episode } = await manager.ok(
      `mutation($input: StartCustodialEpisodeInput!) { startCustodialEpisode(input: $input) { id version } }`,
      {
        input: {
          childId: child.id,
          establishmentId: orgs.establishment.id,
          supervisingServiceId: orgs.youthJusticeService.id,
          remandDate: '2026-11-02',
        },
      },
    );
    const colleagueOf: Side['colleagueOf'] = {};
    for (const [kind, o] of Object.entries({ ...orgs, nationalBody })) {
      if (letter === 'B' && kind === 'nationalBody') continue;
      const email = `colleague.${kind}.${letter}@example.com`.toLowerCase();
      const role = Object.entries(ORG_KIND_OF_ROLE).find(([, k]) => k === kind)![0];
      const [row] = await ds.query(
        `INSERT INTO app_user (organisation_id, given_name, family_name, email, roles) VALUES ($1, 'Colleague', $2, $3, $4::role[]) RETURNING id, email`,
        [o.id, letter, email, `{${role}}`],
      );
      colleagueOf[o.id] = row;
    }
    return { ...orgs, child, episode, colleagueOf };
  };
  const a = await populate('A', orgsA);
  const b = await populate('B', orgsB);

  const ownOrganisation = (role: Role): Org =>
    ORG_KIND_OF_ROLE[role] === 'nationalBody' ? nationalBody : a[ORG_KIND_OF_ROLE[role] as 'youthJusticeService'];
  const otherOrganisation = (role: Role): Org =>
    ORG_KIND_OF_ROLE[role] === 'nationalBody'
      ? b.youthJusticeService
      : b[ORG_KIND_OF_ROLE[role] as 'youthJusticeService'];

  const sessions = {} as Record<Role, Session>;
  for (const role of Object.values(Role)) {
    sessions[role] = await t.userSession({
      organisationId: ownOrganisation(role).id,
      roles: [role],
      email: `${role.toLowerCase()}@example.com`,
    });
  }
  return { a, b, nationalBody, sessions, ownOrganisation, otherOrganisation };
}
