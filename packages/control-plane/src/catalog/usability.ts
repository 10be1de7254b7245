// Can a project use a model right now? The same rule the gateway plans by: credits mode needs an
// operator (house) key for the provider and a positive balance; byok an active own model key;
// hybrid either (credits not after an own key when the project forbids the fallback).
import type { KeySource, ProjectMode } from "@switchyard/db";
import type { Context } from "../graph/context.ts";
import { NotFoundError } from "../graph/errors.ts";

export interface ProjectAccess {
  mode: ProjectMode;
  allowCreditsFallback: boolean;
  archived: boolean;
  /** Providers with an active own model key of the organization. */
  ownKeys: ReadonlySet<string>;
  /** Providers with an operator key. */
  houseKeys: ReadonlySet<string>;
  hasCredit: boolean;
}

export interface Usability {
  usableNow: boolean;
  /** Why not, when not usable. */
  reason: string | null;
  keySources: KeySource[];
}

/** What decides usability for a project the caller can see; NotFoundError otherwise. */
export async function loadAccess(ctx: Context, projectId: string): Promise<ProjectAccess> {
  const organizationId = await ctx.ownerOf("project", projectId);
  if (!ctx.auth || organizationId === undefined || (!ctx.auth.roles.has(organizationId) && !ctx.auth.isOperator)) throw new NotFoundError("project");
  const [project, keys, balance] = await Promise.all([
    ctx.prisma.project.findUniqueOrThrow({ where: { id: projectId } }),
    ctx.prisma.providerKey.findMany({ where: { organizationId, status: "active", kind: "model" }, select: { providerId: true } }),
    ctx.prisma.creditBalance.findUnique({ where: { organizationId } }),
  ]);
  return {
    mode: project.mode,
    allowCreditsFallback: project.allowCreditsFallback,
    archived: project.archivedAt !== null,
    ownKeys: new Set(keys.map((k) => k.providerId)),
    houseKeys: ctx.deps.houseKeyProviders ?? new Set(),
    hasCredit: balance !== null && balance.balance.greaterThan(0),
  };
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function offeringUsability(access: ProjectAccess, providerId: string, providerName: string): Usability {
  if (access.archived) return { usableNow: false, reason: "The project is archived.", keySources: [] };
  const byok = access.mode !== "credits" && access.ownKeys.has(providerId);
  const creditsAllowed = access.mode !== "byok" && !(byok && access.mode === "hybrid" && !access.allowCreditsFallback);
  const house = access.houseKeys.has(providerId);
  const credits = creditsAllowed && house && access.hasCredit;
  const keySources: KeySource[] = [...(byok ? (["byok"] as const) : []), ...(credits ? (["credits"] as const) : [])];
  if (keySources.length > 0) return { usableNow: true, reason: null, keySources };
  return { usableNow: false, reason: whyNot(access.mode, house, providerName), keySources: [] };
}

function whyNot(mode: ProjectMode, house: boolean, providerName: string): string {
  const own = `The organization has no active key of its own for ${providerName}`;
  const noHouse = `the operator has no key for ${providerName}, so credits cannot pay for it`;
  if (mode === "byok") return `${own} (the project uses own keys only).`;
  if (mode === "credits") return house ? "The organization has no credit left." : `${capitalize(noHouse)}.`;
  return house ? `${own} and no credit left.` : `${own}, and ${noHouse}.`;
}

/** A model is usable when one of its offerings is. */
export function modelUsability(offerings: readonly Usability[]): Usability {
  const usable = offerings.filter((o) => o.usableNow);
  if (usable.length > 0) return { usableNow: true, reason: null, keySources: [...new Set(usable.flatMap((o) => o.keySources))] };
  const reasons = [...new Set(offerings.map((o) => o.reason ?? ""))].filter((r) => r !== "");
  return { usableNow: false, reason: reasons.length === 0 ? "No provider offers it." : reasons.join(" "), keySources: [] };
}
