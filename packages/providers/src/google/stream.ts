// streamGenerateContent?alt=sse → OpenAI chat.completion.chunk payloads, as they arrive. Each SSE
// `data:` is a whole GenerateContentResponse holding the next parts; function calls arrive whole,
// so each becomes one tool-call chunk (name and all arguments) with the next index of its
// choice. The stream has no [DONE]: it ends when a candidate carries its finishReason and the
// body closes. usageMetadata (cumulative) becomes the usage chunk at the end. With Google Search
// grounding, a candidate's groundingMetadata (on its last events; repeats merged) becomes one
// `annotations` chunk just before its finish chunk: its offsets count bytes of the whole answer,
// so a grounded stream keeps each choice's text.
import type { UrlCitation } from "../citations.ts";
import { sseData } from "../sse-data.ts";
import { StreamInterruptedError } from "../sse.ts";
import { interrupted } from "../sse-reader.ts";
import { finishReason } from "./finish-reason.ts";
import { collectQueries, groundingAnnotations } from "./grounding.ts";
import { completionId, openAIToolCall } from "./response.ts";
import { openAIUsage } from "./usage.ts";
import type { GeminiGroundingMetadata, GeminiResponse, GeminiUsage } from "./wire.ts";

interface ChoiceState {
  started: boolean;
  toolCalls: number;
  finished: boolean;
  /** Grounded streams only: the answer so far, and the groundings seen (offsets count from the answer's start). */
  text: string;
  groundings: GeminiGroundingMetadata[];
}

class ChunkWriter {
  private readonly choices = new Map<number, ChoiceState>();
  private head: { id: string; object: string; created: number; model: string } | undefined;
  private usage: GeminiUsage | undefined;
  private blocked = false;
  private readonly queries = new Set<string>();

  constructor(
    private readonly model: string,
    private readonly grounded: boolean,
  ) {}

  /** The chunks of one upstream event. */
  event(response: GeminiResponse & { error?: { message?: string } }): string[] {
    if (response.error) throw new StreamInterruptedError(`The upstream failed mid-stream: ${response.error.message ?? "unknown error"}`);
    this.head ??= { id: completionId(response), object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model: response.modelVersion ?? this.model };
    if (response.usageMetadata) this.usage = response.usageMetadata;
    const out: string[] = [];
    const candidates = response.candidates ?? [];
    if (candidates.length === 0 && response.promptFeedback?.blockReason) {
      this.blocked = true;
      out.push(this.chunk(0, {}, "content_filter"));
    }
    candidates.forEach((candidate, position) => {
      const index = candidate.index ?? position;
      const state = this.state(index);
      for (const part of candidate.content?.parts ?? []) {
        if (part.functionCall) out.push(this.chunk(index, { tool_calls: [{ index: state.toolCalls++, ...openAIToolCall({ ...part, functionCall: part.functionCall }) }] }));
        else if (typeof part.text === "string" && part.text !== "") {
          if (this.grounded && !part.thought) state.text += part.text;
          out.push(this.chunk(index, part.thought ? { reasoning_content: part.text } : { content: part.text }));
        }
      }
      if (candidate.groundingMetadata) {
        state.groundings.push(candidate.groundingMetadata);
        collectQueries(candidate.groundingMetadata, this.queries);
      }
      if (candidate.finishReason) {
        state.finished = true;
        const annotations = this.grounded ? streamedAnnotations(state) : [];
        if (annotations.length > 0) out.push(this.chunk(index, { annotations }));
        out.push(this.chunk(index, {}, finishReason(candidate.finishReason, state.toolCalls > 0)));
      }
    });
    return out;
  }

  get finished(): boolean {
    return this.blocked || (this.choices.size > 0 && [...this.choices.values()].every((c) => c.finished));
  }

  usageChunk(): string | undefined {
    const usage = openAIUsage(this.usage, this.queries.size);
    return usage && this.head ? JSON.stringify({ ...this.head, choices: [], usage }) : undefined;
  }

  private state(index: number): ChoiceState {
    let state = this.choices.get(index);
    if (!state) this.choices.set(index, (state = { started: false, toolCalls: 0, finished: false, text: "", groundings: [] }));
    return state;
  }

  private chunk(index: number, delta: Record<string, unknown>, finish: string | null = null): string {
    const state = this.state(index);
    const first = !state.started;
    state.started = true;
    const fullDelta = first ? { role: "assistant", ...delta } : delta;
    return JSON.stringify({ ...this.head, choices: [{ index, delta: fullDelta, logprobs: null, finish_reason: finish }] });
  }
}

/** The annotations of every grounding a choice's events carried, each once (a later event may repeat an earlier one's). */
function streamedAnnotations(state: ChoiceState): UrlCitation[] {
  const seen = new Set<string>();
  const out: UrlCitation[] = [];
  for (const grounding of state.groundings) {
    for (const a of groundingAnnotations(grounding, state.text)) {
      const key = `${a.url_citation.url} ${a.url_citation.start_index} ${a.url_citation.end_index}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(a);
    }
  }
  return out;
}

export async function* openAIChunks(body: AsyncIterable<Uint8Array>, maxEventBytes: number, model: string, grounded = false): AsyncGenerator<string> {
  const writer = new ChunkWriter(model, grounded);
  try {
    for await (const data of sseData(body, maxEventBytes)) yield* writer.event(JSON.parse(data) as GeminiResponse);
  } catch (error) {
    throw interrupted(error);
  }
  if (!writer.finished) throw new StreamInterruptedError("The upstream stream ended before its finish reason.");
  const usage = writer.usageChunk();
  if (usage) yield usage;
}
