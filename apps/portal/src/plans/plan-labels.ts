/** The field's words for plan statuses and deadlines, for the staff pages. */
export const PATHWAY_LABELS: Record<string, string> = {
  ACCOMMODATION: 'Accommodation',
  EDUCATION_TRAINING_EMPLOYMENT: 'Education, training and employment',
  PHYSICAL_HEALTH: 'Physical health',
  MENTAL_HEALTH: 'Mental health and emotional wellbeing',
  SUBSTANCE_MISUSE: 'Substance misuse',
  SPEECH_LANGUAGE_COMMUNICATION: 'Speech, language and communication',
  FAMILY_AND_RELATIONSHIPS: 'Family and relationships',
  FINANCE_BENEFITS_ID: 'Finance, benefits and ID',
  CONSTRUCTIVE_ACTIVITIES: 'Constructive activities and mentoring',
};

export const PATHWAY_STATUS_LABELS: Record<string, { text: string; classes: string }> = {
  NOT_STARTED: { text: 'Not started', classes: 'govuk-tag--grey' },
  SUPPORT_REQUIRED: { text: 'Support required', classes: 'govuk-tag--orange' },
  IN_PROGRESS: { text: 'In progress', classes: 'govuk-tag--blue' },
  ARRANGED: { text: 'Arranged', classes: 'govuk-tag--green' },
  SUPPORT_NOT_REQUIRED: { text: 'Not required', classes: 'govuk-tag--grey' },
  SUPPORT_DECLINED: { text: 'Support declined', classes: 'govuk-tag--yellow' },
};

export const MILESTONE_LABELS: Record<string, string> = {
  DETENTION_PLACEMENT_PLAN: 'Detention placement plan',
  INITIAL_PLANNING_MEETING: 'Initial planning meeting held',
  ACCOMMODATION_REFERRAL_SENT: 'Accommodation referral sent',
  ACCOMMODATION_CONFIRMED: 'Accommodation confirmed',
  CHILD_TOLD_WHERE_LIVING: 'Child told where they will live',
  ETE_PLACE_CONFIRMED: 'Education, training or work place confirmed',
  HEALTH_HANDOVER_ARRANGED: 'Health handover arranged',
  DAY_OF_RELEASE_PLAN_CONFIRMED: 'Day-of-release plan confirmed',
  PRE_RELEASE_MEETING_HELD: 'Pre-release planning meeting held',
  HEARING_ACCOMMODATION_OPTION_IDENTIFIED: 'Bail or remand-to-local-authority accommodation option identified',
  HEARING_CHILDRENS_SERVICES_INFORMED: "Children's services informed of the hearing",
  HEARING_ETE_ARRANGEMENTS: 'Education, training or employment arrangements that would follow the child',
  HEARING_HEALTH_ARRANGEMENTS: 'Health arrangements that would follow the child',
};

export const MILESTONE_STATUS_LABELS: Record<string, { text: string; classes: string }> = {
  PENDING: { text: 'To do', classes: 'govuk-tag--blue' },
  MET: { text: 'Met', classes: 'govuk-tag--green' },
  MISSED: { text: 'Missed', classes: 'govuk-tag--red' },
  WAIVED: { text: 'Waived', classes: 'govuk-tag--grey' },
};

export const MEETING_LABELS: Record<string, string> = {
  INITIAL: 'Initial planning meeting',
  REVIEW: 'Review meeting',
  PRE_RELEASE: 'Pre-release planning meeting',
  POST_RELEASE: 'Meeting after release',
  OTHER: 'Meeting',
};

export const EPISODE_STATUS_LABELS: Record<string, string> = {
  REMANDED: 'On remand',
  SENTENCED: 'Sentenced',
  RELEASED: 'Released',
  RECALLED: 'Recalled',
  CLOSED: 'Closed',
};

/** A child's circumstances, in the order the form offers them. */
export const CIRCUMSTANCE_LABELS: Record<string, string> = {
  LOOKED_AFTER: 'Looked after',
  CARE_LEAVER: 'Care leaver',
  GENDER: 'Gender',
  ETHNICITY: 'Ethnicity',
  DISABILITY: 'Disability',
  EHCP: 'Education, health and care plan (EHCP)',
  PARENT: 'A parent',
  EXPECTING_PARENT: 'Expecting a baby',
  YOUNG_CARER: 'Young carer',
};
