import path from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
const stackSetup = path.join(root, 'test', 'stack.global-setup.ts');

export default defineConfig({
  // swc, not oxc, transforms TypeScript: Nest's dependency injection needs emitDecoratorMetadata.
  plugins: [swc.vite({ tsconfigFile: path.join(root, 'tsconfig.json') })],
  resolve: {
    alias: [
      { find: /^@policy-ledger\/([a-z-]+)$/, replacement: path.join(root, 'libs/$1/src/index.ts') },
    ],
  },
  test: {
    reporters: ['default', ['json', { outputFile: path.join(root, '.vitest', 'results.json') }]],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{apps,libs,test,bench}/**/*.spec.ts'],
          exclude: ['**/*.int.spec.ts', '**/*.e2e.spec.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['{apps,libs,test}/**/*.int.spec.ts'],
          globalSetup: [stackSetup],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.spec.ts'],
          globalSetup: [stackSetup],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
