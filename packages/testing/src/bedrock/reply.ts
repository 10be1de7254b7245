// What the mock answers: content blocks (reasoning, text, toolUse), a stop reason and usage,
// planned from the request and the behaviour, then shaped as a Converse response body or as
// the ConverseStream event sequence (messageStart, content block start/delta/stop, messageStop,
// metadata), as in the Converse and ConverseStream API references.
import { randomBytes } from "node:crypto";
import { sampleFromSchema } from "../mock-json-schema.ts";
import type { BedrockBehaviour, BedrockTokenUsage } from "./types.ts";

type Obj = Record<string, unknown>;

export type PlannedBlock =
  | { kind: "reasoning"; text: string; signature: string }
  | { kind: "text"; pieces: string[] }
  | { kind: "toolUse"; toolUseId: string; name: string; input: Record<string, unknown> };

export interface ReplyPlan {
  blocks: PlannedBlock[];
  stopReason: string;
  usage: BedrockTokenUsage;
}

const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));
const toolUseId = () => `tooluse_${randomBytes(16).toString("base64url").slice(0, 22)}`;

export function planReply(body: Obj, modelId: string, b: BedrockBehaviour): ReplyPlan {
  const blocks: PlannedBlock[] = [];
  if (b.reasoning) blocks.push({ kind: "reasoning", text: b.reasoning, signature: randomBytes(48).toString("base64") });
  const uses = b.toolUses ?? forcedTool(body);
  const text = b.text ?? (uses ? undefined : defaultText(body, modelId));
  if (text !== undefined) blocks.push({ kind: "text", pieces: pieces(text, b.chunks) });
  if (uses) {
    const chosen = uses.length > 0 ? uses : [firstTool(body)];
    for (const use of chosen) blocks.push({ kind: "toolUse", toolUseId: use.toolUseId ?? toolUseId(), name: use.name, input: use.input });
  }
  const output = blocks.map((x) => (x.kind === "text" ? x.pieces.join("") : x.kind === "reasoning" ? x.text : JSON.stringify(x.input))).join("");
  const usage = { inputTokens: tokens(JSON.stringify([body.system, body.messages])), outputTokens: tokens(output), ...b.usage };
  return { blocks, stopReason: b.stopReason ?? (uses ? "tool_use" : "end_turn"), usage };
}

/** A toolChoice naming a tool forces it (Anthropic's JSON technique relies on this). */
function forcedTool(body: Obj): BedrockBehaviour["toolUses"] {
  const name = (((body.toolConfig as Obj | undefined)?.toolChoice as Obj | undefined)?.tool as Obj | undefined)?.name;
  if (typeof name !== "string") return undefined;
  const spec = toolSpecs(body).find((s) => s.name === name);
  return [{ name, input: sampleFromSchema(((spec?.inputSchema as Obj | undefined)?.json) ?? {}) as Record<string, unknown> }];
}

function firstTool(body: Obj): { name: string; input: Record<string, unknown>; toolUseId?: string } {
  const spec = toolSpecs(body)[0];
  if (!spec) return { name: "get_weather", input: { location: "Paris" } };
  return { name: spec.name as string, input: sampleFromSchema((spec.inputSchema as Obj).json) as Record<string, unknown> };
}

function toolSpecs(body: Obj): Obj[] {
  const tools = ((body.toolConfig as Obj | undefined)?.tools as Obj[] | undefined) ?? [];
  return tools.map((t) => t.toolSpec as Obj).filter(Boolean);
}

function defaultText(body: Obj, modelId: string): string {
  const schema = ((((body.outputConfig as Obj | undefined)?.textFormat as Obj | undefined)?.structure as Obj | undefined)?.jsonSchema as Obj | undefined)?.schema;
  if (typeof schema === "string") return JSON.stringify(sampleFromSchema(JSON.parse(schema)));
  return `Hello from mock Bedrock (${modelId}).`;
}

function pieces(text: string, chunks: BedrockBehaviour["chunks"]): string[] {
  if (Array.isArray(chunks)) return chunks;
  const count = Math.max(1, Math.min(chunks ?? 3, text.length));
  const size = Math.ceil(text.length / count);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length > 0 ? out : [""];
}

function tokenUsage(u: BedrockTokenUsage): Obj {
  return { ...u, totalTokens: u.inputTokens + u.outputTokens + (u.cacheReadInputTokens ?? 0) + (u.cacheWriteInputTokens ?? 0) };
}

export function converseBody(plan: ReplyPlan, latencyMs: number): Obj {
  const content = plan.blocks.map((x) => {
    if (x.kind === "reasoning") return { reasoningContent: { reasoningText: { text: x.text, signature: x.signature } } };
    if (x.kind === "text") return { text: x.pieces.join("") };
    return { toolUse: { toolUseId: x.toolUseId, name: x.name, input: x.input } };
  });
  return { output: { message: { role: "assistant", content } }, stopReason: plan.stopReason, usage: tokenUsage(plan.usage), metrics: { latencyMs } };
}

/** The ConverseStream events, as [event type, payload] pairs. */
export function streamEventsOf(plan: ReplyPlan, latencyMs: number): [string, Obj][] {
  const events: [string, Obj][] = [["messageStart", { role: "assistant" }]];
  plan.blocks.forEach((x, contentBlockIndex) => {
    const delta = (d: Obj): [string, Obj] => ["contentBlockDelta", { contentBlockIndex, delta: d }];
    if (x.kind === "reasoning") {
      for (const piece of pieces(x.text, 2)) events.push(delta({ reasoningContent: { text: piece } }));
      events.push(delta({ reasoningContent: { signature: x.signature } }));
    } else if (x.kind === "text") {
      for (const piece of x.pieces) events.push(delta({ text: piece }));
    } else {
      events.push(["contentBlockStart", { contentBlockIndex, start: { toolUse: { toolUseId: x.toolUseId, name: x.name } } }]);
      for (const piece of pieces(JSON.stringify(x.input), 2)) events.push(delta({ toolUse: { input: piece } }));
    }
    events.push(["contentBlockStop", { contentBlockIndex }]);
  });
  events.push(["messageStop", { stopReason: plan.stopReason }]);
  events.push(["metadata", { usage: tokenUsage(plan.usage), metrics: { latencyMs } }]);
  return events;
}
