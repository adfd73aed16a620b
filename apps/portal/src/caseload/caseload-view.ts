import { daysBetween } from '@resettle/common';

/**
 * What the case manager's list shows of each child's deadlines: pure. Milestones come soonest due first (the
 * api's order); "next" is the first still to do, "missed" every one the deadline engine has marked missed.
 */
export interface MilestoneLike {
  key: string;
  dueDate: string | null;
  status: string;
}

export function nextMilestone<T extends MilestoneLike>(milestones: readonly T[]): T | null {
  return (
    milestones
      .filter((m) => m.status === 'PENDING' && m.dueDate)
      .sort((a, b) => a.dueDate!.localeCompare(b.dueDate!))[0] ?? null
  );
}

export function missedMilestones<T extends MilestoneLike>(milestones: readonly T[]): T[] {
  return milestones.filter((m) => m.status === 'MISSED');
}

/** Past its due date and still to do (the deadline engine marks it MISSED at its next run): shown as overdue now. */
export function isOverdue(milestone: MilestoneLike | null, today: string): boolean {
  return (
    milestone !== null && milestone.status === 'PENDING' && milestone.dueDate !== null && milestone.dueDate < today
  );
}

/** How late a deadline still to do is, in words ("3 days overdue"), or null when it is not yet due. */
export function overdueBy(dueDate: string | null, today: string): string | null {
  if (!dueDate || dueDate >= today) return null;
  const days = daysBetween(dueDate, today);
  return days === 1 ? '1 day overdue' : `${days} days overdue`;
}

/** The compact pathway summary of a row: how many of the plan's pathways are arranged, and which are not yet. */
export function pathwaySummary(pathways: readonly { type: string; status: string }[]): {
  arranged: number;
  total: number;
  notArranged: string[];
} {
  const notArranged = pathways.filter((p) => p.status !== 'ARRANGED').map((p) => p.type);
  return { arranged: pathways.length - notArranged.length, total: pathways.length, notArranged };
}

/** The list's orders, as the page's `sort` parameter names them, and the api's `orderBy` for each. */
export const CASELOAD_SORTS: Record<string, string> = {
  release: 'RELEASE_DATE',
  name: 'CHILD_NAME',
  deadline: 'NEXT_DEADLINE',
};
