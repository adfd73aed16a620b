import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChildrenService } from '@resettle/children';
import { caseManagerChangesSql, CustodyService, ReleasedPopulation } from '@resettle/custody';
import { planMeasuresSql } from '@resettle/planning';
import { MilestoneKey } from '../milestone-enums';
import { MILESTONE_KEYS } from '../rules/milestone-policy';
import { BREAKDOWN_MEASURES, BreakdownDimension, BreakdownMeasure, GroupCounts } from './rules/measure-breakdowns';
import { MeasureCounts, MeasureFigure } from './rules/resettlement-measures';

export interface MeasuresPeriod {
  from: string;
  to: string;
}

/** The London day of a timestamp column. */
const day = (column: string) => `(${column} AT TIME ZONE 'Europe/London')::date`;

/**
 * The plan and release measures' conditions, over `per`; each figure's complement is `not` it (a missing fact is a no).
 */
const YES = {
  views: `views_every_pathway`,
  explained: `explained_on <= released_on`,
  agreed: `agreed_on <= released_on`,
  initialMeeting: `initial_meeting_on <= initial_meeting_due`,
  preReleaseMeeting: `pre_release_meeting_on <= coalesce(pre_release_meeting_due, released_on)`,
  firstNight: `first_night_as_planned`,
  eteStarted: `ete_started_as_planned AND ete_placed_on <= released_on`,
  healthHandover: `health_handover_on <= released_on`,
  releaseDayPlan: `release_day_plan_confirmed_on <= released_on`,
};
const not = (condition: string) => `NOT coalesce(${condition}, false)`;

/**
 * Which children released each headline figure counts, over `per` (a child released: `released_on` and the day each
 * fact met). The counts and the list of children behind a figure use the same conditions, so they always agree.
 */
const FIGURE_SQL: Record<MeasureFigure, string> = {
  ADDRESS_28_DAYS: `address_on <= released_on - 28`,
  ADDRESS_14_DAYS: `address_on > released_on - 28 AND address_on <= released_on - 14`,
  ADDRESS_BY_RELEASE: `address_on > released_on - 14 AND address_on <= released_on`,
  ADDRESS_NOT_BY_RELEASE: `(address_on IS NULL OR address_on > released_on)`,
  TOLD_14_DAYS: `told_on <= released_on - 14`,
  NOT_TOLD_14_DAYS: `(told_on IS NULL OR told_on > released_on - 14)`,
  ETE_BY_RELEASE: `ete_on <= released_on`,
  ETE_NOT_BY_RELEASE: `(ete_on IS NULL OR ete_on > released_on)`,
  PLAN_VIEWS_EVERY_PATHWAY: YES.views,
  PLAN_VIEWS_NOT_EVERY_PATHWAY: not(YES.views),
  PLAN_EXPLAINED: YES.explained,
  PLAN_NOT_EXPLAINED: not(YES.explained),
  PLAN_AGREED: YES.agreed,
  PLAN_NOT_AGREED: not(YES.agreed),
  INITIAL_MEETING_IN_TIME: YES.initialMeeting,
  INITIAL_MEETING_NOT_IN_TIME: not(YES.initialMeeting),
  PRE_RELEASE_MEETING_IN_TIME: YES.preReleaseMeeting,
  PRE_RELEASE_MEETING_NOT_IN_TIME: not(YES.preReleaseMeeting),
  CASE_MANAGER_NONE: `case_manager_changes IS NULL`,
  CASE_MANAGER_NO_CHANGE: `case_manager_changes = 0`,
  CASE_MANAGER_ONE_CHANGE: `case_manager_changes = 1`,
  CASE_MANAGER_TWO_OR_MORE_CHANGES: `case_manager_changes >= 2`,
  INTERVENTION_REPEATED: `intervention_repeated`,
  INTERVENTION_NOT_REPEATED: `NOT intervention_repeated`,
  FIRST_NIGHT_AS_PLANNED: YES.firstNight,
  FIRST_NIGHT_NOT_AS_PLANNED: not(YES.firstNight),
  ETE_STARTED_AS_PLANNED: YES.eteStarted,
  ETE_NOT_STARTED_AS_PLANNED: not(YES.eteStarted),
  HEALTH_HANDOVER_BY_RELEASE: YES.healthHandover,
  HEALTH_HANDOVER_NOT_BY_RELEASE: not(YES.healthHandover),
  RELEASE_DAY_PLAN_CONFIRMED: YES.releaseDayPlan,
  RELEASE_DAY_PLAN_NOT_CONFIRMED: not(YES.releaseDayPlan),
};

/**
 * The breakdowns' and the trend's yes of each measure: its headline figure's condition, but for the address at least
 * 14 days before release, which counts those at least 28 days before too (the headline's figure is the band).
 */
const BREAKDOWN_SQL: Record<BreakdownMeasure, string> = {
  ADDRESS_28_DAYS: FIGURE_SQL.ADDRESS_28_DAYS,
  ADDRESS_14_DAYS: `address_on <= released_on - 14`,
  TOLD_14_DAYS: FIGURE_SQL.TOLD_14_DAYS,
  ETE_BY_RELEASE: FIGURE_SQL.ETE_BY_RELEASE,
  PLAN_VIEWS_EVERY_PATHWAY: FIGURE_SQL.PLAN_VIEWS_EVERY_PATHWAY,
  PLAN_EXPLAINED: FIGURE_SQL.PLAN_EXPLAINED,
  PLAN_AGREED: FIGURE_SQL.PLAN_AGREED,
  INITIAL_MEETING_IN_TIME: FIGURE_SQL.INITIAL_MEETING_IN_TIME,
  PRE_RELEASE_MEETING_IN_TIME: FIGURE_SQL.PRE_RELEASE_MEETING_IN_TIME,
  FIRST_NIGHT_AS_PLANNED: FIGURE_SQL.FIRST_NIGHT_AS_PLANNED,
  ETE_STARTED_AS_PLANNED: FIGURE_SQL.ETE_STARTED_AS_PLANNED,
  HEALTH_HANDOVER_BY_RELEASE: FIGURE_SQL.HEALTH_HANDOVER_BY_RELEASE,
  RELEASE_DAY_PLAN_CONFIRMED: FIGURE_SQL.RELEASE_DAY_PLAN_CONFIRMED,
};

/** The day a milestone of the episode `r.id` was met (the day of its fact; `on` for another), or null. */
const metOn = (key: MilestoneKey, on = day('m.met_at')) =>
  `(SELECT ${on} FROM milestone m WHERE m.episode_id = r.id AND m.key = '${key}' AND m.status = 'MET')`;
/** A milestone's current due date (null: none yet, or no such milestone). */
const dueOn = (key: MilestoneKey) =>
  `(SELECT m.due_date FROM milestone m WHERE m.episode_id = r.id AND m.key = '${key}')`;

/**
 * `per`: each child released (`r`: at least `id`, `released_on`) with the days their facts met, and their plan's facts
 * (planning's `planMeasuresSql`). The initial planning meeting is due 10 working days after sentence; a child
 * released from remand, never sentenced, has no such due date, and their INITIAL meeting (the same fact) is judged by
 * the detention placement plan's, 10 working days after remand. The pre-release meeting by its milestone's due date,
 * 20 working days before the earliest release date (none for a child released from remand: then held by the day of
 * release). The case manager's changes to the day of release (custody's `caseManagerChangesSql`: null, nobody
 * allocated), and whether the plan repeats an intervention of an earlier order (planning's, as the plan stands).
 * What happened at release, from planning's facts: the first night at the accommodation planned (the release record;
 * none recorded is a no), education, training or work started as planned (the release record says so, and an ETE
 * place was recorded by the day of release: "as planned" needs a plan), every health pathway needing a handover
 * handed over by the day of release, and the release-day plan confirmed by then (while it still is).
 */
const PER_SQL = `SELECT r.*,
         ${metOn(MilestoneKey.ACCOMMODATION_CONFIRMED)} AS address_on,
         ${metOn(MilestoneKey.CHILD_TOLD_WHERE_LIVING, `CAST(m.evidence->>'toldOn' AS date)`)} AS told_on,
         ${metOn(MilestoneKey.ETE_PLACE_CONFIRMED)} AS ete_on,
         coalesce(${metOn(MilestoneKey.INITIAL_PLANNING_MEETING)}, ${metOn(MilestoneKey.DETENTION_PLACEMENT_PLAN)})
           AS initial_meeting_on,
         coalesce(${dueOn(MilestoneKey.INITIAL_PLANNING_MEETING)}, ${dueOn(MilestoneKey.DETENTION_PLACEMENT_PLAN)})
           AS initial_meeting_due,
         ${metOn(MilestoneKey.PRE_RELEASE_MEETING_HELD)} AS pre_release_meeting_on,
         ${dueOn(MilestoneKey.PRE_RELEASE_MEETING_HELD)} AS pre_release_meeting_due,
         ${caseManagerChangesSql('r.id', 'r.released_on')} AS case_manager_changes,
         pl.explained_on, pl.agreed_on, coalesce(pl.views_every_pathway, false) AS views_every_pathway,
         coalesce(pl.intervention_repeated, false) AS intervention_repeated,
         pl.first_night_as_planned, pl.ete_started_as_planned, pl.ete_placed_on, pl.ete_start_date,
         pl.health_handover_on, pl.release_day_plan_confirmed_on
    FROM r LEFT JOIN LATERAL (${planMeasuresSql('r.id')}) pl ON true`;

/** One child behind a figure: the episode they were released from and the days that decided it. */
export interface FigureChild {
  episodeId: string;
  childId: string;
  releasedOn: string;
  addressConfirmedOn: string | null;
  toldOn: string | null;
  etePlaceConfirmedOn: string | null;
  viewsOnEveryPathway: boolean;
  planExplainedOn: string | null;
  planAgreedOn: string | null;
  initialMeetingOn: string | null;
  initialMeetingDue: string | null;
  preReleaseMeetingOn: string | null;
  preReleaseMeetingDue: string | null;
  caseManagerChanges: number | null;
  interventionRepeated: boolean;
  firstNightAsPlanned: boolean | null;
  eteStartedAsPlanned: boolean | null;
  eteStartDate: string | null;
  healthHandoverOn: string | null;
  releaseDayPlanConfirmedOn: string | null;
}

/**
 * Counts the resettlement measures in PostgreSQL, never from the queue: the children released in a period (custody's
 * `releasedInPeriodSql`) and their milestones, which are met only by a recorded fact (`factMeeting`) whose day is
 * the milestone's `met_at` (the child told: the day told, `evidence.toldOn`). A met milestone re-opened by a later
 * address is not met. Counts only: publishing them (suppression) is `publishMeasures`'.
 */
@Injectable()
export class MeasuresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly custody: CustodyService,
    private readonly children: ChildrenService,
  ) {}

  /** The name each child is known by (preferred or given name, family name), by id. */
  async namesOf(childIds: readonly string[]): Promise<Map<string, string>> {
    const found = await this.children.findByIds(childIds);
    return new Map(
      found.flatMap((c) => (c ? [[c.id, `${c.preferredName ?? c.givenName} ${c.familyName}`] as const] : [])),
    );
  }

  /**
   * The breakdown measures of the children released in the period, counted per group of every dimension in one
   * statement (each child once in each dimension). Counts only: `publishBreakdown` suppresses them.
   */
  async breakdownCounts(
    period: MeasuresPeriod,
    population: ReleasedPopulation | null,
  ): Promise<Map<BreakdownDimension, GroupCounts[]>> {
    const rows = await this.groupCounts(
      period,
      population,
      `CROSS JOIN LATERAL (VALUES ('ETHNIC_GROUP', ethnic_group), ('GENDER', gender), ('AGE_BAND', age_band),
                                 ('LOOKED_AFTER', looked_after), ('CARE_LEAVER', care_leaver),
                                 ('LEGAL_STATUS', legal_status)) AS d(dimension, grp)`,
    );
    const byDimension = new Map<BreakdownDimension, GroupCounts[]>();
    for (const { dimension, ...counts } of rows) {
      byDimension.set(dimension as BreakdownDimension, [
        ...(byDimension.get(dimension as BreakdownDimension) ?? []),
        counts,
      ]);
    }
    return byDimension;
  }

  /** The same measures per month of release (`YYYY-MM`, a London day): the trend. `publishByMonth` suppresses them. */
  async monthlyCounts(period: MeasuresPeriod, population: ReleasedPopulation | null): Promise<GroupCounts[]> {
    const rows = await this.groupCounts(
      period,
      population,
      `CROSS JOIN LATERAL (VALUES ('MONTH', to_char(released_on, 'YYYY-MM'))) AS d(dimension, grp)`,
    );
    return rows.map(({ dimension: _, ...counts }) => counts);
  }

  /** One statement: the children released, the day each fact met, counted per group of `groups` (dimension, grp). */
  private async groupCounts(
    period: MeasuresPeriod,
    population: ReleasedPopulation | null,
    groups: string,
  ): Promise<(GroupCounts & { dimension: string })[]> {
    const params: unknown[] = [];
    const param = (value: unknown, type: string) => {
      params.push(value);
      return `CAST($${params.length} AS ${type})`;
    };
    const released = this.custody.releasedInPeriodWithGroupsSql(period, population, param);
    type Row = { dimension: string; grp: string; released: number } & Record<BreakdownMeasure, number>;
    const rows: Row[] = await this.dataSource.query(
      `WITH r AS (${released}),
              per AS (${PER_SQL})
         SELECT d.dimension, d.grp, count(*)::int AS released,
                ${BREAKDOWN_MEASURES.map((m) => `count(*) FILTER (WHERE ${BREAKDOWN_SQL[m]})::int AS "${m}"`).join(',\n')}
           FROM per
          ${groups}
          GROUP BY d.dimension, d.grp`,
      params,
    );
    return rows.map((row) => ({
      dimension: row.dimension,
      group: row.grp,
      released: row.released,
      yes: Object.fromEntries(BREAKDOWN_MEASURES.map((m) => [m, row[m]])) as Record<BreakdownMeasure, number>,
    }));
  }

  /**
   * The children behind one figure, in order of release (then episode), a page at a time, with how many there are
   * in all. The same conditions as the counts (`FIGURE_SQL`).
   */
  async figureChildren(
    period: MeasuresPeriod,
    population: ReleasedPopulation | null,
    figure: MeasureFigure,
    page: { limit: number; offset: number },
  ): Promise<{ total: number; children: FigureChild[] }> {
    const params: unknown[] = [];
    const param = (value: unknown, type: string) => {
      params.push(value);
      return `CAST($${params.length} AS ${type})`;
    };
    const released = this.custody.releasedInPeriodSql(period, population, param);
    const rows: (Omit<FigureChild, 'releasedOn'> & { releasedOn: string; total: number })[] =
      await this.dataSource.query(
        `WITH r AS (${released}),
              per AS (${PER_SQL})
         SELECT id AS "episodeId", child_id AS "childId", to_char(released_on, 'YYYY-MM-DD') AS "releasedOn",
                to_char(address_on, 'YYYY-MM-DD') AS "addressConfirmedOn", to_char(told_on, 'YYYY-MM-DD') AS "toldOn",
                to_char(ete_on, 'YYYY-MM-DD') AS "etePlaceConfirmedOn",
                views_every_pathway AS "viewsOnEveryPathway", to_char(explained_on, 'YYYY-MM-DD') AS "planExplainedOn",
                to_char(agreed_on, 'YYYY-MM-DD') AS "planAgreedOn",
                to_char(initial_meeting_on, 'YYYY-MM-DD') AS "initialMeetingOn",
                to_char(initial_meeting_due, 'YYYY-MM-DD') AS "initialMeetingDue",
                to_char(pre_release_meeting_on, 'YYYY-MM-DD') AS "preReleaseMeetingOn",
                to_char(pre_release_meeting_due, 'YYYY-MM-DD') AS "preReleaseMeetingDue",
                case_manager_changes AS "caseManagerChanges", intervention_repeated AS "interventionRepeated",
                first_night_as_planned AS "firstNightAsPlanned", ete_started_as_planned AS "eteStartedAsPlanned",
                to_char(ete_start_date, 'YYYY-MM-DD') AS "eteStartDate",
                to_char(health_handover_on, 'YYYY-MM-DD') AS "healthHandoverOn",
                to_char(release_day_plan_confirmed_on, 'YYYY-MM-DD') AS "releaseDayPlanConfirmedOn",
                (count(*) OVER ())::int AS total
           FROM per
          WHERE ${FIGURE_SQL[figure]}
          ORDER BY released_on, id
          LIMIT ${param(page.limit, 'int')} OFFSET ${param(page.offset, 'int')}`,
        params,
      );
    // Past the last page there are no rows to carry the total: count again, without the page.
    const total =
      rows[0]?.total ??
      (page.offset === 0 ? 0 : (await this.figureChildren(period, population, figure, { limit: 1, offset: 0 })).total);
    return { total, children: rows.map(({ total: _, ...child }) => child) };
  }

  async counts(period: MeasuresPeriod, population: ReleasedPopulation | null): Promise<MeasureCounts> {
    const params: unknown[] = [];
    const param = (value: unknown, type: string) => {
      params.push(value);
      return `CAST($${params.length} AS ${type})`;
    };
    const released = this.custody.releasedInPeriodSql(period, population, param);
    const [children, deadlines] = await Promise.all([
      // MATERIALIZED: every column of per is counted here, several times over (the address in four bands, the case
      // manager's changes in four); inlined, PostgreSQL would run each scalar subquery once per reference (issue 23's
      // bench: 24 s over 100,000 children, half of it repeats).
      this.dataSource.query(
        `WITH r AS (${released}),
              per AS MATERIALIZED (${PER_SQL})
         SELECT count(*)::int AS released,
                count(*) FILTER (WHERE ${FIGURE_SQL.ADDRESS_28_DAYS})::int AS a28,
                count(*) FILTER (WHERE ${FIGURE_SQL.ADDRESS_14_DAYS})::int AS a14,
                count(*) FILTER (WHERE ${FIGURE_SQL.ADDRESS_BY_RELEASE})::int AS a0,
                count(*) FILTER (WHERE ${FIGURE_SQL.ADDRESS_NOT_BY_RELEASE})::int AS anot,
                count(*) FILTER (WHERE ${FIGURE_SQL.TOLD_14_DAYS})::int AS told,
                count(*) FILTER (WHERE ${FIGURE_SQL.ETE_BY_RELEASE})::int AS ete,
                count(*) FILTER (WHERE ${FIGURE_SQL.PLAN_VIEWS_EVERY_PATHWAY})::int AS views,
                count(*) FILTER (WHERE ${FIGURE_SQL.PLAN_EXPLAINED})::int AS explained,
                count(*) FILTER (WHERE ${FIGURE_SQL.PLAN_AGREED})::int AS agreed,
                count(*) FILTER (WHERE ${FIGURE_SQL.INITIAL_MEETING_IN_TIME})::int AS initial,
                count(*) FILTER (WHERE ${FIGURE_SQL.PRE_RELEASE_MEETING_IN_TIME})::int AS pre_release,
                count(*) FILTER (WHERE ${FIGURE_SQL.CASE_MANAGER_NONE})::int AS cm_none,
                count(*) FILTER (WHERE ${FIGURE_SQL.CASE_MANAGER_NO_CHANGE})::int AS cm0,
                count(*) FILTER (WHERE ${FIGURE_SQL.CASE_MANAGER_ONE_CHANGE})::int AS cm1,
                count(*) FILTER (WHERE ${FIGURE_SQL.CASE_MANAGER_TWO_OR_MORE_CHANGES})::int AS cm2,
                count(*) FILTER (WHERE ${FIGURE_SQL.INTERVENTION_REPEATED})::int AS repeated,
                count(*) FILTER (WHERE ${FIGURE_SQL.FIRST_NIGHT_AS_PLANNED})::int AS first_night,
                count(*) FILTER (WHERE ${FIGURE_SQL.ETE_STARTED_AS_PLANNED})::int AS ete_started,
                count(*) FILTER (WHERE ${FIGURE_SQL.HEALTH_HANDOVER_BY_RELEASE})::int AS health_handover,
                count(*) FILTER (WHERE ${FIGURE_SQL.RELEASE_DAY_PLAN_CONFIRMED})::int AS release_day_plan
           FROM per`,
        params,
      ) as Promise<Record<string, number>[]>,
      this.dataSource.query(
        `WITH r AS (${released})
         SELECT m.key,
                count(*) FILTER (WHERE m.status = 'MET' AND (m.due_date IS NULL OR ${day('m.met_at')} <= m.due_date))::int AS on_time,
                count(*) FILTER (WHERE m.status = 'MET' AND ${day('m.met_at')} > m.due_date)::int AS late,
                count(*) FILTER (WHERE m.status IN ('PENDING', 'MISSED'))::int AS not_met,
                count(*) FILTER (WHERE m.status = 'WAIVED')::int AS waived,
                count(*) FILTER (WHERE x.level IS NULL)::int AS esc0,
                count(*) FILTER (WHERE x.level = 1)::int AS esc1,
                count(*) FILTER (WHERE x.level = 2)::int AS esc2,
                count(*) FILTER (WHERE x.level >= 3)::int AS esc3
           FROM milestone m JOIN r ON r.id = m.episode_id
           -- The highest level of the ladder the deadline reached, for any of its due dates (none: never escalated).
           LEFT JOIN LATERAL (SELECT max(e.level) AS level FROM milestone_escalation e WHERE e.milestone_id = m.id) x
             ON true
          GROUP BY m.key`,
        params,
      ) as Promise<
        {
          key: MilestoneKey;
          on_time: number;
          late: number;
          not_met: number;
          waived: number;
          esc0: number;
          esc1: number;
          esc2: number;
          esc3: number;
        }[]
      >,
    ]);
    const c = children[0];
    const byKey = new Map(deadlines.map((d) => [d.key, d]));
    return {
      released: c.released,
      address: [c.a28, c.a14, c.a0, c.anot],
      toldAtLeast14: c.told,
      eteByRelease: c.ete,
      plan: {
        viewsEveryPathway: c.views,
        explained: c.explained,
        agreed: c.agreed,
        initialMeetingInTime: c.initial,
        preReleaseMeetingInTime: c.pre_release,
      },
      caseManagerChanges: [c.cm_none, c.cm0, c.cm1, c.cm2],
      interventionRepeated: c.repeated,
      release: {
        firstNightAsPlanned: c.first_night,
        eteStartedAsPlanned: c.ete_started,
        healthHandoverByRelease: c.health_handover,
        releaseDayPlanConfirmed: c.release_day_plan,
      },
      deadlines: MILESTONE_KEYS.map((key) => {
        const d = byKey.get(key);
        return {
          key,
          metOnTime: d?.on_time ?? 0,
          metLate: d?.late ?? 0,
          notMet: d?.not_met ?? 0,
          waived: d?.waived ?? 0,
          escalated: [d?.esc0 ?? 0, d?.esc1 ?? 0, d?.esc2 ?? 0, d?.esc3 ?? 0],
        };
      }),
    };
  }
}
