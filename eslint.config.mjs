// ESLint without type-aware rules, so that `npm run lint` stays fast; Prettier owns the layout.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const adapter = {
  name: '@registry/event-store',
  importNames: ['SqlEventStore'],
  message: 'Inject the EventStore port; only the database module chooses the adapter.',
};
const sqlInControllers = {
  name: '@registry/event-store',
  importNames: ['SqlDatabase', 'Sql'],
  message: 'Controllers dispatch to command and query handlers; the SQL stays behind those.',
};

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'data/', 'node_modules/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-param-reassign': 'error',
      'no-return-assign': ['error', 'except-parens'],
      'no-throw-literal': 'error',
      'no-useless-concat': 'error',
      'no-useless-rename': 'error',
      'object-shorthand': 'error',
      'prefer-const': 'error',
      'prefer-template': 'error',
      radix: 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-inferrable-types': 'error',
      '@typescript-eslint/prefer-for-of': 'error',
    },
  },
  {
    // Benchmark scripts exist to print figures.
    files: ['test/bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // The composition root (the database module) picks the adapter; contexts inject the EventStore port.
    files: ['libs/**/*.ts', 'apps/**/*.ts'],
    ignores: ['libs/event-store/**', 'libs/platform/src/database/database.module.ts', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [adapter] }] },
  },
  {
    // One write path: events are appended by the command runner (libs/event-store/src/command-handling.ts), nowhere else.
    files: ['libs/**/*.ts', 'apps/**/*.ts'],
    ignores: ['libs/event-store/**', '**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name=/^append(All)?Within$|^appendAll$/], CallExpression[callee.property.name='append'][callee.object.property.name=/store/i]",
          message: 'Write events through runCommand or handleCommand (@registry/event-store): one runner decides, appends and retries.',
        },
      ],
    },
  },
  {
    files: ['**/*.controller.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [adapter, sqlInControllers] }] },
  },
);
