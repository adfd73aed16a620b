/**
 * What a day-of-release plan still lacks before it can be confirmed. Pure: no framework, no database. Every item of
 * the plan must be filled in (write "None" where nothing is needed, so it is clear it was considered), the person at
 * the gate must be an appropriate adult, and the day planned must be the day the child is expected to leave.
 */

/** The parts of the plan the rule reads (a `ReleaseDayPlan` fits). */
export interface ReleaseDayPlanFacts {
  metByName: string | null;
  metByRelationship: string | null;
  appropriateAdult: boolean | null;
  meetingDate: string | null;
  meetingTime: string | null;
  travelArrangements: string | null;
  firstDestination: string | null;
  firstAppointmentDate: string | null;
  firstAppointmentTime: string | null;
  firstAppointmentWith: string | null;
  firstAppointmentPlace: string | null;
  medication: string | null;
  idDocuments: string | null;
  phone: string | null;
  moneyAndProperty: string | null;
  supervisionExplainedById: string | null;
  supervisionExplainedByName: string | null;
  supervisionExplainedOn: string | null;
}

export interface ReleaseDayPlanGap {
  /** The input field to fill in (or change). */
  field: string;
  message: string;
}

const blank = (value: string | null | undefined): boolean => !value || !value.trim();

/**
 * Empty when the plan can be confirmed. `expectedReleaseDate` is the episode's (null when none is expected, as on
 * remand: the day planned then stands on its own).
 */
export function releaseDayPlanGaps(
  plan: ReleaseDayPlanFacts | null,
  expectedReleaseDate: string | null,
): ReleaseDayPlanGap[] {
  if (!plan) return [{ field: 'planReleaseDay', message: 'There is no release-day plan yet' }];
  const gaps: ReleaseDayPlanGap[] = [];
  const need = (field: keyof ReleaseDayPlanFacts, message: string) => {
    if (blank(plan[field] as string | null)) gaps.push({ field, message });
  };

  need('metByName', 'Who meets the child at the gate');
  need('metByRelationship', 'Their relationship to the child');
  if (plan.appropriateAdult === null)
    gaps.push({ field: 'appropriateAdult', message: 'Whether the person meeting the child is an appropriate adult' });
  if (plan.appropriateAdult === false)
    gaps.push({ field: 'appropriateAdult', message: 'The child must be met by an appropriate adult' });
  need('meetingDate', 'The day of release');
  if (plan.meetingDate && expectedReleaseDate && plan.meetingDate !== expectedReleaseDate) {
    gaps.push({
      field: 'meetingDate',
      message: `The plan is for ${plan.meetingDate}, but the child is now expected to leave on ${expectedReleaseDate}`,
    });
  }
  need('meetingTime', 'The time the child is met');
  need('travelArrangements', 'Travel arrangements');
  need('firstDestination', 'Where the child goes first');
  need('firstAppointmentDate', 'The day of the first youth justice appointment');
  need('firstAppointmentTime', 'The time of the first youth justice appointment');
  need('firstAppointmentWith', 'Who the first youth justice appointment is with');
  need('firstAppointmentPlace', 'Where the first youth justice appointment is');
  if (plan.meetingDate && plan.firstAppointmentDate) {
    if (plan.firstAppointmentDate < plan.meetingDate) {
      gaps.push({
        field: 'firstAppointmentDate',
        message: `The first youth justice appointment (${plan.firstAppointmentDate}) is before the day of release (${plan.meetingDate})`,
      });
    } else if (
      plan.firstAppointmentDate === plan.meetingDate &&
      plan.meetingTime &&
      plan.firstAppointmentTime &&
      plan.firstAppointmentTime < plan.meetingTime
    ) {
      gaps.push({
        field: 'firstAppointmentTime',
        message: `The first youth justice appointment (${plan.firstAppointmentTime}) is before the child is met (${plan.meetingTime})`,
      });
    }
  }
  need('medication', 'Medication (write "None" if the child needs none)');
  need('idDocuments', 'ID documents');
  need('phone', 'Phone');
  need('moneyAndProperty', 'Money and property');
  if (blank(plan.supervisionExplainedById) && blank(plan.supervisionExplainedByName)) {
    gaps.push({
      field: 'supervisionExplainedByName',
      message: 'Who explained the supervision requirements to the child',
    });
  }
  need('supervisionExplainedOn', 'When the supervision requirements were explained');
  return gaps;
}

/** Things worth a second look that do not stop confirmation. */
export function releaseDayPlanWarnings(plan: ReleaseDayPlanFacts | null): string[] {
  if (!plan) return [];
  const warnings: string[] = [];
  if (plan.meetingDate && plan.firstAppointmentDate && plan.firstAppointmentDate > plan.meetingDate) {
    warnings.push(
      `The first youth justice appointment is on ${plan.firstAppointmentDate}, after the day of release (${plan.meetingDate}): it is normally the same day`,
    );
  }
  return warnings;
}
