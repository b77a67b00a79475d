// @ts-check
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', '.tools', 'data', 'artifacts', 'src/app/generated'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{js,mjs,ts,mts}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Unused arguments named _x are intentional (callbacks with fixed signatures).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/app/**/*.ts', 'test/unit/**/*.ts'],
    ...wc.configs['flat/recommended'],
    ...lit.configs['flat/recommended'],
    plugins: { ...wc.configs['flat/recommended'].plugins, ...lit.configs['flat/recommended'].plugins },
    rules: { ...wc.configs['flat/recommended'].rules, ...lit.configs['flat/recommended'].rules },
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: {
      // UI text goes through @lit/localize; the server's logger is the only console.
      'no-console': 'error',
    },
  },
  {
    // Dates and times are shown in the app's language on the county's clock, whatever the TV box,
    // kiosk or PC is set to: only src/app/dates.ts formats them (its header says why).
    files: ['src/app/**/*.ts'],
    ignores: ['src/app/dates.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString'].map((property) => ({
          property,
          message:
            "The browser's language and zone: use formatMoment or formatCalendarDate (src/app/dates.ts).",
        })),
        ...[
          'getFullYear',
          'getYear',
          'getMonth',
          'getDate',
          'getDay',
          'getHours',
          'getMinutes',
          'getSeconds',
        ].map((property) => ({
          property,
          message:
            "The browser's zone: use src/app/dates.ts to show a date, shared/schedule/shanghai-time.ts to reckon with one.",
        })),
        {
          property: 'getTimezoneOffset',
          message: "The browser's zone: the county's is COUNTY_TIME_ZONE (shared/schedule/shanghai-time.ts).",
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='Intl'][property.name='DateTimeFormat']",
          message:
            'Use dateFormat, formatMoment or formatCalendarDate (src/app/dates.ts): one cached format per style.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length>1]",
          message:
            "new Date(y, m, d) is midnight in the browser's zone: use instantAt (shared/schedule/shanghai-time.ts) or Date.UTC.",
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
