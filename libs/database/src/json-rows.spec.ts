import type { EntityMetadata } from 'typeorm';
import { jsonRowShape } from './json-rows';

/** Enough of TypeORM's metadata for the shape: a milestone-like table. */
const metadata = {
  columns: [
    { propertyName: 'id', databaseName: 'id', type: 'uuid', isPrimary: true },
    { propertyName: 'episodeId', databaseName: 'episode_id', type: 'uuid' },
    { propertyName: 'key', databaseName: 'key', type: 'enum' },
    { propertyName: 'dueDate', databaseName: 'due_date', type: 'date' },
    { propertyName: 'evidence', databaseName: 'evidence', type: 'text' },
    { propertyName: 'metAt', databaseName: 'met_at', type: 'timestamptz' },
    { propertyName: 'createdAt', databaseName: 'created_at', type: 'timestamptz', isCreateDate: true },
  ],
} as unknown as EntityMetadata;

const columnsOf = (sql: string) => [...sql.matchAll(/AS "(\w+)"/g)].map((m) => m[1]);

describe('jsonRowShape', () => {
  const shape = jsonRowShape<Record<string, unknown>>(metadata);

  it.each([
    // [fields asked for, columns read]
    [undefined, ['id', 'episodeId', 'key', 'dueDate', 'evidence', 'metAt', 'createdAt']],
    [null, ['id', 'episodeId', 'key', 'dueDate', 'evidence', 'metAt', 'createdAt']],
    // Only what is asked, and always the ids and references (access checks and loaders need them).
    [
      ['key', 'dueDate'],
      ['id', 'episodeId', 'key', 'dueDate'],
    ],
    [[], ['id', 'episodeId']],
    // A field that is not a column is a resolver's, which may read anything: every column.
    [
      ['key', 'dueInDays'],
      ['id', 'episodeId', 'key', 'dueDate', 'evidence', 'metAt', 'createdAt'],
    ],
  ])('with fields %j reads %j', (fields, columns) => {
    expect(columnsOf(shape.select('m', fields as string[] | null | undefined))).toEqual(columns);
  });

  it.each([
    // [fields asked for, kept by the caller, columns read]: with `keep`, no other id or reference.
    [['key', 'dueDate'], [], ['key', 'dueDate']],
    [['key'], ['id', 'dueDate'], ['id', 'key', 'dueDate']],
    [['key', 'dueInDays'], ['id'], ['id', 'episodeId', 'key', 'dueDate', 'evidence', 'metAt', 'createdAt']],
    [null, ['id'], ['id', 'episodeId', 'key', 'dueDate', 'evidence', 'metAt', 'createdAt']],
  ])('with fields %j, keeping %j, reads %j', (fields, keep, columns) => {
    expect(columnsOf(shape.select('m', fields as string[] | null, keep as string[]))).toEqual(columns);
  });

  it('refuses to keep a column the entity does not have', () => {
    expect(() => shape.select('m', ['key'], ['episodeid'])).toThrow('has no column episodeid');
  });

  it('gives timestamps back as Dates, and leaves dates as YYYY-MM-DD and absent columns absent', () => {
    const row = shape.decode({
      id: 'a',
      dueDate: '2026-12-01',
      metAt: '2026-12-01T10:00:00.123+00:00',
      createdAt: null,
    });
    expect(row).toEqual({
      id: 'a',
      dueDate: '2026-12-01',
      metAt: new Date('2026-12-01T10:00:00.123Z'),
      createdAt: null,
    });
    expect('evidence' in row).toBe(false);
  });

  it("applies a column's transformers as TypeORM does (the last one first), only to columns read", () => {
    const withTime = jsonRowShape<Record<string, unknown>>({
      columns: [
        { propertyName: 'id', databaseName: 'id', type: 'uuid', isPrimary: true },
        {
          propertyName: 'meetingTime',
          databaseName: 'meeting_time',
          type: 'time',
          transformer: { to: (v: unknown) => v, from: (v: string | null) => v?.slice(0, 5) ?? v },
        },
        {
          propertyName: 'both',
          databaseName: 'both',
          type: 'text',
          transformer: [
            { to: (v: unknown) => v, from: (v: string) => `${v}+first` },
            { to: (v: unknown) => v, from: (v: string) => `${v}+second` },
          ],
        },
      ],
    } as unknown as EntityMetadata);
    expect(withTime.decode({ id: 'a', meetingTime: '09:30:00', both: 'x' })).toEqual({
      id: 'a',
      meetingTime: '09:30',
      both: 'x+second+first',
    });
    expect(withTime.decode({ id: 'a', meetingTime: null })).toEqual({ id: 'a', meetingTime: null });
  });
});
