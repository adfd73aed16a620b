// @ts-check
'use strict';
const path = require('node:path');

/**
 * A lib is used only through its public index, `@resettle/<name>` (`libs/<name>/src/index.ts`): never
 * `@resettle/<name>/...`, never a relative path into another lib's folder. Inside a lib, its own files are imported
 * relatively, never through its own index (that loads the lib into itself, in a cycle). Applies to every file linted:
 * libs, apps (the portal too), scripts, bench and tests.
 */
/** @type {import('eslint').Rule.RuleModule} */
module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'Libs are imported only through their public index @resettle/<name> (README: Lint).' },
    schema: [],
    messages: {
      deepAlias:
        "Import '{{source}}' only through its public index '@resettle/{{lib}}' (export what you need from libs/{{lib}}/src/index.ts).",
      deepRelative:
        "'{{source}}' reaches into libs/{{lib}}: import it through '@resettle/{{lib}}' (export what you need from libs/{{lib}}/src/index.ts).",
      selfIndex:
        "A file of libs/{{lib}} imports its own lib's files relatively, not through '@resettle/{{lib}}' (an import cycle).",
    },
  },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const ownLib = /^libs\/([^/]+)\//.exec(file)?.[1];

    /** @param {any} node @param {unknown} source */
    function check(node, source) {
      if (typeof source !== 'string') return;
      const alias = /^@resettle\/([^/]+)(\/.*)?$/.exec(source);
      if (alias) {
        const [, lib, rest] = alias;
        if (rest) context.report({ node, messageId: 'deepAlias', data: { source, lib } });
        else if (lib === ownLib) context.report({ node, messageId: 'selfIndex', data: { lib } });
        return;
      }
      if (!source.startsWith('.')) return;
      const target = path
        .relative(root, path.resolve(path.dirname(context.filename), source))
        .split(path.sep)
        .join('/');
      const lib = /^libs\/([^/]+)(\/|$)/.exec(target)?.[1];
      if (lib && lib !== ownLib) context.report({ node, messageId: 'deepRelative', data: { source, lib } });
    }

    return {
      /** @param {any} node */
      'ImportDeclaration, ExportNamedDeclaration, ExportAllDeclaration, ImportExpression'(node) {
        if (node.source && node.source.type === 'Literal') check(node.source, node.source.value);
      },
      /** @param {any} node import x = require('...') */
      TSExternalModuleReference(node) {
        if (node.expression.type === 'Literal') check(node.expression, node.expression.value);
      },
      /** @param {any} node type-only import('...') */
      TSImportType(node) {
        // typescript-eslint 8 names it `source`; older versions `argument` (a TSLiteralType).
        const literal = 'source' in node ? node.source : node.argument?.literal;
        if (literal && literal.type === 'Literal') check(literal, literal.value);
      },
      /** @param {any} node require('...'), jest.mock('...'), jest.requireActual('...') */
      CallExpression(node) {
        const callee = node.callee;
        const isRequire = callee.type === 'Identifier' && callee.name === 'require';
        const isJest =
          callee.type === 'MemberExpression' &&
          callee.object.type === 'Identifier' &&
          callee.object.name === 'jest' &&
          callee.property.type === 'Identifier' &&
          ['mock', 'requireActual', 'doMock'].includes(callee.property.name);
        const first = node.arguments[0];
        if ((isRequire || isJest) && first && first.type === 'Literal') check(first, first.value);
      },
    };
  },
};
