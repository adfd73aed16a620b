import { ArgumentNode, DocumentNode, Kind, ValueNode, visit } from 'graphql';
import { BadUserInputError, FieldErrors } from '@resettle/common';

/**
 * Text PostgreSQL cannot store, refused for every argument of every operation by one rule at the edge: a NUL
 * character (PostgreSQL's text has none) and a lone UTF-16 surrogate (half a character, which no encoding can
 * write). Left to the resolvers, they reached class-validator, PostgreSQL or the audit log's JSON and came back
 * INTERNAL. Checked before any resolver runs, so a refused call writes nothing (and, like any other request
 * GraphQL refuses before it runs, leaves no audit row).
 */

// Without the `u` flag a regular expression sees UTF-16 code units, so a surrogate that is not half of a pair shows.
// eslint-disable-next-line no-control-regex -- NUL is exactly what PostgreSQL cannot store in text.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `text` cannot be stored, for the person who sent it; null when it can. */
export function unstorableCharacterIn(text: string): string | null {
  const found = UNSTORABLE.exec(text);
  if (!found) return null;
  const code = found[0].charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return code === 0
    ? `contains a NUL character (${hex}), which cannot be stored; remove it`
    : `contains a broken character (${hex}, half of a UTF-16 surrogate pair), which cannot be stored; remove it`;
}

/**
 * The name of a value in `fieldErrors`, as the validation pipe gives it: the path inside an input-object argument
 * (`description`, `offer.startDate`, `actions.0.dueDate`), or the argument's own name (`episodeId`, `ids.2`).
 */
function fieldName(path: (string | number)[], argumentIsObject: boolean): string {
  return (argumentIsObject && path.length > 1 ? path.slice(1) : path).join('.');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every string in a JSON value (a variable's), with its path. */
function checkValue(value: unknown, path: (string | number)[], argumentIsObject: boolean, errors: FieldErrors): void {
  if (typeof value === 'string') {
    const problem = unstorableCharacterIn(value);
    if (problem) {
      const name = [...path].reverse().find((step) => typeof step === 'string');
      (errors[fieldName(path, argumentIsObject)] ??= []).push(`${name} ${problem}`);
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkValue(item, [...path, i], argumentIsObject, errors));
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) checkValue(item, [...path, key], argumentIsObject, errors);
  }
}

/**
 * Every string an operation's arguments carry, written in the document (literals, variables' default values) or
 * sent as variables: the fields that cannot be stored, or an empty object.
 */
export function unstorableTextIn(
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
): FieldErrors {
  const errors: FieldErrors = {};
  const defaults = new Map<string, ValueNode>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const v of definition.variableDefinitions ?? [])
      if (v.defaultValue) defaults.set(v.variable.name.value, v.defaultValue);
  }

  const checkNode = (node: ValueNode, path: (string | number)[], argumentIsObject: boolean): void => {
    switch (node.kind) {
      case Kind.STRING:
        checkValue(node.value, path, argumentIsObject, errors);
        return;
      case Kind.LIST:
        node.values.forEach((item, i) => checkNode(item, [...path, i], argumentIsObject));
        return;
      case Kind.OBJECT:
        for (const field of node.fields) checkNode(field.value, [...path, field.name.value], argumentIsObject);
        return;
      case Kind.VARIABLE: {
        const name = node.name.value;
        if (variables && Object.prototype.hasOwnProperty.call(variables, name)) {
          const value = variables[name];
          checkValue(value, path, argumentIsObject || (path.length === 1 && isPlainObject(value)), errors);
        } else if (defaults.has(name)) {
          checkNode(defaults.get(name)!, path, argumentIsObject);
        }
        return;
      }
      default:
        return;
    }
  };

  visit(document, {
    Argument(node: ArgumentNode) {
      checkNode(node.value, [node.name.value], node.value.kind === Kind.OBJECT);
      return false; // its value is checked: no need to walk into it
    },
  });
  return errors;
}

/**
 * Mercurius's preExecution hook: it runs for every operation (signed in or not, compiled by the JIT or not) after
 * the document is parsed and validated and before any resolver, guard or pipe.
 */
export async function refuseUnstorableText(
  _schema: unknown,
  document: DocumentNode,
  _context: unknown,
  variables?: Record<string, unknown>,
): Promise<void> {
  const fieldErrors = unstorableTextIn(document, variables);
  const fields = Object.keys(fieldErrors);
  if (fields.length) throw new BadUserInputError(`Check these fields: ${fields.join(', ')}`, fieldErrors);
}
