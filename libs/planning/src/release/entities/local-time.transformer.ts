import { ValueTransformer } from 'typeorm';

/** A PostgreSQL `time` ('09:30:00') shown and compared as 'HH:MM', the clock time people write. */
export const LOCAL_TIME: ValueTransformer = {
  to: (value: string | null | undefined) => value,
  from: (value: string | null) => (typeof value === 'string' ? value.slice(0, 5) : value),
};
