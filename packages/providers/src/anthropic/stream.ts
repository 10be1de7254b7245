// A Messages event stream → chat.completion.chunk payloads, one or none per event as it arrives:
//   message_start → role chunk; text_delta → content; thinking_delta → reasoning_content;
//   tool_use start → tool call header (index counted over tool_use blocks, so stable);
//   input_json_delta → argument fragment; message_delta → stop reason and usage (kept);
//   message_stop → (web search citations: one `annotations` chunk), finish chunk, then the usage
//   chunk (choices: []). A text block's citations (on its start, or as citations_delta events)
//   cover that block's text, so they are settled at its content_block_stop. ping and
//   server_tool_use / web_search_tool_result blocks produce nothing; an `error` event ends the
//   stream with an error.
// Event reference: https://platform.claude.com/docs/en/build-with-claude/streaming
import { codePoints, urlCitation, type UrlCitation } from "../citations.ts";
import { StreamInterruptedError } from "../sse.ts";
import type { SseEvent } from "./events.ts";
import { finishReason } from "./finish.ts";
import { isObject, type Json } from "./json.ts";
import { mergeUsage, openAIUsage } from "./usage.ts";
import { type CitedSource, citedSources } from "./web-search.ts";

export async function* toChunks(first: SseEvent, rest: AsyncIterator<SseEvent>): AsyncGenerator<string> {
  const state = new StreamState();
  let event: SseEvent | undefined = first;
  while (event) {
    yield* state.translate(event);
    if (state.done) return;
    const next = await rest.next();
    event = next.done ? undefined : next.value;
  }
  throw new StreamInterruptedError("The upstream stream ended before message_stop.");
}

class StreamState {
  done = false;
  private id: unknown = "";
  private model: unknown = "";
  private readonly created = Math.floor(Date.now() / 1000);
  private usage: Json = {};
  private stopReason: unknown = null;
  private readonly toolIndex = new Map<number, number>();
  /** Code points of the content sent so far, and the open text block (where its text starts, what it cites). */
  private offset = 0;
  private textBlock: { start: number; sources: CitedSource[] } | undefined;
  private annotations: UrlCitation[] | undefined;

  *translate({ event, data }: SseEvent): Generator<string> {
    if (event === "ping") return;
    if (event === "content_block_stop") {
      this.closeTextBlock();
      return;
    }
    if (event === "error") throw new StreamInterruptedError(`The upstream stream failed: ${data.slice(0, 300)}`);
    const payload = parse(data);
    switch (event) {
      case "message_start": {
        const message = isObject(payload.message) ? payload.message : {};
        this.id = message.id;
        this.model = message.model;
        this.usage = mergeUsage({}, message.usage);
        yield this.chunk({ role: "assistant", content: "" });
        return;
      }
      case "content_block_start":
        yield* this.blockStart(payload);
        return;
      case "content_block_delta":
        yield* this.blockDelta(payload);
        return;
      case "message_delta":
        if (isObject(payload.delta)) this.stopReason = payload.delta.stop_reason;
        this.usage = mergeUsage(this.usage, payload.usage);
        return;
      case "message_stop":
        this.done = true;
        if (this.annotations) yield this.chunk({ annotations: this.annotations });
        yield this.chunk({}, finishReason(this.stopReason));
        yield JSON.stringify({ ...this.base(), choices: [], usage: openAIUsage(this.usage) });
        return;
    }
  }

  private *blockStart(payload: Json): Generator<string> {
    const block = isObject(payload.content_block) ? payload.content_block : {};
    if (block.type === "tool_use" && typeof payload.index === "number") {
      const index = this.toolIndex.size;
      this.toolIndex.set(payload.index, index);
      yield this.chunk({ tool_calls: [{ index, id: block.id, type: "function", function: { name: block.name, arguments: "" } }] });
    } else if (block.type === "text") {
      this.textBlock = { start: this.offset, sources: citedSources(block.citations) };
      if (typeof block.text === "string" && block.text) yield this.content(block.text);
    } else if (block.type === "thinking" && typeof block.thinking === "string" && block.thinking) {
      yield this.chunk({ reasoning_content: block.thinking });
    }
  }

  private *blockDelta(payload: Json): Generator<string> {
    const delta = isObject(payload.delta) ? payload.delta : {};
    if (delta.type === "text_delta" && typeof delta.text === "string") {
      yield this.content(delta.text);
    } else if (delta.type === "citations_delta" && this.textBlock) {
      for (const source of citedSources([delta.citation])) {
        if (!this.textBlock.sources.some((s) => s.url === source.url)) this.textBlock.sources.push(source);
      }
    } else if (delta.type === "thinking_delta" && typeof delta.thinking === "string") {
      yield this.chunk({ reasoning_content: delta.thinking });
    } else if (delta.type === "input_json_delta" && typeof delta.partial_json === "string" && delta.partial_json) {
      const index = typeof payload.index === "number" ? this.toolIndex.get(payload.index) : undefined;
      if (index !== undefined) yield this.chunk({ tool_calls: [{ index, function: { arguments: delta.partial_json } }] });
    }
  }

  private content(text: string): string {
    this.offset += codePoints(text);
    return this.chunk({ content: text });
  }

  private closeTextBlock(): void {
    const block = this.textBlock;
    if (!block) return;
    this.textBlock = undefined;
    for (const source of block.sources) (this.annotations ??= []).push(urlCitation(source.url, source.title, block.start, this.offset));
  }

  private base(): Json {
    return { id: this.id, object: "chat.completion.chunk", created: this.created, model: this.model };
  }

  private chunk(delta: Json, finish: string | null = null): string {
    return JSON.stringify({ ...this.base(), choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  }
}

function parse(data: string): Json {
  try {
    const parsed: unknown = JSON.parse(data);
    if (isObject(parsed)) return parsed;
  } catch {
    // fall through
  }
  throw new StreamInterruptedError("The upstream sent an unreadable stream event.");
}
