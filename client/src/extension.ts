import * as vscode from 'vscode';
import type MarkdownIt from 'markdown-it';
import { ServerController } from './serverController';
import { ReviewPanel } from './reviewPanel';
import { previewReview } from './previewReview';
import { PromptStatusBar } from './statusBar';
import type { ReviewScope } from './review/card';
import { blockTarget } from './lensCommands';
import { recordReview, reviewDue } from './reviewDue';
import { DueStatusBar } from './dueStatusBar';
import type { RecordGrade } from './reviewPanel';
import { MarkdownPreviewCards } from './markdownPreview';

let server: ServerController | undefined;

/** What the extension gives VS Code: the Markdown preview's plugin (`markdown.markdownItPlugins`). */
export interface OrbitExports {
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

export async function activate(context: vscode.ExtensionContext): Promise<OrbitExports> {
  const log = vscode.window.createOutputChannel('Orbit Language Server');
  server = new ServerController(context, log);
  const statusBar = new PromptStatusBar(server);
  const dueBar = new DueStatusBar(server);

  /** The panel's grades go to the server, which keeps the schedule. */
  const record: RecordGrade = async (card, grade) => {
    const client = server?.running;
    if (!client) return undefined;
    try {
      const next = await recordReview(client, card.id, card.uri, grade);
      dueBar.refresh(0);
      return next;
    } catch (error) {
      log.appendLine(`orbit.recordReview failed: ${String(error)}`);
      void vscode.window.showErrorMessage(`Orbit: the grade was not recorded: ${(error as Error).message ?? error}`);
      return undefined;
    }
  };

  const reviewDueCards = async (): Promise<void> => {
    const client = await server?.ready();
    if (!client) return;
    try {
      const result = await reviewDue(client);
      if (result.cards.length === 0) {
        const next = result.nextDue ? ` The next card is due on ${result.nextDue}.` : '';
        void vscode.window.showInformationMessage(`Orbit: nothing is due today.${next}`);
        return;
      }
      const title = result.total && result.total > result.cards.length ? `Due cards (${result.cards.length} of ${result.total})` : 'Due cards';
      const first = vscode.Uri.parse(result.cards[0].uri ?? '');
      ReviewPanel.show(context.extensionUri, first, { ...result, title }, record, vscode.window.activeTextEditor?.viewColumn);
    } catch (error) {
      log.appendLine(`orbit.reviewDue failed: ${String(error)}`);
      void vscode.window.showErrorMessage(`Orbit: the due cards could not be listed: ${(error as Error).message ?? error}`);
    }
  };
  const previewCards = new MarkdownPreviewCards(server, log);

  /** The editor of the lens's note (opened if needed) with the cursor on its block; else the active one. */
  const editorFor = async (argument: unknown): Promise<vscode.TextEditor | undefined> => {
    const target = blockTarget(argument);
    if (!target) return vscode.window.activeTextEditor;
    const uri = vscode.Uri.parse(target.uri);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const editor = visible ?? (await vscode.window.showTextDocument(uri));
    const at = new vscode.Position(target.position.line, target.position.character);
    editor.selection = new vscode.Selection(at, at);
    return editor;
  };

  const review = async (scope: ReviewScope, argument?: unknown): Promise<void> => {
    const editor = await editorFor(argument);
    if (!editor || editor.document.languageId !== 'markdown') {
      void vscode.window.showInformationMessage('Orbit: open a Markdown note to review it.');
      return;
    }
    const client = await server?.ready();
    if (!client) return;
    const position = scope === 'block' ? editor.selection.active : undefined;
    try {
      const result = await previewReview(client, editor.document.uri, scope, position);
      if (result.cards.length === 0) {
        const where = scope === 'block' ? 'at the cursor' : 'in this note';
        void vscode.window.showInformationMessage(`Orbit: no review block with prompts ${where}.`);
        return;
      }
      ReviewPanel.show(context.extensionUri, editor.document.uri, result, record, editor.viewColumn);
    } catch (error) {
      log.appendLine(`orbit.previewReview failed: ${String(error)}`);
      void vscode.window.showErrorMessage(`Orbit: the review could not start: ${(error as Error).message ?? error}`);
    }
  };

  context.subscriptions.push(
    log,
    server,
    statusBar,
    dueBar,
    vscode.commands.registerCommand('orbitLsp.reviewDue', reviewDueCards),
    previewCards,
    vscode.commands.registerCommand('orbitLsp.reviewBlock', (argument?: unknown) => review('block', argument)),
    // The "N problems" lens: the cursor to the block, then to its first problem.
    vscode.commands.registerCommand('orbitLsp.showProblems', async (argument?: unknown) => {
      if (await editorFor(argument)) await vscode.commands.executeCommand('editor.action.marker.next');
    }),
    vscode.commands.registerCommand('orbitLsp.reviewNote', () => review('document')),
    vscode.commands.registerCommand('orbitLsp.restartServer', () => server?.restart()),
    vscode.commands.registerCommand('orbitLsp.showServerLog', () => log.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('orbitLsp.server')) void server?.restart();
    }),
  );

  await server.start();
  return { extendMarkdownIt: (md) => previewCards.extendMarkdownIt(md) };
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
