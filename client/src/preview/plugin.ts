/**
 * The markdown-it plugin behind VS Code's Markdown preview (`markdown.markdownItPlugins`): shows a
 * note's review areas as cards, its other shortcodes as chips and its escaped calls as the text
 * the page prints, all from the server's `orbit.pagePreview` answer for exactly the text being
 * rendered. It knows nothing of the format: where an area or a call is comes from the answer's
 * source ranges; markdown-it only says which of its tokens holds that place.
 *
 * markdown-it renders synchronously, so the answer comes from a cache the extension fills
 * (`PreviewHost.answerFor`, keyed by the whole text): an answer is only ever applied to the text
 * it was computed from. Without one, the note renders as plain Markdown and the host is told,
 * so that it can fetch the answer and refresh the preview.
 *
 * Placement, in order:
 * 1. an area whose opening tag starts a line (in its container) and whose closing tag ends one
 *    replaces those lines (a block rule that runs before all others, so blank lines, lists or
 *    code inside it are never read as Markdown);
 * 2. an area inside a code block or raw HTML splits it there (Hugo puts the live area in the
 *    middle of the code block); one in an HTML comment is hidden, shown collapsed after it;
 * 3. an area or call inside a paragraph, heading or table cell is found in that token's text and
 *    replaced by an inline rule that runs before all others;
 * 4. an area that cannot be found where it is written is shown after the token holding it.
 */
import type MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import type { PagePreview, PreviewArea, PreviewCall, Range } from './answer';
import { areaHtml, buildFailureHtml, callHtml, type HtmlContext } from './html';

export interface PreviewHost {
  /** The server's answer computed from exactly this text (as markdown-it normalised it), if there is one. */
  answerFor(text: string): PagePreview | undefined;
  /**
   * Called when a note is rendered: the preview's `env.currentDocument`, the note's text and
   * whether it was rendered with its answer.
   */
  rendered?(document: unknown, text: string, answered: boolean): void;
}

/** Prompts longer than this are cut in the preview: rendering stays fast. */
export const MAX_CARD_TEXT = 20_000;

/** Where one area or call of the answer is in the text: offsets in markdown-it's normalised source. */
export interface Item {
  kind: 'area' | 'call';
  area?: PreviewArea;
  call?: PreviewCall;
  /** The answer's rule names and titles, for the item's problem badges. */
  rules: PagePreview['rules'];
  start: number;
  end: number;
  startLine: number;
  endLine: number;
  /** Set once the item has a token. */
  placed?: 'lines' | 'inline' | 'split' | 'after';
  /** The token holding the item's place: for an item placed inline, its paragraph's inline token; for one shown after, the token it is shown after. */
  holder?: Token;
  emitted?: boolean;
}

interface Page {
  answer: PagePreview | undefined;
  text: string;
  items: Item[];
  /** The areas by the line they start on: the block rule asks at every line. */
  areasByLine: Map<number, Item[]>;
}

// What the plugin knows of its tokens is kept beside them, not in their `meta`: VS Code sends the
// preview's tokens to its Markdown language server, so they must stay small and plain JSON.
const pageOfMarker = new WeakMap<Token, Page>();
const itemOfToken = new WeakMap<Token, Item>();

/** The area or call a token of the plugin shows. */
export function placedItem(token: Token): Item | undefined {
  return itemOfToken.get(token);
}

const PAGE = 'orbit_page';
const AREA = 'orbit_area';
const CALL = 'orbit_call';

/** The text markdown-it parses for a document: its line breaks as '\n', NUL as U+FFFD (its `normalize` rule). */
export function normalizeText(text: string): string {
  return text.replace(/\r\n?|\n/g, '\n').replace(/\0/g, '\uFFFD');
}

export function orbitPreviewPlugin(md: MarkdownIt, host: PreviewHost): void {
  // Keyed by the token arrays markdown-it hands to each rule: the note's top-level tokens (shared
  // by the core rules and the block rules) and each inline token's children (the inline rules').
  const pages = new WeakMap<Token[], Page>();
  const inline = new WeakMap<Token[], Map<number, { to: number; item: Item; source: string }>>();

  md.core.ruler.after('normalize', 'orbit_lookup', (state: StateCore) => {
    if (state.inlineMode) return false;
    const answer = host.answerFor(state.src);
    const items = answer ? locate(answer, state.src) : [];
    const areasByLine = new Map<number, Item[]>();
    for (const item of items) if (item.kind === 'area') areasByLine.set(item.startLine, [...(areasByLine.get(item.startLine) ?? []), item]);
    const page: Page = { answer, text: state.src, items, areasByLine };
    pages.set(state.tokens, page);
    const marker = new state.Token(PAGE, '', 0);
    pageOfMarker.set(marker, page);
    state.tokens.push(marker);
    return true;
  });

  md.block.ruler.before('table', 'orbit_area_lines', (state: StateBlock, startLine: number, endLine: number, silent: boolean) => {
    const starting = pages.get(state.tokens)?.areasByLine.get(startLine);
    if (!starting) return false;
    const contentStart = state.bMarks[startLine] + state.tShift[startLine];
    const item = starting.find((i) => !i.placed && i.start === contentStart);
    if (!item || item.endLine >= endLine) return false;
    const lineEnd = state.eMarks[item.endLine];
    if (item.end > lineEnd || state.src.slice(item.end, lineEnd).trim() !== '') return false;
    if (silent) return true;
    const token = state.push(AREA, 'section', 0);
    token.block = true;
    token.map = [startLine, item.endLine + 1];
    itemOfToken.set(token, item);
    item.placed = 'lines';
    state.line = item.endLine + 1;
    return true;
  }, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });

  md.core.ruler.after('block', 'orbit_place', (state: StateCore) => {
    const page = pages.get(state.tokens);
    if (state.inlineMode || !page) return false;
    // Items come in text order and leaf tokens in line order: each search starts where the last one found its token.
    let from = 0;
    for (const item of page.items) {
      if (!item.placed) from = place(state, item, page.text, from);
    }
    return true;
  });

  md.inline.ruler.before('text', 'orbit_inline', (state: StateInline, silent: boolean) => {
    const found = inline.get(state.tokens)?.get(state.pos);
    if (!found || found.to > state.posMax) return false;
    if (!silent) {
      const token = state.push(found.item.kind === 'area' ? AREA : CALL, '', 0);
      itemOfToken.set(token, found.item);
      token.content = found.source;
      found.item.emitted = true;
    }
    state.pos = found.to;
    return true;
  });

  // Until the server's answer for this text is there, nothing says where the review areas are, and
  // their prompts (which the page prints as text) would be read as Markdown: raw HTML in them would
  // run, a remote image or style would be fetched under the preview's default security. So the
  // note's raw HTML is shown as typed and images from elsewhere as their alt text until the answer
  // arrives and the preview is refreshed; the note's own images (relative paths) still show.
  md.core.ruler.after('inline', 'orbit_unanswered', (state: StateCore) => {
    const page = pages.get(state.tokens);
    if (state.inlineMode || !page || page.answer) return false;
    for (const token of state.tokens) {
      if (token.type === 'html_block') {
        token.type = 'orbit_raw_block';
      } else if (token.children) {
        for (const child of token.children) {
          if (child.type === 'html_inline') child.type = 'text';
          else if (child.type === 'image' && !isOwnFile(child.attrGet('src') ?? '')) {
            child.type = 'text';
            child.content = child.children?.map((c) => c.content).join('') ?? child.content;
            child.children = null;
          }
        }
      }
    }
    return true;
  });

  // An area another inline rule read first (in a code span, a link's target, …) is shown after its paragraph.
  md.core.ruler.after('inline', 'orbit_unmet', (state: StateCore) => {
    const page = pages.get(state.tokens);
    if (state.inlineMode || !page) return false;
    for (const item of page.items) {
      if (item.kind !== 'area' || item.placed !== 'inline' || item.emitted) continue;
      const at = state.tokens.indexOf(item.holder!);
      insertAfterBlock(state, item, at);
    }
    return true;
  });

  /**
   * Gives the item a token: splits the code block or HTML holding it, or marks its place in a
   * paragraph's text. Searches the tokens from `from`; returns where the next search may start.
   */
  function place(state: StateCore, item: Item, text: string, from: number): number {
    const tokens = state.tokens;
    let at = -1;
    for (let i = from; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.nesting === 0 && t.map && t.type !== PAGE && t.type !== AREA && t.map[0] <= item.startLine && item.endLine < t.map[1]) {
        at = i;
        break;
      }
    }
    const source = text.slice(item.start, item.end);
    if (at < 0) {
      if (item.kind === 'area') insertAfterLine(state, item);
      return from;
    }
    placeAt(state, item, source, at);
    return at;
  }

  function placeAt(state: StateCore, item: Item, source: string, at: number): void {
    const tokens = state.tokens;
    const holder = tokens[at];
    // A hidden area is inside an HTML comment, which the preview keeps hidden: shown after it.
    const hidden = item.area?.hidden === true;
    if (holder.type === 'inline' && !hidden) {
      const places = inline.get(holder.children ?? []) ?? new Map<number, { to: number; item: Item; source: string }>();
      const last = Math.max(0, ...[...places.values()].map((p) => p.to));
      const from = holder.content.indexOf(source, last);
      if (from >= 0 && holder.children) {
        places.set(from, { to: from + source.length, item, source });
        inline.set(holder.children, places);
        item.placed = 'inline';
        item.holder = holder;
        return;
      }
    }
    if (item.kind !== 'area') return;
    if (holder.type === 'inline') {
      insertAfterBlock(state, item, at);
      return;
    }
    const area = item.area!;
    const splittable = (holder.type === 'fence' || holder.type === 'code_block' || holder.type === 'html_block') && !area.hidden;
    const found = splittable ? holder.content.indexOf(source) : -1;
    if (found < 0) {
      tokens.splice(afterShown(tokens, at + 1, holder), 0, areaToken(state, item, holder.level));
      item.placed = 'after';
      item.holder = holder;
      return;
    }
    const before = holder.content.slice(0, found);
    const after = holder.content.slice(found + source.length).replace(/^[ \t]*\n/, '');
    const parts: Token[] = [];
    if (before.trim() !== '') parts.push(copy(state, holder, before, [holder.map![0], item.startLine]));
    parts.push(areaToken(state, item, holder.level));
    if (after.trim() !== '') parts.push(copy(state, holder, after, [item.endLine + 1, holder.map![1]]));
    tokens.splice(at, 1, ...parts);
    item.placed = 'split';
  }

  /** After the paragraph, heading or cell whose inline token is at `at`. */
  function insertAfterBlock(state: StateCore, item: Item, at: number): void {
    const close = state.tokens[at + 1]?.nesting === -1 ? at + 1 : at;
    const holder = state.tokens[at];
    item.holder = holder;
    state.tokens.splice(afterShown(state.tokens, close + 1, holder), 0, areaToken(state, item, holder.level));
    item.placed = 'after';
  }

  /** The index from `index` on past the areas already shown after `holder`, so that they keep their order. */
  function afterShown(tokens: Token[], index: number, holder: Token): number {
    while (tokens[index]?.type === AREA && itemOfToken.get(tokens[index])?.holder === holder) index++;
    return index;
  }

  function insertAfterLine(state: StateCore, item: Item): void {
    const next = state.tokens.findIndex((t) => t.map && t.level === 0 && t.map[0] > item.startLine);
    state.tokens.splice(next < 0 ? state.tokens.length : next, 0, areaToken(state, item, 0));
    item.placed = 'after';
  }

  function areaToken(state: StateCore, item: Item, level: number): Token {
    const token = new state.Token(AREA, 'section', 0);
    token.block = true;
    token.level = level;
    token.map = [item.startLine, item.endLine + 1];
    itemOfToken.set(token, item);
    return token;
  }

  function copy(state: StateCore, from: Token, content: string, map: [number, number]): Token {
    const token = new state.Token(from.type, from.tag, 0);
    token.info = from.info;
    token.markup = from.markup;
    token.block = true;
    token.level = from.level;
    token.content = content;
    token.map = map;
    return token;
  }

  const context = (env: unknown, rules: PagePreview['rules']): HtmlContext => ({
    rules,
    text: (t) => renderCardText(md, t, env),
  });

  md.renderer.rules.orbit_raw_block = (tokens, idx) => {
    const token = tokens[idx];
    const line = token.map ? ` data-line="${token.map[0]}"` : '';
    return `<p class="orbit-raw code-line"${line}>${md.utils.escapeHtml(token.content.replace(/\n$/, ''))}</p>\n`;
  };
  md.renderer.rules[PAGE] = (tokens, idx, _options, env) => {
    const answer = pageOfMarker.get(tokens[idx])?.answer;
    return answer?.buildFailure ? buildFailureHtml(answer.buildFailure, context(env, answer.rules)) : '';
  };
  md.renderer.rules[AREA] = (tokens, idx, _options, env) => {
    const token = tokens[idx];
    const item = itemOfToken.get(token);
    return item ? areaHtml(item.area!, context(env, item.rules), token.block ? token.map?.[0] : undefined) : '';
  };
  md.renderer.rules[CALL] = (tokens, idx, _options, env) => {
    const token = tokens[idx];
    const item = itemOfToken.get(token);
    return item ? callHtml(item.call!, context(env, item.rules), token.content) : '';
  };

  const render = md.renderer.render;
  md.renderer.render = function (tokens, options, env) {
    const page = tokens[0]?.type === PAGE ? pageOfMarker.get(tokens[0]) : undefined;
    const document = (env as { currentDocument?: unknown } | undefined)?.currentDocument;
    if (page && document !== undefined) host.rendered?.(document, page.text, page.answer !== undefined);
    return render.call(this, tokens, options, env);
  };
}

/**
 * Whether an image source names a file of the note's own folder tree: a relative or root-relative
 * path, not a URL with a scheme (`https:`, `data:`, `file:`, …) nor a protocol-relative `//host` (or `\\host`, which a browser reads alike).
 */
export function isOwnFile(src: string): boolean {
  const s = src.trim();
  return s !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(s) && !/^[\\/]{2}/.test(s);
}

/**
 * Offsets of every area and call of the answer in the text, in text order; empty when a range
 * does not fit the text (then the answer is not this text's, and nothing is placed).
 */
export function locate(answer: PagePreview, text: string): Item[] {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }): number | undefined => {
    if (p.line >= lineStarts.length) return undefined;
    const start = lineStarts[p.line];
    const end = p.line + 1 < lineStarts.length ? lineStarts[p.line + 1] - 1 : text.length;
    return start + p.character <= end ? start + p.character : undefined;
  };
  const items: Item[] = [];
  const add = (kind: Item['kind'], range: Range, value: Pick<Item, 'area' | 'call'>): boolean => {
    const start = offset(range.start);
    const end = offset(range.end);
    if (start === undefined || end === undefined || end < start) return false;
    items.push({ kind, ...value, rules: answer.rules, start, end, startLine: range.start.line, endLine: range.end.line });
    return true;
  };
  for (const area of answer.areas) if (!add('area', area.range, { area })) return [];
  for (const call of answer.shortcodes) if (!add('call', call.range, { call })) return [];
  return items.sort((a, b) => a.start - b.start);
}

/**
 * A card's text as the preview's own Markdown renders it (math through the preview's KaTeX
 * plugin, when enabled), with nothing raw: HTML is shown as typed, images as their alt text,
 * links only to http, https and mailto targets (any other link is shown as its text).
 */
export function renderCardText(md: MarkdownIt, text: string, env: unknown): string {
  const cut = text.length > MAX_CARD_TEXT;
  const source = cut ? text.slice(0, MAX_CARD_TEXT) : text;
  const parsed = md.parseInline(source, env ?? {});
  const children = sanitize(md, parsed[0]?.children ?? []);
  const html = md.renderer.renderInline(children, md.options, env ?? {});
  return cut ? `${html}<span class="orbit-truncated"> … (${text.length - MAX_CARD_TEXT} more characters)</span>` : html;
}

const KEPT = new Set([
  'text', 'code_inline', 'softbreak', 'hardbreak', 'em_open', 'em_close', 'strong_open', 'strong_close', 's_open', 's_close',
  'math_inline', 'math_block', 'math_inline_block', 'math_inline_bare_block', 'emoji', 'text_special',
]);
const SAFE_LINK = /^(https?:|mailto:)/i;

/** Only the kinds of token a prompt's inline Markdown makes; anything else becomes its text. */
function sanitize(md: MarkdownIt, tokens: Token[]): Token[] {
  const out: Token[] = [];
  // The link_close of each unsafe link, with the text it becomes: the end of the link as written.
  const dropped = new Map<number, string>();
  const asText = (token: Token, content: string): Token => {
    token.type = 'text';
    token.tag = '';
    token.nesting = 0;
    token.children = null;
    token.attrs = null;
    token.content = content;
    return token;
  };
  tokens.forEach((token, i) => {
    if (KEPT.has(token.type)) out.push(token);
    else if (token.type === 'link_open') {
      const href = token.attrGet('href') ?? '';
      if (SAFE_LINK.test(href.trim())) {
        token.attrSet('rel', 'noopener noreferrer');
        out.push(token);
      } else {
        // Shown as typed, as the review panel shows it: its label between the brackets, then its target.
        const title = token.attrGet('title');
        dropped.set(closing(tokens, i), `](${md.normalizeLinkText(href)}${title ? ` "${title}"` : ''})`);
        out.push(asText(token, '['));
      }
    } else if (token.type === 'link_close') {
      const end = dropped.get(i);
      out.push(end === undefined ? token : asText(token, end));
    } else if (token.type === 'image' || token.type === 'html_inline' || (token.nesting === 0 && token.content)) {
      // An image's content is its alt text; raw HTML's is the markup, shown as typed.
      out.push(asText(token, token.content));
    }
  });
  return out;
}

/** The index of the link_close that closes the link_open at `open`. */
function closing(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i].type === 'link_open') depth++;
    else if (tokens[i].type === 'link_close' && --depth === 0) return i;
  }
  return -1;
}

