/**
 * The vitest project list: one project per folder in `packages/*` and `examples/*` that has a
 * `package.json`. vitest 4 removed the workspace-file mechanism, so this file only exports the
 * array and `vitest.config.ts` passes it to `test.projects`.
 *
 * Workspace packages resolve to their TypeScript source through the `@izinkit/source` export
 * condition, so tests never need a build first.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineProject, type TestProjectInlineConfiguration } from 'vitest/config';

const root = import.meta.dirname;

function projectDirs(group: string): string[] {
  const dir = join(root, group);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'package.json')))
    .map((d) => join(group, d.name))
    .sort();
}

const sourceCondition = '@izinkit/source';

export const projects: TestProjectInlineConfiguration[] = [
  ...projectDirs('packages'),
  ...projectDirs('examples'),
].map((dir) => ({
  ...defineProject({
    root: join(root, dir),
    resolve: { conditions: [sourceCondition, ...defaultClientConditions] },
    ssr: { resolve: { conditions: [sourceCondition, ...defaultServerConditions] } },
    test: {
      name: dir.split('/')[1] ?? dir,
      include: ['test/**/*.test.ts'],
      environment: 'node',
      testTimeout: 120_000,
      hookTimeout: 120_000,
      typecheck: {
        enabled: true,
        only: false,
        include: ['test/**/*.test-d.ts'],
        tsconfig: join(root, dir, 'tsconfig.json'),
      },
    },
  }),
}));

export default projects;
