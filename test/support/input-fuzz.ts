import {
  getNamedType,
  getNullableType,
  GraphQLInputType,
  GraphQLNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
} from 'graphql';
import { RootOperation } from './schema-operations';

/**
 * Generates bad input for every argument of every query and mutation, from the schema's own types: a new operation,
 * argument or input field is fuzzed without anyone adding it here. Each case is a valid-looking call (the
 * baseline, with real ids from the test's world) with one value replaced.
 */

type Path = (string | number)[];

/** A value to try, and a name for it in the report. */
interface FuzzValue {
  label: string;
  value: unknown;
  /** No valid call carries this value, whatever the field: it must be refused, never stored. */
  invalid?: boolean;
}

export interface FuzzCase {
  operation: RootOperation;
  /** The arguments sent: the baseline with one value replaced. */
  args: Record<string, unknown>;
  /** Where the value was replaced (`input.offer.startDate`), and by what. */
  path: string;
  label: string;
  /** The value is one no valid call carries (see FuzzValue.invalid). */
  invalid: boolean;
  /** Sent as a literal inside the document rather than as a variable. */
  inline: boolean;
}

/** What a valid value of a field looks like in the test's world (real ids, plausible text). */
export interface Baseline {
  id(name: string, operation: string): string;
  /** A real id of some other kind of record than `name` names (a child's id where an episode's is wanted). */
  wrongId(name: string, operation: string): string;
  string(name: string, description: string | undefined): string;
  int(name: string): number;
  dateTime(name: string): string;
}

/** mulberry32: a small, well-distributed PRNG, so the same seed gives the same cases on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const NUL: FuzzValue = { label: 'a NUL character', value: 'before\u0000after', invalid: true };
const LONE_SURROGATE: FuzzValue = { label: 'a lone surrogate', value: 'broken \ud800 text', invalid: true };

/** Bad or awkward text; NUL and a lone surrogate are tried on every string, a few of the rest at random. */
const STRINGS: FuzzValue[] = [
  { label: 'empty', value: '' },
  { label: 'blank', value: '   ' },
  { label: 'huge (100,000 characters)', value: 'é'.repeat(100_000) },
  { label: 'only NUL', value: '\u0000', invalid: true },
  { label: 'a lone low surrogate', value: 'a\udc00b', invalid: true },
  { label: 'right-to-left override', value: '\u202egnp.exe' },
  { label: 'Arabic (right to left)', value: 'مرحبا بالعالم' },
  { label: 'zero-width characters', value: 'a\u200b\u200c\u200d\ufeffb' },
  { label: 'emoji (surrogate pairs)', value: '👩‍👩‍👧 ✔' },
  { label: 'control characters', value: '\u0007\u001b[31m\r\n\t' },
  { label: 'SQL', value: "'; DROP TABLE child; --" },
  { label: 'LIKE wildcards', value: '%_\\' },
  { label: 'an impossible date', value: '2026-02-30' },
  { label: 'month 13', value: '2026-13-01' },
  { label: 'year 0', value: '0000-01-01' },
  { label: 'an impossible date-time', value: '2026-02-30T10:00:00Z' },
  { label: 'a number', value: 12345, invalid: true },
];

const INTS: FuzzValue[] = [
  { label: '-1', value: -1 },
  { label: '0', value: 0 },
  { label: 'the smallest Int', value: -2147483648 },
  { label: 'the largest Int', value: 2147483647 },
  { label: 'beyond Int', value: 2147483648, invalid: true },
  { label: 'a fraction', value: 1.5, invalid: true },
  { label: 'a numeric string', value: '7', invalid: true },
  { label: 'a million', value: 1_000_000 },
];

const FLOATS: FuzzValue[] = [
  { label: '-1', value: -1 },
  { label: '1e308', value: 1e308 },
  { label: '-1e308', value: -1e308 },
  { label: 'a string', value: 'one', invalid: true },
];

const BOOLEANS: FuzzValue[] = [
  { label: 'the string "true"', value: 'true', invalid: true },
  { label: '0', value: 0, invalid: true },
];

const DATE_TIMES: FuzzValue[] = [
  { label: '30 February 2026', value: '2026-02-30T10:00:00Z', invalid: true },
  { label: '30 February 2027', value: '2027-02-30T10:00:00Z', invalid: true },
  { label: '29 February 2026 (not a leap year)', value: '2026-02-29T10:00:00Z', invalid: true },
  { label: 'hour 25', value: '2026-11-20T25:00:00Z', invalid: true },
  { label: 'a date without a time', value: '2026-11-20', invalid: true },
  { label: 'empty', value: '', invalid: true },
  { label: 'words', value: 'yesterday', invalid: true },
  { label: 'year 1', value: '0001-01-01T00:00:00Z' },
  { label: 'year 9999', value: '9999-12-31T23:59:59Z' },
  { label: 'a number', value: 0, invalid: true },
  { label: '+14:00 offset', value: '2026-11-20T09:00:00+14:00' },
  { label: 'a NUL character', value: '2026-11-20T09:00:00Z\u0000', invalid: true },
];

function idValues(baseline: Baseline, name: string, operation: string): FuzzValue[] {
  return [
    { label: 'empty', value: '' },
    { label: 'not a UUID', value: 'not-a-uuid' },
    { label: 'a number', value: 12345 },
    { label: 'the nil UUID', value: '00000000-0000-0000-0000-000000000000' },
    { label: 'an upper-case UUID', value: baseline.id(name, operation).toUpperCase() },
    { label: 'an id of the wrong type', value: baseline.wrongId(name, operation) },
    { label: 'huge (10,000 characters)', value: 'f'.repeat(10_000) },
    { label: 'SQL', value: "' OR '1'='1" },
  ];
}

function enumValues(type: GraphQLNamedType): FuzzValue[] {
  const first = isEnumType(type) ? (type.getValues()[0]?.name ?? 'X') : 'X';
  return [
    { label: 'a value that is not in the enum', value: 'NOT_A_VALUE', invalid: true },
    { label: 'lower case', value: first.toLowerCase(), invalid: true },
    { label: 'empty', value: '', invalid: true },
  ];
}

/** A plausible value of `type` for the field `name`: required fields only for input objects. */
function baselineValue(
  type: GraphQLInputType,
  name: string,
  description: string | undefined,
  operation: string,
  baseline: Baseline,
): unknown {
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) return [baselineValue(inner.ofType, name, description, operation, baseline)];
  if (isInputObjectType(inner)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) {
        out[field.name] = baselineValue(field.type, field.name, field.description ?? undefined, operation, baseline);
      }
    }
    return out;
  }
  if (isEnumType(inner)) return inner.getValues()[0].name;
  switch (inner.name) {
    case 'ID':
      return baseline.id(name, operation);
    case 'String':
      return baseline.string(name, description);
    case 'Int':
      return baseline.int(name);
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'DateTime':
      return baseline.dateTime(name);
    default:
      return {};
  }
}

/** The baseline arguments of an operation: its required arguments (and their required fields). */
function baselineArgs(operation: RootOperation, baseline: Baseline): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const arg of operation.field.args) {
    if (isNonNullType(arg.type) && arg.defaultValue === undefined) {
      args[arg.name] = baselineValue(arg.type, arg.name, arg.description ?? undefined, operation.name, baseline);
    }
  }
  return args;
}

interface Slot {
  path: Path;
  type: GraphQLInputType;
  name: string;
  description: string | undefined;
}

/** Every argument, and every field inside input objects down to `depth` levels (lists by their first item). */
function slotsOf(operation: RootOperation, depth = 3): Slot[] {
  const out: Slot[] = [];
  const visit = (type: GraphQLInputType, name: string, description: string | undefined, path: Path, level: number) => {
    out.push({ path, type, name, description });
    const inner = getNullableType(type) as GraphQLInputType;
    if (isListType(inner)) {
      const item = getNullableType(inner.ofType) as GraphQLInputType;
      if (isInputObjectType(item)) visit(inner.ofType, name, description, [...path, 0], level);
      return;
    }
    if (isInputObjectType(inner) && level < depth) {
      for (const field of Object.values(inner.getFields())) {
        visit(field.type, field.name, field.description ?? undefined, [...path, field.name], level + 1);
      }
    }
  };
  for (const arg of operation.field.args) visit(arg.type, arg.name, arg.description ?? undefined, [arg.name], 0);
  return out;
}

/** The type found by following `path` from the operation's arguments. */
function typeAt(operation: RootOperation, path: Path): GraphQLInputType {
  let type = operation.field.args.find((a) => a.name === path[0])!.type as GraphQLInputType;
  for (const step of path.slice(1)) {
    const inner = getNullableType(type) as GraphQLInputType;
    if (isListType(inner)) type = inner.ofType;
    else if (isInputObjectType(inner)) type = inner.getFields()[step as string].type;
  }
  return type;
}

/** `args` with the value at `path` replaced, making any object or list on the way from the baseline. */
function withValueAt(
  operation: RootOperation,
  args: Record<string, unknown>,
  path: Path,
  value: unknown,
  baseline: Baseline,
): Record<string, unknown> {
  const out = structuredClone(args);
  let container: any = out;
  for (let i = 0; i < path.length - 1; i++) {
    const step = path[i];
    if (container[step] === undefined || container[step] === null) {
      const type = typeAt(operation, path.slice(0, i + 1));
      const name = String(typeof step === 'number' ? path[i - 1] : step);
      container[step] = baselineValue(type, name, undefined, operation.name, baseline);
    }
    container = container[step];
  }
  container[path[path.length - 1]] = value;
  return out;
}

/** A few at random (every one when there are few). */
function some<T>(values: T[], count: number, random: () => number): T[] {
  if (values.length <= count) return values;
  const pool = [...values];
  const out: T[] = [];
  while (out.length < count) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return out;
}

function valuesFor(
  slot: Slot,
  operation: RootOperation,
  baseline: Baseline,
  random: () => number,
  perSlot: number,
): FuzzValue[] {
  const inner = getNullableType(slot.type) as GraphQLInputType;
  const nullable = !isNonNullType(slot.type);
  const values: FuzzValue[] = [];
  if (nullable) values.push({ label: 'explicit null', value: null });
  else if (random() < 0.2) values.push({ label: 'null for a required value', value: null, invalid: true });

  if (isListType(inner)) {
    const item = baselineValue(inner.ofType, slot.name, slot.description, operation.name, baseline);
    values.push({ label: 'an empty list', value: [] });
    values.push({ label: 'a list of 2,000', value: Array.from({ length: 2_000 }, () => structuredClone(item)) });
    if (!isInputObjectType(getNullableType(inner.ofType))) {
      // A list of leaves: fuzz its first item too.
      values.push(
        ...leafValues(getNamedType(inner.ofType), slot, operation, baseline, random, perSlot).map((v) => ({
          ...v,
          label: `[${v.label}]`,
          value: [v.value],
        })),
      );
    }
    return values;
  }
  if (isInputObjectType(inner)) {
    values.push({ label: 'an empty object', value: {} });
    return values;
  }
  return [...values, ...leafValues(inner as GraphQLNamedType, slot, operation, baseline, random, perSlot)];
}

function leafValues(
  type: GraphQLNamedType,
  slot: Slot,
  operation: RootOperation,
  baseline: Baseline,
  random: () => number,
  perSlot: number,
): FuzzValue[] {
  if (isEnumType(type))
    return [
      ...some(enumValues(type), perSlot, random),
      { label: 'a value the enum does not have', value: 'NOT_A_VALUE', invalid: true },
    ];
  switch (type.name) {
    case 'String':
      return [NUL, LONE_SURROGATE, ...some(STRINGS, perSlot, random)];
    case 'ID':
      return [NUL, LONE_SURROGATE, ...some(idValues(baseline, slot.name, operation.name), perSlot, random)];
    case 'Int':
      return some(INTS, perSlot, random);
    case 'Float':
      return some(FLOATS, perSlot, random);
    case 'Boolean':
      return BOOLEANS;
    case 'DateTime':
      return some(DATE_TIMES, perSlot + 1, random);
    default:
      return [NUL, { label: 'a string', value: 'text' }];
  }
}

const isHuge = (value: unknown): boolean =>
  (Array.isArray(value) && value.length > 100) || (typeof value === 'string' && value.length > 1000);

/**
 * The cases for one operation: its baseline call, then for every argument and input field explicit null, NUL and
 * a lone surrogate in text, and `perSlot` more values of its type chosen at random. About a third are sent as
 * literals in the document, the rest as variables.
 */
export function fuzzCases(operation: RootOperation, baseline: Baseline, random: () => number, perSlot = 3): FuzzCase[] {
  const args = baselineArgs(operation, baseline);
  const cases: FuzzCase[] = [
    { operation, args, path: '(baseline)', label: 'valid input', invalid: false, inline: false },
  ];
  for (const slot of slotsOf(operation)) {
    for (const { label, value, invalid } of valuesFor(slot, operation, baseline, random, perSlot)) {
      cases.push({
        operation,
        args: withValueAt(operation, args, slot.path, value, baseline),
        path: slot.path.join('.'),
        label,
        invalid: invalid ?? false,
        inline: !isHuge(value) && random() < 0.35,
      });
    }
  }
  return cases;
}

/** A value written as a GraphQL literal of `type` (strings JSON-escaped, which GraphQL's string syntax accepts). */
function printLiteral(value: unknown, type: GraphQLInputType): string {
  if (value === null || value === undefined) return 'null';
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) {
    return Array.isArray(value)
      ? `[${value.map((v) => printLiteral(v, inner.ofType)).join(', ')}]`
      : printLiteral(value, inner.ofType);
  }
  if (isInputObjectType(inner) && typeof value === 'object' && !Array.isArray(value)) {
    const fields = inner.getFields();
    return `{ ${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${printLiteral(v, fields[k]?.type ?? inner)}`)
      .join(', ')} }`;
  }
  if (
    isEnumType(inner) &&
    typeof value === 'string' &&
    /^[_A-Za-z][_0-9A-Za-z]*$/.test(value) &&
    !['true', 'false', 'null'].includes(value)
  ) {
    return value;
  }
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** The document (and variables) that sends a case. */
export function renderCase(c: FuzzCase): { query: string; variables?: Record<string, unknown> } {
  const { kind, name, field } = c.operation;
  const present = field.args.filter((a) => c.args[a.name] !== undefined);
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  if (c.inline) {
    const args = present
      .map((a) => `${a.name}: ${printLiteral(c.args[a.name], a.type as GraphQLInputType)}`)
      .join(', ');
    return { query: `${kind} { ${name}${args ? `(${args})` : ''}${selection} }` };
  }
  const definitions = present.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = present.map((a) => `${a.name}: $${a.name}`).join(', ');
  return {
    query: `${kind}${definitions ? `(${definitions})` : ''} { ${name}${args ? `(${args})` : ''}${selection} }`,
    variables: Object.fromEntries(present.map((a) => [a.name, c.args[a.name]])),
  };
}

/** `args` with every `expectedVersion` set to `version` (to retry a call refused only for a stale version). */
export function withVersion(args: Record<string, unknown>, version: number): Record<string, unknown> {
  const out = structuredClone(args);
  const visit = (value: unknown) => {
    if (!value || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach(visit);
    const record = value as Record<string, unknown>;
    if ('expectedVersion' in record) record.expectedVersion = version;
    Object.values(record).forEach(visit);
  };
  visit(out);
  return out;
}
