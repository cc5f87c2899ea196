import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LatestAnswer } from '../src/latestAnswer';

/** A promise settled when the test says. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

test('an answer that comes after the answer to a later question is not used', async () => {
  const latest = new LatestAnswer();
  const shown: number[] = [];
  const first = deferred<number>();
  const second = deferred<number>();
  const a = latest.run(() => first.promise, (n) => shown.push(n), () => shown.push(-1));
  const b = latest.run(() => second.promise, (n) => shown.push(n), () => shown.push(-1));
  second.resolve(2); // the count after the second grade comes first
  await b;
  first.resolve(3);
  await a;
  assert.deepEqual(shown, [2]);
});

test('answers in order are each used, and a failure only when it is the latest', async () => {
  const latest = new LatestAnswer();
  const shown: string[] = [];
  await latest.run(async () => 1, (n) => shown.push(`answer ${n}`), () => shown.push('failed'));
  await latest.run(async () => 2, (n) => shown.push(`answer ${n}`), () => shown.push('failed'));
  const stale = deferred<number>();
  const old = latest.run(() => stale.promise, (n) => shown.push(`answer ${n}`), () => shown.push('failed'));
  await latest.run(async () => 4, (n) => shown.push(`answer ${n}`), () => shown.push('failed'));
  stale.reject(new Error('the server went away'));
  await old;
  await latest.run(() => Promise.reject(new Error('no server')), (n) => shown.push(`answer ${n}`), () => shown.push('failed'));
  assert.deepEqual(shown, ['answer 1', 'answer 2', 'answer 4', 'failed']);
});
