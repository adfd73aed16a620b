/** The GraphQL documents the bench measures, and a small client for setting the bench up. */

export const CASELOAD = `query Caseload($first: Int, $after: String) {
  caseload(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id expectedReleaseDate status
      child { id givenName familyName }
      milestones { key dueDate status }
      resettlementPlan { pathways { type status } }
    } }
  }
}`;

export const INBOX = `query Inbox($first: Int, $after: String) {
  referrals(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id type status sentAt childId episodeId
      summary { givenName familyName age releaseDate establishmentName }
    } }
  }
}`;

export const PLAN = `query Plan($episodeId: ID!) {
  resettlementPlan(episodeId: $episodeId) {
    id version status
    childVoice { selfAssessment aspirations }
    pathways {
      id version type status needLevel childView
      responsibleOrganisation { id name }
      actions { id description dueDate doneOn }
    }
  }
}`;

export class GraphqlClient {
  constructor(
    readonly url: string,
    readonly authorization?: string,
  ) {}

  async request<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.authorization ? { authorization: this.authorization } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown[] };
    if (body.errors?.length || !body.data)
      throw new Error(`GraphQL error (HTTP ${res.status}): ${JSON.stringify(body.errors ?? body)}`);
    return body.data;
  }

  /** Signs in through the real `login` mutation and returns a client that sends the access token. */
  async signIn(email: string, password: string): Promise<GraphqlClient> {
    const data = await this.request<{ login: { accessToken: string } }>(
      `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`,
      { input: { email, password } },
    );
    return new GraphqlClient(this.url, `Bearer ${data.login.accessToken}`);
  }
}

/** The request body autocannon sends for a document and its variables. */
export function body(query: string, variables: Record<string, unknown>): string {
  return JSON.stringify({ query, variables });
}

/** The measures page's reads, as the portal asks them (apps/portal/src/measures/measures.controller.ts). */
const COUNT = `{ display }`;
const FIGURE = `{ key label numerator ${COUNT} denominator ${COUNT} percentage }`;
/** The measures as read: `fields` of `resettlementMeasures` for the input. */
const measuresQuery = (fields: string) =>
  `query($input: ResettlementMeasuresInput!) { resettlementMeasures(input: $input) { ${fields} } }`;
/** The page's figures: the headline tables, escalations, response times and breakdowns. */
const FIGURES_FIELDS = `  scope { kind name } released ${COUNT}
  accommodation ${FIGURE} childTold ${FIGURE} ete ${FIGURE}
  planViews ${FIGURE} planExplained ${FIGURE} planAgreed ${FIGURE} initialMeeting ${FIGURE} preReleaseMeeting ${FIGURE}
  caseManagerChanges ${FIGURE} interventionRepeated ${FIGURE}
  firstNight ${FIGURE} eteStarted ${FIGURE} healthHandover ${FIGURE} releaseDayPlan ${FIGURE}
  deadlines { key metOnTime ${COUNT} metLate ${COUNT} notMet ${COUNT} waived ${COUNT} total ${COUNT} }
  escalations { key notEscalated ${COUNT} level1 ${COUNT} level2 ${COUNT} level3 ${COUNT} total ${COUNT} }
  responseTimes { organisationName step answered medianWorkingDays p90WorkingDays }
  providerResponseTimes { organisationName step answered medianWorkingDays p90WorkingDays }
  breakdowns { dimension label baseGroup
    groups { group label released ${COUNT} figures { measure label numerator ${COUNT} percentage relativeRate } } }`;
export const MEASURES = measuresQuery(FIGURES_FIELDS);

/** The page's second read: the trend, month by month over the 12 months to the end of the period chosen. */
const TREND_FIELDS = `byMonth { group label released ${COUNT} figures { measure label numerator ${COUNT} percentage } }`;
export const MEASURES_TREND = measuresQuery(TREND_FIELDS);
/** As the portal's page of a 12-month period: the figures and the trend in one read (the same 12 months). */
export const MEASURES_AND_TREND = measuresQuery(`${FIGURES_FIELDS} ${TREND_FIELDS}`);
