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
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
