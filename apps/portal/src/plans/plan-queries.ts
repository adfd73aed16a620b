/** One child's plan, as the staff page and "My plan" read it. */
export const PLAN = `query($id: ID!) {
  me { roles organisationId }
  custodialEpisode(id: $id) { id status expectedReleaseDate daysToRelease sentenceType earliestReleaseDate midTermDate
    child { id givenName familyName preferredName age }
    currentEstablishment { id name } supervisingService { id name } caseManager { givenName familyName email }
    milestones { key dueDate status }
    resettlementPlan { id status
      childVoice { selfAssessment aspirations strengths interests learningStyle communicationNeeds communicationAdaptations }
      agreement { childAgreement childAgreementWords explainedOn explainedHow blockers agreedAt }
      pathways { id type status needLevel needSummary childView ownerName responsibleOrganisation { name }
        actions { description dueDate doneOn ownerName } }
      referrals { id type status urgency toOrganisation { name } offerAddressOrPlace offerPlacementType offerProvider offerStartDate updatedAt }
      meetings { id type startsAt endsAt status location callLink }
      releaseDay { meetingDate meetingTime metByName metByRelationship travelArrangements firstDestination
        firstAppointmentDate firstAppointmentTime firstAppointmentPlace firstAppointmentWith medication idDocuments phone moneyAndProperty confirmedAt }
      appointments { at kind withWhom place outcome } } } }`;
