// The data plane's endpoints besides chat completions, each under /v1 and /api/v1, all run
// through one runner (run-endpoint.ts). Each endpoint registers its routes here.
import type { H3 } from "h3";
import type { ChatDeps } from "../chat/run.ts";
import { endpointRunner } from "./run-endpoint.ts";

export const API_BASES = ["/v1", "/api/v1"] as const;

export function registerEndpointRoutes(app: H3, deps: ChatDeps): void {
  const run = endpointRunner(deps);
  void run; // each endpoint's routes are registered below with `run`
}
