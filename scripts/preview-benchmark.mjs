// What the Markdown preview costs on generated notes (10 KB, 100 KB, 1 MB, as the latency
// benchmark writes them): the server's orbit.pagePreview answer, from the request to the parsed
// result, and markdown-it's parse and render of the note set up as VS Code 1.100's preview sets it
// up, with the plugin and without. Not a test: numbers to read.
//
//   dotnet build tests/OrbitLsp.LatencyBenchmark -c Release   # writes the notes
//   npm run package                                           # the server it measures (server-dist/)
//   node scripts/preview-benchmark.mjs [runs]                 # default 20 runs per figure
import { spawn, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 20);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'orbit-preview-bench-'));

// The plugin and VS Code's engine set-up, bundled from the sources the tests use (into out/, so
// that the packages it leaves out are found in node_modules).
const bundle = path.join(root, 'out', 'bench', 'preview-engine.cjs');
await esbuild.build({
  stdin: {
    contents: `export { previewEngine } from './client/test/markdownEngine'; export { normalizeText } from './client/src/preview/plugin'; export { parsePagePreview } from './client/src/preview/answer';`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'warning', packages: 'external', absWorkingDir: root,
});
const require = (await import('node:module')).createRequire(import.meta.url);
const { previewEngine, normalizeText, parsePagePreview } = require(bundle);
const vscodeEngine = 'markdown-it 12.3.2 (VS Code 1.100)';

const server = process.env.ORBITLSP_SERVER ?? path.join(root, 'server-dist', process.platform === 'win32' ? 'orbitlsp.exe' : 'orbitlsp');
const child = spawn(server.endsWith('.dll') ? 'dotnet' : server, server.endsWith('.dll') ? [server] : [], { stdio: ['pipe', 'pipe', 'inherit'] });
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
connection.onRequest('client/registerCapability', () => null);
connection.onRequest('window/workDoneProgress/create', () => null);
connection.listen();
await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { general: { positionEncodings: ['utf-16'] } } });
await connection.sendNotification('initialized', {});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
const ms = (x) => x.toFixed(x < 10 ? 2 : 1);
const time = (f) => {
  const start = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - start) / 1e6;
};

console.log(`| note | areas / cards | orbit.pagePreview p50 / p95 | answer JSON | preview's parse + render without the extension | with the plugin and the answer | with the plugin, no answer yet |`);
console.log(`|---|---|---|---|---|---|---|`);
for (const size of [10_000, 100_000, 1_000_000]) {
  const file = path.join(work, `note-${size}.md`);
  execFileSync('dotnet', ['run', '-c', 'Release', '--no-build', '--project', path.join(root, 'tests', 'OrbitLsp.LatencyBenchmark'), '--', '--write-note', file, String(size)], { stdio: 'inherit' });
  const text = fs.readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).toString();
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const server = [];
  let answer;
  let bytes = 0;
  for (let i = 0; i < runs + 3; i++) {
    const start = process.hrtime.bigint();
    const raw = await connection.sendRequest('workspace/executeCommand', { command: 'orbit.pagePreview', arguments: [{ uri }] });
    answer = parsePagePreview(raw);
    const took = Number(process.hrtime.bigint() - start) / 1e6;
    if (i >= 3) server.push(took);
    bytes = JSON.stringify(raw).length;
  }
  const normalized = normalizeText(text);
  // One engine per set-up, as VS Code keeps one; each run parses and renders the whole note, as the preview does on an edit.
  const measure = (host) => {
    const md = previewEngine(vscodeEngine, host);
    const render = () => md.renderer.render(md.parse(text, {}), md.options, { currentDocument: uri });
    for (let i = 0; i < 3; i++) render();
    return Array.from({ length: runs }, () => time(render));
  };
  const plain = measure({ answerFor: () => undefined });
  const withAnswer = measure({ answerFor: (t) => (t === normalized ? answer : undefined) });
  const noPlugin = measure(undefined);
  const cards = answer.areas.reduce((n, a) => n + a.cards.length, 0);
  console.log(`| ${text.length.toLocaleString('en')} chars | ${answer.areas.length} / ${cards} | ${ms(median(server))} / ${ms(p95(server))} ms | ${(bytes / 1024).toFixed(0)} KB | ${ms(median(noPlugin))} ms | ${ms(median(withAnswer))} ms | ${ms(median(plain))} ms |`);
  await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
}
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
fs.rmSync(work, { recursive: true, force: true });
