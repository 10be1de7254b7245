// Directives in the last user message, for trying the gateway by hand:
//   [[mock:429]] [[mock:500]] [[mock:401]] [[mock:<any status>]]   error with OpenAI's body
//   [[mock:slow=2000]]            first byte after 2000 ms
//   [[mock:chunk-delay=50]]       50 ms between stream chunks
//   [[mock:midstream-fail]]       socket destroyed after 2 chunks ([[mock:midstream-fail=5]] after 5)
//   [[mock:no-usage]]             no usage anywhere
//   [[mock:tool]]                 call the request's first tool (or get_weather) with schema-valid arguments
//   [[mock:reply=some text]]      reply with this text
// Several may be combined, in one tag separated by commas or in several tags.
import type { Behaviour } from "./mock-types.ts";

const TAG = /\[\[mock:([^\]]*)\]\]/g;

function applyDirective(directive: string, into: Behaviour): void {
  const eq = directive.indexOf("=");
  const name = (eq === -1 ? directive : directive.slice(0, eq)).trim().toLowerCase();
  const value = eq === -1 ? "" : directive.slice(eq + 1).trim();
  const number = Number(value);
  if (/^\d{3}$/.test(name)) {
    into.error = { status: Number(name) };
    return;
  }
  switch (name) {
    case "slow":
      into.firstByteDelayMs = Number.isFinite(number) && value ? number : 2000;
      break;
    case "chunk-delay":
      into.chunkDelayMs = Number.isFinite(number) && value ? number : 50;
      break;
    case "midstream-fail":
      into.failAfterChunks = Number.isFinite(number) && value ? number : 2;
      break;
    case "no-usage":
      into.omitUsage = true;
      break;
    case "tool":
      into.toolCalls = [];
      break;
    case "reply":
      into.content = value;
      break;
  }
}

/**
 * The behaviour asked for by directives in `text`, or undefined when there is none.
 * `toolCalls: []` means "the request's first tool"; the reply planner fills it in.
 */
export function parseDirectives(text: string): Behaviour | undefined {
  if (!text.includes("[[mock:")) return undefined;
  const behaviour: Behaviour = {};
  for (const match of text.matchAll(TAG)) {
    const body = match[1] ?? "";
    // reply=… takes the rest of the tag verbatim (it may contain commas).
    const replyAt = body.indexOf("reply=");
    const head = replyAt === -1 ? body : body.slice(0, replyAt);
    for (const part of head.split(",")) if (part.trim()) applyDirective(part, behaviour);
    if (replyAt !== -1) applyDirective(body.slice(replyAt), behaviour);
  }
  return behaviour;
}
