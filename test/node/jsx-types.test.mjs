// The JSX typings generated from custom-elements.json (rtc-elements/jsx), as an app's type checker sees them:
// test/types/jsx-usage.ts must compile, and each of its `@ts-expect-error` lines must really be an error.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('the generated JSX types accept what apps write and refuse wrong types and detail fields', () => {
  const run = spawnSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}test/types/tsconfig.json`], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.status, 0, `tsc reported:\n${run.stdout}${run.stderr}`);
});

test('every element and every event of the manifest is in the JSX types', () => {
  const types = readFileSync(`${root}dist/types/jsx.d.ts`, 'utf8');
  const manifest = JSON.parse(readFileSync(`${root}custom-elements.json`, 'utf8'));
  for (const declaration of manifest.modules.flatMap((module) => module.declarations ?? [])) {
    if (!declaration.tagName) continue;
    assert.match(types, new RegExp(`'${declaration.tagName}': ${declaration.name}JsxProps;`), declaration.tagName);
    for (const event of declaration.events ?? []) {
      assert.ok(types.includes(`'on${event.name}'?: (event: CustomEvent<`), `${declaration.tagName} ${event.name}`);
      assert.ok(!types.includes(`'on${event.name}'?: (event: CustomEvent<unknown>`) || event.type === undefined, `${event.name} has its detail type`);
    }
  }
});
