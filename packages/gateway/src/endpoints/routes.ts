// The data plane's endpoints besides chat completions, each under /v1 and /api/v1, all run
// through one runner (run-endpoint.ts). Each endpoint registers its routes here.
import type { H3 } from "h3";
import type { ChatDeps } from "../chat/run.ts";
import { registerAudioRoutes } from "./audio/routes.ts";
import { registerEmbeddings } from "./embeddings/route.ts";
import { registerImageRoutes } from "./images/routes.ts";
import { endpointRunner } from "./run-endpoint.ts";

export const API_BASES = ["/v1", "/api/v1"] as const;

export function registerEndpointRoutes(app: H3, deps: ChatDeps): void {
  const run = endpointRunner(deps);
  registerEmbeddings(app, deps, run);
  registerImageRoutes(app, deps, run, API_BASES, deps.imagesMaxUploadBytes);
  registerAudioRoutes(app, deps, run, API_BASES);
  void run; // each endpoint's routes are registered below with `run`
}
