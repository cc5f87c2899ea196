/**
 * The Markdown preview plugin against the real server, on every fixture note and the examples:
 * each note is opened in the server as VS Code opens it, its `orbit.pagePreview` answer is
 * rendered by markdown-it set up as VS Code's preview sets it up (12.3.2, the version VS Code 1.100
 * bundles, and 14.1.0), and the cards the preview shows must be exactly those of
 * `orbitlsp cards` (the same server executable), in the same order, each area shown once.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import type Token from 'markdown-it/lib/token.mjs';
import { parsePagePreview, type PagePreview } from '../src/preview/answer';
import { normalizeText, placedItem } from '../src/preview/plugin';
import { engines, previewEngine, type EngineName } from '../test/markdownEngine';
import { initialize, shutdown, startServer, type Server } from './stdioServer';
import { repoRoot, serverCommand } from './support';

interface Note {
  file: string;
  text: string;
  answer: PagePreview;
  /** False for a file that is not UTF-8: VS Code shows it decoded, the command line refuses to read it (OL082). */
  utf8: boolean;
}

interface CliCard {
  file: string;
  block: number;
  prompt: number;
  question: string;
  answer: string;
  color: string;
  line: number;
  hidden: boolean;
  id?: string;
}

function notesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

const files = [...notesUnder(path.join(repoRoot, 'tests', 'fixtures')), ...notesUnder(path.join(repoRoot, 'examples'))];

/** `orbitlsp cards --format json` over all the notes (a note Hugo refuses publishes no cards). */
function cliCards(): Map<string, CliCard[]> {
  const [command, args] = serverCommand();
  const run = spawnSync(command, [...args, 'cards', '--format', 'json', ...files], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.ok(run.status === 0 || run.status === 1, `orbitlsp cards exited ${run.status}: ${run.stderr}`);
  const byFile = new Map<string, CliCard[]>();
  for (const card of JSON.parse(run.stdout) as CliCard[]) {
    const file = path.resolve(repoRoot, card.file);
    byFile.set(file, [...(byFile.get(file) ?? []), card]);
  }
  return byFile;
}

/** Every token of the note, the inline tokens' children included, in order. */
function allTokens(tokens: Token[]): Token[] {
  return tokens.flatMap((t) => [t, ...allTokens(t.children ?? [])]);
}

describe('the Markdown preview plugin on every fixture and example, against the real server', { timeout: 300_000 }, () => {
  let server: Server;
  const notes: Note[] = [];
  let expected: Map<string, CliCard[]>;

  before(async () => {
    server = startServer();
    await initialize(server, false);
    for (const file of files) {
      const uri = pathToFileURL(file).toString();
      // What VS Code hands the server: the text without a byte order mark.
      const bytes = fs.readFileSync(file);
      const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
      let utf8 = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        utf8 = false;
      }
      await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      const raw = await server.connection.sendRequest(ExecuteCommandRequest.type, { command: 'orbit.pagePreview', arguments: [{ uri }] });
      await server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
      notes.push({ file, text, answer: parsePagePreview(raw), utf8 });
    }
    expected = cliCards();
  });

  after(async () => {
    if (server?.process.exitCode === null) await shutdown(server);
  });

  test(`${files.length} notes, with areas in every form and place`, () => {
    assert.ok(files.length > 150, `${files.length} notes`);
    const areas = notes.flatMap((n) => n.answer.areas);
    for (const form of ['shortcode', 'legacy', 'html']) assert.ok(areas.some((a) => a.form === form), form);
    for (const placement of ['body', 'codeFence', 'htmlComment']) assert.ok(areas.some((a) => a.placement === placement), placement);
    assert.ok(notes.some((n) => n.answer.shortcodes.some((c) => c.text !== undefined)), 'an escaped call');
    assert.ok(notes.some((n) => n.answer.buildFailure), 'a note Hugo refuses');
  });

  for (const engine of Object.keys(engines) as EngineName[]) {
    test(`${engine}: the preview shows every card of orbitlsp cards, in order, each area once, where it is written`, (t) => {
      // Every note is checked, and all that differs is reported at once.
      const problems: string[] = [];
      const placements = new Map<string, number>();
      const check = (ok: boolean, what: string, detail?: unknown) => {
        if (!ok) problems.push(detail === undefined ? what : `${what}: ${JSON.stringify(detail)}`);
      };
      for (const note of notes) {
        const normalized = normalizeText(note.text);
        const asked: string[] = [];
        const md = previewEngine(engine, {
          answerFor: (text) => {
            asked.push(text);
            return text === normalized ? note.answer : undefined;
          },
        });
        const tokens = md.parse(note.text, {});
        const where = `${path.relative(repoRoot, note.file)} (${engine})`;
        check(asked.length === 1 && asked[0] === normalized, `${where}: one lookup per parse, of the note's text`);
        const placed = allTokens(tokens).filter((t) => t.type === 'orbit_area').map((t) => placedItem(t)!);
        const indexes = placed.map((i) => i.area!.index).sort((a, b) => a - b);
        check(isDeepStrictEqual(indexes, note.answer.areas.map((a) => a.index)), `${where}: each area once`, indexes);
        for (const item of placed) {
          // Shown after its place only when that is hidden: an HTML comment, or front matter never closed (read to the end).
          const hiddenPlace = item.area!.hidden || item.holder?.type === 'front_matter';
          check(item.placed !== 'after' || hiddenPlace, `${where}: area ${item.area!.index} shown after its place, not at it`);
          placements.set(item.placed!, (placements.get(item.placed!) ?? 0) + 1);
        }
        for (const t of allTokens(tokens).filter((t) => t.type === 'orbit_call')) {
          const call = placedItem(t)!.call!;
          placements.set(call.text === undefined ? 'shortcode chip' : 'escaped call text', (placements.get(call.text === undefined ? 'shortcode chip' : 'escaped call text') ?? 0) + 1);
        }

        // VS Code sends these tokens to its Markdown language server: plain JSON, no bigger than the note's own.
        let json = '';
        try {
          json = JSON.stringify(tokens);
        } catch (error) {
          check(false, `${where}: the tokens are JSON`, String(error));
        }
        const plain = JSON.stringify(previewEngine(engine, undefined).parse(note.text, {}));
        check(json.length <= plain.length * 1.1 + 2_000, `${where}: the tokens are no bigger than without the plugin`, { json: json.length, plain: plain.length });

        const html = md.renderer.render(tokens, md.options, { currentDocument: pathToFileURL(note.file).toString() });
        const cardCount = note.answer.areas.reduce((n, a) => n + a.cards.length, 0);
        check((html.match(/<details class="orbit-card/g)?.length ?? 0) === cardCount, `${where}: a card element per card`);
        check((html.match(/ data-orbit-area="/g)?.length ?? 0) === note.answer.areas.length, `${where}: an element per area`);

        const shown = placed.sort((a, b) => a.area!.index - b.area!.index).flatMap((i) => i.area!.cards.map((c) => ({
          block: i.area!.index, prompt: c.prompt, question: c.question, answer: c.answer, color: i.area!.color, line: c.line + 1, hidden: i.area!.hidden,
        })));
        if (note.answer.buildFailure) {
          check(html.includes('class="orbit-build-failure"'), `${where}: the page Hugo refuses is said so`);
          check(expected.get(note.file) === undefined, `${where}: orbitlsp cards publishes none`);
        } else if (note.utf8) {
          // The card's review id is the panel's business, not the preview's.
          const cli = (expected.get(note.file) ?? []).map(({ file: _file, id: _id, ...card }) => card);
          check(isDeepStrictEqual(shown, cli), `${where}: the cards of orbitlsp cards`, { shown, cli });
        }
      }
      t.diagnostic(`placed: ${[...placements].map(([k, n]) => `${n} ${k}`).join(', ')}`);
      assert.deepEqual(problems, []);
    });
  }
});
