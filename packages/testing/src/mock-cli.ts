// `switchyard mock-upstream [--port 9999] [--host 127.0.0.1] [--no-auth] [--key K]… [--chunk-delay-ms N]
// [--first-byte-delay-ms N]`: the CLI command (wired in @switchyard/cli) calls
// `mockUpstreamCli(argv)` with the arguments after the command name, keeps the process running,
// and calls `close()` on the returned mock when it receives a signal.
import { parseArgs } from "node:util";
import { startMockUpstream } from "./mock-upstream.ts";
import type { Behaviour, MockUpstream } from "./mock-types.ts";

export const MOCK_UPSTREAM_USAGE = `Usage: switchyard mock-upstream [options]

Runs an offline OpenAI-compatible upstream (POST …/chat/completions, POST …/embeddings, POST …/audio/{speech,transcriptions,translations}, GET …/models).

Options:
  --port N                  port to listen on (default 9999; 0 picks a free one)
  --host H                  interface to bind (default 127.0.0.1)
  --no-auth                 accept requests without an API key
  --key K                   accept only this key (repeatable)
  --chunk-delay-ms N        delay between stream chunks (default 20)
  --first-byte-delay-ms N   delay before each response (default 0)

Put directives in the last user message: [[mock:429]] [[mock:500]] [[mock:401]] [[mock:slow=2000]]
[[mock:midstream-fail]] [[mock:no-usage]] [[mock:tool]] [[mock:reply=text]].`;

function toNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new TypeError(`--${name} must be a non-negative integer, got "${value}"`);
  return number;
}

/** Starts the mock from command-line arguments and writes its URL (one line) to `write`. */
export async function mockUpstreamCli(argv: string[], write: (text: string) => void = (text) => process.stdout.write(text)): Promise<MockUpstream> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "no-auth": { type: "boolean" },
      key: { type: "string", multiple: true },
      "chunk-delay-ms": { type: "string" },
      "first-byte-delay-ms": { type: "string" },
    },
  });
  const defaults: Behaviour = {
    chunkDelayMs: toNumber("chunk-delay-ms", values["chunk-delay-ms"], 20),
    firstByteDelayMs: toNumber("first-byte-delay-ms", values["first-byte-delay-ms"], 0),
  };
  const mock = await startMockUpstream({
    host: values.host ?? "127.0.0.1",
    port: toNumber("port", values.port, 9999),
    requireAuth: !values["no-auth"],
    ...(values.key ? { validKeys: values.key } : {}),
    defaults,
  });
  write(`Mock upstream listening on ${mock.url} (base URL ${mock.url}/v1)\n`);
  return mock;
}
