import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { developmentBuilds, findDotnet, hasRuntime, locateServer, type LocatorHost } from '../src/serverLocator';

const EXT = '/ext/orbitlsp.orbit-lsp-0.1.0';
const WS = '/home/me/notes';

/** A host whose file system holds exactly `files` (path → modification time). */
function host(files: Record<string, number>, overrides: Partial<LocatorHost> = {}): LocatorHost {
  return {
    serverPathSetting: '',
    dotnetPathSetting: '',
    extensionPath: EXT,
    workspaceFolders: [WS],
    env: { PATH: '/usr/local/bin:/usr/bin', HOME: '/home/me' },
    platform: 'linux',
    fileTime: (f) => files[path.normalize(f)],
    ...overrides,
  };
}

const DOTNET = '/usr/bin/dotnet';
const BUNDLED = `${EXT}/server-dist/orbitlsp.dll`;
const DEV_DEBUG = `${WS}/server/OrbitLsp/bin/Debug/net10.0/orbitlsp.dll`;
const DEV_RELEASE = `${WS}/server/OrbitLsp/bin/Release/net10.0/orbitlsp.dll`;

test('the setting wins over the bundled server', () => {
  const r = locateServer(host({ [DOTNET]: 1, [BUNDLED]: 1, '/opt/orbit/orbitlsp.dll': 1 }, { serverPathSetting: '/opt/orbit/orbitlsp.dll' }));
  assert.deepEqual(r, { kind: 'found', command: DOTNET, args: ['/opt/orbit/orbitlsp.dll'], source: 'setting', server: '/opt/orbit/orbitlsp.dll' });
});

test('a setting that names an executable runs it directly, without dotnet', () => {
  const r = locateServer(host({ '/opt/orbit/orbitlsp': 1 }, { serverPathSetting: '/opt/orbit/orbitlsp' }));
  assert.deepEqual(r, { kind: 'found', command: '/opt/orbit/orbitlsp', args: [], source: 'setting', server: '/opt/orbit/orbitlsp' });
});

test('a setting with ~ is read from the home folder', () => {
  const r = locateServer(host({ [DOTNET]: 1, '/home/me/orbit/orbitlsp.dll': 1 }, { serverPathSetting: '~/orbit/orbitlsp.dll' }));
  assert.equal(r.kind === 'found' && r.server, '/home/me/orbit/orbitlsp.dll');
});

test('a setting that points nowhere is reported, not skipped', () => {
  const r = locateServer(host({ [DOTNET]: 1, [BUNDLED]: 1 }, { serverPathSetting: '/nope/orbitlsp.dll' }));
  assert.equal(r.kind, 'missing');
  assert.equal(r.kind === 'missing' && r.what, 'server');
  assert.match(r.kind === 'missing' ? r.message : '', /orbitLsp\.server\.path points to \/nope\/orbitlsp\.dll/);
});

test('the bundled dll runs with dotnet', () => {
  const r = locateServer(host({ [DOTNET]: 1, [BUNDLED]: 1, [DEV_DEBUG]: 5 }));
  assert.deepEqual(r, { kind: 'found', command: DOTNET, args: [BUNDLED], source: 'bundled', server: BUNDLED });
});

test('a self-contained bundled server runs its executable, without dotnet', () => {
  const apphost = `${EXT}/server-dist/orbitlsp`;
  const r = locateServer(host({ [apphost]: 1, [BUNDLED]: 1, [`${EXT}/server-dist/libcoreclr.so`]: 1 }));
  assert.deepEqual(r, { kind: 'found', command: apphost, args: [], source: 'bundled', server: apphost });
});

test('a self-contained bundled server on Windows runs orbitlsp.exe', () => {
  const apphost = path.join(EXT, 'server-dist', 'orbitlsp.exe');
  const r = locateServer(host({ [apphost]: 1, [path.join(EXT, 'server-dist', 'orbitlsp.dll')]: 1, [path.join(EXT, 'server-dist', 'coreclr.dll')]: 1 }, { platform: 'win32' }));
  assert.equal(r.kind === 'found' && r.command, apphost);
});

test('the bundled executable runs when there is no bundled dll (a native build: the executable alone)', () => {
  const apphost = `${EXT}/server-dist/orbitlsp`;
  const r = locateServer(host({ [apphost]: 1 }));
  assert.deepEqual(r, { kind: 'found', command: apphost, args: [], source: 'bundled', server: apphost });
});

test('on Windows the apphost is orbitlsp.exe', () => {
  const apphost = path.join(EXT, 'server-dist', 'orbitlsp.exe');
  const r = locateServer(host({ [apphost]: 1 }, { platform: 'win32' }));
  assert.equal(r.kind === 'found' && r.command, apphost);
});

test('without a bundled server the newest development build is used', () => {
  const r = locateServer(host({ [DOTNET]: 1, [DEV_DEBUG]: 10, [DEV_RELEASE]: 20 }));
  assert.deepEqual(r, { kind: 'found', command: DOTNET, args: [DEV_RELEASE], source: 'development', server: DEV_RELEASE });
  const r2 = locateServer(host({ [DOTNET]: 1, [DEV_DEBUG]: 30, [DEV_RELEASE]: 20 }));
  assert.equal(r2.kind === 'found' && r2.server, DEV_DEBUG);
});

test('a development build in the extension folder itself is found (running from the repository)', () => {
  const dev = `${EXT}/server/OrbitLsp/bin/Debug/net10.0/orbitlsp.dll`;
  const r = locateServer(host({ [DOTNET]: 1, [dev]: 1 }, { workspaceFolders: [] }));
  assert.equal(r.kind === 'found' && r.source, 'development');
});

test('development builds are looked for in every root, Debug and Release', () => {
  assert.deepEqual(developmentBuilds({ extensionPath: '/e', workspaceFolders: ['/w'] }), [
    '/e/server/OrbitLsp/bin/Debug/net10.0/orbitlsp.dll',
    '/e/server/OrbitLsp/bin/Release/net10.0/orbitlsp.dll',
    '/w/server/OrbitLsp/bin/Debug/net10.0/orbitlsp.dll',
    '/w/server/OrbitLsp/bin/Release/net10.0/orbitlsp.dll',
  ]);
});

test('no server anywhere is one message about the server', () => {
  const r = locateServer(host({ [DOTNET]: 1 }));
  assert.equal(r.kind, 'missing');
  assert.equal(r.kind === 'missing' && r.what, 'server');
});

test('a dll without dotnet says to install the .NET 10 runtime', () => {
  const r = locateServer(host({ [BUNDLED]: 1 }));
  assert.equal(r.kind, 'missing');
  assert.equal(r.kind === 'missing' && r.what, 'dotnet');
  assert.match(r.kind === 'missing' ? r.message : '', /Install the \.NET 10 runtime/);
});

test('dotnet comes from the setting first', () => {
  const r = findDotnet(host({ '/opt/dotnet/dotnet': 1, [DOTNET]: 1 }, { dotnetPathSetting: '/opt/dotnet/dotnet' }));
  assert.equal(r, '/opt/dotnet/dotnet');
});

test('a dotnet setting that points nowhere finds no dotnet', () => {
  assert.equal(findDotnet(host({ [DOTNET]: 1 }, { dotnetPathSetting: '/nope/dotnet' })), undefined);
});

test('dotnet comes from DOTNET_ROOT before PATH', () => {
  const r = findDotnet(host({ '/root/.dotnet/dotnet': 1, [DOTNET]: 1 }, { env: { DOTNET_ROOT: '/root/.dotnet', PATH: '/usr/bin' } }));
  assert.equal(r, '/root/.dotnet/dotnet');
});

test('dotnet is searched along PATH in order', () => {
  const r = findDotnet(host({ '/usr/local/bin/dotnet': 1, [DOTNET]: 1 }));
  assert.equal(r, '/usr/local/bin/dotnet');
});

test('on Windows dotnet.exe is searched along Path with ;', () => {
  const exe = path.join('C:\\dotnet', 'dotnet.exe');
  const r = findDotnet(host({ [exe]: 1 }, { platform: 'win32', env: { Path: 'C:\\dotnet;C:\\other' } }));
  assert.equal(r, exe);
});

test('hasRuntime finds a .NET 10 runtime in dotnet --list-runtimes', () => {
  const out = [
    'Microsoft.AspNetCore.App 10.0.0 [/usr/lib/dotnet/shared/Microsoft.AspNetCore.App]',
    'Microsoft.NETCore.App 8.0.11 [/usr/lib/dotnet/shared/Microsoft.NETCore.App]',
    'Microsoft.NETCore.App 10.0.0 [/usr/lib/dotnet/shared/Microsoft.NETCore.App]',
  ].join('\n');
  assert.equal(hasRuntime(out), true);
});

test('hasRuntime is false with only older runtimes or ASP.NET alone', () => {
  assert.equal(hasRuntime('Microsoft.NETCore.App 8.0.11 [/x]\r\nMicrosoft.AspNetCore.App 10.0.0 [/y]\r\n'), false);
  assert.equal(hasRuntime(''), false);
});
