// `switchyard <command>`: the one entry point for operators (run as `pnpm switchyard …`).
import { parseArgs } from "node:util";
import { loadConfig } from "@switchyard/config";
import { SwitchyardError } from "@switchyard/core";
import { bootstrapCommand } from "./commands/bootstrap.ts";
import { migrateCommand } from "./commands/migrate.ts";
import { rewrapCommand } from "./commands/rewrap.ts";
import { start } from "./commands/start.ts";
import { processLogger } from "./process-services.ts";

const USAGE = `Usage: switchyard <command>

Commands:
  start [--role gateway|api|worker]…   run the roles (default: all in one process)
  migrate                              apply pending database migrations
  bootstrap                            create the first owner, organization, project and keys
  keys rewrap                          re-wrap provider keys under the newest master key
  mock-upstream [--port 9999] …        run the mock OpenAI-compatible upstream (offline; --help)

Configuration comes from the environment; see the README for every variable.`;

async function main(argv: string[]): Promise<number> {
  if (argv[0] === "mock-upstream") {
    // Imported here only: the other commands (a gateway above all) never load the mock upstreams.
    const { mockUpstreamCommand } = await import("./commands/mock-upstream.ts");
    await mockUpstreamCommand(argv.slice(1));
    return 0;
  }
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { role: { type: "string", multiple: true }, help: { type: "boolean", short: "h" } },
  });
  const [command, sub] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return command || values.help ? 0 : 2;
  }
  const config = loadConfig();
  const logger = processLogger(config);
  switch (command) {
    case "start":
      await start(config, logger, values.role ?? []);
      return -1; // keeps running until a signal
    case "migrate":
      await migrateCommand(config, logger);
      return 0;
    case "bootstrap":
      await bootstrapCommand(config, logger);
      return 0;
    case "keys":
      if (sub === "rewrap") return (await rewrapCommand(config, logger)) ? 0 : 1;
      break;
  }
  process.stderr.write(`Unknown command: ${positionals.join(" ")}\n\n${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    const message = error instanceof SwitchyardError || (error instanceof Error && error.name === "TypeError" && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))
      ? error.message
      : `Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    process.stderr.write(`switchyard: ${message}\n`);
    process.exit(1);
  },
);
