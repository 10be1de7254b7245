// Splits the inputs into batches an upstream accepts, sends a few at a time, and merges the
// answers back in input order. The first failure ends the request (batches already in flight
// finish, none are started after it); the failure carries what the batches that succeeded had
// consumed, since the upstream charged for them. A token budget per batch is kept without
// tokenizing: a text's UTF-8 length bounds its token count (byte-level BPE tokens cover at least
// one byte), a token array's length is its count.
import type { UpstreamFailure } from "../types.ts";
import type { EmbeddingInput, EmbeddingsOutcome, EmbeddingVector } from "./types.ts";
import { malformedAnswer } from "./types.ts";

export interface BatchAnswer {
  vectors: EmbeddingVector[];
  /** null: this answer reported no token count. */
  promptTokens: number | null;
  model: string;
}

export type BatchOutcome = { ok: true; value: BatchAnswer } | UpstreamFailure;

export interface BatchPlan {
  /** Inputs per upstream request. */
  size: number;
  /** Upstream requests in flight at once. */
  concurrency: number;
  /** Tokens per upstream request (an input over it alone still goes, in a batch of its own). */
  maxTokens?: number;
}

/** An upper bound of an input's tokens. */
export function tokenBound(input: EmbeddingInput): number {
  return typeof input === "string" ? Buffer.byteLength(input, "utf8") : input.length;
}

/** Where each batch starts, in order. */
export function batchStarts(inputs: readonly EmbeddingInput[], plan: Pick<BatchPlan, "size" | "maxTokens">): number[] {
  const starts: number[] = [];
  let count = 0;
  let tokens = 0;
  inputs.forEach((input, i) => {
    const bound = plan.maxTokens === undefined ? 0 : tokenBound(input);
    if (i === 0 || count === plan.size || (plan.maxTokens !== undefined && tokens + bound > plan.maxTokens)) {
      starts.push(i);
      count = 0;
      tokens = 0;
    }
    count++;
    tokens += bound;
  });
  return starts;
}

/** Input tokens the answers report, and the inputs (by index) whose tokens no answer reported. */
function tally(answers: ReadonlyArray<BatchAnswer | undefined>, starts: readonly number[]): { promptTokens: number; unreported: number[]; calls: number } {
  const unreported: number[] = [];
  let promptTokens = 0;
  let calls = 0;
  answers.forEach((answer, n) => {
    if (!answer) return;
    calls++;
    if (answer.promptTokens === null) for (let i = 0; i < answer.vectors.length; i++) unreported.push(starts[n]! + i);
    else promptTokens += answer.promptTokens;
  });
  return { promptTokens, unreported, calls };
}

export async function inBatches(inputs: readonly EmbeddingInput[], plan: BatchPlan, send: (batch: readonly EmbeddingInput[]) => Promise<BatchOutcome>): Promise<EmbeddingsOutcome> {
  const starts = batchStarts(inputs, plan);
  const answers = new Array<BatchAnswer | undefined>(starts.length);
  let failure: UpstreamFailure | undefined;
  let next = 0;

  async function worker(): Promise<void> {
    while (failure === undefined && next < starts.length) {
      const n = next++;
      const batch = inputs.slice(starts[n]!, starts[n + 1] ?? inputs.length);
      const outcome = await send(batch);
      if (!outcome.ok) failure ??= outcome;
      else if (outcome.value.vectors.length !== batch.length) failure ??= malformedAnswer(`${outcome.value.vectors.length} vectors for ${batch.length} inputs`);
      else answers[n] = outcome.value;
    }
  }
  await Promise.all(Array.from({ length: Math.min(plan.concurrency, starts.length) }, worker));
  if (failure) {
    // Batches that succeeded (before the failure, or in flight when it came) were charged upstream.
    const consumed = tally(answers, starts);
    return consumed.calls > 0 ? { ...failure, consumed } : failure;
  }

  const vectors: EmbeddingVector[] = [];
  for (const answer of answers) for (const vector of answer!.vectors) vectors.push(vector);
  const { promptTokens, unreported } = tally(answers, starts);
  return { ok: true, value: { vectors, promptTokens, unreported, model: answers[0]?.model ?? "", calls: starts.length } };
}
