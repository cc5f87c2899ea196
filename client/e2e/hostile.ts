/**
 * Hostile prompts for the review panel and the review page (orbit.previewReviewHtml): markup,
 * script, links with unsafe schemes, remote loads, CSS, KaTeX commands that could make links or
 * markup, bidi overrides and a 1 MB line. Every payload that could run calls `alert`, sets the
 * title or a global named {@link PWNED}; every remote target is on {@link ATTACKER} (a reserved
 * name that never resolves), so the tests can see both by name.
 */

/** What a payload writes or says if it ever runs. */
export const PWNED = 'orbitPwned';
/** The host every remote load in the corpus names. */
export const ATTACKER = 'attacker.invalid';

export interface HostilePrompt {
  /** What it tries, for test messages. */
  name: string;
  /** One prompt line, as written in the note (no spaces or `*` at either end: the shortcode trims those). */
  text: string;
  /**
   * Fragments of the text that must be visible on the card, in order. Default: the whole text.
   * Markdown decodes entities and KaTeX typesets math, so a few prompts name what survives.
   */
  shows?: string[];
}

const run = `alert('${PWNED}')`;
/** Over 1 MB (UTF-16 units), ending without a space. */
const longLine = ('A very long prompt: ' + `<script>${run}</script> <img src=x onerror="${run}"> `.repeat(13_300)).trimEnd();

export const hostilePrompts: HostilePrompt[] = [
  { name: 'script tag', text: `<script>document.title='${PWNED}';window.${PWNED}=1;${run}</script>` },
  { name: 'img onerror', text: `<img src=x onerror="${run}">` },
  { name: 'svg onload, attribute breakout', text: `"><svg/onload=${run}><circle r=9></circle></svg>` },
  { name: 'svg with a script', text: `<svg><script>${run}</script><a xlink:href="javascript:${run}"><text>svg link</text></a></svg>` },
  { name: 'iframe srcdoc', text: `<iframe srcdoc="<script>parent.${run}</script>" src="https://${ATTACKER}/frame"></iframe>` },
  { name: 'style element', text: `<style>*{background:url(https://${ATTACKER}/css)} body{display:none}</style>` },
  { name: 'style attribute', text: `<p style="background:url(https://${ATTACKER}/style);position:fixed;inset:0">covers the panel</p>` },
  { name: 'base href', text: `<base href="https://${ATTACKER}/">` },
  { name: 'meta refresh', text: `<meta http-equiv="refresh" content="0;url=https://${ATTACKER}/refresh">` },
  { name: 'form and formaction', text: `<form action="https://${ATTACKER}/form"><input name=q value=x><button formaction="javascript:${run}">send</button></form>` },
  { name: 'object and embed', text: `<object data="https://${ATTACKER}/object"></object><embed src="https://${ATTACKER}/embed">` },
  { name: 'details ontoggle', text: `<details open ontoggle="${run}"><summary>open</summary></details>` },
  { name: 'mutation XSS through math and noscript', text: `<math><mtext><table><mglyph><style><img src=x onerror=${run}></style></mglyph></table></mtext></math><noscript><p title="</noscript><img src=x onerror=${run}>">` },
  { name: 'unbalanced markup', text: '<div><p>unbalanced <b>bold <i>italic </section></main></body></html>' },
  { name: 'raw javascript: link', text: `<a href="javascript:${run}">raw link</a>` },
  { name: 'Markdown javascript: link', text: `[md link](javascript:${run})` },
  { name: 'Markdown link with a mixed-case scheme and spaces', text: `[case link]( JaVaScRiPt:${run} )` },
  { name: 'Markdown data: link', text: '[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgnb3JiaXRQd25lZCcpPC9zY3JpcHQ+)' },
  { name: 'Markdown vbscript: link', text: `[vb link](vbscript:msgbox("${PWNED}"))` },
  {
    name: 'entity-obfuscated schemes',
    text: `[entity link](&#106;avascript:${run}) [hex link](&#x6A;avascript&#x3A;${run}) [tab link](java&#9;script:${run})`,
    shows: ['[entity link](', `avascript:${run})`, '[hex link](', '[tab link](java'],
  },
  { name: 'Markdown link title breakout', text: `[title link](https://example.org/ "x\\" onmouseover=\\"${run}")` , shows: ['title link'] },
  { name: 'Markdown image, remote', text: `![tracker](https://${ATTACKER}/pixel.png)`, shows: ['tracker'] },
  { name: 'Markdown image, data: SVG', text: `![svg image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)`, shows: ['svg image'] },
  { name: 'Markdown image, javascript:', text: `![js image](javascript:${run})`, shows: ['js image'] },
  { name: 'autolink javascript:', text: `<javascript:${run}>` },
  { name: 'autolink data: and vbscript:', text: `<data:text/html,<script>${run}</script>> <vbscript:msgbox(1)>` },
  { name: 'reference-style link', text: `[ref link][r] [r]: javascript:${run}`, shows: ['ref link'] },
  { name: 'bare javascript: text', text: `javascript:${run} and www.${ATTACKER}/linkify` },
  { name: 'KaTeX \\href', text: `$\\href{javascript:${run}}{click me}$`, shows: ['\\href{javascript:', 'click me'] },
  { name: 'KaTeX \\url', text: `$\\url{javascript:${run}}$`, shows: ['\\url{javascript:'] },
  { name: 'KaTeX \\htmlClass, \\htmlData, \\htmlId, \\htmlStyle', text: `$\\htmlClass{app}{c} \\htmlData{pwned=1}{d} \\htmlId{app}{i} \\htmlStyle{background:url(https://${ATTACKER}/katex)}{s}$`, shows: ['\\htmlClass{app}', '\\htmlData{pwned=1}', '\\htmlId{app}', '\\htmlStyle{'] },
  { name: 'KaTeX \\includegraphics', text: `$\\includegraphics[height=1em]{https://${ATTACKER}/graphic.png}$`, shows: ['\\includegraphics'] },
  // Typeset as math: KaTeX drops spaces and shows ' as a prime.
  { name: 'math that closes its element', text: `$$</span><script>${run}</script>$$`, shows: ['</span><script>alert(', PWNED, ')</script>'] },
  { name: 'math in an attribute breakout', text: `$"><img src=x onerror=${run}>$`, shows: ['><img', 'src=x', 'onerror=alert(', PWNED, ')>'] },
  { name: 'bidi overrides', text: 'Unicode \u202Egnp.exe\u202C and \u2066isolate\u2069 and \u202Bembedding\u202C stay in the prompt' },
  { name: 'a 1 MB line', text: longLine, shows: [longLine.slice(0, 2_000)] },
];

/** The note's title (front matter): hostile too, shown in the panel's heading and the page's title. */
export const hostileTitle = `</title><script>${run}</script> Hostile prompts`;

/** A block colour that tries to leave its attribute (Orbit knows no such colour: OL020). */
export const hostileColor = `red" onmouseover="${run}" data-x="`;

/** A second block, in the hostile colour. */
const colorBlock: HostilePrompt[] = [
  { name: 'a block in a hostile colour', text: 'Which colour does this block have?' },
  { name: 'a block in a hostile colour', text: 'One that tries to leave its attribute' },
];

export interface HostileCard {
  question: HostilePrompt;
  /** Undefined: the card has no answer. */
  answer: HostilePrompt | undefined;
}

/** The cards of {@link hostileNote} in order: prompt pairs of each block, an odd last one unanswered. */
export function hostileCards(): HostileCard[] {
  const cards: HostileCard[] = [];
  for (const prompts of [hostilePrompts, colorBlock]) {
    for (let i = 0; i < prompts.length; i += 2) cards.push({ question: prompts[i], answer: prompts[i + 1] });
  }
  return cards;
}

/** A note with every hostile prompt in one block (question, answer, question, ...), then the colour block. */
export function hostileNote(): string {
  const yaml = (text: string) => `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  return [
    '---',
    `title: ${yaml(hostileTitle)}`,
    '---',
    '',
    'Prompts that try to inject markup, script or remote loads: each must show as typed and do nothing.',
    '',
    '{{< orbit_review color="red" >}}',
    ...hostilePrompts.map((p) => p.text),
    '{{< /orbit_review >}}',
    '',
    `{{< orbit_review color="${hostileColor.replace(/"/g, '\\"')}" >}}`,
    ...colorBlock.map((p) => p.text),
    '{{< /orbit_review >}}',
    '',
  ].join('\n');
}
