/**
 * The real OrbitLsp server, started as VS Code's client starts it (`dotnet orbitlsp.dll`, stdio),
 * driven with vscode-languageserver-protocol, the layer vscode-languageclient is built on.
 * Needs `npm run build:server` first (npm run test:e2e does it).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CodeLensRequest,
  DiagnosticSeverity,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  HoverRequest,
  PublishDiagnosticsNotification,
  type CodeAction,
  type TextDocumentEdit,
  type Diagnostic,
  type InitializeResult,
  type MarkupContent,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { parsePreviewReviewResult } from '../src/review/card';
import { initialize, shutdown, startServer, type Server } from './stdioServer';
import { exampleNote, expectedCards, waitFor } from './support';

const uri = pathToFileURL(exampleNote).toString();
const text = fs.readFileSync(exampleNote, 'utf8');
/** examples/misalignment.md line 171 (1-based): "A mesa-optimizer.", a question left without an answer. */
const UNANSWERED_LINE = 170;

function open(server: Server): Promise<void> {
  return server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'markdown', version: 1, text },
  });
}

function isUnanswered(d: Diagnostic): boolean {
  return d.range.start.line === UNANSWERED_LINE && d.code === 'OL001';
}

describe('the real server over stdio, with push diagnostics', () => {
  let server: Server;
  let init: InitializeResult;
  const published: PublishDiagnosticsParams[] = [];

  before(async () => {
    server = startServer();
    server.connection.onNotification(PublishDiagnosticsNotification.type, (p) => published.push(p));
    init = await initialize(server, false);
    await open(server);
  });

  after(async () => {
    if (server.process.exitCode === null) server.process.kill();
  });

  test('initialize advertises sync, hover and the preview-review command', () => {
    const caps = init.capabilities;
    assert.ok(caps.textDocumentSync !== undefined, 'textDocumentSync');
    assert.ok(caps.hoverProvider, 'hoverProvider');
    assert.ok(caps.executeCommandProvider?.commands.includes('orbit.previewReview'), 'orbit.previewReview');
    assert.ok(caps.positionEncoding === undefined || caps.positionEncoding === 'utf-16', `positionEncoding ${caps.positionEncoding}`);
  });

  test('opening the example note publishes an OL001 error on line 171', async () => {
    const params = await waitFor('diagnostics for misalignment.md with OL001', () =>
      published.find((p) => p.uri === uri && p.diagnostics.some(isUnanswered)),
    );
    const d = params.diagnostics.find(isUnanswered)!;
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.equal(d.source, 'orbitlsp');
    assert.ok(d.message.length > 0);
    assert.ok(d.codeDescription?.href, 'codeDescription.href');
    assert.equal(params.version, 1);
  });

  test('hovering the unanswered question shows its card', async () => {
    const hover = await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: UNANSWERED_LINE, character: 3 },
    });
    assert.ok(hover, 'a hover');
    const contents = hover.contents as MarkupContent;
    const value = typeof contents === 'string' ? contents : contents.value;
    assert.match(value, /A mesa-optimizer/);
    assert.match(value, /\b11 of 11\b/, 'the card is the 11th of its block');
  });

  test('orbit.previewReview at the cursor returns the cards of that block, the unanswered one flagged', async () => {
    const raw = await server.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'orbit.previewReview',
      arguments: [{ uri, position: { line: UNANSWERED_LINE, character: 0 }, scope: 'block' }],
    });
    const result = parsePreviewReviewResult(raw);
    const expected = expectedCards(text).filter((c) => c.block === 2);
    assert.ok(result.title.length > 0, 'a title');
    assert.deepEqual(
      result.cards.map((c) => ({ block: c.block, prompt: c.prompt, line: c.range.start.line, question: c.question, answer: c.answer })),
      expected,
    );
    const last = result.cards.at(-1)!;
    assert.equal(last.range.start.line, UNANSWERED_LINE);
    assert.ok(last.problems.includes('OL001'), `problems ${last.problems}`);
    assert.equal(last.color, 'purple');
    assert.equal(last.hidden, false);
  });

  test('orbit.previewReview for the document returns every card of the note', async () => {
    const raw = await server.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'orbit.previewReview',
      arguments: [{ uri, scope: 'document' }],
    });
    const result = parsePreviewReviewResult(raw);
    assert.deepEqual(
      result.cards.map((c) => ({ block: c.block, prompt: c.prompt, line: c.range.start.line, question: c.question, answer: c.answer })),
      expectedCards(text),
    );
  });

  test('orbit.previewReview with a bad argument is an InvalidParams error and the server stays up', async () => {
    await assert.rejects(
      server.connection.sendRequest(ExecuteCommandRequest.type, { command: 'orbit.previewReview', arguments: [{ scope: 'nonsense' }] }),
      (e: { code?: number }) => e.code === -32602,
    );
    const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: UNANSWERED_LINE, character: 0 } });
    assert.ok(hover);
  });

  test('each published block has a "Review N prompts" lens running orbit.previewReview on it', async () => {
    const lenses = await server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    const review = (lenses ?? []).filter((l) => l.command?.command === 'orbit.previewReview');
    assert.equal(review.length, new Set(expectedCards(text).map((c) => c.block)).size);
    assert.match(review[0].command!.title, /^Review \d+ prompts?( · \d+ due)?$/);
    assert.deepEqual(review[0].command!.arguments, [{ uri, position: review[0].range.start }]);
  });

  test('source.fixAll.orbitlsp answers one versioned edit of the note', async () => {
    const actions = await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.orbitlsp'] },
    });
    const fixAll = (actions ?? []) as CodeAction[];
    assert.equal(fixAll.length, 1);
    assert.equal(fixAll[0].kind, 'source.fixAll.orbitlsp');
    const [change] = fixAll[0].edit!.documentChanges as TextDocumentEdit[];
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    assert.ok(change.edits.length > 0, 'some edits');
  });

  test('shutdown then exit ends the server with code 0', async () => {
    assert.equal(await shutdown(server), 0);
  });
});

describe('the real server over stdio, with pull diagnostics', () => {
  test('a client that pulls gets OL001 on line 171 from textDocument/diagnostic', async () => {
    const server = startServer();
    try {
      await initialize(server, true);
      await open(server);
      const report = await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      assert.equal(report.kind, 'full');
      const d = report.kind === 'full' ? report.items.find(isUnanswered) : undefined;
      assert.ok(d, 'OL001 on line 171');
      assert.equal(d.severity, DiagnosticSeverity.Error);
      assert.equal(await shutdown(server), 0);
    } finally {
      if (server.process.exitCode === null) server.process.kill();
    }
  });
});
