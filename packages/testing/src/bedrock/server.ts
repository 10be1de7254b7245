// A faithful mock of Amazon Bedrock Runtime's Converse API, for the providers' and the gateway's
// tests:
//   POST /model/{modelId}/converse          a Converse response (JSON)
//   POST /model/{modelId}/converse-stream   the binary event stream
//   POST /model/{modelId}/invoke            InvokeModel for the embedding models (invoke-embed.ts)
//   GET  /foundation-models                 ListFoundationModels (the control-plane API, served
//                                           here too so key checks can reach it)
// Every request must carry a valid SigV4 signature for service "bedrock" from a known access key
// (recomputed with its secret; see sigv4.ts), and Converse bodies are checked as Bedrock checks
// them (validate.ts). Errors carry x-amzn-ErrorType. Each answer's behaviour comes from
// `script(fn)`, else the `enqueue(…)` queue, else the default (see types.ts).
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { sendBedrockError } from "./errors.ts";
import { invokeEmbedding } from "./invoke-embed.ts";
import { eventFrame, exceptionFrame, writeFrame } from "./event-stream.ts";
import { converseBody, planReply, streamEventsOf } from "./reply.ts";
import { verifySigV4 } from "./sigv4.ts";
import { MOCK_AWS_CREDENTIALS, type BedrockBehaviour, type BedrockMock, type BedrockMockOptions, type BedrockRecordedRequest, type BedrockScript } from "./types.ts";
import { converseProblem } from "./validate.ts";

export { MOCK_AWS_CREDENTIALS, type BedrockBehaviour, type BedrockMock, type BedrockMockOptions, type BedrockRecordedRequest, type BedrockScript, type BedrockToolUse } from "./types.ts";

const INVOKE = /^\/model\/([^/]+)\/invoke$/;
const CONVERSE = /^\/model\/([^/]+)\/(converse|converse-stream)$/;

export async function startBedrockMock(options: BedrockMockOptions = {}): Promise<BedrockMock> {
  const secrets = options.credentials ?? { [MOCK_AWS_CREDENTIALS.accessKeyId]: { secretAccessKey: MOCK_AWS_CREDENTIALS.secretAccessKey } };
  const denied = new Set(options.deniedKeys ?? []);
  const requests: BedrockRecordedRequest[] = [];
  let queue: BedrockBehaviour[] = [];
  let scriptFn: BedrockScript | undefined;

  async function handle(req: IncomingMessage, res: ServerResponse, rawBody: string): Promise<void> {
    const requestId = randomUUID();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(",") : value;
    const record: BedrockRecordedRequest = { method: req.method ?? "GET", path: req.url ?? "/", headers, body: undefined, rawBody };
    requests.push(record);
    const auth = await verifySigV4(record, secrets);
    if (!auth.ok) return sendBedrockError(res, auth.type, auth.message, requestId);
    record.signature = { accessKeyId: auth.accessKeyId, region: auth.region, service: auth.service, signedHeaders: auth.signedHeaders };
    if (denied.has(auth.accessKeyId)) return sendBedrockError(res, "AccessDeniedException", `User: arn:aws:iam::123456789012:user/mock is not authorized to perform this action`, requestId);
    const path = record.path.split("?", 1)[0]!;
    if (record.method === "GET" && path === "/foundation-models") return sendJson(res, { modelSummaries: [{ modelId: "amazon.nova-micro-v1:0", providerName: "Amazon", outputModalities: ["TEXT"] }] }, requestId);
    const route = record.method === "POST" ? (CONVERSE.exec(path) ?? INVOKE.exec(path)) : null;
    if (!route) return sendBedrockError(res, "UnknownOperationException", undefined, requestId);
    record.modelId = decodeURIComponent(route[1]!);
    if (!/^application\/json\b/.test(headers["content-type"] ?? "")) return sendBedrockError(res, "ValidationException", "Content-Type must be application/json.", requestId);
    try {
      record.body = JSON.parse(rawBody);
    } catch {
      return sendBedrockError(res, "ValidationException", "Malformed input request, please reformat your input and try again.", requestId);
    }
    if (route[2] === undefined) return invokeEmbedding(record, res, record.modelId, () => scriptFn?.(record) ?? queue.shift(), requestId);
    const problem = converseProblem(record.body);
    if (problem) return sendBedrockError(res, "ValidationException", problem, requestId);
    const behaviour = scriptFn?.(record) ?? queue.shift() ?? {};
    if (behaviour.error) return sendBedrockError(res, behaviour.error.type, behaviour.error.message, requestId, behaviour.error.status);
    const plan = planReply(record.body as Record<string, unknown>, record.modelId, behaviour);
    if (route[2] === "converse") return sendJson(res, converseBody(plan, 120), requestId);
    res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream", "x-amzn-requestid": requestId });
    const events = streamEventsOf(plan, 120);
    for (let i = 0; i < events.length; i++) {
      if (behaviour.streamException?.afterEvents === i) {
        await writeFrame(res, exceptionFrame(behaviour.streamException.type, behaviour.streamException.message ?? "The stream failed."));
        break;
      }
      await writeFrame(res, eventFrame(...events[i]!));
    }
    res.end();
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => void handle(req, res, Buffer.concat(chunks).toString("utf8")).catch(() => res.destroy()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (fn) => void (scriptFn = fn),
    enqueue: (...behaviours) => void queue.push(...behaviours),
    reset() {
      requests.length = 0;
      queue = [];
      scriptFn = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sendJson(res: ServerResponse, body: unknown, requestId: string): void {
  const text = JSON.stringify(body);
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text), "x-amzn-requestid": requestId });
  res.end(text);
}
