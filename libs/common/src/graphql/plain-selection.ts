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
 * Whether everything a query asks for under the current field is a plain field (read straight off the parent
 * object, with no resolver of its own), apart from the `Type.field`s in `allowed`, and the field is the
 * operation's only root field. A list read may then fetch only the columns asked for: no resolver can run that
 * would need a column it left out, nor find a trimmed record in a shared loader.
 */
/**
 * NestJS gives every `@Field` its own resolver, `rootFieldResolver` (the property, or the field's default); a
 * `@ResolveField` replaces it. Anything else (field middleware) counts as not plain.
 */
function isPlain(field: GraphQLField<unknown, unknown>): boolean {
  return !field.resolve || field.resolve.name === 'rootFieldResolver';
}

export function readsOnlyPlainFields(info: GraphQLResolveInfo, allowed: ReadonlySet<string>): boolean {
  const roots = info.operation.selectionSet.selections;
  if (roots.length !== 1 || roots[0].kind !== Kind.FIELD) return false;
  const walk = (selectionSet: SelectionSetNode | undefined, type: GraphQLType, seen: ReadonlySet<string>): boolean => {
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
        if (!isPlain(field) && !allowed.has(`${named.name}.${name}`)) return false;
        if (!walk(selection.selectionSet, field.type, seen)) return false;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!walk(selection.selectionSet, type, seen)) return false;
      } else {
        const fragment = info.fragments[selection.name.value];
        if (!fragment || seen.has(selection.name.value)) return false;
        if (!walk(fragment.selectionSet, type, new Set([...seen, selection.name.value]))) return false;
      }
    }
    return true;
  };
  return info.fieldNodes.every((node: FieldNode) => walk(node.selectionSet, info.returnType, new Set()));
}
