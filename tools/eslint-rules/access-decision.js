// @ts-check
'use strict';

/**
 * Every GraphQL operation carries its access decision on the method itself. The AccessGuard reads the rule from the
 * handler (`reflector.get(ACCESS_RULE, context.getHandler())`), never from the class, so a decision on the resolver
 * class would be ignored and the operation refused at run time: the lint rule says so before the tests run.
 *
 * - `@Query`, `@Mutation`, `@Subscription`: `@Allow(Capability.X)` or `@Public()`.
 * - `@ResolveField`: the same, or `@DecidedByParent()`. Field resolvers run inside an operation the guard has already
 *   decided and get their parent from it (the guard does not run per field: it would cost every row of a page); the
 *   marker says so out loud, and the field's own record rules decide the rest.
 *
 * Only decorators imported from `@nestjs/graphql` count as operations (the portal's `@Query()` is an HTTP query
 * string, from `@nestjs/common`).
 */
const OPERATIONS = new Set(['Query', 'Mutation', 'Subscription', 'ResolveField']);
const DECISIONS = new Set(['Allow', 'Public']);
const FIELD_DECISION = 'DecidedByParent';

/** @param {any} decorator @returns {string | undefined} the decorator's name as written (`@X`, `@X()`, `@a.X()`). */
function nameOf(decorator) {
  let expression = decorator.expression;
  if (expression.type === 'CallExpression') expression = expression.callee;
  if (expression.type === 'Identifier') return expression.name;
  if (expression.type === 'MemberExpression' && expression.property.type === 'Identifier')
    return expression.property.name;
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'Every GraphQL operation carries @Allow(...) or @Public() on the method (README: Lint).' },
    schema: [],
    messages: {
      missing:
        '{{kind}} `{{method}}` has no access decision: add @Allow(Capability.X) or @Public() on the method (the AccessGuard refuses it without one).',
      missingField:
        'Field resolver `{{method}}` has no access decision: add @DecidedByParent() (its parent came through an operation the guard decided), or @Allow/@Public.',
      parentOnOperation:
        '{{kind}} `{{method}}` has no parent: @DecidedByParent() is only for @ResolveField; use @Allow(...) or @Public().',
      twoDecisions: '`{{method}}` carries more than one access decision; keep exactly one.',
      onClass:
        '@{{decorator}} on the class is ignored: the AccessGuard reads the decision from each method. Put it on every operation instead.',
    },
  },
  create(context) {
    /** local name -> name exported by @nestjs/graphql */
    const graphql = new Map();
    return {
      ImportDeclaration(node) {
        if (node.source.value !== '@nestjs/graphql') return;
        for (const specifier of node.specifiers) {
          if (specifier.type === 'ImportSpecifier' && specifier.imported.type === 'Identifier') {
            graphql.set(specifier.local.name, specifier.imported.name);
          }
        }
      },
      /** @param {any} node */
      'ClassDeclaration, ClassExpression'(node) {
        for (const decorator of node.decorators ?? []) {
          const name = nameOf(decorator);
          if (name && (DECISIONS.has(name) || name === FIELD_DECISION)) {
            context.report({ node: decorator, messageId: 'onClass', data: { decorator: name } });
          }
        }
      },
      /** @param {any} node */
      MethodDefinition(node) {
        const names = (node.decorators ?? []).map(nameOf);
        const operations = names.filter((name) => name && graphql.has(name) && OPERATIONS.has(graphql.get(name)));
        if (operations.length === 0) return;
        const kind = graphql.get(operations[0]);
        const method = node.key.type === 'Identifier' ? node.key.name : context.sourceCode.getText(node.key);
        const decisions = names.filter((name) => name && (DECISIONS.has(name) || name === FIELD_DECISION));
        if (decisions.length > 1) {
          context.report({ node: node.key, messageId: 'twoDecisions', data: { method } });
        } else if (decisions.length === 0) {
          context.report({
            node: node.key,
            messageId: kind === 'ResolveField' ? 'missingField' : 'missing',
            data: { kind, method },
          });
        } else if (decisions[0] === FIELD_DECISION && kind !== 'ResolveField') {
          context.report({ node: node.key, messageId: 'parentOnOperation', data: { kind, method } });
        }
      },
    };
  },
};
