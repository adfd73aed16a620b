import { EntityManager } from 'typeorm';
import { EPISODE_SUPERVISION_SQL } from '@resettle/custody';
import { MilestonesService } from '../milestones.service';
import { MilestonePolicy } from '../rules/milestone-policy';
import { MilestoneJobFacts } from './job-plan';

/** A milestone row as the engine reads it, with the service whose policy applies. */
export interface MilestoneRow extends MilestoneJobFacts {
  episodeId: string;
  childId: string;
  serviceId: string;
}

/** A milestone row as the engine reads it; reminders sent count only for the due date they were sent for. */
export const SELECT_MILESTONE = `SELECT m.id, m.key, m.status, m.due_date::text AS "dueDate", m.escalation_level AS "escalationLevel",
        CASE WHEN m.reminders_sent_for = m.due_date THEN m.reminders_sent ELSE 0 END AS "remindersSent",
        m.episode_id AS "episodeId", m.child_id AS "childId", e.supervising_service_id AS "serviceId"
   FROM milestone m JOIN ${EPISODE_SUPERVISION_SQL} e ON e.episode_id = m.episode_id`;

/** The effective policy of each service named. */
export async function policiesOf(
  milestones: MilestonesService,
  serviceIds: readonly string[],
  em?: EntityManager,
): Promise<Map<string, MilestonePolicy>> {
  const unique = [...new Set(serviceIds)];
  const effective = await milestones.effectivePolicies(unique, em);
  return new Map(unique.map((id, i) => [id, effective[i].policy]));
}
