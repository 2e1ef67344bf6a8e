// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/** Packages that only the browser edge (src/ui, components) may touch. */
const uiPackages = ['monaco-editor', 'monaco-yaml', '@xterm/*', 'nanostores', 'astro', 'astro:*'];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-*/',
      '.astro/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...astro.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.astro'],
      },
      globals: { ...globals.node },
    },
    rules: {
      // Type-only imports keep runtime bundles honest under verbatimModuleSyntax.
      '@typescript-eslint/consistent-type-imports': 'error',
      // Unused things are mistakes; a leading underscore marks a deliberate one.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Config files and scripts are plain JavaScript, outside any tsconfig project.
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // typescript-eslint's project service cannot see the types of .astro imports (components,
    // `astro:content`), so every value from them would read as an error type. `astro check` type-checks
    // these files instead; here they get the syntax-level rules only.
    files: ['**/*.astro', '**/*.astro/*.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Benchmarks drive a browser: code inside page.evaluate() runs there.
    files: ['bench/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Browser code: the edge of the system.
    files: ['src/ui/**/*.ts', 'src/components/**', 'src/layouts/**', 'src/pages/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The DOM-free layers never reach the browser edge (ARCHITECTURE.md, boundary table).
    files: ['src/sim/**/*.ts', 'src/kubectl/**/*.ts', 'src/shell/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: uiPackages, message: 'The core layers stay free of UI libraries.' },
            {
              group: ['**/ui/**', '**/components/**'],
              message: 'Core layers must not import the UI.',
            },
          ],
        },
      ],
    },
  },
  {
    // The simulator is deterministic: time comes from its virtual clock and randomness from its
    // seeded generator, never from the host.
    files: ['src/sim/**/*.ts'],
    ignores: ['src/sim/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: uiPackages, message: 'The simulator stays free of UI libraries.' },
            {
              group: ['**/kubectl/**', '**/shell/**', '**/ui/**', '**/components/**'],
              message: 'src/sim imports only itself.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Schedule on the virtual clock.' },
        { name: 'setInterval', message: 'Schedule on the virtual clock.' },
        { name: 'requestAnimationFrame', message: 'The UI driver owns frames.' },
        { name: 'performance', message: 'Use the virtual clock.' },
        { name: 'window', message: 'No DOM in the simulator.' },
        { name: 'document', message: 'No DOM in the simulator.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use the virtual clock (cluster.now()).' },
        { object: 'Math', property: 'random', message: 'Use the seeded generator.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Use the virtual clock.',
        },
      ],
    },
  },
  prettier,
);
