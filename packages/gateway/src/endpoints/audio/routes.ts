// The audio routes, under /v1 and /api/v1.
import type { H3 } from "h3";
import type { ChatDeps } from "../../chat/run.ts";
import type { RunEndpoint } from "../run-endpoint.ts";
import { speechRoute } from "./speech-route.ts";
import { transcriptionRoute } from "./transcription-route.ts";

export function registerAudioRoutes(app: H3, deps: ChatDeps, run: RunEndpoint, bases: readonly string[]): void {
  const speech = speechRoute(deps, run);
  const transcriptions = transcriptionRoute(deps, run, "transcriptions");
  const translations = transcriptionRoute(deps, run, "translations");
  for (const base of bases) {
    app.post(`${base}/audio/speech`, speech);
    app.post(`${base}/audio/transcriptions`, transcriptions);
    app.post(`${base}/audio/translations`, translations);
  }
}
