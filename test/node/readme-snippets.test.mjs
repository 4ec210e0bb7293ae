// The quick starts (docs/quick-start.md, linked from the README) are cut from the example apps CI builds and runs: every line of a snippet marked
// `<!-- snippet: path -->` must still be a line of that file (whitespace aside; lines with `…` mark a cut).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const root = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('docs/quick-start.md', root), 'utf8');
const snippets = [...readme.matchAll(/<!-- snippet: (\S+) -->\n```\w*\n([\s\S]*?)\n```/g)];

test('the README has a snippet for each example app', () => {
  const examples = new Set(snippets.map(([, path]) => path.split('/')[1]));
  assert.deepEqual([...examples].sort(), ['angular', 'next', 'plain-html', 'react', 'svelte', 'vue']);
});

for (const [, path, code] of snippets) {
  test(`the README's snippet of ${path} matches it`, () => {
    const lines = new Set(readFileSync(new URL(path, root), 'utf8').split('\n').map((line) => line.trim()));
    const missing = code
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.includes('…') && !lines.has(line));
    assert.deepEqual(missing, [], `lines of the README's snippet that ${path} does not have`);
  });
}
