// Writes the framework typings from custom-elements.json: for every element, its attributes, its settable
// properties and its events with their detail types, each in the shape its framework checks templates with:
// - dist/types/jsx.d.ts, React 19 and Preact: `<rtc-room server-url="…" onrtc-participant-joined={(e) => …} />`;
// - dist/types/vue.d.ts, Vue 3 (vue-tsc camelizes props and events): `serverUrl`, `onRtcParticipantJoined`;
// - dist/types/svelte.d.ts, Svelte 5: `server-url`, `serverUrl`, `onrtc-participant-joined`;
// - dist/angular, typed inputs for Angular templates (`rtc-elements/angular`), compiled by ngc;
// - dist/react/index.js and dist/types/react.d.ts, the React wrappers (`rtc-elements/react`): `<RtcRoom serverUrl
//   onRtcParticipantJoined>`, built on src/react/create-component.ts so they survive server-side hydration.
// Run by `npm run build` after tsc, so the types it names exist in dist/types/index.d.ts.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}custom-elements.json`, 'utf8'));

/** Every name the package's entry exports, as TypeScript resolves them (re-exports included). */
const entry = `${root}dist/types/index.d.ts`;
const program = ts.createProgram([entry], { skipLibCheck: true, noEmit: true, noLib: true, types: [] });
const checker = program.getTypeChecker();
const exportedNames = new Set(checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry))).map((symbol) => symbol.name));
const builtIns = new Set(['Record', 'Readonly', 'Partial', 'Array', 'ReadonlyArray']);

/** A detail type the package exports by name, or `unknown` (never a name the consumer could not resolve). */
const imports = new Set();
function detailType(text) {
  if (!text) return 'unknown';
  const names = (text.match(/[A-Z]\w*/g) ?? []).filter((name) => !builtIns.has(name));
  if (!names.every((name) => exportedNames.has(name))) return 'unknown';
  names.forEach((name) => imports.add(name));
  return text;
}

const elements = manifest.modules
  .flatMap((module) => module.declarations ?? [])
  .filter((declaration) => declaration.tagName && declaration.customElement)
  .sort((a, b) => a.tagName.localeCompare(b.tagName));

const quote = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);
const doc = (text) => (text ? `  /** ${text.replace(/\*\//g, '*\\/').replace(/\s*\n\s*/g, ' ')} */\n` : '');

/** Per element: what each framework's typings list, as [key, type, description]. */
const catalogue = elements.map((element) => {
  const cls = element.name;
  if (!exportedNames.has(cls)) throw new Error(`${cls} (${element.tagName}) is not exported from the package`);
  imports.add(cls);
  const settable = (element.members ?? []).filter(
    (member) => member.kind === 'field' && !member.static && !member.readonly && !member.privacy && !member.name.startsWith('#'),
  );
  const fields = new Set(settable.map((member) => member.name));
  // An attribute of what the element sets itself (`@readonly`: its state, reflected for styling) is read, not passed.
  const attributes = (element.attributes ?? []).filter((attribute) => !attribute.fieldName || fields.has(attribute.fieldName)).map((attribute) => {
    const text = attribute.type?.text ?? 'string';
    const fieldType = attribute.fieldName ? `${cls}['${attribute.fieldName}']` : undefined;
    const markupType = text === 'boolean' ? 'boolean' : text === 'number' ? 'number | string' : 'string';
    return { name: attribute.name, fieldName: attribute.fieldName, fieldType, markupType, description: attribute.description };
  });
  const properties = settable.map((member) => ({ name: member.name, type: `${cls}['${member.name}']`, text: member.type?.text ?? '', description: member.description }));
  const events = (element.events ?? [])
    .filter((event) => event.name)
    .map((event) => ({ name: event.name, detail: detailType(event.type?.text), description: event.description }));
  return { element, cls, attributes, properties, events };
});

const pascal = (name) => name.replace(/(^|-)(\w)/g, (_, __, letter) => letter.toUpperCase());
const camel = (name) => name.replace(/-(\w)/g, (_, letter) => letter.toUpperCase());

/** Keys for React's JSX: attributes as written (React sets an attribute unless the element has that property). */
function jsxLines({ attributes, properties, events }) {
  const lines = [];
  const keys = new Set();
  for (const attribute of attributes) {
    keys.add(attribute.name);
    const type = attribute.fieldName === attribute.name && attribute.fieldType ? attribute.fieldType : attribute.markupType;
    lines.push(`${doc(attribute.description)}  ${quote(attribute.name)}?: ${type};`);
  }
  for (const property of properties) {
    if (keys.has(property.name)) continue;
    lines.push(`${doc(property.description)}  ${quote(property.name)}?: ${property.type};`);
  }
  for (const event of events) lines.push(`${doc(event.description)}  ${quote(`on${event.name}`)}?: (event: CustomEvent<${event.detail}>) => void;`);
  return lines;
}

/** Keys for vue-tsc, which camelizes what templates write: properties, and `on` + PascalCase event names. */
function vueLines({ attributes, properties, events }) {
  const lines = [];
  const keys = new Set();
  for (const property of properties) {
    keys.add(property.name);
    lines.push(`${doc(property.description)}  ${quote(property.name)}?: ${property.type};`);
  }
  for (const attribute of attributes) {
    const key = camel(attribute.name);
    if (keys.has(key)) continue;
    keys.add(key);
    lines.push(`${doc(attribute.description)}  ${quote(key)}?: ${attribute.markupType};`);
  }
  for (const event of events) lines.push(`${doc(event.description)}  ${quote(`on${pascal(event.name)}`)}?: (event: CustomEvent<${event.detail}>) => void;`);
  return lines;
}

/** Keys for Svelte 5: attributes as written, properties, and `on` + the exact event name. */
const svelteLines = jsxLines;

let body = '';
for (const entry of catalogue) {
  body += `/** \`<${entry.element.tagName}>\`: ${(entry.element.summary ?? '').replace(/\*\//g, '')} */\nexport interface ${entry.cls}JsxProps extends BaseProps {\n${jsxLines(entry).join('\n')}\n}\n\n`;
}

const header = `// Generated by scripts/framework-types.mjs from custom-elements.json: do not edit.
import type { ${[...imports].sort().join(', ')} } from './index.js';

/** What any element takes in JSX besides its own attributes, properties and events. */
export interface BaseProps {
  children?: unknown;
  class?: string;
  className?: string;
  id?: string;
  slot?: string;
  lang?: string;
  hidden?: boolean;
  part?: string;
  style?: unknown;
  key?: unknown;
  ref?: unknown;
}

`;
const map = `/**
 * Every element with its JSX props. React 19:
 * \`declare module 'react' { namespace JSX { interface IntrinsicElements extends CustomElements {} } }\`
 */
export interface CustomElements {
${elements.map((element) => `  '${element.tagName}': ${element.name}JsxProps;`).join('\n')}
}
`;
writeFileSync(`${root}dist/types/jsx.d.ts`, header + body + map);

const importLine = `import type { ${[...imports].sort().join(', ')} } from './index.js';\n`;
const vue = `// Generated by scripts/framework-types.mjs from custom-elements.json: do not edit.
// Vue 3: \`import type {} from 'rtc-elements/vue'\` in a .d.ts types the kit's tags in templates (vue-tsc).
import type { DefineComponent } from 'vue';
${importLine}
/** Global attributes strictTemplates would otherwise refuse on the kit's tags (class and style Vue allows itself). */
export interface VueBaseProps {
  id?: string;
  hidden?: boolean;
  lang?: string;
  slot?: string;
  part?: string;
  title?: string;
  role?: string;
  tabindex?: number | string;
  ariaLabel?: string;
}

${catalogue.map((entry) => `export interface ${entry.cls}VueProps extends VueBaseProps {\n${vueLines(entry).join('\n')}\n}\n`).join('\n')}
${catalogue
  .map(
    (entry) =>
      `/** \`<${entry.element.tagName}>\`'s events, as emits: vue-tsc types inline \`@event="(e) => …"\` handlers from these. */\nexport interface ${entry.cls}VueEmits {\n${entry.events
        .map((event) => `  ${quote(event.name)}: (event: CustomEvent<${event.detail}>) => void;`)
        .join('\n')}\n}\n`,
  )
  .join('\n')}
declare module 'vue' {
  interface GlobalComponents {
${catalogue.map((entry) => `    '${entry.element.tagName}': DefineComponent<${entry.cls}VueProps, {}, {}, {}, {}, {}, {}, ${entry.cls}VueEmits>;`).join('\n')}
  }
}
`;
writeFileSync(`${root}dist/types/vue.d.ts`, vue);

const svelte = `// Generated by scripts/framework-types.mjs from custom-elements.json: do not edit.
// Svelte 5: \`import type {} from 'rtc-elements/svelte'\` in a .d.ts types the kit's tags (svelte-check).
import type { HTMLAttributes } from 'svelte/elements';
${importLine}
${catalogue.map((entry) => `export interface ${entry.cls}SvelteProps {\n${svelteLines(entry).join('\n')}\n}\n`).join('\n')}
declare module 'svelte/elements' {
  interface SvelteHTMLElements {
${catalogue.map((entry) => `    '${entry.element.tagName}': HTMLAttributes<${entry.cls}> & ${entry.cls}SvelteProps;`).join('\n')}
  }
}
`;
writeFileSync(`${root}dist/types/svelte.d.ts`, svelte);

/** What each wrapper passes to createComponent: its properties, which of them have an attribute, its events. */
const reactShape = ({ attributes, properties, events }) => {
  const names = properties.map((property) => property.name);
  const withAttribute = Object.fromEntries(
    attributes.filter((attribute) => attribute.fieldName && names.includes(attribute.fieldName)).map((attribute) => [attribute.fieldName, attribute.name]),
  );
  return { properties: names, attributes: withAttribute, events: Object.fromEntries(events.map((event) => [`on${pascal(event.name)}`, event.name])) };
};

// One module per wrapper, each registering only its own tag, so a bundle holds the elements a page uses.
mkdirSync(`${root}dist/react`, { recursive: true });
for (const entry of catalogue) {
  writeFileSync(
    `${root}dist/react/${entry.element.tagName}.js`,
    `'use client';
// Generated by scripts/framework-types.mjs from custom-elements.json: do not edit.
import { createComponent } from './create-component.js';
import '../define/${entry.element.tagName}.js';

export const ${entry.cls} = createComponent('${entry.element.tagName}', ${JSON.stringify(reactShape(entry))});
`,
  );
}
writeFileSync(
  `${root}dist/react/index.js`,
  `// Generated by scripts/framework-types.mjs from custom-elements.json: do not edit.
${catalogue.map((entry) => `export { ${entry.cls} } from './${entry.element.tagName}.js';`).join('\n')}
`,
);

const elementAlias = (cls) => `${cls}Element`;
const react = `// Generated by scripts/framework-types.mjs from custom-elements.json: do not edit.
// React: \`import { RtcRoom } from 'rtc-elements/react'\`; props are the elements' properties, events are \`onRtc…\`.
import type { ForwardRefExoticComponent, HTMLAttributes, ReactNode, RefAttributes } from 'react';
import type { ${[...imports].sort().map((name) => (catalogue.some((entry) => entry.cls === name) ? `${name} as ${elementAlias(name)}` : name)).join(', ')} } from './index.js';

${catalogue
  .map((entry) => {
    const element = elementAlias(entry.cls);
    const own = [
      ...entry.properties.map((property) => `${doc(property.description)}  ${quote(property.name)}?: ${element}['${property.name}'];`),
      ...entry.events.map((event) => `${doc(event.description)}  ${quote(`on${pascal(event.name)}`)}?: (event: CustomEvent<${event.detail}>) => void;`),
      '  children?: ReactNode;',
    ];
    const keys = [...entry.properties.map((property) => property.name), 'children'].map((key) => `'${key}'`).join(' | ');
    return `/** Props of {@link ${entry.cls}}: \`<${entry.element.tagName}>\`'s properties and \`on…\` handlers for its events. */
export type ${entry.cls}Props = Omit<HTMLAttributes<${element}>, ${keys}> & {
${own.join('\n')}
};
/** \`<${entry.element.tagName}>\`: ${(entry.element.summary ?? '').replace(/\*\//g, '')} */
export declare const ${entry.cls}: ForwardRefExoticComponent<${entry.cls}Props & RefAttributes<${element}>>;
`;
  })
  .join('\n')}`;
writeFileSync(`${root}dist/types/react.d.ts`, react);

// Angular: a directive per tag whose inputs are the element's properties, so `[participantAttributes]="…"` is
// type-checked (under CUSTOM_ELEMENTS_SCHEMA alone, property bindings are not). Compiled by ngc in partial mode,
// as Angular libraries ship, into dist/angular. Booleans and numbers take their attribute's text too (`manual`,
// `page-size="9"`), so static attributes still check. An input left unbound never writes the element's property.
const angularInput = (property, attribute) => {
  const plain = property.text.replace(/\s*\|\s*undefined/g, '').trim();
  if (plain === 'boolean') return `input<boolean | undefined, boolean | string | undefined>(undefined, { transform: booleanAttribute })`;
  if (plain === 'number') return `input<number | undefined, number | \`\${number}\` | undefined>(undefined, { transform: numberAttribute })`;
  // A bare attribute (\`<rtc-room video>\`) arrives as '': the element's own attribute parsing reads it.
  return `input<${property.type} | ${attribute ? "'' | " : ''}undefined>(undefined)`;
};
const attributeOf = (entry, property) => entry.attributes.find((attribute) => attribute.fieldName === property.name)?.name;
const angularSource = `// Generated by scripts/framework-types.mjs from custom-elements.json: do not edit.
import { Directive, ElementRef, booleanAttribute, effect, inject, input, numberAttribute, type Signal } from '@angular/core';
import type { ${catalogue.map((entry) => entry.cls).join(', ')} } from '../types/index.js';

/**
 * Writes each bound input to the element's property of the same name whenever it changes; an input never bound
 * leaves the element's own value. A bare attribute ('') goes to the element as that attribute.
 */
function writeInputs(inputs: Record<string, Signal<unknown>>, attributes: Record<string, string>): void {
  const element = inject(ElementRef).nativeElement as HTMLElement & Record<string, unknown>;
  for (const [name, value] of Object.entries(inputs)) {
    let written = false;
    effect(() => {
      const next = value();
      if (next === undefined && !written) return;
      written = true;
      if (next === '' && attributes[name]) element.setAttribute(attributes[name], '');
      else element[name] = next;
    });
  }
}

${catalogue
  .map(
    (entry) => `/** Typed inputs for \`<${entry.element.tagName}>\`: its properties, checked by strictTemplates. */
@Directive({ selector: '${entry.element.tagName}' })
export class ${entry.cls}Inputs {
${entry.properties.map((property) => `${doc(property.description)}  readonly ${property.name} = ${angularInput(property, attributeOf(entry, property))};`).join('\n')}

  constructor() {
    writeInputs({ ${entry.properties.map((property) => `${property.name}: this.${property.name}`).join(', ')} }, ${JSON.stringify(Object.fromEntries(entry.properties.filter((property) => attributeOf(entry, property)).map((property) => [property.name, attributeOf(entry, property)])))});
  }
}
`,
  )
  .join('\n')}
/** Every tag's typed inputs: \`imports: [RTC_ELEMENT_INPUTS]\` in a standalone component, beside CUSTOM_ELEMENTS_SCHEMA. */
export const RTC_ELEMENT_INPUTS = [${catalogue.map((entry) => `${entry.cls}Inputs`).join(', ')}] as const;
`;
mkdirSync(`${root}dist/angular-src`, { recursive: true });
writeFileSync(`${root}dist/angular-src/index.ts`, angularSource);
writeFileSync(
  `${root}dist/angular-src/tsconfig.json`,
  JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022', module: 'ES2022', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM'], strict: true, skipLibCheck: true,
        declaration: true, outDir: '../angular', rootDir: '.', types: [],
      },
      files: ['index.ts'],
      angularCompilerOptions: { compilationMode: 'partial', strictTemplates: true },
    },
    null,
    2,
  ),
);
const ngc = spawnSync(process.execPath, [`${root}node_modules/@angular/compiler-cli/bundles/src/bin/ngc.js`, '-p', `${root}dist/angular-src/tsconfig.json`], { encoding: 'utf8', timeout: 120_000 });
if (ngc.status !== 0) throw new Error(`ngc could not compile the Angular inputs:\n${ngc.stdout}${ngc.stderr}`);
rmSync(`${root}dist/angular-src`, { recursive: true });
console.log(`dist/types/{jsx,vue,svelte,react}.d.ts, dist/react and dist/angular: ${catalogue.length} elements`);
