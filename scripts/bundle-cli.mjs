/**
 * `npm run build`, after tsc: the CLI as an esbuild bundle, so a read command loads a handful of
 * files instead of ~200 ES modules (Node 20's module loader, not Trax, was most of a read
 * command's time). Code splitting keeps main.ts's per-command dynamic imports: `trax accounts`
 * never parses the Plaid SDK, hono or the classifier.
 *
 * Layout: dist/src/cli/bundle/ holds the entry and its chunks; dist/src/cli/main.js (the `bin`,
 * what tests and `npm run trax` run) is a two-line stub that imports it. tsc's unbundled output
 * stays beside it for the demo, the bench and anything else that imports dist/ modules.
 */
import { build } from 'esbuild';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist/src/cli/bundle');
const STUB = path.join(ROOT, 'dist/src/cli/main.js');

/**
 * Modules find files beside themselves through import.meta.url (migrations, the web app's static
 * files, chart.js through createRequire, the CLI's own path for `trax schedule`). In a bundle,
 * import.meta.url is the chunk's URL, so each source file's use is rewritten to the URL tsc's copy
 * of that file has in dist/, computed from the chunk's own location: relative, so the built tree
 * can still be moved. Every output file sits in OUT (chunkNames has no folder), which makes the
 * relative path the same whichever chunk a module lands in.
 */
const importMetaUrlAsInDist = {
  name: 'import-meta-url-as-in-dist',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.tsx?$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const inDist = path.join(ROOT, 'dist', path.relative(ROOT, args.path)).replace(/\.tsx?$/, '.js');
      const rel = path.relative(OUT, inDist).split(path.sep).join('/');
      return {
        contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`),
        loader: args.path.endsWith('x') ? 'tsx' : 'ts',
      };
    });
  },
};

/**
 * commander requires node:child_process at load, for executable subcommands Trax never uses; that
 * one require pulls in net, dgram and the stream stack, ~9 ms of every command's start. The plugin
 * hands commander a proxy that requires the real module on first property access instead, so
 * commander behaves the same if it ever does spawn.
 */
const lazyChildProcessForCommander = {
  name: 'lazy-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer)
        ? { path: 'lazy-child-process', namespace: 'trax-lazy' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'trax-lazy' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

await rm(OUT, { recursive: true, force: true });
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: '[name]-[hash]',
  sourcemap: 'linked',
  // A stack trace names src/*.ts lines; the sources themselves stay in the repository.
  sourcesContent: false,
  // better-sqlite3 loads a native addon through `bindings`; the Plaid SDK is only ever loaded for a
  // bank call, so it keeps Node's own resolution (and its axios build) rather than a bundled copy.
  external: ['better-sqlite3', 'plaid'],
  // Bundled CommonJS packages (commander, cli-table3, ...) may call require(); give ESM output one.
  banner: {
    js: "import { createRequire as __traxCreateRequire } from 'node:module'; const require = __traxCreateRequire(import.meta.url);",
  },
  plugins: [importMetaUrlAsInDist, lazyChildProcessForCommander],
  metafile: true,
  logLevel: 'warning',
});

await writeFile(
  STUB,
  [
    '#!/usr/bin/env node',
    '// Written by scripts/bundle-cli.mjs: the CLI is the bundle in ./bundle (see that script for why).',
    "import './bundle/main.js';",
    '',
  ].join('\n'),
  { mode: 0o755 },
);
// tsc's map described the unbundled main.js that the stub replaced.
await rm(`${STUB}.map`, { force: true });

if (process.env.TRAX_BUNDLE_REPORT) {
  for (const [file, o] of Object.entries(result.metafile.outputs)) {
    if (!file.endsWith('.map')) process.stdout.write(`${(o.bytes / 1024).toFixed(0).padStart(6)} KB ${file}\n`);
  }
}
