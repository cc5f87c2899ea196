// The reference side of the FSRS differential test (tests/OrbitLsp.Core.Tests/Review/FsrsDifferentialTests.cs):
// reads review histories as JSON, replays each with ts-fsrs (the version pinned in package.json) and
// writes, per review, the stability, difficulty and interval ts-fsrs gives.
// Usage: node tests/fsrs/ts-fsrs-oracle.mjs histories.json results.json
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { fsrs, createEmptyCard, generatorParameters } = require('ts-fsrs');
// The package's exports hide its package.json: read it beside the resolved entry point.
const { version } = JSON.parse(readFileSync(join(dirname(require.resolve('ts-fsrs')), '..', 'package.json'), 'utf8'));

const [input, output] = process.argv.slice(2);
const histories = JSON.parse(readFileSync(input, 'utf8'));
const dayMs = 24 * 60 * 60 * 1000;
// Reviews at noon UTC of day N since 1970-01-01, so ts-fsrs's calendar-day difference is the day difference.
const at = (day) => new Date(day * dayMs + 12 * 60 * 60 * 1000);

const schedulers = new Map();
const schedulerFor = (retention) => {
  if (!schedulers.has(retention)) {
    schedulers.set(retention, fsrs(generatorParameters({ request_retention: retention, enable_short_term: false, enable_fuzz: false })));
  }
  return schedulers.get(retention);
};

const results = histories.map(({ retention, reviews }) => {
  const f = schedulerFor(retention);
  let card = createEmptyCard(at(reviews[0][0]));
  return reviews.map(([day, grade]) => {
    card = f.next(card, at(day), grade).card;
    return [card.stability, card.difficulty, card.scheduled_days, Math.round((card.due.getTime() - at(day).getTime()) / dayMs)];
  });
});
writeFileSync(output, JSON.stringify({ version, results }));
