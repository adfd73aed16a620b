/** The steps a council owes on an accommodation referral, in the order they come, with the words a council uses. */
export const RESPONSE_STEPS = [
  { step: 'ACKNOWLEDGE', field: 'acknowledge', label: 'Acknowledge a new referral' },
  { step: 'ANSWER', field: 'answer', label: 'Answer a referral sent again with the information you asked for' },
  { step: 'OFFER', field: 'offer', label: 'Make an offer (or decline) after acknowledging' },
  { step: 'CONFIRM', field: 'confirm', label: 'Confirm a placement after offering it' },
] as const;

/** The form field of the api's `targets.<n>.…` path, given the steps in the order they were sent. */
export function fieldOfTargetPath(path: string): string | undefined {
  const n = /(?:^|\.)targets\.(\d+)\./.exec(`${path}.`)?.[1];
  return n === undefined ? undefined : RESPONSE_STEPS[Number(n)]?.field;
}

/** "2 working days", "1 working day". */
export function workingDaysText(days: number): string {
  return `${days} working day${days === 1 ? '' : 's'}`;
}
