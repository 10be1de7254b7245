// `switchyard mock-upstream [--port 9999] …`: the faithful OpenAI-compatible mock upstream, to
// try the gateway with no internet. Point a provider at it with
// SWITCHYARD_PROVIDER_<ID>_BASE_URL=<url>/v1 and any SWITCHYARD_PROVIDER_<ID>_API_KEY.
import { MOCK_UPSTREAM_USAGE, mockUpstreamCli } from "@switchyard/testing";

export async function mockUpstreamCommand(argv: string[]): Promise<void> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${MOCK_UPSTREAM_USAGE}\n`);
    return;
  }
  const mock = await mockUpstreamCli(argv);
  process.stdout.write(`Try: SWITCHYARD_PROVIDER_OPENAI_BASE_URL=${mock.url}/v1 SWITCHYARD_PROVIDER_OPENAI_API_KEY=sk-mock pnpm switchyard start\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void mock.close().then(resolve);
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
