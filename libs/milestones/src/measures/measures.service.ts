import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChildrenService } from '@resettle/children';
import { caseManagerChangesForEpisodesSql, CustodyService, ReleasedPopulation } from '@resettle/custody';
import { londonDaySql } from '@resettle/database';
import { planMeasuresForEpisodesSql } from '@resettle/planning';
import { MilestoneKey } from '../milestone-enums';
import { MILESTONE_KEYS } from '../rules/milestone-policy';
import { BREAKDOWN_MEASURES, BreakdownDimension, BreakdownMeasure, GroupCounts } from './rules/measure-breakdowns';
import { MeasureCounts, MeasureFigure } from './rules/resettlement-measures';

export interface MeasuresPeriod {
  from: string;
  to: string;
}

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

/** The day the episode's milestone `key` was met (the day of its fact; `on` for another), in `milestonesSql`. */
const metOn = (key: MilestoneKey, on = londonDaySql('m.met_at')) =>
  `max(${on}) FILTER (WHERE m.key = '${key}' AND m.status = 'MET')`;
/** A milestone's current due date (null: none yet, or no such milestone): in `milestonesSql`. */
const dueOn = (key: MilestoneKey) => `max(m.due_date) FILTER (WHERE m.key = '${key}')`;

/**
 * The milestones `per` reads, for the headline figures, the breakdowns and months (every yes-measure, the meetings'
 * included) and the children behind them: every day it has.
 */
const PER_KEYS = [
  MilestoneKey.ACCOMMODATION_CONFIRMED,
  MilestoneKey.CHILD_TOLD_WHERE_LIVING,
  MilestoneKey.ETE_PLACE_CONFIRMED,
  MilestoneKey.INITIAL_PLANNING_MEETING,
  MilestoneKey.DETENTION_PLACEMENT_PLAN,
  MilestoneKey.PRE_RELEASE_MEETING_HELD,
];

/**
 * The milestone days of each episode of `episodes` (a subquery of `(id)`, each once), in one pass over their
 * milestones of `keys` (one row a milestone and key: `uq_milestone_episode_key`; another key's days are null), one
 * row per episode with any.
 */
const milestonesSql = (episodes: string, keys: readonly MilestoneKey[]) => `SELECT m.episode_id,
         ${metOn(MilestoneKey.ACCOMMODATION_CONFIRMED)} AS address_on,
         ${metOn(MilestoneKey.CHILD_TOLD_WHERE_LIVING, `CAST(m.evidence->>'toldOn' AS date)`)} AS told_on,
         ${metOn(MilestoneKey.ETE_PLACE_CONFIRMED)} AS ete_on,
         coalesce(${metOn(MilestoneKey.INITIAL_PLANNING_MEETING)}, ${metOn(MilestoneKey.DETENTION_PLACEMENT_PLAN)})
           AS initial_meeting_on,
         coalesce(${dueOn(MilestoneKey.INITIAL_PLANNING_MEETING)}, ${dueOn(MilestoneKey.DETENTION_PLACEMENT_PLAN)})
           AS initial_meeting_due,
         ${metOn(MilestoneKey.PRE_RELEASE_MEETING_HELD)} AS pre_release_meeting_on,
         ${dueOn(MilestoneKey.PRE_RELEASE_MEETING_HELD)} AS pre_release_meeting_due
    FROM milestone m JOIN (${episodes}) x ON x.id = m.episode_id
   WHERE m.key IN (${keys.map((k) => `'${k}'`).join(', ')})
   GROUP BY m.episode_id`;

/** The parts of `per`, each one lib's facts: the milestones', custody's case manager's changes, planning's plan. */
type PerPart = 'milestones' | 'caseManager' | 'plan';
const PER_PARTS: readonly PerPart[] = ['milestones', 'caseManager', 'plan'];

/**
 * `per`: each child released (`r`: at least `id`, `released_on`) with the days their facts met, and their plan's facts
 * (planning's `planMeasuresForEpisodesSql`). The initial planning meeting is due 10 working days after sentence; a
 * child released from remand, never sentenced, has no such due date, and their INITIAL meeting (the same fact) is
 * judged by the detention placement plan's, 10 working days after remand. The pre-release meeting by its milestone's
 * due date, 20 working days before the earliest release date (none for a child released from remand: then held by the
 * day of release). The case manager's changes to the day of release (custody's `caseManagerChangesForEpisodesSql`:
 * null, nobody allocated), and whether the plan repeats an intervention of an earlier order (planning's, as the plan
 * stands). What happened at release, from planning's facts: the first night at the accommodation planned (the release
 * record; none recorded is a no), education, training or work started as planned (the release record says so, and an
 * ETE place was recorded by the day of release: "as planned" needs a plan), every health pathway needing a handover
 * handed over by the day of release, and the release-day plan confirmed by then (while it still is).
 * `released` is custody's `releasedInPeriodSql` (`r` that or with the groups): each part reads the children released
 * from it. Set-based (issue 23): the milestones, the case manager's assignments and the plans of all the children are
 * each read in one grouped pass and joined by episode, instead of about 25 lookups per child. `released` is repeated
 * in each part, not a CTE: PostgreSQL keeps no statistics on a CTE's columns and, joining on one, guesses 200
 * distinct ids (probing an index per child, or hashing the big table); on `custodial_episode` it knows them.
 * `parts`: whose facts (each figure's condition reads one part's columns and `released_on`, so the counts can be split
 * by part: `MeasuresService.measure`).
 */
const perSql = (r: string, released: string, { parts = PER_PARTS }: { parts?: readonly PerPart[] } = {}) => {
  const columns: Record<PerPart, string> = {
    milestones: `ms.address_on, ms.told_on, ms.ete_on, ms.initial_meeting_on, ms.initial_meeting_due,
                 ms.pre_release_meeting_on, ms.pre_release_meeting_due`,
    caseManager: `cm.case_manager_changes`,
    plan: `pl.explained_on, pl.agreed_on, coalesce(pl.views_every_pathway, false) AS views_every_pathway,
           coalesce(pl.intervention_repeated, false) AS intervention_repeated,
           pl.first_night_as_planned, pl.ete_started_as_planned, pl.ete_placed_on, pl.ete_start_date,
           pl.health_handover_on, pl.release_day_plan_confirmed_on`,
  };
  const joins: Record<PerPart, string> = {
    milestones: `LEFT JOIN (${milestonesSql(released, PER_KEYS)}) ms ON ms.episode_id = r.id`,
    caseManager: `LEFT JOIN (${caseManagerChangesForEpisodesSql(`SELECT id, released_on AS until_day FROM (${released}) x`)}) cm
                    ON cm.episode_id = r.id`,
    plan: `LEFT JOIN (${planMeasuresForEpisodesSql(released)}) pl ON pl.episode_id = r.id`,
  };
  return `SELECT ${['r.*', ...parts.map((part) => columns[part])].join(', ')}
            FROM (${r}) r
            ${parts.map((part) => joins[part]).join('\n')}`;
};

/** A count over `per`: the part whose columns its condition reads, and the condition (`FIGURE_SQL`'s). */
interface Counted {
  part: PerPart;
  yes: string;
}
const milestones = (yes: string): Counted => ({ part: 'milestones', yes });
const caseManager = (yes: string): Counted => ({ part: 'caseManager', yes });
const plan = (yes: string): Counted => ({ part: 'plan', yes });

/** The headline figures' counts over `per` (each a `Counted`, and its name known: `BREAKDOWN_COLUMNS` reads them). */
const HEADLINE_COLUMNS = {
  a28: milestones(FIGURE_SQL.ADDRESS_28_DAYS),
  a14: milestones(FIGURE_SQL.ADDRESS_14_DAYS),
  a0: milestones(FIGURE_SQL.ADDRESS_BY_RELEASE),
  anot: milestones(FIGURE_SQL.ADDRESS_NOT_BY_RELEASE),
  told: milestones(FIGURE_SQL.TOLD_14_DAYS),
  ete: milestones(FIGURE_SQL.ETE_BY_RELEASE),
  views: plan(FIGURE_SQL.PLAN_VIEWS_EVERY_PATHWAY),
  explained: plan(FIGURE_SQL.PLAN_EXPLAINED),
  agreed: plan(FIGURE_SQL.PLAN_AGREED),
  initial: milestones(FIGURE_SQL.INITIAL_MEETING_IN_TIME),
  pre_release: milestones(FIGURE_SQL.PRE_RELEASE_MEETING_IN_TIME),
  cm_none: caseManager(FIGURE_SQL.CASE_MANAGER_NONE),
  cm0: caseManager(FIGURE_SQL.CASE_MANAGER_NO_CHANGE),
  cm1: caseManager(FIGURE_SQL.CASE_MANAGER_ONE_CHANGE),
  cm2: caseManager(FIGURE_SQL.CASE_MANAGER_TWO_OR_MORE_CHANGES),
  repeated: plan(FIGURE_SQL.INTERVENTION_REPEATED),
  first_night: plan(FIGURE_SQL.FIRST_NIGHT_AS_PLANNED),
  ete_started: plan(FIGURE_SQL.ETE_STARTED_AS_PLANNED),
  health_handover: plan(FIGURE_SQL.HEALTH_HANDOVER_BY_RELEASE),
  release_day_plan: plan(FIGURE_SQL.RELEASE_DAY_PLAN_CONFIRMED),
} satisfies Record<string, Counted>;

/**
 * The breakdown measures' counts over `per`, per group (the breakdowns' and the trend's yes of each measure, in its
 * part's statement): its headline figure's count, but for the address at least 14 days before release, which counts
 * those at least 28 days before too (the headline's figure is the band).
 */
const BREAKDOWN_COLUMNS: Record<BreakdownMeasure, Counted> = {
  ADDRESS_28_DAYS: HEADLINE_COLUMNS.a28,
  ADDRESS_14_DAYS: milestones(`address_on <= released_on - 14`),
  TOLD_14_DAYS: HEADLINE_COLUMNS.told,
  ETE_BY_RELEASE: HEADLINE_COLUMNS.ete,
  PLAN_VIEWS_EVERY_PATHWAY: HEADLINE_COLUMNS.views,
  PLAN_EXPLAINED: HEADLINE_COLUMNS.explained,
  PLAN_AGREED: HEADLINE_COLUMNS.agreed,
  INITIAL_MEETING_IN_TIME: HEADLINE_COLUMNS.initial,
  PRE_RELEASE_MEETING_IN_TIME: HEADLINE_COLUMNS.pre_release,
  FIRST_NIGHT_AS_PLANNED: HEADLINE_COLUMNS.first_night,
  ETE_STARTED_AS_PLANNED: HEADLINE_COLUMNS.ete_started,
  HEALTH_HANDOVER_BY_RELEASE: HEADLINE_COLUMNS.health_handover,
  RELEASE_DAY_PLAN_CONFIRMED: HEADLINE_COLUMNS.release_day_plan,
};

const ALL_COLUMNS = [...Object.keys(HEADLINE_COLUMNS), ...BREAKDOWN_MEASURES];

/** Each child's group in every breakdown dimension (`releasedInPeriodWithGroupsSql`'s columns): dimension → column. */
const BREAKDOWN_GROUPS: Record<BreakdownDimension, string> = {
  ETHNIC_GROUP: 'ethnic_group',
  GENDER: 'gender',
  AGE_BAND: 'age_band',
  LOOKED_AFTER: 'looked_after',
  CARE_LEAVER: 'care_leaver',
  LEGAL_STATUS: 'legal_status',
};

/** A row of the children's counts: the headline (dimension null) or a group's. */
type CountsRow = { dimension: string | null; grp: string | null; released: number } & Record<string, number | null>;

interface DeadlineRow {
  key: MilestoneKey;
  on_time: number;
  late: number;
  not_met: number;
  waived: number;
  esc0: number;
  esc1: number;
  esc2: number;
  esc3: number;
}

/** What a read of the measures counts: the headline, the breakdowns and the months, suppressed together. */
export interface MeasuresCounted {
  counts: MeasureCounts;
  breakdowns: Map<BreakdownDimension, GroupCounts[]>;
  months: GroupCounts[];
}

/**
 * Runs `tasks` two at a time, in the order given: a read of the measures holds at most two of the pool's connections
 * (as the headline's two statements did before), however many statements it makes; four at once were no faster on 2
 * cores, and three national reads at once would have held 12 of the api's 10.
 */
async function twoAtATime(tasks: (() => Promise<void>)[]): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all([lane(), lane()]);
}

function headlineCounts(c: CountsRow, deadlines: DeadlineRow[]): MeasureCounts {
  const n = (column: keyof typeof HEADLINE_COLUMNS) => c[column]!;
  const byKey = new Map(deadlines.map((d) => [d.key, d]));
  return {
    released: c.released,
    address: [n('a28'), n('a14'), n('a0'), n('anot')],
    toldAtLeast14: n('told'),
    eteByRelease: n('ete'),
    plan: {
      viewsEveryPathway: n('views'),
      explained: n('explained'),
      agreed: n('agreed'),
      initialMeetingInTime: n('initial'),
      preReleaseMeetingInTime: n('pre_release'),
    },
    caseManagerChanges: [n('cm_none'), n('cm0'), n('cm1'), n('cm2')],
    interventionRepeated: n('repeated'),
    release: {
      firstNightAsPlanned: n('first_night'),
      eteStartedAsPlanned: n('ete_started'),
      healthHandoverByRelease: n('health_handover'),
      releaseDayPlanConfirmed: n('release_day_plan'),
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

  /**
   * A statement of the measures, in a transaction of its own with two settings for it alone (`SET LOCAL`): no JIT
   * compilation (PostgreSQL compiles a statement this size for 4 to 7 s, more than it takes to run it over 100,000
   * children, and then throws the code away) and 64 MB for each hash and sort (at the default 4 MB, the hashes of
   * 100,000 children's milestones, pathways and escalations spill to disk).
   */
  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
      return manager.query(sql, params) as Promise<T[]>;
    });
  }

  /** The name each child is known by (preferred or given name, family name), by id. */
  async namesOf(childIds: readonly string[]): Promise<Map<string, string>> {
    const found = await this.children.findByIds(childIds);
    return new Map(
      found.flatMap((c) => (c ? [[c.id, `${c.preferredName ?? c.givenName} ${c.familyName}`] as const] : [])),
    );
  }

  /**
   * The measures of the children released in the period: the headline figures (the children's and, at the same time,
   * the deadlines'), the breakdowns and the months. They are always counted together, since they are published
   * together (`publishMeasuresPage`): `per` is worked out once per part, `MATERIALIZED` for the headline row and the
   * grouping sets that both read it.
   */
  async measure(period: MeasuresPeriod, population: ReleasedPopulation | null): Promise<MeasuresCounted> {
    // dimension → its group's expression over `per`; each child counted once in each dimension (a grouping set each).
    const groups: [string, string][] = [
      ...Object.entries(BREAKDOWN_GROUPS),
      ['MONTH', `to_char(released_on, 'YYYY-MM')`],
    ];
    // In a row of the grouping sets, `value` of the dimension it groups by.
    const ofGroup = (value: (dimension: string, expression: string) => string) =>
      `CASE ${groups.map(([dimension, expression]) => `WHEN grouping(${expression}) = 0 THEN ${value(dimension, expression)}`).join(' ')} END`;
    const own = (columns: Record<string, Counted>, part: PerPart) =>
      Object.fromEntries(Object.entries(columns).filter(([, c]) => c.part === part));
    // One statement per part of `per` (each figure reads one part's facts), so that none reads another lib's tables
    // for nothing and two can run at once (`twoAtATime`). Each statement's rows: the headline one row (its dimension
    // null), the groups one row each; a column another part counts is null in its rows.
    const statement = (part: PerPart): (() => Promise<CountsRow[]>) | null => {
      const headline = own(HEADLINE_COLUMNS, part);
      const grouped = own(BREAKDOWN_COLUMNS, part);
      const columns = (counted: Record<string, Counted>) =>
        ALL_COLUMNS.map((name) =>
          name in counted ? `count(*) FILTER (WHERE ${counted[name].yes})::int AS "${name}"` : `NULL::int AS "${name}"`,
        ).join(', ');
      const selects = [
        ...(Object.keys(headline).length
          ? [
              `SELECT NULL::text AS dimension, NULL::text AS grp, count(*)::int AS released, ${columns(headline)} FROM per`,
            ]
          : []),
        ...(Object.keys(grouped).length
          ? [
              `SELECT ${ofGroup((dimension) => `'${dimension}'`)} AS dimension,
                      ${ofGroup((_, expression) => expression)} AS grp,
                      count(*)::int AS released, ${columns(grouped)}
                 FROM per
                GROUP BY GROUPING SETS (${groups.map(([, expression]) => `(${expression})`).join(', ')})`,
            ]
          : []),
      ];
      if (!selects.length) return null;
      const params: unknown[] = [];
      const param = (value: unknown, type: string) => {
        params.push(value);
        return `CAST($${params.length} AS ${type})`;
      };
      const released = this.custody.releasedInPeriodSql(period, population, param);
      const r = Object.keys(grouped).length
        ? this.custody.releasedInPeriodWithGroupsSql(period, population, param)
        : released;
      return () =>
        this.query<CountsRow>(
          `WITH per AS ${selects.length > 1 ? 'MATERIALIZED' : ''} (${perSql(r, released, { parts: [part] })})
         ${selects.join(' UNION ALL ')}`,
          params,
        );
    };
    const statements = (['plan', 'milestones', 'caseManager'] as const)
      .map(statement)
      .filter((s): s is () => Promise<CountsRow[]> => s !== null);
    const results: CountsRow[][] = [];
    const deadlines: DeadlineRow[] = [];
    const counted = (s: () => Promise<CountsRow[]>) => async () => void results.push(await s());
    // The biggest first (the plan's, and the deadlines' with it), so that the two lanes end about together.
    await twoAtATime([
      ...statements.slice(0, 1).map(counted),
      async () => void deadlines.push(...(await this.deadlineCounts(period, population))),
      ...statements.slice(1).map(counted),
    ]);
    // The parts' rows merged by group: each column from the part that counts it.
    const merged = new Map<string, CountsRow>();
    for (const row of results.flat()) {
      const key = `${row.dimension}|${row.grp}`;
      const into = merged.get(key);
      if (!into) merged.set(key, { ...row });
      else
        for (const [column, value] of Object.entries(row))
          if (value !== null) (into as Record<string, unknown>)[column] = value;
    }
    const rows = [...merged.values()];
    const groupCounts = (row: CountsRow): GroupCounts => ({
      group: row.grp!,
      released: row.released,
      yes: Object.fromEntries(BREAKDOWN_MEASURES.map((m) => [m, row[m]!])) as Record<BreakdownMeasure, number>,
    });
    const byDimension = new Map<BreakdownDimension, GroupCounts[]>();
    const months: GroupCounts[] = [];
    for (const row of rows) {
      if (row.dimension === null) continue;
      if (row.dimension === 'MONTH') months.push(groupCounts(row));
      else
        byDimension.set(row.dimension as BreakdownDimension, [
          ...(byDimension.get(row.dimension as BreakdownDimension) ?? []),
          groupCounts(row),
        ]);
    }
    const headline = rows.find((row) => row.dimension === null)!;
    return { counts: headlineCounts(headline, deadlines), breakdowns: byDimension, months };
  }

  /**
   * Each deadline's outcomes, and the highest level of the ladder it reached for any of its due dates (none: never
   * escalated), of the children released (`released`). The escalations are read in one pass, grouped by deadline,
   * rather than looked up deadline by deadline (issue 23: 800,000 lookups for 100,000 children). For England and
   * Wales, the escalations of every deadline are grouped first and then joined (most are the children's, and
   * hashing their milestones to pick them out costs more than grouping them all); for a scope, only its own
   * deadlines' escalations are read (an index lookup each when they are few).
   */
  private deadlineCounts(period: MeasuresPeriod, population: ReleasedPopulation | null): Promise<DeadlineRow[]> {
    const params: unknown[] = [];
    const param = (value: unknown, type: string) => {
      params.push(value);
      return `CAST($${params.length} AS ${type})`;
    };
    const released = this.custody.releasedInPeriodSql(period, population, param);
    const escalations = population
      ? `milestone_escalation e JOIN milestone em ON em.id = e.milestone_id
         JOIN (${released}) er ON er.id = em.episode_id`
      : `milestone_escalation e`;
    return this.query<DeadlineRow>(
      `SELECT m.key,
              count(*) FILTER (WHERE m.status = 'MET' AND (m.due_date IS NULL OR ${londonDaySql('m.met_at')} <= m.due_date))::int AS on_time,
              count(*) FILTER (WHERE m.status = 'MET' AND ${londonDaySql('m.met_at')} > m.due_date)::int AS late,
              count(*) FILTER (WHERE m.status IN ('PENDING', 'MISSED'))::int AS not_met,
              count(*) FILTER (WHERE m.status = 'WAIVED')::int AS waived,
              count(*) FILTER (WHERE x.level IS NULL)::int AS esc0,
              count(*) FILTER (WHERE x.level = 1)::int AS esc1,
              count(*) FILTER (WHERE x.level = 2)::int AS esc2,
              count(*) FILTER (WHERE x.level >= 3)::int AS esc3
         FROM milestone m JOIN (${released}) r ON r.id = m.episode_id
         LEFT JOIN (SELECT e.milestone_id, max(e.level) AS level
                      FROM ${escalations}
                     GROUP BY e.milestone_id) x ON x.milestone_id = m.id
        GROUP BY m.key`,
      params,
    );
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
    const rows: (Omit<FigureChild, 'releasedOn'> & { releasedOn: string; total: number })[] = await this.query(
      `WITH per AS (${perSql(released, released)})
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
}
