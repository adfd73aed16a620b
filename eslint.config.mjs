// ESLint: the rules that guard the architecture (tools/eslint-rules) and the code's hygiene. Formatting is Prettier's
// (eslint-config-prettier turns off every rule it would fight). `npm run lint` allows no warnings. README: "Lint".
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import resettle from './tools/eslint-rules/index.js';

export default tseslint.config(
  {
    ignores: ['dist/', 'node_modules/', 'coverage/', 'bench/results/', 'apps/portal/public/'],
  },
  eslint.configs.recommended,
  tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { 'simple-import-sort': simpleImportSort, 'import-x': importX, resettle },
    rules: {
      // The architecture.
      'resettle/access-decision': 'error',
      'resettle/lib-public-index': 'error',
      // Imports: one block at the top, in one order (packages, then @resettle libs, then relative), no blank lines
      // between them, as the code was written.
      'simple-import-sort/imports': ['error', { groups: [['^\\u0000', '^node:', '^@?\\w', '^@resettle/', '^\\.']] }],
      'simple-import-sort/exports': 'error',
      'import-x/first': 'error',
      'import-x/newline-after-import': 'error',
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
      // A `let` a closure reads before it is set (a hook added before the app is built) stays a `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // No unused code: an unused name is deleted, or named `_x` when a signature needs it.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // `any` is kept at the edges (GraphQL JSON in tests, framework hooks); `npm run typecheck` is strict elsewhere.
      '@typescript-eslint/no-explicit-any': 'off',
      // `require(...) as typeof import(...)` loads a module lazily on purpose (tests, optional framework parts).
      '@typescript-eslint/no-require-imports': 'off',
      // Prettier wraps code at 120; comments it cannot wrap are held to the same width. Long strings, URLs and
      // regular expressions may run on (breaking them would hurt more than it helps).
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true },
      ],
    },
  },
);
