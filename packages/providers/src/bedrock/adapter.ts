// Adapter for AWS Bedrock's Converse API: OpenAI chat completions in, SigV4-signed Converse or
// ConverseStream requests out, the answer (JSON, or the binary event stream) back in OpenAI's
// shapes. The credentials are the JSON text in `target.secret` (see credentials.ts).
import { randomUUID } from "node:crypto";
import { isAbort, transportFailure, unreadableAnswer } from "../failures.ts";
import type { UpstreamHttp } from "../http.ts";
import type { ChatAdapter, UpstreamFailure, UpstreamOutcome, UpstreamTarget } from "../types.ts";
import { parseAwsCredentials, type AwsCredentials } from "./credentials.ts";
import { controlRoot, modelPath, runtimeRoot } from "./endpoint.ts";
import { bedrockHttpFailure, streamExceptionFailure } from "./errors.ts";
import { streamEvents, type StreamEvent } from "./events.ts";
import { InvalidParam } from "./invalid.ts";
import { converseRequest } from "./request.ts";
import { completionOf, type ConverseResponse } from "./response.ts";
import { signedHeaders } from "./sign.ts";
import { completionChunks } from "./stream.ts";

export function bedrockAdapter(http: UpstreamHttp): ChatAdapter {
  async function send(target: UpstreamTarget, credentials: AwsCredentials, url: URL, init: { method: "GET" | "POST"; headers: Record<string, string>; body?: string }, signal: AbortSignal) {
    const headers = await signedHeaders(url, init, credentials);
    return http.send(url.toString(), { method: init.method, headers, ...(init.body === undefined ? {} : { body: init.body }), signal, untrusted: target.untrustedUrl });
  }

  return {
    async chat({ target, body, stream, signal }): Promise<UpstreamOutcome> {
      const credentials = parseAwsCredentials(target.secret);
      if ("ok" in credentials) return credentials;
      let request;
      try {
        request = converseRequest(body, target.upstreamModel);
      } catch (error) {
        if (error instanceof InvalidParam) return error.toFailure();
        throw error;
      }
      const url = new URL(`${runtimeRoot(target.baseUrl, credentials.region)}${modelPath(target.upstreamModel, stream)}`);
      const accept = stream ? "application/vnd.amazon.eventstream" : "application/json";
      let res;
      try {
        res = await send(target, credentials, url, { method: "POST", headers: { "content-type": "application/json", accept }, body: JSON.stringify(request.payload) }, signal);
      } catch (error) {
        if (isAbort(error, signal)) throw error;
        return transportFailure(error);
      }
      if (res.statusCode !== 200) return bedrockHttpFailure(res.statusCode, res.headers, res.body);
      const awsId = res.headers["x-amzn-requestid"];
      const ctx = { id: `chatcmpl-${typeof awsId === "string" ? awsId : randomUUID()}`, model: target.upstreamModel, created: Math.floor(Date.now() / 1000), jsonTool: request.jsonTool };
      if (!stream) {
        try {
          return { ok: true, stream: false, completion: completionOf((await http.json(res.body)) as ConverseResponse, ctx) };
        } catch (error) {
          if (isAbort(error, signal)) throw error;
          return unreadableAnswer(error, "Bedrock sent an unreadable response.");
        }
      }
      return startStream(streamEvents(res.body), ctx, signal);
    },

    // ListFoundationModels: free, and it proves the credentials sign correctly for their region.
    // AccessDeniedException there means AWS authenticated the key but its policy lacks
    // bedrock:ListFoundationModels (a key scoped to inference only): the key itself is valid.
    async validateKey(target, signal) {
      const credentials = parseAwsCredentials(target.secret);
      if ("ok" in credentials) return credentials;
      const url = new URL(`${controlRoot(runtimeRoot(target.baseUrl, credentials.region))}/foundation-models?byOutputModality=TEXT`);
      try {
        const res = await send(target, credentials, url, { method: "GET", headers: { accept: "application/json" } }, signal);
        if (res.statusCode >= 200 && res.statusCode < 300) {
          await res.body.dump();
          return { ok: true };
        }
        const failure = await bedrockHttpFailure(res.statusCode, res.headers, res.body);
        return failure.code === "AccessDeniedException" ? { ok: true } : failure;
      } catch (error) {
        if (isAbort(error, signal)) throw error;
        return transportFailure(error);
      }
    },
  };
}

/**
 * Reads the first event before answering: an exception there (throttling, a model not ready)
 * is still a failure the gateway can fail over from. The events after it pass through unbuffered.
 */
async function startStream(events: AsyncGenerator<StreamEvent>, ctx: Parameters<typeof completionChunks>[1], signal: AbortSignal): Promise<UpstreamOutcome> {
  let first: IteratorResult<StreamEvent>;
  try {
    first = await events.next();
  } catch (error) {
    if (isAbort(error, signal)) throw error;
    return { ...transportFailure(error), message: "Bedrock's event stream broke before its first event." };
  }
  if (!first.done && first.value.kind !== "event") {
    await events.return(undefined);
    return streamExceptionFailure(first.value.type, first.value.payload) satisfies UpstreamFailure;
  }
  async function* replay(): AsyncGenerator<StreamEvent> {
    if (!first.done) yield first.value;
    yield* events;
  }
  return { ok: true, stream: true, events: completionChunks(replay(), ctx) };
}
