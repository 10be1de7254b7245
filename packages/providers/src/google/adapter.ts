// Adapter for Google AI Studio (the Gemini API): OpenAI chat completions in, generateContent and
// streamGenerateContent?alt=sse out, the key in x-goog-api-key. Paths carry the version, so the
// base URL is the API's root (or an organization's proxy root).
// https://ai.google.dev/api/generate-content
import { sendKeyCheck } from "../key-check.ts";
import type { UpstreamHttp } from "../http.ts";
import { isAbort, transportFailure, unreadableAnswer } from "../failures.ts";
import type { ChatAdapter, UpstreamOutcome, UpstreamTarget } from "../types.ts";
import { googleFailure } from "./errors.ts";
import { geminiRequest } from "./request.ts";
import { toCompletion } from "./response.ts";
import { openAIChunks } from "./stream.ts";
import type { GeminiResponse } from "./wire.ts";

function headers(target: UpstreamTarget, accept: string): Record<string, string> {
  const { auth } = target.provider;
  return { ...target.provider.headers, "content-type": "application/json", accept, [auth.header]: `${auth.prefix}${target.secret}` };
}

function root(target: UpstreamTarget): string {
  return target.baseUrl.replace(/\/+$/, "");
}

export function chatUrl(target: UpstreamTarget, stream: boolean): string {
  const method = stream ? "streamGenerateContent?alt=sse" : "generateContent";
  return `${root(target)}/v1beta/models/${encodeURIComponent(target.upstreamModel)}:${method}`;
}

export function googleAdapter(http: UpstreamHttp): ChatAdapter {
  return {
    async chat({ target, body, stream, signal }): Promise<UpstreamOutcome> {
      const request = JSON.stringify(geminiRequest(body, target.upstreamModel));
      let res;
      try {
        res = await http.send(chatUrl(target, stream), {
          method: "POST",
          headers: headers(target, stream ? "text/event-stream" : "application/json"),
          body: request,
          signal,
          untrusted: target.untrustedUrl,
        });
      } catch (error) {
        if (isAbort(error, signal)) throw error;
        return transportFailure(error);
      }
      if (res.statusCode !== 200) return googleFailure(res.statusCode, res.headers, res.body);
      if (stream) return { ok: true, stream: true, events: openAIChunks(res.body, http.maxResponseBytes, target.upstreamModel, body.web_search_options != null) };
      try {
        return { ok: true, stream: false, completion: toCompletion((await http.json(res.body)) as GeminiResponse, target.upstreamModel) };
      } catch (error) {
        if (isAbort(error, signal)) throw error;
        return unreadableAnswer(error);
      }
    },

    validateKey(target, signal) {
      return sendKeyCheck(http, target, { baseUrl: root(target), headers: headers(target, "application/json"), untrusted: target.untrustedUrl }, googleFailure, signal);
    },
  };
}
