/**
 * The packed extension in code-server told to run a framework-dependent server (an orbitlsp.dll)
 * where the .NET runtime cannot be found: one message says what to install, and its button opens
 * the setting; once the setting is fixed the server starts. (The packed server carries its own
 * runtime and needs no dotnet.)
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SUITE_TIMEOUT, Workbench } from './workbench';
import { serverDll } from './support';

describe('the extension without a .NET runtime', { timeout: SUITE_TIMEOUT }, () => {
  let wb: Workbench;

  before(async () => {
    wb = await Workbench.open({ 'orbitLsp.server.path': serverDll, 'orbitLsp.server.dotnetPath': '/nonexistent/dotnet' });
  });

  after(async () => {
    await wb?.close();
  });

  test('opening a note shows one message naming the .NET 10 runtime, whose button opens the setting', async () => {
    await wb.openFile('misalignment.md');
    const toast = wb.page.locator('.notification-toast', { hasText: 'needs the .NET 10 runtime' });
    await toast.waitFor({ state: 'visible' });
    assert.equal(await wb.page.locator('.notification-toast', { hasText: 'Orbit' }).count(), 1);
    assert.match((await toast.textContent()) ?? '', /Install the \.NET 10 runtime/);
    await toast.getByRole('button', { name: 'Open Setting' }).click();
    await wb.page.locator('.settings-editor .setting-item', { hasText: 'Dotnet Path' }).first().waitFor({ state: 'visible' });
  });

  test('clearing the setting in the Settings editor restarts the server: the note gets its diagnostics', async () => {
    const input = wb.page.locator('.settings-editor .setting-item', { hasText: 'Dotnet Path' }).first().locator('input');
    await input.fill('');
    await input.press('Tab');
    await wb.openFile('misalignment.md');
    await wb.waitForErrors();
  });
});
