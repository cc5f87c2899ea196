// An LSP client written in Node, outside .NET, measuring a language server over stdio the way an
// editor's client meets it: incremental sync and pulled diagnostics (`textDocument/diagnostic`
// right after every didOpen and didChange, as vscode-languageclient does), the capabilities VS Code
// announces, answers to what the server asks (configuration, registrations, progress, refresh).
//
//   node latency.mjs --note FILE [--runs N] [--markdown-server] -- COMMAND [ARGS...]
//
// COMMAND is the server (e.g. `out/orbitlsp`, or `dotnet server/OrbitLsp/bin/Release/net10.0/orbitlsp.dll`).
// --markdown-server also starts VS Code's Markdown language server (npm vscode-markdown-languageserver,
// installed beside this file by `npm ci`) with this same client, interleaved with the server's own
// starts, and compares their `initialize`.
// Typing is measured twice: keystrokes that ask only for their diagnostics, then keystrokes each
// followed (once its diagnostics came) by what VS Code asks a server for after an edit: semantic
// tokens (delta), inlay hints of the visible lines, code lenses, document symbols and folding
// ranges, all at once (VS Code sends each after its own short delay), before the next keystroke.
// Times are taken when a message is written (after it was serialised) and when its answer's last
// byte arrives (before it is parsed): the client's own JSON work is not counted.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const options = dash < 0 ? argv : argv.slice(0, dash);
const command = dash < 0 ? [] : argv.slice(dash + 1);
const option = (name) => { const i = options.indexOf(name); return i < 0 ? undefined : options[i + 1]; };
const notePath = option('--note');
if (!notePath || command.length === 0) {
  process.stderr.write('usage: node latency.mjs --note FILE [--runs N] [--markdown-server] -- COMMAND [ARGS...]\n');
  process.exit(2);
}
const runs = Number(option('--runs') ?? 5);
const withMarkdownServer = options.includes('--markdown-server');
const note = readFileSync(notePath, 'utf8');
const TIMEOUT_MS = 60_000;

/** One language server over stdio, with the few client duties a real client has. */
class Client {
  constructor(cmd, args) {
    this.started = performance.now();
    this.child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'ignore'] });
    this.nextId = 0;
    this.pending = new Map();
    this.handlers = new Map();
    this.buffer = Buffer.alloc(0);
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
    this.child.stdout.on('data', (chunk) => this.read(chunk));
    this.child.on('error', (e) => { for (const p of this.pending.values()) p.reject(e); });
  }

  read(chunk) {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const match = /Content-Length:\s*(\d+)/i.exec(header);
      if (!match) throw new Error(`no Content-Length in ${header}`);
      const length = Number(match[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const arrived = performance.now();
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length);
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body.toString('utf8')), arrived);
    }
  }

  dispatch(message, arrived) {
    if (message.method === undefined) {
      const p = this.pending.get(message.id);
      if (!p) return;
      this.pending.delete(message.id);
      if (message.error) p.reject(new Error(`${p.method}: ${message.error.message}`));
      else p.resolve({ arrived, result: message.result });
      return;
    }
    const handler = this.handlers.get(message.method);
    const answer = handler ? handler(message.params) : null;
    if (message.id !== undefined) this.write({ jsonrpc: '2.0', id: message.id, result: answer ?? null });
  }

  write(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    const sent = performance.now();
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
    return sent;
  }

  /** Sends a request: `sent` when it was written, `answered` resolves with the time its answer arrived. */
  request(method, params) {
    const id = ++this.nextId;
    const answered = new Promise((resolve, reject) => {
      this.pending.set(id, { method, resolve, reject });
      setTimeout(() => reject(new Error(`${method}: no answer in ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref();
    });
    const sent = this.write({ jsonrpc: '2.0', id, method, params });
    return { sent, answered };
  }

  notify(method, params) {
    return this.write({ jsonrpc: '2.0', method, params });
  }

  /** What the server holds now and at most, in MB (Linux), the `dotnet` or `node` process itself. */
  memory() {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN) / 1024;
    return { rss: field('VmRSS'), peak: field('VmHWM') };
  }

  async exit() {
    await this.request('shutdown', null).answered.catch(() => {});
    this.notify('exit', null);
    const timer = setTimeout(() => this.child.kill(), 5_000);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}

/** What VS Code 1.100 announces (the parts a server can act on), pulling diagnostics. */
const capabilities = {
  general: { positionEncodings: ['utf-16'], markdown: { parser: 'marked', version: '1.1.0' } },
  window: { workDoneProgress: true, showMessage: {}, showDocument: { support: true } },
  workspace: {
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    symbol: { dynamicRegistration: true },
    executeCommand: { dynamicRegistration: true },
    configuration: true,
    workspaceFolders: true,
    semanticTokens: { refreshSupport: true },
    codeLens: { refreshSupport: true },
    inlayHint: { refreshSupport: true },
    diagnostics: { refreshSupport: true },
    fileOperations: { dynamicRegistration: true, didRename: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
    completion: {
      dynamicRegistration: true, contextSupport: true,
      completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], insertReplaceSupport: true, labelDetailsSupport: true },
      completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
    },
    hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { dynamicRegistration: true, hierarchicalDocumentSymbolSupport: true, labelSupport: true },
    codeAction: {
      dynamicRegistration: true, isPreferredSupport: true, disabledSupport: true, dataSupport: true,
      resolveSupport: { properties: ['edit'] },
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.rewrite', 'source', 'source.fixAll'] } },
    },
    codeLens: { dynamicRegistration: true },
    formatting: { dynamicRegistration: true },
    rangeFormatting: { dynamicRegistration: true },
    foldingRange: { dynamicRegistration: true, rangeLimit: 5000, lineFoldingOnly: true },
    selectionRange: { dynamicRegistration: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: false, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
    semanticTokens: {
      dynamicRegistration: true, requests: { range: true, full: { delta: true } },
      tokenTypes: ['namespace', 'type', 'class', 'function', 'method', 'property', 'variable', 'keyword', 'string', 'number', 'comment', 'operator'],
      tokenModifiers: ['declaration', 'definition', 'readonly', 'deprecated'],
      formats: ['relative'], overlappingTokenSupport: false, multilineTokenSupport: false, serverCancelSupport: true, augmentsSyntaxTokens: true,
    },
    inlayHint: { dynamicRegistration: true, resolveSupport: { properties: ['tooltip', 'textEdits', 'label.tooltip', 'label.location', 'label.command'] } },
    diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
  },
};

function initializeParams(rootUri) {
  return {
    processId: process.pid,
    clientInfo: { name: 'latency.mjs', version: '1' },
    locale: 'en',
    rootPath: null,
    rootUri,
    capabilities,
    trace: 'off',
    workspaceFolders: rootUri ? [{ uri: rootUri, name: 'bench' }] : null,
  };
}

function start(cmd) {
  const client = new Client(cmd[0], cmd.slice(1));
  client.handlers.set('workspace/configuration', (p) => p.items.map(() => null));
  return client;
}

const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
const median = (values) => pct(values, 50);
const range = (values) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;

async function initializeTime(cmd) {
  const client = start(cmd);
  const { answered } = client.request('initialize', initializeParams(null));
  const { arrived } = await answered;
  const time = arrived - client.started;
  client.notify('initialized', {});
  await client.exit();
  return time;
}

const rows = [];
const row = (what, figure, target = '') => rows.push([what, figure, target]);

// 1. spawn → initialize result, fresh processes; VS Code's Markdown server in turn with ours.
const markdownServer = withMarkdownServer
  ? ['node', createRequire(import.meta.url).resolve('vscode-markdown-languageserver'), '--stdio']
  : null;
const ours = [];
const theirs = [];
for (let i = 0; i < runs; i++) {
  ours.push(await initializeTime(command));
  if (markdownServer) theirs.push(await initializeTime(markdownServer));
}
row(`spawn → initialize result (median of ${runs}, range)`, `${median(ours).toFixed(0)} ms (${range(ours)})`, '≤ 150 ms');
if (markdownServer) row(`  VS Code's Markdown server, same client, in turn`, `${median(theirs).toFixed(0)} ms (${range(theirs)})`, 'slower');

// 2. One server: open the note, type, hover.
const client = start(command);
await client.request('initialize', initializeParams(null)).answered;
client.notify('initialized', {});
// A client that waits on workspace/diagnostic/refresh would pull again; this one counts them.
let refreshes = 0;
client.handlers.set('workspace/diagnostic/refresh', () => { refreshes++; return null; });
await new Promise((resolve) => setTimeout(resolve, 500)); // as an editor settles before a file opens

let uriCount = 0;
const resultIds = new Map();
/** Pulls a note's diagnostics as vscode-languageclient does, with the result id it has. */
function pull(uri) {
  const { sent, answered } = client.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: resultIds.get(uri) });
  return { sent, answered: answered.then((a) => { resultIds.set(uri, a.result?.resultId); return a; }) };
}

async function open(text) {
  const uri = `file:///bench/note-${++uriCount}.md`;
  const sent = client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const { arrived, result } = await pull(uri).answered;
  return { uri, time: arrived - sent, count: result.items?.length };
}

const opens = [];
for (let i = 0; i < 5; i++) {
  const { uri, time } = await open(note);
  opens.push(time);
  client.notify('textDocument/didClose', { textDocument: { uri } });
}
row(`didOpen → pulled diagnostics, ${(note.length / 1e6).toFixed(1)}M-char note: first / median (range)`,
  `${opens[0].toFixed(1)} / ${median(opens).toFixed(1)} ms (${Math.min(...opens).toFixed(1)}–${Math.max(...opens).toFixed(1)})`, '≤ 20 ms');

const opened = await open(note);
const lines = note.split('\n');
const promptLine = lines.findIndex((l, i) => i >= lines.length / 2 && l.startsWith('What does'));
const proseLine = lines.findIndex((l, i) => i >= lines.length / 3 && l.length > 200 && /[A-Z]/.test(l[0]));
const typed = 'Why does the agent flip the block instead of stacking it, and what would fix the reward? ';
let version = 1;
const extra = new Map();
let tokensResultId;

/** After an edit VS Code asks for these (each after its own short delay); sent together here. */
async function editorFollowUps(uri, line) {
  const visible = { start: { line: Math.max(0, line - 30), character: 0 }, end: { line: line + 30, character: 0 } };
  const requests = [
    ['semanticTokens/full/delta', tokensResultId
      ? ['textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: tokensResultId }]
      : ['textDocument/semanticTokens/full', { textDocument: { uri } }]],
    ['inlayHint (60 lines)', ['textDocument/inlayHint', { textDocument: { uri }, range: visible }]],
    ['codeLens', ['textDocument/codeLens', { textDocument: { uri } }]],
    ['documentSymbol', ['textDocument/documentSymbol', { textDocument: { uri } }]],
    ['foldingRange', ['textDocument/foldingRange', { textDocument: { uri } }]],
  ];
  await Promise.all(requests.map(async ([name, [method, params]]) => {
    const { sent, answered } = client.request(method, params);
    const { arrived, result } = await answered;
    if (method.startsWith('textDocument/semanticTokens')) tokensResultId = result?.resultId;
    if (!extra.has(name)) extra.set(name, []);
    extra.get(name).push(arrived - sent);
  }));
}

for (const editorRequests of [false, true]) {
  for (const [where, line] of [['a question line', promptLine], ['a prose paragraph', proseLine]]) {
    let character = lines[line].length - 1;
    const times = [];
    for (let i = 0; i < 200; i++) {
      version++;
      const sent = client.notify('textDocument/didChange', {
        textDocument: { uri: opened.uri, version },
        contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: typed[i % typed.length] }],
      });
      const { arrived } = await pull(opened.uri).answered;
      times.push(arrived - sent);
      character++;
      if (editorRequests) await editorFollowUps(opened.uri, line);
    }
    // Typed text is deleted again, so both rounds type into the same lines.
    version++;
    client.notify('textDocument/didChange', {
      textDocument: { uri: opened.uri, version },
      contentChanges: [{ range: { start: { line, character: lines[line].length - 1 }, end: { line, character } }, text: '' }],
    });
    await pull(opened.uri).answered;
    const how = editorRequests ? ', then the editor\'s requests' : '';
    row(`typing 200 chars into ${where}${how}: p50 / p95`, `${pct(times, 50).toFixed(1)} / ${pct(times, 95).toFixed(1)} ms`);
    row(`typing 200 chars into ${where}${how}: p99 (slowest)`, `${pct(times, 99).toFixed(1)} ms (${Math.max(...times).toFixed(1)})`, '≤ 10 ms');
  }
}
for (const [name, times] of extra) row(`  after each keystroke, ${name}: p50 / p99`, `${pct(times, 50).toFixed(1)} / ${pct(times, 99).toFixed(1)} ms`);

const promptLines = lines.flatMap((l, i) => (l.startsWith('What does') || l.startsWith('It means') ? [i] : []));
const hovers = [];
for (let i = 0; i < 300; i++) {
  const line = promptLines[(i * 7919) % promptLines.length];
  const { sent, answered } = client.request('textDocument/hover', { textDocument: { uri: opened.uri }, position: { line, character: 3 } });
  hovers.push((await answered).arrived - sent);
}
row('hover on a prompt line: p50', `${pct(hovers, 50).toFixed(2)} ms`);
row('hover on a prompt line: p99', `${pct(hovers, 99).toFixed(2)} ms`, '≤ 2 ms');
row('peak RSS of the server process (VmHWM)', `${client.memory().peak.toFixed(0)} MB`, '≤ 80 MB');
const code = await client.exit();

const width = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length)), 9];
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(width[i])).join(' | ')} |`;
console.log(`external client (Node ${process.version}), diagnostics pulled after each didOpen and didChange; server: ${command.join(' ')}`);
console.log(line(['measure', 'result', 'target']));
console.log(`|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log(`workspace/diagnostic/refresh requests received: ${refreshes}; server exit code: ${code}`);
