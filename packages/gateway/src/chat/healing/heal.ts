// Response healing on a complete answer: every choice's text is healed (repair.ts), a repaired
// one replaces the content, and the response says what happened in the header
// x-switchyard-response-healing (valid | repaired | failed: the worst of the choices) and in the
// top-level field `switchyard.response_healing` ({status, errors?}). An answer without text
// (a refusal, tool calls only) cannot be checked: failed. Failed answers are left as they were.
// A repaired message's annotations that point into its content (url_citation spans, e.g. from a
// search model) are moved to the same text in the new content, or dropped (annotations.ts); the web
// plugin's own citations are computed afterwards, on the final content (respond-json.ts).
import { remapAnnotations } from "./annotations.ts";
import type { Healer } from "./prepare.ts";
import { healJson, type HealStatus } from "./repair.ts";

export const HEALING_HEADER = "x-switchyard-response-healing";
const RANK: Record<HealStatus, number> = { valid: 0, repaired: 1, failed: 2 };

interface Choice {
  message?: { content?: unknown; annotations?: unknown };
}

export function healCompletion(completion: Record<string, unknown>, healer: Healer, headers: Record<string, string>): void {
  const choices = Array.isArray(completion.choices) ? (completion.choices as Choice[]) : [];
  let status: HealStatus = choices.length === 0 ? "failed" : "valid";
  const errors: string[] = choices.length === 0 ? ["the answer has no choices"] : [];
  choices.forEach((choice, i) => {
    const where = choices.length > 1 ? `choices[${i}]: ` : "";
    const content = choice.message?.content;
    if (typeof content !== "string") {
      status = "failed";
      errors.push(`${where}the answer has no text content to check`);
      return;
    }
    const healed = healJson(content, healer.check);
    if (RANK[healed.status] > RANK[status]) status = healed.status;
    if (healed.status === "repaired") {
      const message = choice.message!;
      message.content = healed.content;
      if (Array.isArray(message.annotations) && message.annotations.length > 0) message.annotations = remapAnnotations(message.annotations, content, healed.content!);
    }
    for (const error of healed.errors) errors.push(`${where}${error}`);
  });
  headers[HEALING_HEADER] = status;
  const report = errors.length > 0 && status === "failed" ? { status, errors } : { status };
  completion.switchyard = Object.assign(typeof completion.switchyard === "object" && completion.switchyard !== null ? completion.switchyard : {}, { response_healing: report });
}
