// The framework typings generated from custom-elements.json, as each framework's own checker sees them against
// the built package: what apps write compiles, and wrong property types and detail fields are errors.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = (script, args) => spawnSync(process.execPath, [`${root}${script}`, ...args], { cwd: root, encoding: 'utf8', timeout: 180_000 });

test('React/Preact JSX (rtc-elements/jsx) and the React wrappers (rtc-elements/react): tsc accepts the usage, and every @ts-expect-error is an error', () => {
  const result = run('node_modules/typescript/bin/tsc', ['-p', 'test/types/tsconfig.json']);
  assert.equal(result.status, 0, `tsc reported:\n${result.stdout}${result.stderr}`);
});

test('examples/react type-checks: rich props, refs and typed event handlers as a React app writes them', () => {
  const result = run('node_modules/typescript/bin/tsc', ['-p', 'examples/react/tsconfig.json']);
  assert.equal(result.status, 0, `tsc reported:\n${result.stdout}${result.stderr}`);
});

test('the test page of the React wrappers type-checks: a ref callback with a cleanup, typed handlers', () => {
  const result = run('node_modules/typescript/bin/tsc', ['-p', 'test/fixtures/react-wrappers/tsconfig.json']);
  assert.equal(result.status, 0, `tsc reported:\n${result.stdout}${result.stderr}`);
});

test('examples/vue type-checks with vue-tsc strictTemplates', () => {
  const result = run('node_modules/vue-tsc/bin/vue-tsc.js', ['-p', 'examples/vue/tsconfig.json']);
  assert.equal(result.status, 0, `vue-tsc reported:\n${result.stdout}${result.stderr}`);
});

test('examples/svelte type-checks with svelte-check', () => {
  const result = run('node_modules/svelte-check/bin/svelte-check', ['--workspace', 'examples/svelte', '--tsconfig', './tsconfig.json', '--output', 'machine']);
  assert.match(result.stdout, /COMPLETED \d+ FILES 0 ERRORS/, result.stdout + result.stderr);
});

test('Vue 3 (rtc-elements/vue): vue-tsc with strictTemplates accepts the template, and every @vue-expect-error is an error', () => {
  const result = run('node_modules/vue-tsc/bin/vue-tsc.js', ['-p', 'test/types/vue/tsconfig.json']);
  assert.equal(result.status, 0, `vue-tsc reported:\n${result.stdout}${result.stderr}`);
});

test('Svelte 5 (rtc-elements/svelte): svelte-check finds nothing in the app and exactly the three planted mistakes', () => {
  const result = run('node_modules/svelte-check/bin/svelte-check', ['--workspace', 'test/types/svelte', '--tsconfig', './tsconfig.json', '--output', 'machine']);
  const errors = result.stdout.split('\n').filter((line) => / ERROR /.test(line));
  assert.deepEqual(
    errors.map((line) => line.replace(/^\d+ ERROR /, '')),
    [
      `"Wrong.svelte" 6:11 "Type '\\"mosaic\\"' is not assignable to type 'RoomLayout | undefined'."`,
      `"Wrong.svelte" 7:11 "Type 'number' is not assignable to type 'Record<string, string>'."`,
      `"Wrong.svelte" 8:70 "Property 'nope' does not exist on type 'ParticipantEventDetail'."`,
    ],
    result.stdout + result.stderr,
  );
});

test('Angular: with strictTemplates, $event of a kit event is typed (HTMLElementEventMap) and so are property bindings with rtc-elements/angular: ngc finds exactly the five planted mistakes', () => {
  const result = run('node_modules/@angular/compiler-cli/bundles/src/bin/ngc.js', ['-p', 'test/types/angular/tsconfig.json']);
  const errors = (result.stdout + result.stderr).replace(/\u001b\[[0-9;]*m/g, '').match(/error TS\d+: .*/g) ?? [];
  assert.deepEqual(
    errors,
    [
      "error TS2339: Property 'nope' does not exist on type 'ParticipantEventDetail'.",
      "error TS2345: Argument of type 'string' is not assignable to parameter of type 'number'.",
      "error TS2322: Type 'number' is not assignable to type 'Record<string, string>'.",
      `error TS2322: Type '"mosaic"' is not assignable to type '"" | RoomLayout | undefined'.`,
      `error TS2322: Type '"nine"' is not assignable to type 'number | \`\${number}\` | undefined'.`,
    ],
    result.stdout + result.stderr,
  );
});

test('every element and every event of the manifest is in each typing, with its detail type', () => {
  const manifest = JSON.parse(readFileSync(`${root}custom-elements.json`, 'utf8'));
  const jsx = readFileSync(`${root}dist/types/jsx.d.ts`, 'utf8');
  const vue = readFileSync(`${root}dist/types/vue.d.ts`, 'utf8');
  const svelte = readFileSync(`${root}dist/types/svelte.d.ts`, 'utf8');
  const react = readFileSync(`${root}dist/types/react.d.ts`, 'utf8');
  const wrapperIndex = readFileSync(`${root}dist/react/index.js`, 'utf8');
  for (const declaration of manifest.modules.flatMap((module) => module.declarations ?? [])) {
    if (!declaration.tagName) continue;
    assert.match(jsx, new RegExp(`'${declaration.tagName}': ${declaration.name}JsxProps;`), declaration.tagName);
    assert.match(vue, new RegExp(`'${declaration.tagName}': DefineComponent<${declaration.name}VueProps`), declaration.tagName);
    assert.match(svelte, new RegExp(`'${declaration.tagName}': HTMLAttributes<${declaration.name}> & ${declaration.name}SvelteProps;`), declaration.tagName);
    assert.match(react, new RegExp(`export declare const ${declaration.name}: ForwardRefExoticComponent<${declaration.name}Props`), declaration.tagName);
    const wrappers = readFileSync(`${root}dist/react/${declaration.tagName}.js`, 'utf8');
    assert.match(wrappers, new RegExp(`export const ${declaration.name} = createComponent\\('${declaration.tagName}'`), declaration.tagName);
    assert.ok(wrapperIndex.includes(`export { ${declaration.name} } from './${declaration.tagName}.js';`), `rtc-elements/react exports ${declaration.name}`);
    for (const event of declaration.events ?? []) {
      const handler = `on${event.name.replace(/(^|-)(\w)/g, (_, __, letter) => letter.toUpperCase())}`;
      assert.ok(react.includes(`  ${handler}?: (event: CustomEvent<`) && !react.includes(`  ${handler}?: (event: CustomEvent<unknown>`), `${declaration.tagName} ${handler}`);
      assert.ok(wrappers.includes(`"${handler}":"${event.name}"`), `the ${declaration.tagName} wrapper listens for ${event.name}`);
      assert.ok(jsx.includes(`'on${event.name}'?: (event: CustomEvent<`), `${declaration.tagName} ${event.name}`);
      assert.ok(!jsx.includes(`'on${event.name}'?: (event: CustomEvent<unknown>`), `${event.name} has its detail type`);
    }
  }
});
