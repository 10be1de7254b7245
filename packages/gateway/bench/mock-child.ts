// The mock upstream in a process of its own (the load generator must not share its event loop):
// `node --import tsx mock-child.ts --port 0 --no-auth --chunk-delay-ms 0` prints
// "Mock upstream listening on http://127.0.0.1:<port> …". It stops on SIGTERM/SIGINT and, so it
// never outlives a benchmark that was killed outright, when its stdin (a pipe from the parent) closes.
import { mockUpstreamCli } from "@switchyard/testing";

const mock = await mockUpstreamCli(process.argv.slice(2));
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(0), 2_000).unref();
  void mock.close().finally(() => process.exit(0));
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
process.stdin.on("end", stop);
process.stdin.on("error", stop);
process.stdin.resume();
