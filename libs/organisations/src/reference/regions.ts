/**
 * The areas the measures are counted for between a local authority and England and Wales: the nine English regions
 * (ONS, the `region` of every English authority in `local-authorities.ts`) and Wales. An organisation's `region` is
 * its local authority's.
 */
export const REGIONS = [
  'North East',
  'North West',
  'Yorkshire and the Humber',
  'East Midlands',
  'West Midlands',
  'East of England',
  'London',
  'South East',
  'South West',
  'Wales',
] as const;

export type Region = (typeof REGIONS)[number];
