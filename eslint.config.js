// Lint: typescript-eslint with type information, plus the layer boundaries of ARCHITECTURE.md as import rules.
import tseslint from 'typescript-eslint';

const layer = (files, patterns, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
});

const NODE_IO = ['electron', 'node:fs', 'node:fs/*', 'fs', 'node:net', 'node:http', 'node:child_process', 'better-sqlite3', 'ioredis', 'ws'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.cache/**', 'test/e2e/artifacts/**', 'renderer/dist/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' }],
    },
  },
  // 'electron' only in the Electron host (and the preload, which runs inside Electron).
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['main/hosts/electron/**', 'preload/index.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: "Only main/hosts/electron imports 'electron' (Node must never require it: it downloads the binary)." }] }] },
  },
  // Dependencies point one way: hosts -> app -> pipeline -> (features) -> core.
  layer(['main/core/**'], ['../*', '!../core/*', ...NODE_IO], 'core imports nothing but core (no I/O).'),
  layer(['main/config/**'], ['../app/*', '../hosts/*', '../pipeline/*', '../cache/*', '../store/*', '../gemini/*', '../audio/*', '../monitor/*', '../intent/*', ...NODE_IO], 'config is pure: schema and env overrides only.'),
  layer(['main/intent/**'], ['../app/*', '../hosts/*', '../pipeline/*', '../cache/*', '../store/*', '../gemini/*', '../audio/*', '../monitor/*', ...NODE_IO], 'intent is pure and depends on core/config only.'),
  layer(['main/pipeline/**'], ['../app/*', '../hosts/*', ...NODE_IO], 'pipeline takes its I/O through constructor parameters; it never imports hosts or the app.'),
  layer(['main/cache/**', 'main/store/**', 'main/gemini/**', 'main/audio/**', 'main/monitor/**', 'main/vocabulary/**', 'main/quality/**', 'main/profiles/**'], ['../app/*', '../hosts/*', '../pipeline/*', 'electron'], 'feature layers never import the pipeline, the app or a host.'),
  layer(['main/personal/**'], ['../app/*', '../hosts/*', '../pipeline/*', '../store/*', ...NODE_IO], 'personal is pure logic over a store port: no I/O of its own.'),
  layer(['main/gemini-sim/**'], ['../*', '!../gemini-sim/*', 'electron'], 'the simulator is standalone: it imports no other part of the app.'),
  layer(['main/app/**'], ['../hosts/*', 'electron'], 'the app never imports a host; hosts import the app.'),
  layer(['renderer/**'], ['**/main/*', '!**/main/audio', '**/main/audio/*', '!**/main/audio/dsp*', ...NODE_IO], 'the renderer talks to main only through the Api of preload/contract.ts.'),
  // Tool config files are read through their default export.
  { files: ['*.config.ts'], rules: { 'no-restricted-syntax': 'off' } },
  {
    files: ['main/hosts/cli/**', 'main/hosts/web/server-entry.ts', 'main/gemini-sim/cli.ts', 'scripts/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
);
