/**
 * markdown-it set up as VS Code 1.100's Markdown preview sets it up (markdown-language-features'
 * markdownEngine.ts): `html: true`, the contributed plugins in order (the built-in math extension's
 * KaTeX plugin, then this extension's), the front matter rule before `fence`, and the `data-line`
 * source map on every block token. VS Code 1.100 bundles markdown-it 12.3.2; 14.1.0 is the current
 * one. The tests run the plugin in both. Without a host, the preview as it is without this extension.
 */
import MarkdownIt14, { type Options } from 'markdown-it';
import type MarkdownIt from 'markdown-it';
// @ts-expect-error: markdown-it 12 as VS Code bundles it, installed under another name; no types.
import MarkdownIt12 from 'markdown-it-12';
import frontMatter from 'markdown-it-front-matter';
import katexPlugin from '@vscode/markdown-it-katex';
import { orbitPreviewPlugin, type PreviewHost } from '../src/preview/plugin';

export const engines = { 'markdown-it 12.3.2 (VS Code 1.100)': MarkdownIt12, 'markdown-it 14.1.0': MarkdownIt14 } as const;
export type EngineName = keyof typeof engines;

export function previewEngine(name: EngineName, host: PreviewHost | undefined, options: { math?: boolean } = {}): MarkdownIt {
  const create = engines[name] as unknown as (options: Options) => MarkdownIt;
  const md = create({ html: true });
  md.linkify.set({ fuzzyLink: false });
  if (options.math !== false) {
    katexPlugin(md, { enableFencedBlocks: true, globalGroup: true, macros: {} } as Parameters<typeof katexPlugin>[1]);
  }
  if (host) orbitPreviewPlugin(md, host);

  let rule: unknown;
  frontMatter({ block: { ruler: { before: (_a: unknown, _b: unknown, r: unknown) => (rule = r) } } } as unknown as MarkdownIt, () => undefined);
  md.block.ruler.before('fence', 'front_matter', rule as Parameters<typeof md.block.ruler.before>[2], { alt: ['paragraph', 'reference', 'blockquote', 'list'] });

  md.core.ruler.push('source_map_data_attribute', (state) => {
    for (const token of state.tokens) {
      if (token.map && token.type !== 'inline') {
        token.attrSet('data-line', String(token.map[0]));
        token.attrJoin('class', 'code-line');
        token.attrJoin('dir', 'auto');
      }
    }
    return true;
  });
  const htmlBlock = md.renderer.rules.html_block!;
  md.renderer.rules.html_block = (tokens, idx, opts, env, self) => `<div ${self.renderAttrs(tokens[idx])} ></div>\n` + htmlBlock(tokens, idx, opts, env, self);
  return md;
}

/** What VS Code's preview renders for a document: `env.currentDocument` set, a fresh parse. */
export function renderDocument(md: MarkdownIt, text: string, document: unknown = 'file:///note.md'): string {
  const tokens = md.parse(text, {});
  return md.renderer.render(tokens, md.options, { currentDocument: document, containingImages: new Set() });
}
