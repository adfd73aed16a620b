/**
 * The day in England and Wales (`date`) of a `timestamptz` column: what the measures count a moment in (released on,
 * answered on, agreed on), by the clocks people there read, summer time included. One spelling for every feature, and
 * the same expression the released-day indexes are built on (migrations 1796420000000 and 1796440000000), so a
 * statement that filters by it can use them.
 */
export function londonDaySql(column: string): string {
  return `(${column} AT TIME ZONE 'Europe/London')::date`;
}
