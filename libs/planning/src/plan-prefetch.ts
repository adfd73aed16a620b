import { Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { RequestLoaders } from '@resettle/common';
import type { PageSelection } from '@resettle/custody';
import { jsonRowShape } from '@resettle/database';
import { ORGANISATION_LOADER, organisationRowSql } from '@resettle/organisations';
import { PathwayAction } from './entities/pathway-action.entity';
import { PlanCircumstance } from './entities/plan-circumstance.entity';
import { PriorIntervention } from './entities/prior-intervention.entity';
import { ResettlementPlan } from './entities/resettlement-plan.entity';
import { ChildrensServicesInformed } from './facts/entities/childrens-services-informed.entity';
import { PlanningMeeting } from './meetings/entities/planning-meeting.entity';
import { ReleaseAppointment } from './release/entities/release-appointment.entity';
import { ReleaseDayPlan } from './release/entities/release-day-plan.entity';

/** The request loaders of a plan's records, by plan id (prior interventions: by child id; actions: by pathway id). */
export const PLAN_BY_ID_LOADER = 'planning:planById';
export const PLAN_CIRCUMSTANCES_LOADER = 'planCircumstances';
export const PRIOR_INTERVENTIONS_LOADER = 'priorInterventions';
export const PATHWAY_ACTIONS_LOADER = 'pathwayActions';
export const CHILDRENS_SERVICES_INFORMED_LOADER = 'childrensServicesInformed';
export const PLAN_MEETINGS_LOADER = 'planMeetings';
export const RELEASE_DAY_PLAN_LOADER = 'releaseDayPlan';
export const RELEASE_APPOINTMENTS_LOADER = 'releaseAppointments';

/**
 * Something a page may show of a plan read with its episode (the plan page, a caseload page): given in that page's
 * statement as one JSON value per plan, then primed into the loader its field resolver uses, as the caseload's
 * parts are (`CaseloadPrefetchPart`). The policy still decides in the resolver (`showsWholePlan`, the referrals a
 * partner may see): a part reads what the loader would. Features register theirs (referrals), so planning never
 * names their tables.
 */
export interface PlanPrefetchPart {
  /** The plan's fields (paths, `pathways.actions`) it serves: it is read when the page asks for any of them. */
  fields: readonly string[];
  /** A SQL expression giving the part's JSON value for the plan row `plan` (an alias). `page`: under the plan. */
  sql(plan: string, page: PageSelection): string;
  prime(loaders: RequestLoaders, plan: ResettlementPlan, value: unknown): void;
}

@Injectable()
export class PlanPrefetch {
  private readonly parts: PlanPrefetchPart[] = [];

  register(part: PlanPrefetchPart): void {
    if (!this.parts.includes(part)) this.parts.push(part);
  }

  /** Each registered part with its key in the statement (by registration, so the same on every request). */
  all(): { key: string; part: PlanPrefetchPart }[] {
    return this.parts.map((part, i) => ({ key: `p${i}`, part }));
  }

  /** The parts a page asking for these fields under the plan needs. */
  partsFor(page: PageSelection): { key: string; part: PlanPrefetchPart }[] {
    return this.all().filter(({ part }) => part.fields.some((field) => page.selects(field)));
  }
}

type Row = Record<string, unknown>;

/** `json_agg` of the rows of `table` (alias `t`) matching `where`, in `orderBy` order; `[]` when none. */
function listSql(select: string, table: string, where: string, orderBy: string): string {
  return `COALESCE((SELECT json_agg(${select} ORDER BY ${orderBy}) FROM ${table} t WHERE ${where}), '[]'::json)`;
}

/**
 * Planning's own parts: the plan's lists, each ordered as its loader orders it (`PlanningService.circumstancesOf`,
 * `priorInterventionsOf`, `actionsOf`, `PlanFactsService.childrensServicesInformedOf`,
 * `MeetingsService.meetingsOfPlans`, `ReleaseService.releaseDayPlansOf`, `appointmentsOf`), whole rows.
 */
export function planningPlanParts(dataSource: DataSource): PlanPrefetchPart[] {
  const shape = <T>(entity: new () => T) => jsonRowShape<T>(dataSource.getMetadata(entity));
  const plan = shape(ResettlementPlan);
  const organisation = organisationRowSql(dataSource);
  const list = <T>(
    entity: new () => T,
    field: string | string[],
    loader: string,
    table: string,
    orderBy: string,
    by: 'plan' | 'child' = 'plan',
  ): PlanPrefetchPart => {
    const rows = shape(entity);
    return {
      fields: [field].flat(),
      sql: (p) =>
        listSql(rows.select('t'), table, by === 'plan' ? `t.plan_id = ${p}.id` : `t.child_id = ${p}.child_id`, orderBy),
      prime: (loaders, found, value) =>
        loaders.prime(
          loader,
          by === 'plan' ? found.id : found.childId,
          (value as Row[]).map((row) => rows.decode(row)),
        ),
    };
  };
  const action = shape(PathwayAction);
  const releaseDay = shape(ReleaseDayPlan);
  return [
    list(PlanCircumstance, 'circumstances', PLAN_CIRCUMSTANCES_LOADER, 'plan_circumstance', 't.kind'),
    list(
      PriorIntervention,
      ['priorInterventions', 'repeatedInterventions'],
      PRIOR_INTERVENTIONS_LOADER,
      'prior_intervention',
      't.completed_on, t.created_at',
      'child',
    ),
    list(
      ChildrensServicesInformed,
      'childrensServicesInformed',
      CHILDRENS_SERVICES_INFORMED_LOADER,
      'childrens_services_informed',
      't.created_at',
    ),
    list(PlanningMeeting, 'meetings', PLAN_MEETINGS_LOADER, 'planning_meeting', 't.starts_at DESC, t.created_at DESC'),
    list(ReleaseAppointment, 'appointments', RELEASE_APPOINTMENTS_LOADER, 'release_appointment', 't.at, t.created_at'),
    {
      fields: ['releaseDay'],
      sql: (p) => `(SELECT ${releaseDay.select('t')} FROM release_day_plan t WHERE t.plan_id = ${p}.id)`,
      prime: (loaders, found, value) =>
        loaders.prime(RELEASE_DAY_PLAN_LOADER, found.id, value ? releaseDay.decode(value as Row) : null),
    },
    {
      // Every pathway's actions (the ones hidden from a partner too: repeatedInterventions reads them all), and an
      // empty list for a pathway with none.
      fields: ['pathways.actions', 'repeatedInterventions'],
      sql: (p) =>
        `json_build_object('pathways', COALESCE((SELECT json_agg(w.id) FROM pathway w WHERE w.plan_id = ${p}.id), '[]'::json), 'actions', ${listSql(
          action.select('t'),
          'pathway_action',
          `t.pathway_id IN (SELECT w.id FROM pathway w WHERE w.plan_id = ${p}.id)`,
          't.created_at',
        )})`,
      prime: (loaders, _found, value) => {
        const { pathways, actions } = value as { pathways: string[]; actions: Row[] };
        const byPathway = new Map(pathways.map((id) => [id, [] as PathwayAction[]]));
        for (const row of actions) {
          const found = action.decode(row);
          byPathway.get(found.pathwayId)?.push(found);
        }
        for (const [id, of] of byPathway) loaders.prime(PATHWAY_ACTIONS_LOADER, id, of);
      },
    },
    {
      // The organisations responsible for a pathway (each once).
      fields: ['pathways.responsibleOrganisation'],
      sql: (p) =>
        `COALESCE((SELECT json_agg(${organisation.sql('ids.id')}) FROM unnest((SELECT array_remove(array_agg(DISTINCT w.responsible_organisation_id), NULL) FROM pathway w WHERE w.plan_id = ${p}.id)) AS ids(id)), '[]'::json)`,
      prime: (loaders, _found, value) => {
        for (const row of value as (Row | null)[]) {
          if (row) loaders.prime(ORGANISATION_LOADER, row.id as string, organisation.decode(row));
        }
      },
    },
    {
      // A pathway's `mayChange` asks the policy about its plan's child and episode (`plansByIds`): the whole row, as
      // the plan the page read may have been narrowed to the fields it asked for.
      fields: ['pathways.mayChange'],
      sql: (p) => plan.select(p),
      prime: (loaders, found, value) => loaders.prime(PLAN_BY_ID_LOADER, found.id, plan.decode(value as Row)),
    },
  ];
}
