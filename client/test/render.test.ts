import { test } from 'node:test';
import assert from 'node:assert/strict';
import katex from 'katex';
import { MAX_PROMPT_LENGTH, escapeHtml, renderPrompt } from '../src/review/render';

/** Tag names that rendered prompt HTML may contain: anything else means markup got through. */
const ALLOWED_TAGS = new Set(['p', 'em', 'strong', 's', 'code', 'a', 'span', 'br', 'ul', 'ol', 'li', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);
/** Attributes that rendered prompt HTML may carry. */
const ALLOWED_ATTRIBUTES = new Set(['href', 'rel', 'class', 'data-tex', 'start']);

/**
 * A DOM-free check: every tag is an allowed one whose attributes are all `name="value"` with an
 * allowed name (so no unquoted or event-handler attribute can hide), every href is safe, and
 * every `<` outside a tag has been escaped.
 */
function assertSafe(html: string): void {
  const tags = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[a-zA-Z-]+="[^"<>]*")*)\s*\/?>/g;
  for (const m of html.matchAll(tags)) {
    const tag = m[2].toLowerCase();
    assert.ok(ALLOWED_TAGS.has(tag), `unexpected <${tag}> in ${html.slice(0, 200)}`);
    for (const a of m[3].matchAll(/([a-zA-Z-]+)="([^"]*)"/g)) {
      assert.ok(ALLOWED_ATTRIBUTES.has(a[1].toLowerCase()), `unexpected attribute ${a[1]} in ${m[0]}`);
      if (a[1] === 'href') assert.match(a[2], /^(https?:|mailto:)/i);
    }
  }
  const outsideTags = html.replace(tags, '');
  assert.doesNotMatch(outsideTags, /[<>]/, `raw < or > outside a well-formed allowed tag`);
}

const hostile = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '<IMG SRC=x ONERROR=alert(1)>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click]( javascript:alert(1) )',
  '[click](&#106;avascript:alert(1))',
  '[click](vbscript:msgbox(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<a href="javascript:alert(1)">x</a>',
  '![x](https://example.com/track.png)',
  '![x](javascript:alert(1))',
  '<https://example.com>',
  '<javascript:alert(1)>',
  '<div><p>unbalanced <b>bold',
  '</div></div></section>',
  '<!-- comment --> <style>body{display:none}</style>',
  '<iframe src="https://example.com"></iframe>',
  '<svg onload=alert(1)>',
  '"><script>alert(1)</script>',
  '$"><img src=x onerror=alert(1)>$',
  '$$</span><script>alert(1)</script>$$',
  '`<script>` in code',
  '[ref]: javascript:alert(1)\n\n[ref]',
  '<orbit-reviewarea color="red">',
];

for (const text of hostile) {
  test(`hostile prompt renders as text: ${JSON.stringify(text).slice(0, 60)}`, () => {
    assertSafe(renderPrompt(text));
  });
}

test('HTML in a prompt is shown as typed', () => {
  assert.equal(renderPrompt('<b>bold</b>'), '<p>&lt;b&gt;bold&lt;/b&gt;</p>\n');
});

test('a javascript: link is not a link', () => {
  const html = renderPrompt('[click](javascript:alert(1))');
  assert.doesNotMatch(html, /<a /);
  assert.match(html, /\[click\]/);
});

test('a web link keeps its target and opens nothing in the panel by itself', () => {
  const html = renderPrompt('[Orbit](https://withorbit.com/)');
  assert.equal(html, '<p><a href="https://withorbit.com/" rel="noopener noreferrer">Orbit</a></p>\n');
});

test('images become text, so the panel loads nothing remote', () => {
  const html = renderPrompt('![diagram](https://example.com/a.png)');
  assert.doesNotMatch(html, /<img/);
});

test('Markdown emphasis and code render', () => {
  assert.equal(renderPrompt('**bold** and *it* and `code`'), '<p><strong>bold</strong> and <em>it</em> and <code>code</code></p>\n');
});

test('inline math becomes a placeholder with its TeX escaped', () => {
  assert.equal(
    renderPrompt('Area is $\\pi r^2$ here'),
    '<p>Area is <span class="math math-inline" data-tex="\\pi r^2">$\\pi r^2$</span> here</p>\n',
  );
});

test('display math becomes a display placeholder', () => {
  assert.match(renderPrompt('$$\\int_0^1 x\\,dx = \\frac{1}{2}$$'), /<span class="math math-display" data-tex="\\int_0\^1 x\\,dx = \\frac\{1\}\{2\}">/);
});

test('math is not Markdown: underscores and stars inside stay TeX', () => {
  const html = renderPrompt('$a_1 * b_2 * c$');
  assert.match(html, /data-tex="a_1 \* b_2 \* c"/);
  assert.doesNotMatch(html, /<em>/);
});

test('a dollar amount is not math', () => {
  assert.equal(renderPrompt('It costs $5 and $ 10'), '<p>It costs $5 and $ 10</p>\n');
});

test('an escaped dollar is a dollar sign', () => {
  assert.equal(renderPrompt('\\$x\\$'), '<p>$x$</p>\n');
});

test('an unbalanced $ stays text', () => {
  assert.equal(renderPrompt('just $x'), '<p>just $x</p>\n');
});

test('quotes and angle brackets in TeX are escaped in the attribute', () => {
  const html = renderPrompt('$a<b "c"$');
  assertSafe(html);
  assert.match(html, /data-tex="a&#60;b &#34;c&#34;"/);
});

test('a huge prompt is cut and renders fast', () => {
  const huge = '<img src=x onerror=alert(1)> **bold** $x^2$ '.repeat(50_000);
  const started = performance.now();
  const html = renderPrompt(huge);
  const elapsed = performance.now() - started;
  assertSafe(html);
  assert.match(html, /more characters not shown/);
  assert.ok(html.length < MAX_PROMPT_LENGTH * 8, `output ${html.length} characters`);
  assert.ok(elapsed < 2000, `took ${elapsed} ms`);
});

test('deeply nested emphasis and brackets do not blow up', () => {
  const nested = '['.repeat(5000) + '*'.repeat(5000) + '<'.repeat(5000);
  assertSafe(renderPrompt(nested));
});

test('escapeHtml escapes every reserved character', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;');
});

// KaTeX is what typesets the placeholders in the panel; these check the options it runs with.
const katexOptions = { throwOnError: false, trust: false, strict: 'ignore' as const, maxSize: 20, maxExpand: 500 };

test('KaTeX with trust: false renders no link for \\href with javascript:', () => {
  const html = katex.renderToString('\\href{javascript:alert(1)}{x}', katexOptions);
  assert.doesNotMatch(html, /href="javascript:/i);
  assert.doesNotMatch(html, /<a /);
});

test('KaTeX with trust: false renders no raw HTML for \\htmlClass', () => {
  const html = katex.renderToString('\\htmlClass{x" onmouseover="alert(1)}{y}', katexOptions);
  assert.doesNotMatch(html, / onmouseover="/);
  assert.doesNotMatch(html, /class="x"/);
});

test('KaTeX shows its error text for a bad formula instead of throwing', () => {
  const html = katex.renderToString('\\frac{1}{', katexOptions);
  assert.match(html, /katex-error/);
});

test('KaTeX stops a macro expansion bomb', () => {
  const bomb = '\\def\\a{\\b\\b}\\def\\b{\\c\\c}\\def\\c{\\d\\d}\\def\\d{\\e\\e}\\def\\e{\\f\\f}\\def\\f{\\g\\g}\\def\\g{\\h\\h}\\def\\h{\\i\\i}\\def\\i{xx}\\a\\a\\a\\a';
  const started = performance.now();
  const html = katex.renderToString(bomb, katexOptions);
  assert.ok(performance.now() - started < 2000);
  assert.match(html, /katex-error/);
});
