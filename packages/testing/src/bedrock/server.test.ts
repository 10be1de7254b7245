// The mock Bedrock Runtime checks what Bedrock checks: SigV4 signatures (recomputed), request
// bodies, and answers in Bedrock's wire formats, the binary event stream included.
import { EventStreamCodec, getChunkedStream, MessageDecoderStream } from "@smithy/core/event-streams";
import { fromUtf8, Hash, toUtf8 } from "@smithy/core/serde";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBedrockMock } from "./server.ts";
import { MOCK_AWS_CREDENTIALS, type BedrockMock } from "./types.ts";

let mock: BedrockMock;
beforeAll(async () => {
  mock = await startBedrockMock();
});
afterAll(() => mock.close());

const PATH = "/model/amazon.nova-micro-v1%3A0/converse";

async function send(path: string, body: unknown, opts: { secret?: string; date?: Date; tamper?: string; omitAuth?: boolean } = {}): Promise<Response> {
  const url = new URL(`${mock.url}${path}`);
  const text = JSON.stringify(body);
  const signer = new SignatureV4({ service: "bedrock", region: "us-east-1", credentials: { accessKeyId: MOCK_AWS_CREDENTIALS.accessKeyId, secretAccessKey: opts.secret ?? MOCK_AWS_CREDENTIALS.secretAccessKey }, sha256: Hash.bind(null, "sha256") });
  const signed = await signer.sign(
    { method: "POST", protocol: "http:", hostname: url.hostname, port: Number(url.port), path: url.pathname, query: {}, headers: { host: url.host, "content-type": "application/json" }, body: text },
    opts.date ? { signingDate: opts.date } : {},
  );
  const { host: _host, ...headers } = signed.headers;
  if (opts.omitAuth) delete headers.authorization;
  return fetch(url, { method: "POST", headers, body: opts.tamper ?? text });
}

const hi = { messages: [{ role: "user", content: [{ text: "Hi" }] }] };
const errorOf = async (res: Response) => ({ status: res.status, type: res.headers.get("x-amzn-errortype")?.split(":")[0], message: ((await res.json()) as { message: string }).message });

describe("mock Bedrock Runtime", () => {
  it("rejects missing, stale, wrongly keyed and tampered signatures as AWS does", async () => {
    expect(await errorOf(await send(PATH, hi, { omitAuth: true }))).toMatchObject({ status: 403, type: "MissingAuthenticationTokenException" });
    expect(await errorOf(await send(PATH, hi, { date: new Date(Date.now() - 3_600_000) }))).toMatchObject({ status: 403, type: "InvalidSignatureException", message: expect.stringContaining("expired") });
    expect(await errorOf(await send(PATH, hi, { secret: "not-the-secret" }))).toMatchObject({ status: 403, type: "InvalidSignatureException" });
    expect(await errorOf(await send(PATH, hi, { tamper: JSON.stringify({ messages: [] }) }))).toMatchObject({ status: 403, type: "InvalidSignatureException", message: expect.stringContaining("x-amz-content-sha256") });
    expect((await send(PATH, hi)).status).toBe(200);
  });

  it("checks Converse bodies: alternation, first role, blank text, toolConfig for tool blocks, extraneous keys", async () => {
    const problem = async (body: unknown) => (await errorOf(await send(PATH, body))).message;
    expect(await problem({ messages: [{ role: "user", content: [{ text: "a" }] }, { role: "user", content: [{ text: "b" }] }] })).toContain("must alternate");
    expect(await problem({ messages: [{ role: "assistant", content: [{ text: "a" }] }] })).toContain("must start with a user message");
    expect(await problem({ messages: [{ role: "user", content: [{ text: " " }] }] })).toContain("blank");
    expect(await problem({ messages: [{ role: "user", content: [{ toolResult: { toolUseId: "t", content: [{ text: "r" }] } }] }] })).toContain("toolConfig field must be defined");
    expect(await problem({ ...hi, model: "x" })).toContain("extraneous key [model]");
  });

  it("answers ConverseStream with event-stream frames: typed headers, JSON payloads, then an exception", async () => {
    mock.enqueue({ text: "Hey you", chunks: ["Hey ", "you"], streamException: { type: "throttlingException", afterEvents: 5 } });
    const res = await send("/model/amazon.nova-micro-v1%3A0/converse-stream", hi);
    expect(res.headers.get("content-type")).toBe("application/vnd.amazon.eventstream");
    const decoder = new EventStreamCodec(toUtf8, fromUtf8);
    const seen: string[] = [];
    for await (const m of new MessageDecoderStream({ inputStream: getChunkedStream(res.body! as unknown as AsyncIterable<Uint8Array>), decoder })) {
      const payload = JSON.parse(toUtf8(m.body)) as Record<string, unknown>;
      seen.push(`${String(m.headers[":message-type"]?.value)}:${String(m.headers[":event-type"]?.value ?? m.headers[":exception-type"]?.value)}`);
      if (m.headers[":message-type"]?.value === "event") expect(payload.p).toEqual(expect.any(String));
    }
    expect(seen).toEqual(["event:messageStart", "event:contentBlockDelta", "event:contentBlockDelta", "event:contentBlockStop", "event:messageStop", "exception:throttlingException"]);
  });
});
