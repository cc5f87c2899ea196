import * as vscode from 'vscode';
import type MarkdownIt from 'markdown-it';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import { parsePagePreview, type PagePreview } from './preview/answer';
import { normalizeText, orbitPreviewPlugin } from './preview/plugin';
import type { ServerController } from './serverController';

/** The server command whose answer the preview shows. */
export const PAGE_PREVIEW_COMMAND = 'orbit.pagePreview';

/** After the last edit of the active note (no preview open), its answer is fetched this much later. */
const IDLE_FETCH_MS = 400;

/**
 * An answer for an older version than the editor's (the server has not read the latest change
 * yet, as on a loaded machine) is asked again after 50 ms, then twice as long each time up to a
 * second, for up to half a minute in all: a preview that rendered without it must get it.
 */
const RETRY_MS = 50;
const RETRY_MAX_MS = 1_000;
const RETRY_FOR_MS = 30_000;
/** A refresh that did not bring the answer into the preview is asked for again after this (then twice, three times … as long), up to REFRESH_ATTEMPTS in all. */
const REFRESH_CHECK_MS = 1_000;
const REFRESH_ATTEMPTS = 6;
/**
 * `markdown.preview.refresh` reloads the preview's page. An edit's update that reaches the page
 * while it loads can be lost (the page then shows the text it was reloaded with, and the preview,
 * which thinks it sent the newer one, skips it until the next edit): an edit this soon after a
 * refresh of ours gets one more refresh once the edits pause for SETTLE_MS.
 */
const RELOAD_WINDOW_MS = 5_000;
const SETTLE_MS = 1_000;

interface Entry {
  version: number;
  /** The server's diagnostics of the document when the answer was last asked for (see `diagnosticsChanged`). */
  diagnostics: string;
  /** The document's text at that version, as markdown-it normalises it: the key an answer is applied by. */
  text: string;
  answer: PagePreview;
  json: string;
}

/**
 * Feeds VS Code's Markdown preview (see preview/plugin.ts) with the server's `orbit.pagePreview`
 * answers. markdown-it renders synchronously, so answers are fetched ahead and kept per document
 * with the exact text they were computed from (the server says which editor version it read);
 * the plugin applies one only to that text. A note rendered without its answer is fetched and the
 * preview refreshed once the answer arrives. While a preview is open, a note it showed is fetched
 * on every edit (one request at a time, the newest version next); the active note is fetched when
 * typing pauses, so that opening its preview finds the answer there.
 */
export class MarkdownPreviewCards implements vscode.Disposable {
  private readonly answers = new Map<string, Entry>();
  /** Documents whose latest render had no answer, with the text rendered. */
  private readonly missed = new Map<string, string>();
  /** Documents the preview has rendered. */
  private readonly previewed = new Set<string>();
  private readonly fetching = new Map<string, { again: boolean }>();
  private readonly disposables: vscode.Disposable[] = [];
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private recheckTimer: ReturnType<typeof setTimeout> | undefined;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  /** When a refresh of ours last reloaded the previews (performance.now()), or -Infinity. */
  private refreshedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly server: ServerController, private readonly log: vscode.OutputChannel) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.changed(e.document)),
      vscode.window.onDidChangeActiveTextEditor((e) => e && this.scheduleIdle(e.document, 0)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri.toString())),
      vscode.languages.onDidChangeDiagnostics((e) => {
        for (const uri of e.uris) this.diagnosticsChanged(uri.toString());
      }),
      server.onDidChangeClient((client) => {
        const active = vscode.window.activeTextEditor?.document;
        if (client && active) this.scheduleIdle(active, 0);
      }),
    );
  }

  /** The `extendMarkdownIt` of the extension's exports. */
  extendMarkdownIt(md: MarkdownIt): MarkdownIt {
    orbitPreviewPlugin(md, {
      answerFor: (text) => this.answerFor(text),
      rendered: (document, text, answered) => this.rendered(document, text, answered),
    });
    return md;
  }

  /** The answer computed from exactly this text, whichever document it is. */
  answerFor(text: string): PagePreview | undefined {
    for (const entry of this.answers.values()) if (entry.text === text) return entry.answer;
    return undefined;
  }

  private rendered(document: unknown, text: string, answered: boolean): void {
    const uri = uriString(document);
    if (!uri) return;
    this.previewed.add(uri);
    // What matters is the latest render of the document: with its answer, or without (then fetch it).
    if (answered) {
      this.missed.delete(uri);
      return;
    }
    if (this.missed.get(uri) !== text) this.log.appendLine(`Markdown preview: ${uri} rendered before its review areas were known; asking the server`);
    this.missed.set(uri, text);
    void this.fetch(uri);
  }

  private changed(doc: vscode.TextDocument): void {
    if (doc.languageId !== 'markdown') return;
    const uri = doc.uri.toString();
    if (this.previewed.has(uri) && previewOpen()) {
      void this.fetch(uri);
      if (performance.now() - this.refreshedAt < RELOAD_WINDOW_MS) this.settle(uri);
    } else if (doc === vscode.window.activeTextEditor?.document) this.scheduleIdle(doc, IDLE_FETCH_MS);
  }

  /**
   * Same text, other problems (the rules' settings or `.orbitlsp.yaml` changed, and the server
   * checked the note again): the answer is asked for again, and the preview refreshed if it differs.
   */
  private diagnosticsChanged(uri: string): void {
    const doc = this.document(uri);
    const entry = this.answers.get(uri);
    if (!doc || !entry || !this.previewed.has(uri) || entry.version !== doc.version) return;
    const now = diagnosticsOf(doc.uri);
    if (now === entry.diagnostics) return;
    entry.diagnostics = now;
    void this.fetch(uri);
  }

  private scheduleIdle(doc: vscode.TextDocument, delay: number): void {
    if (doc.languageId !== 'markdown') return;
    clearTimeout(this.idleTimer);
    const uri = doc.uri.toString();
    this.idleTimer = setTimeout(() => {
      if (this.answers.get(uri)?.version !== doc.version) void this.fetch(uri);
    }, delay);
  }

  /** Asks the server for the document's answer: one request per document at a time, then the newest version. */
  private async fetch(uri: string, waited = 0): Promise<void> {
    const running = this.fetching.get(uri);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: false };
    this.fetching.set(uri, state);
    let retry = false;
    try {
      const doc = this.document(uri);
      const client = this.server.running;
      if (!doc || !client) return;
      const sent = doc.version;
      const raw = await client.sendRequest(ExecuteCommandRequest.type, {
        command: PAGE_PREVIEW_COMMAND,
        arguments: [{ uri: client.code2ProtocolConverter.asUri(doc.uri) }],
      });
      const answer = parsePagePreview(raw);
      if (doc.isClosed) return;
      if (answer.version === doc.version) this.store(uri, doc, answer, raw);
      else if (doc.version !== sent) state.again = true;
      // The server has not seen this version yet (or does not have the note open): ask again shortly.
      else retry = waited < RETRY_FOR_MS;
    } catch (error) {
      this.log.appendLine(`${PAGE_PREVIEW_COMMAND} failed for ${uri}: ${String(error)}`);
    } finally {
      this.fetching.delete(uri);
      if (state.again) void this.fetch(uri);
      else if (retry) {
        const delay = Math.min(RETRY_MAX_MS, Math.max(RETRY_MS, waited));
        setTimeout(() => void this.fetch(uri, waited + delay), delay);
      }
    }
  }

  private store(uri: string, doc: vscode.TextDocument, answer: PagePreview, raw: unknown): void {
    const entry: Entry = { version: doc.version, diagnostics: diagnosticsOf(doc.uri), text: normalizeText(doc.getText()), answer, json: JSON.stringify(raw) };
    const previous = this.answers.get(uri);
    this.answers.set(uri, entry);
    if (this.missed.get(uri) === entry.text) {
      // `missed` is cleared by the render that has the answer, not here: a refresh asked for while
      // the preview's own update of an edit is pending can come to nothing (the update then finds
      // the version it already showed and skips), so the refresh is asked for again until it shows.
      this.refreshUntilShown(uri, entry.text, 0);
    } else if (previous && previous.text === entry.text && previous.json !== entry.json && this.previewed.has(uri)) {
      this.refresh();
    }
  }

  /** Refreshes until the preview renders `text` with its answer (or the note moves on), a few times at most. */
  private refreshUntilShown(uri: string, text: string, attempt: number): void {
    if (attempt >= REFRESH_ATTEMPTS || this.missed.get(uri) !== text || this.answers.get(uri)?.text !== text) return;
    if (attempt > 0) this.log.appendLine(`Markdown preview: ${uri} not rendered again with its review areas; refreshing again (${attempt + 1})`);
    this.refresh();
    clearTimeout(this.recheckTimer);
    this.recheckTimer = setTimeout(() => this.refreshUntilShown(uri, text, attempt + 1), REFRESH_CHECK_MS * (attempt + 1));
  }

  /** Renders the previews again: the answer they lacked (or a changed one) is there now. */
  private refresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshedAt = performance.now();
      void vscode.commands.executeCommand('markdown.preview.refresh');
    }, 0);
  }

  /** Once the edits of a document pause, refreshes the previews again (see RELOAD_WINDOW_MS). */
  private settle(uri: string): void {
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      if (!this.previewed.has(uri) || !previewOpen()) return;
      this.log.appendLine(`Markdown preview: ${uri} edited while the preview reloaded; refreshing it once more`);
      this.refresh();
    }, SETTLE_MS);
  }

  private forget(uri: string): void {
    this.answers.delete(uri);
    this.missed.delete(uri);
    this.previewed.delete(uri);
  }

  private document(uri: string): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri && d.languageId === 'markdown');
  }

  dispose(): void {
    clearTimeout(this.idleTimer);
    clearTimeout(this.refreshTimer);
    clearTimeout(this.recheckTimer);
    clearTimeout(this.settleTimer);
    for (const d of this.disposables) d.dispose();
  }
}

/** The preview's `env.currentDocument` (a Uri made by the Markdown extension) as a string. */
function uriString(document: unknown): string | undefined {
  if (typeof document === 'string') return document;
  if (typeof document === 'object' && document !== null && typeof (document as { scheme?: unknown }).scheme === 'string') return String(document);
  return undefined;
}

/** The server's diagnostics of a document, as one comparable string. */
function diagnosticsOf(uri: vscode.Uri): string {
  return JSON.stringify(vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'orbitlsp')
    .map((d) => [String(typeof d.code === 'object' ? d.code.value : d.code), d.severity, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]));
}

/** Whether a Markdown preview is open in any editor group. */
function previewOpen(): boolean {
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('markdown.preview')));
}
