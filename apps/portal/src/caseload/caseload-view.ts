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
