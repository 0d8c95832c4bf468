import type { TestProject } from 'vitest/node';
import { buildTemplate, dropTemplate, type Fixture } from './template.js';

declare module 'vitest' {
  export interface ProvidedContext {
    fixture: Fixture;
  }
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  // Tests that run the `gongzhi` command load the compiled server: build it once here, not in
  // several test files at the same moment.
  await (await import('../../bin/server-build.mjs')).serverEntry();
  const fixture = await buildTemplate();
  console.log(`test template (${fixture.driver}) ready in ${Date.now() - started} ms`);
  project.provide('fixture', fixture);
  return () => dropTemplate(fixture);
}
