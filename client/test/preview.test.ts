/**
 * The Markdown preview plugin with hand-written server answers, in markdown-it set up as VS Code's
 * preview sets it up (both markdown-it versions): where areas and calls go, what a card shows,
 * that an answer is applied only to its own text, and that prompt text never becomes markup.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PagePreview, PreviewArea, PreviewCard, PreviewCall, Range } from '../src/preview/answer';
import { parsePagePreview } from '../src/preview/answer';
import { isOwnFile, locate, normalizeText } from '../src/preview/plugin';
import { engines, previewEngine, renderDocument, type EngineName } from './markdownEngine';

/** The range of the n-th occurrence of `part` in `text`. */
function rangeOf(text: string, part: string, nth = 0): Range {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(part, at + 1);
  assert.ok(at >= 0, `${part} in the note`);
  const position = (offset: number) => {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
  };
  return { start: position(at), end: position(at + part.length) };
}

function card(text: string, question: string, answer: string, extra: Partial<PreviewCard> = {}): PreviewCard {
  const q = rangeOf(text, question);
  return { prompt: 0, question, answer, hasAnswer: true, line: q.start.line, range: q, problems: [], ...extra };
}

function area(text: string, source: string, cards: PreviewCard[], extra: Partial<PreviewArea> = {}): PreviewArea {
  const range = rangeOf(text, source);
  return {
    index: 0, form: 'shortcode', placement: 'body', hidden: false, color: 'purple', range,
    openRange: { start: range.start, end: range.start }, problems: [], cards: cards.map((c, i) => ({ ...c, prompt: i })), ...extra,
  };
}

function call(text: string, source: string, name: string, extra: Partial<PreviewCall> = {}): PreviewCall {
  return { name, range: rangeOf(text, source), closing: false, selfClosing: false, problems: [], ...extra };
}

const RULES = {
  OL001: { name: 'unanswered-prompt', title: 'A prompt has no answer' },
  OL003: { name: 'stray-markup-line', title: 'An HTML tag on its own line becomes a prompt' },
  OL010: { name: 'unclosed-block', title: 'A review block is never closed' },
  OL031: { name: 'block-in-html-comment', title: 'A review block inside an HTML comment' },
};

function answer(areas: PreviewArea[], shortcodes: PreviewCall[] = [], extra: Partial<PagePreview> = {}): PagePreview {
  return { version: 1, areas: areas.map((a, i) => ({ ...a, index: i })), shortcodes, rules: RULES, ...extra };
}

/** Renders the note with the answer given for exactly its text, as the preview does. */
function render(engine: EngineName, text: string, result: PagePreview | undefined, options: { math?: boolean } = {}): string {
  const md = previewEngine(engine, { answerFor: (t) => (t === normalizeText(text) ? result : undefined) }, options);
  return renderDocument(md, text);
}

/** The tags of an HTML string with their attribute names: what a sanitising check looks at. */
function tags(html: string): { name: string; attributes: string[]; raw: string }[] {
  return [...html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)].map((m) => ({
    name: m[1].toLowerCase(),
    attributes: [...m[2].matchAll(/\s+([^\s=>]+)/g)].map((a) => a[1].toLowerCase()),
    raw: m[0],
  }));
}

const NOTE = [
  '# Alignment', // 0
  '',
  'Some prose before the block.', // 2
  '{{<orbit_review color="blue">}}', // 3
  'Which team explored inner alignment?', // 4
  'Hubinger et al.',
  '',
  '# Not a heading: a question', // 7
  '- not a list item: an answer',
  '{{</orbit_review>}}', // 9
  '',
  'Prose after.', // 11
  '',
].join('\n');

const NOTE_AREA = area(NOTE, NOTE.slice(NOTE.indexOf('{{<orbit_review'), NOTE.indexOf('{{</orbit_review>}}') + 19), [
  card(NOTE, 'Which team explored inner alignment?', 'Hubinger et al.'),
  card(NOTE, '# Not a heading: a question', '- not a list item: an answer'),
], { color: 'blue' });

for (const engine of Object.keys(engines) as EngineName[]) {
  describe(`the preview plugin in ${engine}`, () => {
    test('an area written on lines of its own replaces them, interrupting a paragraph, with its cards in order', () => {
      const html = render(engine, NOTE, answer([NOTE_AREA]));
      assert.match(html, /<h1[^>]*>Alignment<\/h1>/);
      assert.match(html, /<p[^>]*>Some prose before the block\.<\/p>/);
      assert.match(html, /<p[^>]*>Prose after\.<\/p>/);
      assert.doesNotMatch(html, /orbit_review/, 'no shortcode text left');
      assert.doesNotMatch(html, /<h1[^>]*>Not a heading/, 'the lines inside the area are not Markdown');
      assert.doesNotMatch(html, /<li/);
      const area = /<section class="orbit-area orbit-color-blue code-line" data-line="3"[^>]*>[\s\S]*?<\/section>/.exec(html);
      assert.ok(area, html);
      const cards = [...area[0].matchAll(/<details class="orbit-card code-line" data-line="(\d+)"[^>]*><summary class="orbit-question"><span class="orbit-text">(.*?)<\/span>.*?<div class="orbit-answer"><span class="orbit-text">(.*?)<\/span>/g)];
      assert.deepEqual(cards.map((c) => [Number(c[1]), c[2], c[3]]), [
        [4, 'Which team explored inner alignment?', 'Hubinger et al.'],
        [7, '# Not a heading: a question', '- not a list item: an answer'],
      ]);
      assert.match(area[0], /2 prompts/);
    });

    test('without an answer for exactly this text the note renders as plain Markdown, and the host hears of it', () => {
      const seen: [unknown, boolean][] = [];
      const md = previewEngine(engine, { answerFor: () => undefined, rendered: (doc, _text, answered) => seen.push([doc, answered]) });
      const html = renderDocument(md, NOTE, 'file:///a.md');
      assert.match(html, /\{\{&lt;orbit_review color=&quot;blue&quot;&gt;\}\}/);
      assert.doesNotMatch(html, /orbit-area/);
      assert.deepEqual(seen, [['file:///a.md', false]]);
      // Exactly what the preview shows without the extension, for a note with no raw HTML or images from elsewhere (see below).
      assert.equal(html, renderDocument(previewEngine(engine, undefined), NOTE, 'file:///a.md'));
    });

    test('until the answer is there, raw HTML is shown as typed and images from elsewhere as their alt text; the note\'s own images show', () => {
      const text = [
        'Intro with <b onmouseover="alert(1)">bold</b> and ![own](images/own.png).',
        '',
        '{{<orbit_review>}}',
        '<style>@import url(https://attacker.invalid/css);</style>',
        'What does ![remote](https://attacker.invalid/a.png) show?',
        '![relative to the scheme](//attacker.invalid/b.png) and ![data](data:image/png;base64,iVBORw0KGgo=)',
        '<img src="https://attacker.invalid/d.png" onerror="alert(2)">',
        '{{</orbit_review>}}',
        '',
      ].join('\n');
      const seen: boolean[] = [];
      const md = previewEngine(engine, { answerFor: () => undefined, rendered: (_d, _t, answered) => seen.push(answered) });
      const html = renderDocument(md, text);
      assert.deepEqual(seen, [false]);
      const found = tags(html);
      assert.deepEqual(found.filter((t) => ['style', 'script', 'b'].includes(t.name)), [], html);
      assert.deepEqual(found.filter((t) => t.attributes.some((a) => a.startsWith('on'))), [], html);
      assert.deepEqual(found.filter((t) => t.name === 'img').map((t) => t.raw), ['<img src="images/own.png" alt="own">'], html);
      assert.doesNotMatch(html, /src="[^"]*attacker/);
      // Shown as typed, not lost: the author sees what the note holds.
      assert.match(html, /&lt;style&gt;@import url\(https:\/\/attacker\.invalid\/css\);&lt;\/style&gt;/);
      assert.match(html, /What does remote show\?/);
      assert.match(html, /&lt;b onmouseover=&quot;alert\(1\)&quot;&gt;bold&lt;\/b&gt;/);
      // With its answer, the prose around the areas is the preview's own again: its HTML is the note's.
      const source = text.slice(text.indexOf('{{<'), text.indexOf('{{</orbit_review>}}') + 19);
      const answered = render(engine, text, answer([area(text, source, [card(text, 'What does ![remote](https://attacker.invalid/a.png) show?', '')])]));
      assert.match(answered, /<b onmouseover="alert\(1\)">bold<\/b>/);
      assert.doesNotMatch(answered, /<style|src="[^"]*attacker/);
    });

    test('an answer is applied only to the text it was computed from: one character more and it is not', () => {
      const result = answer([NOTE_AREA]);
      const asked: string[] = [];
      const md = previewEngine(engine, { answerFor: (t) => (asked.push(t), t === normalizeText(NOTE) ? result : undefined) });
      assert.match(renderDocument(md, NOTE), /orbit-area/);
      const edited = NOTE.replace('Hubinger et al.', 'Hubinger et al.!');
      assert.doesNotMatch(renderDocument(md, edited), /orbit-area/);
      assert.deepEqual(asked, [NOTE, edited]);
      // CRLF text is looked up as markdown-it reads it, with '\n' line breaks, and placed the same.
      assert.match(render(engine, NOTE.replace(/\n/g, '\r\n'), result), /data-line="3"[^>]*data-orbit-area/);
    });

    test('a shifted card says which line shifted it, an unanswered one says Orbit shows a blank back, both with the rule code', () => {
      const text = '{{<orbit_review>}}\nQ1\nA1\n<orbit-reviewarea>\nQ2\nA2\n{{</orbit_review>}}\n';
      const html = render(engine, 'Intro\n\n' + text, answer([area('Intro\n\n' + text, text.trimEnd(), [
        card('Intro\n\n' + text, 'Q1', 'A1'),
        card('Intro\n\n' + text, '<orbit-reviewarea>', 'Q2', { problems: ['OL003'], shiftedBy: 5 }),
        card('Intro\n\n' + text, 'A2', '', { hasAnswer: false, problems: ['OL001', 'OL003'], shiftedBy: 5 }),
      ])]));
      assert.match(html, /<span class="orbit-text">&lt;orbit-reviewarea&gt;<\/span> <span class="orbit-problem" title="OL003 stray-markup-line: An HTML tag on its own line becomes a prompt">OL003<\/span>/);
      assert.match(html, /Shifted by line 6: this question was probably written as an answer\./);
      assert.match(html, /<span class="orbit-text">A2<\/span> <span class="orbit-problem" title="OL001 unanswered-prompt: A prompt has no answer">OL001<\/span>/);
      assert.match(html, /<div class="orbit-answer"><span class="orbit-text"><span class="orbit-empty">No answer: Orbit shows a blank back of the card\.<\/span>/);
      assert.equal(html.match(/orbit-has-problem/g)?.length, 2);
    });

    test('math in a card goes through the preview\'s KaTeX plugin, and stays text when math is off', () => {
      const text = 'Intro\n\n{{<orbit_review>}}\nWhat is $e^{i\\pi}$?\n$$-1$$\n{{</orbit_review>}}\n';
      const source = text.slice(text.indexOf('{{<'), text.indexOf('}}\n', text.indexOf('{{</')) + 2);
      const result = answer([area(text, source, [card(text, 'What is $e^{i\\pi}$?', '$$-1$$')])]);
      const html = render(engine, text, result);
      assert.match(html, /<summary class="orbit-question"><span class="orbit-text">What is <span class="katex">/);
      assert.match(html, /<div class="orbit-answer"><span class="orbit-text"><p class="katex-block"><span class="katex-display">/);
      const off = render(engine, text, result, { math: false });
      assert.match(off, /What is \$e\^\{i\\pi\}\$\?/);
      assert.doesNotMatch(off, /katex/);
    });

    test('hostile prompts stay text: no script, no handler, no javascript: link, no image, no raw element', () => {
      const hostile = [
        ['<script>document.title = "pwned"; alert(1)</script>', '<img src=x onerror="alert(1)">'],
        ['[click](javascript:alert(1)) and <a href="javascript:alert(2)">a</a>', '![pixel](https://example.com/t.png) <iframe src="https://example.com"></iframe>'],
        ['<svg onload=alert(1)>', '$\\href{javascript:alert(1)}{x}$ and `<b>code</b>` and [ok](https://withorbit.com/)'],
        ['"><details open ontoggle=alert(1)>', "</summary></details><script>alert(3)</script>"],
        // Links markdown-it makes but the preview does not: shown as written, label and target.
        ['[tab link](java&#9;script:alert(4))', '[file](ftp://example.com/x "a title")'],
      ];
      const lines = hostile.flatMap(([q, a]) => [q, a]);
      const text = `Intro\n\n{{<orbit_review>}}\n${lines.join('\n')}\n{{</orbit_review>}}\n`;
      const source = text.slice(text.indexOf('{{<'), text.lastIndexOf('}}') + 2);
      const result = answer([area(text, source, hostile.map(([q, a]) => card(text, q, a)))], [], {
        rules: { 'OL"><script>': { name: '<b>x</b>', title: '"onmouseover="alert(1)' } },
      });
      result.areas[0].problems = ['OL"><script>'];
      const html = render(engine, text, result);
      const allowed = new Set(['p', 'section', 'div', 'span', 'details', 'summary', 'a', 'code', 'math', 'semantics', 'mrow', 'mi', 'mo', 'mn', 'msup', 'annotation', 'mtext', 'mspace', 'mpadding', 'mstyle']);
      const found = tags(html);
      const elements = [...new Set(found.map((t) => t.name))];
      assert.deepEqual(elements.filter((n) => !allowed.has(n)), [], html);
      assert.deepEqual(found.filter((t) => t.attributes.some((a) => a.startsWith('on'))).map((t) => t.raw), []);
      const links = found.filter((t) => t.name === 'a').map((t) => /href="([^"]*)"/.exec(t.raw)?.[1]);
      assert.deepEqual(links, ['https://withorbit.com/']);
      assert.match(html, /&lt;script&gt;document\.title = &quot;pwned&quot;; alert\(1\)&lt;\/script&gt;/);
      assert.match(html, /&lt;img src=x onerror=&quot;alert\(1\)&quot;&gt;/);
      assert.match(html, /pixel/, 'an image is its alt text');
      assert.match(html, /\[tab link\]\(java\tscript:alert\(4\)\)/, 'a link to another scheme is shown as written');
      assert.match(html, /\[file\]\(ftp:\/\/example\.com\/x &quot;a title&quot;\)/);
      assert.match(html, /<code>&lt;b&gt;code&lt;\/b&gt;<\/code>/);
      assert.match(html, /class="katex-error"|\\href/, 'KaTeX with trust off: no link from \\href');
    });

    test('a hidden area (in an HTML comment) is shown folded after the comment, which stays a comment', () => {
      const text = 'Intro\n\n<!-- {{<orbit_review color="blue">}}\nWhat?\nThat.\n{{</orbit_review>}}\n-->\n\nAfter.\n';
      const source = text.slice(text.indexOf('{{<'), text.indexOf('>}}\n-->') + 3);
      const html = render(engine, text, answer([area(text, source, [card(text, 'What?', 'That.')], { hidden: true, placement: 'htmlComment', problems: ['OL031'] })]));
      assert.match(html, /<!-- \{\{<orbit_review color="blue">\}\}[\s\S]*?-->\n<details class="orbit-area orbit-color-purple code-line orbit-hidden" data-line="2"/);
      assert.match(html, /<summary class="orbit-area-header"><span class="orbit-area-title">Hidden from readers<\/span> <span class="orbit-area-note">in an HTML comment: readers never see this prompt<\/span> <span class="orbit-problem"[^>]*>OL031/);
      assert.match(html, /<p[^>]*>After\.<\/p>/);
    });

    test('an area in a code block splits it there, as Hugo puts the live area in the code block', () => {
      const text = 'Intro\n\n```text\nbefore\n{{<orbit_review>}}\nWhat?\nThat.\n{{</orbit_review>}}\nafter\n```\n';
      const source = text.slice(text.indexOf('{{<'), text.indexOf('}}\nafter') + 2);
      const html = render(engine, text, answer([area(text, source, [card(text, 'What?', 'That.')], { placement: 'codeFence' })]));
      assert.match(html, /<pre><code data-line="2" class="code-line language-text"[^>]*>before\n<\/code><\/pre>\n<section class="orbit-area orbit-color-purple code-line orbit-in-code" data-line="4"[\s\S]*?<\/section>\n<pre><code data-line="8" class="code-line language-text"[^>]*>after\n<\/code><\/pre>/);
    });

    test('two areas in one code block split it twice; two in one comment both show after it, in order', () => {
      const text = 'Intro\n\n```\na\n{{<orbit_review>}}\nQ1\nA1\n{{</orbit_review>}}\nb\n{{<orbit_review>}}\nQ2\nA2\n{{</orbit_review>}}\nc\n```\n\n'
        + '<!--\n{{<orbit_review>}}\nQ3\nA3\n{{</orbit_review>}}\n{{<orbit_review>}}\nQ4\nA4\n{{</orbit_review>}}\n-->\n';
      const blocks = [...text.matchAll(/\{\{<orbit_review>\}\}[\s\S]*?\{\{<\/orbit_review>\}\}/g)].map((m) => m[0]);
      const areas = blocks.map((b, i) => ({ ...area(text, b, [card(text, `Q${i + 1}`, `A${i + 1}`)], i < 2 ? { placement: 'codeFence' } : { hidden: true, placement: 'htmlComment' }) }));
      // Each block's text is the same but for its prompts: give each its own range.
      areas.forEach((a, i) => (a.range = rangeOf(text, blocks[i])));
      const html = render(engine, text, answer(areas));
      const order = [...html.matchAll(/<pre><code[^>]*>(\w)\n<\/code><\/pre>|data-orbit-area="(\d)"|<!--/g)].map((m) => m[1] ?? (m[2] !== undefined ? `area ${m[2]}` : 'comment'));
      assert.deepEqual(order, ['a', 'area 0', 'b', 'area 1', 'c', 'comment', 'area 2', 'area 3']);
    });

    test('an area inside a paragraph, other shortcodes as chips and escaped calls as the text Hugo prints', () => {
      const text = 'See {{< figure src="x.png" >}} and {{<figure src="y">}}: {{<orbit_review>}}What?\nThat.{{</orbit_review>}} then {{</* orbit_review */>}}.\n\n{{< stray >}}\n';
      const source = text.slice(text.indexOf('{{<orbit_review>}}'), text.indexOf('{{</orbit_review>}}') + 19);
      const html = render(engine, text, answer([area(text, source, [card(text, 'What?', 'That.')])], [
        call(text, '{{< figure src="x.png" >}}', 'figure'),
        call(text, '{{<figure src="y">}}', 'figure'),
        call(text, '{{</* orbit_review */>}}', 'orbit_review', { text: '{{< orbit_review >}}' }),
        call(text, '{{< stray >}}', 'stray', { problems: ['OL010'] }),
      ]));
      assert.match(html, /See <span class="orbit-shortcode" title="Hugo shortcode \{\{&#60; figure src=&#34;x\.png&#34; &#62;\}\}">figure<\/span> and <span class="orbit-shortcode"[^>]*>figure<\/span>: <section class="orbit-area/);
      assert.match(html, /<\/section>\n then \{\{&#60; orbit_review &#62;\}\}\./);
      assert.match(html, /<span class="orbit-shortcode orbit-has-problem"[^>]*>stray <span class="orbit-problem" title="OL010 unclosed-block: A review block is never closed">OL010<\/span><\/span>/);
      assert.doesNotMatch(html, /<figure/);
    });

    test('its tokens stay plain JSON, as VS Code sends them to its Markdown language server', () => {
      const text = 'See {{< figure >}}: {{<orbit_review>}}What?\nThat.{{</orbit_review>}}\n\n' + NOTE;
      const inline = text.slice(text.indexOf('{{<orbit_review>}}'), text.indexOf('{{</orbit_review>}}') + 19);
      const result = answer([area(text, inline, [card(text, 'What?', 'That.')]), { ...NOTE_AREA, ...area(text, NOTE.slice(NOTE.indexOf('{{<orbit_review'), NOTE.indexOf('{{</orbit_review>}}') + 19), NOTE_AREA.cards) }],
        [call(text, '{{< figure >}}', 'figure')]);
      const md = previewEngine(engine, { answerFor: (t) => (t === text ? result : undefined) });
      const tokens = md.parse(text, {});
      const ours = JSON.parse(JSON.stringify(tokens)) as { type: string; meta: unknown; children: { type: string; meta: unknown }[] | null }[];
      const all = ours.flatMap((t) => [t, ...(t.children ?? [])]).filter((t) => t.type.startsWith('orbit_'));
      assert.deepEqual(all.map((t) => [t.type, t.meta]), [['orbit_page', null], ['orbit_call', null], ['orbit_area', null], ['orbit_area', null]]);
      assert.match(renderDocument(md, text), /data-orbit-area="0"[\s\S]*data-orbit-area="1"/);
    });

    test('a note Hugo refuses to build gets a banner saying why, where', () => {
      const text = 'Intro\n\n{{< orbit_review >}}\nq\n';
      const html = render(engine, text, answer([], [call(text, '{{< orbit_review >}}', 'orbit_review', { problems: ['OL010'] })], {
        buildFailure: { code: 'OL010', message: 'This block is never closed: Hugo fails with "shortcode must be closed".', range: rangeOf(text, '{{< orbit_review >}}') },
      }));
      assert.match(html, /^<div class="orbit-build-failure" role="alert"><strong>Hugo refuses to build this page<\/strong> \(line 3\): This block is never closed: Hugo fails with &#34;shortcode must be closed&#34;\. <span class="orbit-problem"[^>]*>OL010<\/span><\/div>/);
    });

    test('a cloze card hides its first deletion in the question and marks it in the answer; front matter stays out', () => {
      const text = '---\ntitle: x\n---\n\n<orbit-reviewarea color="red">\n<orbit-prompt cloze="The capital of {Peru} is {Lima}."></orbit-prompt>\n</orbit-reviewarea>\n';
      const source = text.slice(text.indexOf('<orbit-reviewarea'), text.indexOf('</orbit-reviewarea>') + 19);
      const html = render(engine, text, answer([area(text, source, [card(text, 'The capital of {Peru} is {Lima}.', '', {
        cloze: [{ text: 'The capital of ', deleted: false }, { text: 'Peru', deleted: true }, { text: ' is ', deleted: false }, { text: 'Lima', deleted: true }, { text: '.', deleted: false }],
      })], { form: 'html', color: 'red' })]));
      assert.match(html, /<summary class="orbit-question"><span class="orbit-text">The capital of <span class="orbit-cloze-gap"[^>]*>\[…\]<\/span> is Lima\.<\/span>/);
      assert.match(html, /<div class="orbit-answer"><span class="orbit-text">The capital of <mark class="orbit-cloze">Peru<\/mark> is Lima\.<\/span>/);
      assert.doesNotMatch(html, /title: x/);
      assert.match(html, /orbit-color-red/);
    });

    test('a colour Orbit does not know gets no palette colour and says so', () => {
      const text = 'Intro\n\n{{<orbit_review color="blu">}}\nq\na\n{{</orbit_review>}}\n';
      const source = text.slice(text.indexOf('{{<'), text.lastIndexOf('}}') + 2);
      const html = render(engine, text, answer([area(text, source, [card(text, 'q', 'a')], { color: 'blu' })]));
      assert.match(html, /class="orbit-area orbit-color-none/);
      assert.match(html, /colour blu: Orbit cannot load this area/);
    });
  });
}

describe('the server\'s answer and its places in the text', () => {
  test('locate finds each area and call by its range; a range the text does not have drops the whole answer', () => {
    const items = locate(answer([NOTE_AREA]), NOTE);
    assert.equal(items.length, 1);
    assert.equal(NOTE.slice(items[0].start, items[0].end), NOTE.slice(NOTE.indexOf('{{<orbit_review'), NOTE.indexOf('{{</orbit_review>}}') + 19));
    assert.deepEqual([items[0].startLine, items[0].endLine], [3, 9]);
    const beyond = { ...NOTE_AREA, range: { start: { line: 3, character: 0 }, end: { line: 40, character: 0 } } };
    assert.deepEqual(locate(answer([beyond]), NOTE), []);
    const pastLineEnd = { ...NOTE_AREA, range: { start: { line: 2, character: 200 }, end: { line: 9, character: 1 } } };
    assert.deepEqual(locate(answer([pastLineEnd]), NOTE), []);
  });

  test('isOwnFile: a path of the note\'s folder tree, not a URL of any scheme nor another host', () => {
    for (const own of ['a.png', 'images/a.png', './a.png', '../a.png', '/static/a.png', 'a%20b.png', 'a:b/c.png'.replace(':', '%3A')]) assert.ok(isOwnFile(own), own);
    for (const other of ['https://h/a.png', 'HTTP://h/a.png', 'data:image/png;base64,AA', 'file:///etc/a.png', 'javascript:alert(1)', '//h/a.png', '\\\\h\\a.png', '/\\h/a.png', ' https://h/a.png', '']) {
      assert.ok(!isOwnFile(other), other);
    }
  });

  test('normalizeText reads line breaks and NUL as markdown-it does', () => {
    assert.equal(normalizeText('a\r\nb\rc\nd\0'), 'a\nb\nc\nd\uFFFD');
  });

  test('parsePagePreview takes the server\'s JSON, leaving out what is absent, and refuses a malformed one', () => {
    const parsed = parsePagePreview({
      version: 3,
      areas: [{ index: 0, form: 'html', placement: 'htmlComment', hidden: true, color: 'red', range: rangeOf(NOTE, 'Prose'), openRange: rangeOf(NOTE, 'Prose'), problems: ['OL031', 5], cards: [
        { prompt: 0, question: 'q', answer: '', hasAnswer: false, line: 4, range: rangeOf(NOTE, 'Which'), problems: [], shiftedBy: 3 },
      ] }],
      shortcodes: [{ name: 'x', range: rangeOf(NOTE, 'Prose'), closing: true, selfClosing: false, problems: [] }],
      rules: { OL031: { name: 'block-in-html-comment', title: 'A review block inside an HTML comment' } },
    });
    assert.equal(parsed.version, 3);
    assert.equal(parsed.buildFailure, undefined);
    assert.deepEqual(parsed.areas[0].problems, ['OL031']);
    assert.equal(parsed.areas[0].cards[0].shiftedBy, 3);
    assert.equal(parsed.areas[0].cards[0].hasAnswer, false);
    assert.equal(parsed.shortcodes[0].text, undefined);
    assert.equal(parsePagePreview({ areas: [] }).version, undefined);
    assert.throws(() => parsePagePreview({ areas: 'x' }), /areas is not an array/);
    assert.throws(() => parsePagePreview({ areas: [{ index: -1 }] }), /area index is not a whole number/);
    assert.throws(() => parsePagePreview(null), /not an object/);
  });
});
