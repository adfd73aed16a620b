import { MILESTONE_LABELS } from '../plans/plan-labels';

/** The page's query string: every choice is a plain GET parameter, so the filters work without JavaScript. */
export interface AtRiskQuery {
  status?: string;
  cm?: string;
  kind?: string;
  within?: string;
  after?: string;
}

/** Which deadlines: both (the default), only the missed ones, or only those not yet missed. */
export const STATUS_CHOICES: Record<string, string> = {
  all: 'At risk or missed',
  missed: 'Missed',
  'at-risk': 'At risk, not yet missed',
};

/** How far ahead a deadline still to do counts as at risk (the api's `withinDays`); 14 by default, as the api's. */
export const WITHIN_CHOICES = [7, 14, 28, 90];
const DEFAULT_WITHIN = 14;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AtRiskChoices {
  status: string;
  caseManagerId: string | undefined;
  kind: string | undefined;
  within: number;
  /** Whether anything narrows the list beyond the default. */
  filtered: boolean;
  /** The api's `MilestonesAtRiskFilter`. */
  filter: {
    withinDays: number;
    includeMissed?: boolean;
    onlyMissed?: boolean;
    caseManagerId?: string;
    keys?: string[];
  };
  /** The query string of these choices (only what differs from the default), with `extra` added. */
  params(extra?: Record<string, string>): string;
}

/** The page's choices from its query string; anything unknown is left out (the default). Pure. */
export function atRiskChoices(query: AtRiskQuery): AtRiskChoices {
  const status = query.status && STATUS_CHOICES[query.status] ? query.status : 'all';
  const caseManagerId = query.cm && UUID.test(query.cm) ? query.cm.toLowerCase() : undefined;
  const kind = query.kind && MILESTONE_LABELS[query.kind] ? query.kind : undefined;
  const within = WITHIN_CHOICES.includes(Number(query.within)) ? Number(query.within) : DEFAULT_WITHIN;
  const own: Record<string, string> = {
    ...(status !== 'all' ? { status } : {}),
    ...(caseManagerId ? { cm: caseManagerId } : {}),
    ...(kind ? { kind } : {}),
    ...(within !== DEFAULT_WITHIN ? { within: String(within) } : {}),
  };
  return {
    status,
    caseManagerId,
    kind,
    within,
    filtered: Object.keys(own).length > 0,
    filter: {
      withinDays: within,
      ...(status === 'missed' ? { onlyMissed: true } : {}),
      ...(status === 'at-risk' ? { includeMissed: false } : {}),
      ...(caseManagerId ? { caseManagerId } : {}),
      ...(kind ? { keys: [kind] } : {}),
    },
    params: (extra = {}) => new URLSearchParams({ ...own, ...extra }).toString(),
  };
}

/** How late a deadline is, or how long is left: "12 days overdue", "Due today", "3 days left". Pure. */
export function dueInWords(dueInDays: number | null): string {
  if (dueInDays === null) return '';
  if (dueInDays === 0) return 'Due today';
  const n = Math.abs(dueInDays);
  const days = n === 1 ? '1 day' : `${n} days`;
  return dueInDays < 0 ? `${days} overdue` : `${days} left`;
}

/** The status as the list shows it: missed (the engine has marked it), or at risk. Pure. */
export function riskStatus(status: string): { text: string; classes: string } {
  return status === 'MISSED'
    ? { text: 'Missed', classes: 'govuk-tag--red' }
    : { text: 'At risk', classes: 'govuk-tag--orange' };
}

/** One line of the list as the api gives it. */
export interface AtRiskNode {
  id: string;
  key: string;
  status: string;
  dueDate: string | null;
  dueInDays: number | null;
  episodeId: string;
  episode: {
    child: { givenName: string; familyName: string; preferredName: string | null };
    caseManager: { givenName: string; familyName: string } | null;
  };
}

/** One line of the page and of the CSV: the child, the deadline in words, when, how late, whose, its status. Pure. */
export function atRiskRow(node: AtRiskNode) {
  const { child, caseManager } = node.episode;
  return {
    id: node.id,
    episodeId: node.episodeId,
    childName: `${child.preferredName || child.givenName} ${child.familyName}`,
    label: MILESTONE_LABELS[node.key] ?? 'Deadline',
    dueDate: node.dueDate,
    dueWords: dueInWords(node.dueInDays),
    overdue: node.dueInDays !== null && node.dueInDays < 0,
    caseManager: caseManager ? `${caseManager.givenName} ${caseManager.familyName}` : 'No case manager',
    status: riskStatus(node.status),
  };
}
