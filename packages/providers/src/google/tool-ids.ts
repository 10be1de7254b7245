// OpenAI tool call ids for Gemini function calls. Gemini (before Gemini 3) sends no call ids, and
// Gemini 3 requires each function call's `thoughtSignature` back on the next turn
// (https://ai.google.dev/gemini-api/docs/thought-signatures). The gateway keeps no state, so the
// signature rides inside the id the client echoes back: `<id>__thought__<signature>`.
import { randomToken } from "@switchyard/core";

const SEPARATOR = "__thought__";

/** Gemini's own call id when it sent one, else a fresh `call_…`; with the signature appended. */
export function toolCallId(geminiId: string | undefined, signature: string | undefined): string {
  const base = geminiId || `call_${randomToken(24)}`;
  return signature ? `${base}${SEPARATOR}${signature}` : base;
}

/** The thought signature carried in a tool call id, if any. */
export function signatureOf(id: string): string | undefined {
  const at = id.indexOf(SEPARATOR);
  return at === -1 ? undefined : id.slice(at + SEPARATOR.length) || undefined;
}
