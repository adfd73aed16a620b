import {
  FieldNode,
  getNamedType,
  GraphQLField,
  GraphQLObjectType,
  GraphQLResolveInfo,
  GraphQLType,
  isObjectType,
  Kind,
  SelectionSetNode,
} from 'graphql';

/**
 * NestJS gives every `@Field` its own resolver, `rootFieldResolver` (the property, or the field's default); a
 * `@ResolveField` replaces it. Anything else (field middleware) counts as not plain.
 */
function isPlain(field: GraphQLField<unknown, unknown>): boolean {
  return !field.resolve || field.resolve.name === 'rootFieldResolver';
}

/** A field asked for that has a resolver of its own: where (`edges.node.daysToRelease`) and which (`Type.field`). */
export interface ResolverField {
  path: string;
  field: string;
}

/**
 * Every field a query asks for under the current field that is not plain (read straight off the parent object),
 * with its path below the current field (through fragments), or null when the current field is not the operation's
 * only root field or the selection cannot be followed (an abstract type, a missing fragment). A list read may then
 * fetch only the columns asked for of any record under which no resolver runs but those whose needs it knows: no
 * resolver can run that would need a column it left out, nor, as nothing else is asked, find a trimmed record in a
 * shared loader.
 */
export function resolverFields(info: GraphQLResolveInfo): ResolverField[] | null {
  const roots = info.operation.selectionSet.selections;
  if (roots.length !== 1 || roots[0].kind !== Kind.FIELD) return null;
  const found: ResolverField[] = [];
  const walk = (
    selectionSet: SelectionSetNode | undefined,
    type: GraphQLType,
    prefix: string,
    seen: ReadonlySet<string>,
  ): boolean => {
    if (!selectionSet) return true;
    const named = getNamedType(type);
    if (!isObjectType(named)) return false;
    const fields = (named as GraphQLObjectType).getFields();
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__typename') continue;
        const field = fields[name];
        if (!field) return false;
        const path = prefix ? `${prefix}.${name}` : name;
        if (!isPlain(field)) found.push({ path, field: `${named.name}.${name}` });
        if (!walk(selection.selectionSet, field.type, path, seen)) return false;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!walk(selection.selectionSet, type, prefix, seen)) return false;
      } else {
        const fragment = info.fragments[selection.name.value];
        if (!fragment || seen.has(selection.name.value)) return false;
        if (!walk(fragment.selectionSet, type, prefix, new Set([...seen, selection.name.value]))) return false;
      }
    }
    return true;
  };
  return info.fieldNodes.every((node: FieldNode) => walk(node.selectionSet, info.returnType, '', new Set()))
    ? found
    : null;
}
