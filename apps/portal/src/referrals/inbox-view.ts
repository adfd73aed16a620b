/**
 * The partner inbox's choices and words: pure. Orders are the api's (`orderBy`), named in the page's `sort`; the
 * markers say what is new on a referral for the person reading it (the api's `news`).
 */
export const INBOX_SORTS: Record<string, { orderBy: string; text: string }> = {
  release: { orderBy: 'RELEASE_DATE', text: 'Release date (soonest first)' },
  deadline: { orderBy: 'DEADLINE', text: 'Deadline (soonest first)' },
  received: { orderBy: 'RECEIVED', text: 'Received (newest first)' },
  name: { orderBy: 'CHILD_NAME', text: 'Child’s name' },
};

/** What is new, as a tag by the child's name (and its words in the CSV). */
export const NEWS_LABELS: Record<string, string> = {
  NEW: 'New',
  INFORMATION_GIVEN: 'Information given',
  WITHDRAWN: 'Withdrawn',
  FELL_THROUGH: 'Fell through',
  ANSWERED: 'Answered',
  NEW_MESSAGE: 'New message',
};

export interface InboxQuery {
  status?: string;
  type?: string;
  after?: string;
  tab?: string;
  name?: string;
  overdue?: string;
  sort?: string;
}

/** The sort the page asked for, or the default (soonest release): anything unknown is left out. */
export function inboxSort(sort: string | undefined): string {
  return sort && Object.prototype.hasOwnProperty.call(INBOX_SORTS, sort) ? sort : 'release';
}

/** The page's query string for these choices (only those set; the default order is left out). */
export function inboxParams(choices: {
  tab?: string;
  status?: string;
  type?: string;
  name?: string;
  overdue: boolean;
  sort: string;
}): Record<string, string> {
  return {
    ...(choices.tab ? { tab: choices.tab } : {}),
    ...(choices.status ? { status: choices.status } : {}),
    ...(choices.type ? { type: choices.type } : {}),
    ...(choices.name ? { name: choices.name } : {}),
    ...(choices.overdue ? { overdue: '1' } : {}),
    ...(choices.sort !== 'release' ? { sort: choices.sort } : {}),
  };
}

/** The name the inbox shows a referral by: the summary's (preferred, else given, then family), or a draft's. */
export function childNameOf(summary: { givenName: string; preferredName?: string | null; familyName: string } | null) {
  return summary ? `${summary.preferredName || summary.givenName} ${summary.familyName}` : 'Draft referral';
}
