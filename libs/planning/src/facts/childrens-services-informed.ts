/**
 * What the api refuses about a record that children's services were told of a hearing, or null: the hearing must be
 * the one the child waits for now (not given its outcome, not cancelled), and the day they were told must be real
 * and in the past or today, not before custody began, and before the hearing's day (telling them on the day leaves
 * nothing to plan). Each problem names its field.
 */
export function childrensServicesInformedProblem(f: {
  informedOn: string;
  today: string;
  episodeStart: string;
  hearing: { hearingDate: string; waiting: boolean } | null;
}): { field: 'hearingId' | 'informedOn'; conflict?: true; message: string } | null {
  if (!f.hearing) return { field: 'hearingId', message: 'That is not a court hearing of this child' };
  if (!f.hearing.waiting) {
    return {
      field: 'hearingId',
      conflict: true,
      message: 'That hearing has its outcome or was cancelled: only the hearing the child waits for can be told of',
    };
  }
  if (f.informedOn > f.today)
    return { field: 'informedOn', message: 'The day children’s services were told cannot be in the future' };
  if (f.informedOn < f.episodeStart)
    return {
      field: 'informedOn',
      message: `The day children’s services were told must be on or after the day custody began (${f.episodeStart})`,
    };
  if (f.informedOn >= f.hearing.hearingDate)
    return {
      field: 'informedOn',
      message: `Children’s services must be told before the hearing (${f.hearing.hearingDate})`,
    };
  return null;
}
