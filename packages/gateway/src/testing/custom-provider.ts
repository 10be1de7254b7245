// A harness whose organization has its own OpenAI-compatible endpoint, `custom:inhouse`, at the
// harness's mock (`<mock>/inhouse/v1`) with its own key, and the given SSRF allow-list (empty:
// the loopback mock is refused).
import { newId } from "@switchyard/core";
import { type Harness, startHarness } from "./harness.ts";

export const CUSTOM_SECRET = "sk-inhouse-secret-9999";

export async function startCustomProviderHarness(allowlist: string[]): Promise<Harness> {
  const h = await startHarness({ allowlist });
  await h.db.prisma.customProvider.create({ data: { id: newId("cp"), organizationId: h.orgId, slug: "inhouse", name: "In-house vLLM", baseUrl: `${h.mock.url}/inhouse/v1` } });
  await h.setOrgKey("custom:inhouse", CUSTOM_SECRET);
  return h;
}
