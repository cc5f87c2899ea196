// Bundles the extension (dist/extension.js) and the review panel script (dist/webview.js),
// copies KaTeX's stylesheet and fonts into media/katex, and with --tests compiles the tests
// into out/. Flags: --production (minified, no source maps), --watch, --tests.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: production ? 'none' : 'inline',
};

const builds = [
  {
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['client/src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

if (tests) {
  for (const folder of ['test', 'e2e']) {
    const dir = join(root, 'client', folder);
    const entryPoints = readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => `client/${folder}/${f}`);
    builds.push({
      ...common,
      minify: false,
      sourcemap: 'inline',
      entryPoints,
      outdir: `out/${folder}`,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
    });
  }
}

function copyKatex() {
  const from = join(root, 'node_modules', 'katex', 'dist');
  const to = join(root, 'media', 'katex');
  rmSync(to, { recursive: true, force: true });
  mkdirSync(join(to, 'fonts'), { recursive: true });
  cpSync(join(from, 'katex.min.css'), join(to, 'katex.min.css'));
  // The stylesheet lists woff2 first; every browser engine VS Code runs on loads it.
  for (const font of readdirSync(join(from, 'fonts')).filter((f) => f.endsWith('.woff2'))) {
    cpSync(join(from, 'fonts', font), join(to, 'fonts', font));
  }
}

copyKatex();
if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching…');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
