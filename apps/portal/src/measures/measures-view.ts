import { addCalendarMonths, addDays, endOfMonth, type IsoDate, monthAndYear } from '@resettle/common';
import { govukDate } from '../http/view-filters';
import { MILESTONE_LABELS } from '../plans/plan-labels';

export interface MeasuresPeriodChoice {
  /** The query string's value: `2026-10` for a month, `12m-2026-10` for the 12 months to the end of that month. */
  value: string;
  text: string;
  from: IsoDate;
  to: IsoDate;
}

/**
 * The periods a person can choose: each of the last 12 whole months (last month first, the default), and the 12
 * months to the end of last month. Whole months only: a month still running would change under the reader.
 */
export function measuresPeriods(today: IsoDate): MeasuresPeriodChoice[] {
  const thisMonth = `${today.slice(0, 7)}-01`;
  const months = Array.from({ length: 12 }, (_, i) => {
    const from = addCalendarMonths(thisMonth, -(i + 1));
    return { value: from.slice(0, 7), text: monthAndYear(from), from, to: endOfMonth(from) };
  });
  const last = months[0];
  const yearFrom = addCalendarMonths(addDays(last.to, 1), -12);
  return [
    ...months,
    {
      value: `12m-${last.value}`,
      text: `12 months to ${last.text}`,
      from: yearFrom,
      to: last.to,
    },
  ];
}

/** The period asked for in the query string; anything unknown is last month. */
export function chosenPeriod(value: unknown, today: IsoDate): MeasuresPeriodChoice {
  const periods = measuresPeriods(today);
  return periods.find((p) => p.value === value) ?? periods[0];
}

interface Count {
  display: string;
}
interface Figure {
  key: string;
  label: string;
  numerator: Count;
  denominator: Count;
  percentage: number | null;
}
export interface Measures {
  released: Count;
  accommodation: Figure[];
  childTold: Figure[];
  ete: Figure[];
  deadlines: { key: string; metOnTime: Count; metLate: Count; notMet: Count; waived: Count; total: Count }[];
}

const percent = (f: Figure) => (f.percentage === null ? '' : `${f.percentage}%`);

/**
 * The CSV of the measures: the same suppressed counts as the page (the api never sends a hidden count), one line a
 * figure, then one a kind of deadline.
 */
export function measuresCsvRows(m: Measures, period: MeasuresPeriodChoice, area: string): string[][] {
  const heading = [`Children released ${govukDate(period.from)} to ${govukDate(period.to)}, ${area}`];
  const figures = [...m.accommodation, ...m.childTold, ...m.ete].map((f) => [
    f.label,
    f.numerator.display,
    f.denominator.display,
    percent(f),
  ]);
  const deadlines = m.deadlines.map((d) => [
    MILESTONE_LABELS[d.key] ?? d.key,
    d.metOnTime.display,
    d.metLate.display,
    d.notMet.display,
    d.waived.display,
    d.total.display,
  ]);
  return [
    heading,
    ['Measure', 'Children', 'Of children released', 'Per cent'],
    ...figures,
    [],
    ['Deadline', 'Met on time', 'Met late', 'Not met', 'Waived', 'Total'],
    ...deadlines,
  ];
}
