import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapLensCommand } from '../src/lensCommands';

const target = { uri: 'file:///notes/a.md', position: { line: 4, character: 0 } };

test('the review lens runs the extension review-block command on its block', () => {
  const mapped = mapLensCommand({ title: 'Review 4 prompts', command: 'orbit.previewReview', arguments: [target] });
  assert.deepEqual(mapped, { title: 'Review 4 prompts', command: 'orbitLsp.reviewBlock', arguments: [target] });
});

test('the problems lens runs the extension show-problems command', () => {
  assert.equal(mapLensCommand({ title: '2 problems', command: 'orbit.showProblems', arguments: [target] }).command, 'orbitLsp.showProblems');
});

test('a lens with another command or a malformed argument is left as the server sent it', () => {
  const other = { title: 'x', command: 'other.command', arguments: [target] };
  assert.equal(mapLensCommand(other), other);
  const malformed = { title: 'x', command: 'orbit.previewReview', arguments: [{ uri: 3 }] };
  assert.equal(mapLensCommand(malformed), malformed);
});
