import { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';

/**
 * The fields a query asked for under the current field, as dotted paths (`givenName`, `currentEpisode.releaseDate`),
 * for the audit trail's "fields read". Follows fragments; below `maxDepth` levels a path ends in `.*`.
 */
export function selectedFieldPaths(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, maxDepth = 4): string[] {
  const paths = new Set<string>();
  const walk = (selectionSet: SelectionSetNode | undefined, prefix: string, depth: number, seen: Set<string>) => {
    if (!selectionSet) return;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        const path = prefix ? `${prefix}.${name}` : name;
        if (!selection.selectionSet) paths.add(path);
        // Past the cap, keep the path with a `*`, so the trail still shows something below was read.
        else if (depth >= maxDepth) paths.add(`${path}.*`);
        else walk(selection.selectionSet, path, depth + 1, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, prefix, depth, seen);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment: FragmentDefinitionNode | undefined = info.fragments[name];
        if (fragment && !seen.has(name)) walk(fragment.selectionSet, prefix, depth, new Set([...seen, name]));
      }
    }
  };
  info.fieldNodes.forEach((node: FieldNode) => walk(node.selectionSet, '', 1, new Set()));
  return [...paths].sort();
}
