import { Session, TestApp } from './test-app';

/**
 * The people and places most browser tests start from, made once here instead of in each file: a local authority,
 * its youth justice service and a secure establishment, and children put into custody through the api as a youth
 * justice manager would.
 */

export interface Organisation {
  id: string;
  name: string;
}

/** Adds an organisation straight into the table (the api only reads organisations). */
export async function insertOrganisation(
  t: TestApp,
  o: { code: string; name: string; type: string; localAuthorityId?: string | null },
): Promise<Organisation> {
  const [row] = await t.dataSource.query(
    `INSERT INTO organisation (code, name, type, local_authority_id, nation, region)
     VALUES ($1, $2, $3, $4, 'ENGLAND', 'Test') RETURNING id, name`,
    [o.code, o.name, o.type, o.localAuthorityId ?? null],
  );
  return row;
}

export interface Area {
  la: Organisation;
  yjs: Organisation;
  yoi: Organisation;
}

/**
 * `<place> Council`, its `<place> Youth Justice Service`, and `establishment` (a YOI), with codes ending in `code`
 * (each test file its own, so a failure names the file's own records).
 */
export async function insertArea(t: TestApp, a: { code: string; place: string; establishment: string }): Promise<Area> {
  const la = await insertOrganisation(t, { code: `LA-${a.code}`, name: `${a.place} Council`, type: 'LOCAL_AUTHORITY' });
  const yjs = await insertOrganisation(t, {
    code: `YJS-${a.code}`,
    name: `${a.place} Youth Justice Service`,
    type: 'YOUTH_JUSTICE_SERVICE',
    localAuthorityId: la.id,
  });
  const yoi = await insertOrganisation(t, { code: `YOI-${a.code}`, name: a.establishment, type: 'YOI' });
  return { la, yjs, yoi };
}

/**
 * Puts children into custody in `area` as `by` (a youth justice manager there), remanded today by the test clock.
 * Each child is born on a day of their own: names a letter apart on one birthday are possible duplicates, which
 * registerChild refuses.
 */
export class Children {
  private born = 0;

  constructor(
    private readonly t: TestApp,
    private readonly by: Session,
    private readonly area: { la: { id: string }; yjs: { id: string }; yoi: { id: string } },
    private readonly options: { familyName: string; bornIn: string; gender?: 'MALE' | 'FEMALE' },
  ) {}

  /** Registers a child and remands them to the area's establishment; the plan starts with the episode. */
  async remanded(
    givenName: string,
    more: { familyName?: string; lookedAfter?: boolean; remandDate?: string } = {},
  ): Promise<{ childId: string; episodeId: string; version: number }> {
    if (this.born >= 28) throw new Error('Children: at most 28 children a test file (one a day of the month)');
    const { registerChild: child } = await this.by.ok(
      `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`,
      {
        input: {
          givenName,
          familyName: more.familyName ?? this.options.familyName,
          ...(more.lookedAfter === undefined ? {} : { lookedAfter: more.lookedAfter }),
          dateOfBirth: `${this.options.bornIn}-${String(++this.born).padStart(2, '0')}`,
          gender: this.options.gender ?? 'MALE',
          responsibleAuthorityId: this.area.la.id,
          homeAuthorityId: this.area.la.id,
        },
      },
    );
    const { startCustodialEpisode: episode } = await this.by.ok(
      `mutation($input: StartCustodialEpisodeInput!) { startCustodialEpisode(input: $input) { id version } }`,
      {
        input: {
          childId: child.id,
          establishmentId: this.area.yoi.id,
          supervisingServiceId: this.area.yjs.id,
          remandDate: more.remandDate ?? this.t.clock.today(),
        },
      },
    );
    return { childId: child.id, episodeId: episode.id, version: episode.version };
  }

  /** As `remanded`, then sentenced today to a DTO of `termMonths`; with the plan's id. */
  async sentenced(
    givenName: string,
    termMonths = 12,
    more: { familyName?: string; lookedAfter?: boolean } = {},
  ): Promise<{ childId: string; episodeId: string; planId: string }> {
    const { childId, episodeId, version } = await this.remanded(givenName, more);
    await this.by.ok(`mutation($input: RecordSentenceInput!) { recordSentence(input: $input) { id } }`, {
      input: {
        episodeId,
        expectedVersion: version,
        sentence: { sentenceType: 'DTO', sentenceDate: this.t.clock.today(), termMonths },
      },
    });
    const { resettlementPlan } = await this.by.ok(`query($id: ID!) { resettlementPlan(episodeId: $id) { id } }`, {
      id: episodeId,
    });
    return { childId, episodeId, planId: resettlementPlan.id };
  }
}

/**
 * Makes and sends an accommodation referral from the plan of `episodeId` to the council `toOrganisationId`, as `by`
 * (a youth justice manager); with the referral's id and version once sent.
 */
export async function sendAccommodationReferral(
  by: Session,
  episodeId: string,
  toOrganisationId: string,
  details: { childWishes?: string } = {},
): Promise<{ id: string; version: number }> {
  const { resettlementPlan } = await by.ok(
    `query($id: ID!) { resettlementPlan(episodeId: $id) { pathways { id type } } }`,
    {
      id: episodeId,
    },
  );
  const pathwayId = resettlementPlan.pathways.find((p: { type: string }) => p.type === 'ACCOMMODATION').id;
  const { createReferral } = await by.ok(
    `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id version } }`,
    { input: { pathwayId, type: 'ACCOMMODATION', toOrganisationId, ...details } },
  );
  const { sendReferral } = await by.ok(
    `mutation($input: ReferralMoveInput!) { sendReferral(input: $input) { id version } }`,
    { input: { referralId: createReferral.id, expectedVersion: createReferral.version } },
  );
  return sendReferral;
}
