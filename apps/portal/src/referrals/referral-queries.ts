/** The GraphQL documents the referral pages send. */

/** How many referrals each tab of the partner's inbox holds (with the same type, name search and overdue filter). */
export const INBOX_TAB_COUNTS = `query($type: ReferralType, $childName: String, $overdue: Boolean) {
  NEEDS_ACTION: referrals(first: 1, filter: { queue: NEEDS_ACTION, type: $type, childName: $childName, overdue: $overdue }) { totalCount }
  IN_PROGRESS: referrals(first: 1, filter: { queue: IN_PROGRESS, type: $type, childName: $childName, overdue: $overdue }) { totalCount }
  CONFIRMED: referrals(first: 1, filter: { queue: CONFIRMED, type: $type, childName: $childName, overdue: $overdue }) { totalCount }
  CLOSED: referrals(first: 1, filter: { queue: CLOSED, type: $type, childName: $childName, overdue: $overdue }) { totalCount } }`;

export const INBOX = `query($first: Int, $after: String, $filter: ReferralFilter, $orderBy: ReferralOrder) {
  referrals(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id type status urgency news daysToRelease expectedReleaseDate fromServiceId toOrganisationId sentAt updatedAt
      deadline { dueDate status }
      responseDue { dueDate overdueWorkingDays }
      summary { givenName familyName preferredName establishmentName }
      toOrganisation { name } fromService { name } } } } }`;

export const REFERRAL = `query($id: ID!) { referral(id: $id) {
  id version type status urgency daysToRelease expectedReleaseDate episodeId childId fromServiceId toOrganisationId
  childWishes familyViews needsAndRisks
  offerAddressOrPlace offerPlacementType offerProvider offerStartDate
  declineReason withdrawReason fellThroughReason sentAt confirmedAt createdAt
  deadline { key dueDate status anchorDate offset { amount unit direction } }
  responseDue { step dueDate targetWorkingDays overdueWorkingDays }
  toOrganisation { name } fromService { name }
  caseManager { name email workPhone } supervisingService { name }
  summary { givenName familyName preferredName age gender releaseDate establishmentName needsAndRisks childWishes familyViews takenAt }
  events { id fromStatus toStatus note createdAt actorName actorOrganisation { name } }
  messages { id body createdAt eventId authorName authorOrganisation { name } } } }`;

export const POST_MESSAGE = `mutation($input: PostReferralMessageInput!) { postReferralMessage(input: $input) { id } }`;

export function moveMutation(mutation: string, inputType: string): string {
  return `mutation($input: ${inputType}!) { ${mutation}(input: $input) { id version status } }`;
}

/** What the partner may see of the child's care status (null where its view of the child does not include it). */
export const CHILD_CARE = `query($id: ID!) { child(id: $id) { lookedAfter homeAuthority { name } } }`;
