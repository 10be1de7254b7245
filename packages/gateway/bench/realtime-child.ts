// A process of the realtime benchmark (the load generator must not share its event loop):
// `realtime-child.ts mock` runs the realtime mock; `realtime-child.ts gateway <mock url>` runs an
// in-process gateway (the test harness: in-memory database, usage events kept in memory) with
// OpenAI's realtime base URL at the mock and one credits project. Each reports over IPC
// ({url, key?}), answers "memory" with its process.memoryUsage() after a full GC and how many
// realtime connections it holds, and exits when its parent goes away.
import { startRealtimeMock } from "@switchyard/testing";
import { startHarness } from "../src/testing/harness.ts";

const [role, mockUrl] = process.argv.slice(2);
const send = (message: unknown) => process.send?.(message);

let close: () => Promise<void>;
/** Realtime connections this process holds open (the mock's, or the gateway's sessions). */
let connections: () => number;
if (role === "mock") {
  const mock = await startRealtimeMock();
  close = () => mock.close();
  connections = () => mock.openConnections();
  send({ url: mock.url });
} else {
  const h = await startHarness({ baseUrls: { openai: `${mockUrl}/v1` } });
  close = () => h.close();
  connections = () => h.realtime.sessions();
  send({ url: h.url, key: await h.project("credits") });
  // The harness keeps every usage event: drop them as they come so memory reflects the sessions.
  setInterval(() => void (h.events.length = 0), 1_000).unref();
}

process.on("message", (message) => {
  if (message !== "memory") return;
  (globalThis as { gc?: () => void }).gc?.();
  send({ memory: process.memoryUsage(), connections: connections() });
});
const stop = () => void close().finally(() => process.exit(0));
process.once("disconnect", stop);
process.once("SIGTERM", stop);
