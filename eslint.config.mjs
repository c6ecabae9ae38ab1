// ESLint flat config; `npm run lint` runs it with --max-warnings 0, then `prettier --check .`.
//
// Choices:
// - @eslint/js recommended + typescript-eslint recommended, syntax-only: the type-checked presets would
//   build a TypeScript program per run (slow on 2 shared cores; `npm run typecheck` covers types anyway).
// - eslint-config-prettier last: Prettier (.prettierrc.json) owns all layout, ESLint none of it.
// - no-unused-vars: `_`-prefixed names are deliberate; unused catch bindings and the siblings of a
//   `...rest` (omitting fields from a copy) are allowed.
// - A few rules the code already keeps, to keep it so: eqeqeq (`== null` allowed for null-or-undefined),
//   object-shorthand, no-param-reassign, no-useless-rename.
// - Not enabled: consistent-type-imports (with emitDecoratorMetadata, Nest's DI needs constructor parameter
//   types imported as values); no-non-null-assertion (~300 `!`, mostly on element access after a check
//   that noUncheckedIndexedAccess cannot follow).
// - Tests (*.spec.ts, test/) may use `any` for parsed JSON bodies they probe; production code and bench may not.
// - A disable comment that no longer suppresses anything is an error; keep a `-- reason` on each one.
// - SQL: no `LIMIT ?` (or `LIMIT @name`). SQLite (3.53, in better-sqlite3 12) plans with the value bound to a
//   bare LIMIT parameter, so every new binding expires the statement and the next step recompiles it; the
//   projector paid ~4 % of its CPU for that. Write `LIMIT +?`: the same limit, a plan that is not rebuilt.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'dist-bench/', 'node_modules/', 'coverage/', 'data/', '.helpers/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'object-shorthand': 'error',
      'no-param-reassign': 'error',
      'no-useless-rename': 'error',
      'no-restricted-syntax': [
        'error',
        ...['Literal[value=/LIMIT\\s+[?@:$]/i]', 'TemplateElement[value.raw=/LIMIT\\s+[?@:$]/i]'].map((selector) => ({
          selector,
          message: 'SQLite recompiles a statement whenever a bare LIMIT parameter is rebound: write `LIMIT +?` (eslint.config.mjs).',
        })),
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // plain JavaScript build scripts and configs: Node globals; *.js here is CommonJS (webpack config)
  { files: ['**/*.mjs'], languageOptions: { globals: globals.node } },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // browser scripts: the console's served-file fixture (test/fixtures/console) runs in a page, not in Node
  { files: ['test/fixtures/console/**/*.js'], languageOptions: { sourceType: 'module', globals: globals.browser } },
  prettier,
);
