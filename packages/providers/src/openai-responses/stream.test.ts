import { describe, expect, it } from "vitest";
import { toChatCompletion } from "./response.ts";
import { chunkTranslator, ResponseStreamError } from "./stream.ts";
import type { ResponseObject, StreamEvent } from "./types.ts";

const base = { id: "resp_1", object: "response" as const, created_at: 1741369938.0, model: "o4-mini-2025-04-16" };
const usage = { input_tokens: 20, input_tokens_details: { cached_tokens: 8 }, output_tokens: 40, output_tokens_details: { reasoning_tokens: 16 }, total_tokens: 60 };
const final: ResponseObject = {
  ...base,
  status: "completed",
  output: [
    { type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: "Plan." }, { type: "summary_text", text: "Check." }] },
    { type: "function_call", id: "fc_1", call_id: "call_a", name: "get_weather", arguments: '{"city":"Oslo"}' },
    { type: "function_call", id: "fc_2", call_id: "call_b", name: "get_time", arguments: "{}" },
  ],
  usage,
};

const events: StreamEvent[] = [
  { type: "response.created", response: { ...base, status: "in_progress", output: [] } },
  { type: "response.in_progress", response: { ...base, status: "in_progress", output: [] } },
  { type: "response.output_item.added", output_index: 0, item: { type: "reasoning", id: "rs_1", summary: [] } },
  { type: "response.reasoning_summary_text.delta", item_id: "rs_1", output_index: 0, summary_index: 0, delta: "Plan." },
  { type: "response.reasoning_summary_text.delta", item_id: "rs_1", output_index: 0, summary_index: 1, delta: "Check." },
  { type: "response.output_item.added", output_index: 1, item: { type: "function_call", call_id: "call_a", name: "get_weather", arguments: "" } },
  { type: "response.function_call_arguments.delta", output_index: 1, item_id: "fc_1", delta: '{"city":' },
  { type: "response.function_call_arguments.delta", output_index: 1, item_id: "fc_1", delta: '"Oslo"}' },
  { type: "response.output_item.added", output_index: 2, item: { type: "function_call", call_id: "call_b", name: "get_time", arguments: "" } },
  { type: "response.output_item.done", output_index: 2, item: { type: "function_call", call_id: "call_b", name: "get_time", arguments: "{}" } },
  { type: "response.completed", response: final },
];

type Chunk = { id: string; created: number; model: string; choices: Array<{ index: number; delta: Record<string, unknown>; finish_reason: string | null }>; usage?: Record<string, unknown> };

describe("Responses stream → chat chunks", () => {
  it("translates event by event with stable tool indexes, finish reason and usage, agreeing with the completion", () => {
    const translator = chunkTranslator();
    const chunks = events.flatMap((e) => translator.next(e)).map((c) => JSON.parse(c) as Chunk);
    expect(translator.done).toBe(true);
    expect(chunks[0]).toMatchObject({ id: "resp_1", created: 1741369938, model: "o4-mini-2025-04-16", choices: [{ delta: { role: "assistant", content: "" } }] });
    const deltas = chunks.flatMap((c) => c.choices.map((choice) => choice.delta));
    expect(deltas.map((d) => d.reasoning_content).filter(Boolean).join("")).toBe("Plan.\n\nCheck.");
    const calls = deltas.flatMap((d) => (d.tool_calls as Array<{ index: number; id?: string; function: { name?: string; arguments: string } }>) ?? []);
    expect(calls.filter((c) => c.id).map((c) => [c.index, c.id, c.function.name])).toEqual([[0, "call_a", "get_weather"], [1, "call_b", "get_time"]]);
    expect(calls.filter((c) => c.index === 0).map((c) => c.function.arguments).join("")).toBe('{"city":"Oslo"}');
    expect(calls.filter((c) => c.index === 1).map((c) => c.function.arguments).join("")).toBe("{}");
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe("tool_calls");
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 20, completion_tokens: 40, prompt_tokens_details: { cached_tokens: 8 }, completion_tokens_details: { reasoning_tokens: 16 } } });

    const completion = toChatCompletion(final) as { choices: Array<{ message: Record<string, unknown>; finish_reason: string }>; usage: unknown };
    expect(completion.choices[0]!.message).toMatchObject({ content: null, reasoning_content: "Plan.\n\nCheck.", tool_calls: [{ id: "call_a" }, { id: "call_b" }] });
    expect(completion.choices[0]!.finish_reason).toBe("tool_calls");
    expect(completion.usage).toEqual(chunks.at(-1)!.usage);
  });

  it("maps incomplete responses to length and content_filter", () => {
    for (const [reason, finish] of [["max_output_tokens", "length"], ["content_filter", "content_filter"]] as const) {
      const translator = chunkTranslator();
      translator.next({ type: "response.created", response: { ...base, output: [] } });
      expect(translator.next({ type: "response.output_text.delta", delta: "Hel", output_index: 0 })).toHaveLength(1);
      expect(translator.started).toBe(true);
      const [finishChunk] = translator.next({ type: "response.incomplete", response: { ...base, status: "incomplete", incomplete_details: { reason }, output: [], usage } });
      expect((JSON.parse(finishChunk!) as Chunk).choices[0]!.finish_reason).toBe(finish);
      expect((toChatCompletion({ ...base, status: "incomplete", incomplete_details: { reason }, output: [] }) as { choices: Array<{ finish_reason: string }> }).choices[0]!.finish_reason).toBe(finish);
    }
  });

  it("turns response.failed and error events into failures", () => {
    const caught = (event: StreamEvent) => {
      try {
        chunkTranslator().next(event);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const failed = caught({ type: "response.failed", response: { ...base, status: "failed", error: { code: "rate_limit_exceeded", message: "slow down" }, output: [] } });
    expect(failed).toBeInstanceOf(ResponseStreamError);
    expect((failed as ResponseStreamError).failure).toMatchObject({ kind: "rate_limit", status: 429, message: "slow down" });
    expect((caught({ type: "error", code: "server_error", message: "boom", param: null }) as ResponseStreamError).failure).toMatchObject({ kind: "server", status: 502, message: "boom" });
  });
});
