// GET /v1/key: what the calling key is (OpenRouter offers the same at /api/v1/key).
import type { H3Event } from "h3";
import type { ResolvedKey } from "../key-cache.ts";

export function keyInfo(event: H3Event): unknown {
  const key = event.context.apiKey as ResolvedKey;
  return {
    data: {
      id: key.apiKeyId,
      name: key.name,
      prefix: key.prefix,
      organization_id: key.organizationId,
      project_id: key.projectId,
      project_mode: key.projectMode,
      expires_at: key.expiresAt?.toISOString() ?? null,
    },
  };
}
