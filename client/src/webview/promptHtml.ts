import { PROMPT_POLICY } from '../review/messages';
import { renderPrompt } from '../review/render';

/**
 * The panel's one HTML sink. The panel's Content-Security-Policy requires Trusted Types for
 * every script sink (innerHTML, javascript: URLs, ...) and allows one policy, this one, whose
 * only way to make HTML is renderPrompt on prompt text: no other string can become markup in the
 * panel, whatever a future bug passes to innerHTML, and a javascript: URL cannot run.
 */
interface TrustedTypePolicy {
  createHTML(text: string): unknown;
}

interface TrustedTypePolicyFactory {
  createPolicy(name: string, rules: { createHTML: (text: string) => string }): TrustedTypePolicy;
}

const factory = (globalThis as { trustedTypes?: TrustedTypePolicyFactory }).trustedTypes;
const policy = factory?.createPolicy(PROMPT_POLICY, { createHTML: (text) => renderPrompt(text) });

/** Sets an element's content to the rendered prompt (math placeholders still to typeset). */
export function setPromptHtml(element: HTMLElement, text: string): void {
  // A browser without Trusted Types takes the string itself.
  element.innerHTML = (policy ? policy.createHTML(text) : renderPrompt(text)) as string;
}
