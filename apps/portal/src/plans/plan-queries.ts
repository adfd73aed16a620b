/** One child's plan, as the staff page and "My plan" read it. */
export const PLAN = `query($id: ID!) {
  me { roles organisationId }
  custodialEpisode(id: $id) { id status releasedAt expectedReleaseDate daysToRelease sentenceType earliestReleaseDate midTermDate
    child { id givenName familyName preferredName age }
    currentEstablishment { id name } supervisingService { id name } caseManager { givenName familyName email }
    supervisionTransfers { effectiveDate reason fromService { name } toService { name } }
    milestones { key dueDate status }
    hearings { id hearingDate court purpose outcome wentTo cancellationReason }
    resettlementPlan { id status
      childrensServicesInformed { hearingId informedOn informedBy informedWhom }
      childVoice { selfAssessment aspirations strengths interests learningStyle communicationNeeds communicationAdaptations }
      circumstances { id } priorInterventions { id } repeatedInterventions { text pathwayId }
      agreement { childAgreement childAgreementWords explainedOn explainedHow blockerDetails { text pathwayId } agreedAt }
      pathways { id type status needLevel needSummary childView ownerName responsibleOrganisation { id name } mayChange
        actions { description dueDate doneOn ownerName } }
      referrals { id type status urgency toOrganisation { name } offerAddressOrPlace offerPlacementType offerProvider offerStartDate updatedAt }
      meetings { id type startsAt endsAt status location callLink }
      releaseDay { meetingDate meetingTime metByName metByRelationship travelArrangements firstDestination
        firstAppointmentDate firstAppointmentTime firstAppointmentPlace firstAppointmentWith medication idDocuments phone moneyAndProperty confirmedAt }
      appointments { at kind withWhom place outcome } } } }`;

/** One pathway to change: the pathway at its version, its actions, and the plan's history (null for partners). */
export const PATHWAY_PAGE = `query($id: ID!) {
  me { roles organisationId }
  custodialEpisode(id: $id) { id expectedReleaseDate daysToRelease
    child { id givenName familyName preferredName }
    currentEstablishment { id name } supervisingService { id name localAuthorityId }
    resettlementPlan { id
      pathways { id type version status needLevel needSummary childView ownerName responsibleOrganisation { id name }
        mayChange actions { id description dueDate doneOn ownerName version } }
      history { type summary recordedByName createdAt details } } } }`;

export const UPDATE_PATHWAY = `mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { id version } }`;
export const ADD_PATHWAY_ACTION = `mutation($input: AddPathwayActionInput!) {
  addPathwayAction(input: $input) { action { id } warnings } }`;
export const UPDATE_PATHWAY_ACTION = `mutation($input: UpdatePathwayActionInput!) {
  updatePathwayAction(input: $input) { id version doneOn } }`;

/** The organisations of the supervising service's area, to make one responsible for a pathway. */
export const AREA_ORGANISATIONS = `query($filter: OrganisationFilter) {
  organisations(filter: $filter, first: 100) { edges { node { id name } } } }`;

/** The plan as a whole to change: its version, the child's voice, the agreement and what blocks it. */
export const PLAN_AGREEMENT_PAGE = `query($id: ID!) {
  me { roles organisationId }
  custodialEpisode(id: $id) { id
    child { id givenName familyName preferredName }
    supervisingService { id name }
    resettlementPlan { id version status
      childVoice { selfAssessment aspirations strengths interests learningStyle communicationNeeds communicationAdaptations }
      agreement { childAgreement childAgreementWords parentCarerAgreement parentCarerAgreementWords explainedOn
        explainedHow blockerDetails { text pathwayId } agreedAt }
      pathways { id type } } } }`;

export const UPDATE_CHILD_VOICE = `mutation($input: UpdateChildVoiceInput!) { updateChildVoice(input: $input) { id version } }`;
export const RECORD_PLAN_EXPLANATION = `mutation($input: RecordPlanExplanationInput!) {
  recordPlanExplanation(input: $input) { id version } }`;
export const MARK_PLAN_AGREED = `mutation($input: MarkPlanAgreedInput!) { markPlanAgreed(input: $input) { id version } }`;

/** A plan's circumstances, each at its version, and the plan's history (null for those who see only pathways). */
export const CIRCUMSTANCES_PAGE = `query($id: ID!) {
  me { roles organisationId }
  custodialEpisode(id: $id) { id
    child { id givenName familyName preferredName }
    supervisingService { id name }
    resettlementPlan { id
      circumstances { id kind detail response version updatedAt }
      history { type summary recordedByName createdAt } } } }`;
export const RECORD_CIRCUMSTANCE = `mutation($input: RecordCircumstanceInput!) {
  recordCircumstance(input: $input) { id version } }`;
export const REMOVE_CIRCUMSTANCE = `mutation($input: RemoveCircumstanceInput!) { removeCircumstance(input: $input) { id } }`;

/** The child's earlier interventions, each at its version, what is planned again, and the plan's history. */
export const INTERVENTIONS_PAGE = `query($id: ID!) {
  me { roles organisationId }
  custodialEpisode(id: $id) { id
    child { id givenName familyName preferredName }
    supervisingService { id name }
    resettlementPlan { id
      priorInterventions { id name orderDescription completedOn deliveredBy outcome version }
      repeatedInterventions { priorInterventionId pathwayId text }
      history { type summary recordedByName createdAt } } } }`;
export const RECORD_INTERVENTION = `mutation($input: RecordPriorInterventionInput!) {
  recordPriorIntervention(input: $input) { id version } }`;
export const UPDATE_INTERVENTION = `mutation($input: UpdatePriorInterventionInput!) {
  updatePriorIntervention(input: $input) { id version } }`;
export const REMOVE_INTERVENTION = `mutation($input: RemovePriorInterventionInput!) {
  removePriorIntervention(input: $input) { id } }`;
