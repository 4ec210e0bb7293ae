// @ts-check
/**
 * @custom-elements-manifest/analyzer 0.11 config (`npm run analyze` = `cem analyze`), writes
 * ./custom-elements.json. scripts/run-tests.mjs (suite `manifest`) regenerates it into a temp dir
 * and fails when the committed file is stale.
 *
 * Events: document every event on the class with a JSDoc tag
 *   @fires {CustomEvent<{ identity: string }>} rtc-participant-joined - When someone joins
 * The analyzer also records every `this.dispatchEvent(new X(arg0, ...))` in a method, taking the
 * event name from `arg0.text`:
 *   - `new RtcFooEvent()` / `new RtcFooEvent({ ... })`  -> an event with NO name (typing
 *     generators then emit `onundefined` or crash);
 *   - `new RtcFooEvent(detail)` (an identifier)         -> an event NAMED "detail" (the variable!);
 *   - `new CustomEvent('rtc-foo', ...)` (a string)      -> a correct event named rtc-foo.
 * The first plugin below drops the first two kinds, so only @fires tags and string-named
 * dispatches remain.
 */

/**
 * @param {any} ts the analyzer's typescript module
 * @param {any} node a ts.Node
 */
const isStringLike = (ts, node) =>
  ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);

/**
 * `${constructor name}\u0000${recorded name or ''}` for each `this.dispatchEvent(new X(arg0))`
 * in `classNode` whose arg0 is not a string: the entries the analyzer got wrong.
 * @param {any} ts @param {any} classNode
 */
function bogusDispatchedEvents(ts, classNode) {
  /** @type {Set<string>} */
  const keys = new Set();
  /** @param {any} node */
  const visit = (node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.getText() === 'dispatchEvent' &&
      node.expression.expression.kind === ts.SyntaxKind.ThisKeyword
    ) {
      for (const arg of node.arguments) {
        if (!ts.isNewExpression(arg)) continue;
        const first = arg.arguments?.[0];
        if (first && isStringLike(ts, first)) continue;
        keys.add(`${arg.expression.text}\u0000${first?.text ?? ''}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(classNode);
  return keys;
}

/**
 * Removes the events the analyzer derives wrongly from `dispatchEvent(new SomeEvent(...))`
 * (see above) and, as a backstop, any event without a name, from every declaration.
 *
 * Core features always run before config plugins within a phase, so in `analyzePhase` at a class
 * node the class is already in moduleDoc with its events: the AST is needed there to tell
 * `new RtcFooEvent(detail)` apart from a real event named "detail". `moduleLinkPhase` then drops
 * whatever is still nameless, before the `packageLinkPhase` in which the core copies inherited
 * events into subclasses and later plugins (docs, typings) usually work. Listed first in
 * `plugins`.
 *
 * @returns {import('@custom-elements-manifest/analyzer').Plugin}
 */
export function dropBogusEventsPlugin() {
  /** @param {{ events?: { name?: string }[] }} decl @param {(e: any) => boolean} keep */
  const filterEvents = (decl, keep) => {
    if (!Array.isArray(decl.events)) return;
    decl.events = decl.events.filter(keep);
    if (decl.events.length === 0) delete decl.events;
  };
  return {
    name: 'rtc-drop-bogus-events',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const decl = moduleDoc.declarations?.find((d) => d.name === node.name?.getText());
      if (!decl) return;
      const bogus = bogusDispatchedEvents(ts, node);
      filterEvents(
        /** @type {any} */ (decl),
        (event) =>
          Boolean(event.name) &&
          // Events that came from a dispatch carry no description; @fires ones usually do.
          !(bogus.has(`${event.type?.text}\u0000${event.name}`) && !event.description),
      );
    },
    moduleLinkPhase({ moduleDoc }) {
      for (const decl of moduleDoc.declarations ?? []) {
        filterEvents(/** @type {any} */ (decl), (event) => Boolean(event.name));
      }
    },
  };
}

/**
 * Drops private members (`#field`, `private`) from every class: they are not API, and Storybook would
 * otherwise list them in the docs tables.
 */
function dropPrivateMembersPlugin() {
  return {
    name: 'rtc-drop-private-members',
    /** @param {{ moduleDoc: any }} options */
    moduleLinkPhase({ moduleDoc }) {
      for (const declaration of moduleDoc.declarations ?? []) {
        if (!declaration.members) continue;
        declaration.members = declaration.members.filter(
          (/** @type {any} */ member) => member.privacy !== 'private' && !String(member.name).startsWith('#'),
        );
      }
    },
  };
}

/**
 * Sorts modules by path: the analyzer lists files in whatever order the file system answers, so without this
 * the same source can give a manifest in another order and the freshness check fails at random.
 */
function sortModulesPlugin() {
  return {
    name: 'rtc-sort-modules',
    /** @param {{ customElementsManifest: any }} options */
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules.sort((/** @type {any} */ a, /** @type {any} */ b) => a.path.localeCompare(b.path));
    },
  };
}

export default {
  litelement: true,
  globs: ['src/**/*.ts'],
  exclude: [
    'src/**/*.test.ts',
    'src/**/*.spec.ts',
    'src/**/*.stories.ts',
    'src/**/*.styles.ts',
    'src/elements/video-attribute.ts',
    'src/core/**',
    'test/**',
    'stories/**',
    'demo/**',
  ],
  outdir: '.',
  // package.json already has "customElements": "custom-elements.json". Left at its default (true)
  // the analyzer rewrites that field to <outdir>/custom-elements.json on every run, which would
  // point package.json at the temp dir when scripts/run-tests.mjs regenerates the manifest there.
  packagejson: false,
  plugins: [dropBogusEventsPlugin(), dropPrivateMembersPlugin(), sortModulesPlugin()],
};
