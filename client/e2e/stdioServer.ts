/**
 * The real OrbitLsp server over stdio, started as VS Code's client starts it and driven with
 * vscode-languageserver-protocol (the layer vscode-languageclient is built on).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { repoRoot, serverCommand } from './support';

export interface Server {
  process: ChildProcess;
  connection: ProtocolConnection;
  stderr: string[];
  exitCode: Promise<number | null>;
}

export function startServer(): Server {
  const [command, args] = serverCommand();
  const child = spawn(command, args, { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const exitCode = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    // Rejects whatever is still pending, so a server that dies fails the test at once.
    connection.dispose();
    resolve(code);
  }));
  connection.listen();
  return { process: child, connection, stderr, exitCode };
}

function capabilities(pull: boolean): ClientCapabilities {
  return {
    general: { positionEncodings: ['utf-16'] },
    textDocument: {
      synchronization: { didSave: true, dynamicRegistration: false },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } }, isPreferredSupport: true },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, tagSupport: { valueSet: [1, 2] } },
      ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
    },
    workspace: { workspaceEdit: { documentChanges: true }, configuration: true, didChangeConfiguration: { dynamicRegistration: false }, executeCommand: {} },
  };
}

export async function initialize(server: Server, pull: boolean): Promise<InitializeResult> {
  try {
    return await sendInitialize(server, pull);
  } catch (error) {
    const code = server.process.exitCode;
    throw new Error(`initialize failed${code !== null ? ` (the server exited with code ${code})` : ''}: ${String(error)}\n${server.stderr.join('')}`);
  }
}

async function sendInitialize(server: Server, pull: boolean): Promise<InitializeResult> {
  // Answer workspace/configuration as VS Code does when no setting is set.
  server.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
  server.connection.onRequest('client/registerCapability', () => null);
  server.connection.onRequest('window/workDoneProgress/create', () => null);
  const result = await server.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(repoRoot).toString(),
    capabilities: capabilities(pull),
    workspaceFolders: [{ uri: pathToFileURL(repoRoot).toString(), name: 'orbitlsp' }],
    clientInfo: { name: 'orbit-lsp e2e', version: '0.1.0' },
  });
  await server.connection.sendNotification(InitializedNotification.type, {});
  return result;
}

export async function shutdown(server: Server): Promise<number | null> {
  await server.connection.sendRequest(ShutdownRequest.type);
  await server.connection.sendNotification(ExitNotification.type);
  const code = await server.exitCode;
  server.connection.dispose();
  return code;
}
