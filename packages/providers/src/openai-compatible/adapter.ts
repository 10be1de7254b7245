// Adapter for every OpenAI-compatible provider: the request is the client's, the answer is
// already in OpenAI's shapes, so streams pass through event by event.
import { sendKeyCheck } from "../key-check.ts";
import type { UpstreamHttp } from "../http.ts";
import { httpFailure, isAbort, transportFailure, unreadableAnswer } from "../failures.ts";
import { sseData } from "../sse.ts";
import type { ChatAdapter, UpstreamOutcome } from "../types.ts";
import { chatBody, upstreamHeaders } from "./request.ts";

export function openAICompatibleAdapter(http: UpstreamHttp): ChatAdapter {
  return {
    async chat({ target, body, stream, signal }): Promise<UpstreamOutcome> {
      let res;
      try {
        res = await http.send(`${target.baseUrl}/chat/completions`, {
          method: "POST",
          headers: upstreamHeaders(target, stream),
          body: chatBody(target, body, stream),
          signal,
          untrusted: target.untrustedUrl,
        });
      } catch (error) {
        if (isAbort(error, signal)) throw error;
        return transportFailure(error);
      }
      if (res.statusCode !== 200) return httpFailure(res.statusCode, res.headers, res.body);
      if (!stream) {
        try {
          return { ok: true, stream: false, completion: (await http.json(res.body)) as Record<string, unknown> };
        } catch (error) {
          if (isAbort(error, signal)) throw error;
          return unreadableAnswer(error);
        }
      }
      return { ok: true, stream: true, events: sseData(res.body, http.maxResponseBytes) };
    },

    validateKey(target, signal) {
      return sendKeyCheck(http, target, { baseUrl: target.baseUrl, headers: upstreamHeaders(target, false), untrusted: target.untrustedUrl }, httpFailure, signal);
    },
  };
}
