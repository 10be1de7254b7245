// Query limits against expensive or abusive documents: depth, estimated cost and aliases.
// Introspection is exempt (dashboards and codegen run it). Lists are bounded separately by the
// connection page size (at most 100 items).
import { costLimitPlugin } from "@escape.tech/graphql-armor-cost-limit";
import { maxAliasesPlugin } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthPlugin } from "@escape.tech/graphql-armor-max-depth";
import type { Plugin } from "graphql-yoga";

export const MAX_DEPTH = 10;
export const MAX_COST = 5000;
export const MAX_ALIASES = 30;

export function limits(): Plugin[] {
  return [
    maxDepthPlugin({ n: MAX_DEPTH, ignoreIntrospection: true, exposeLimits: true }),
    costLimitPlugin({ maxCost: MAX_COST, ignoreIntrospection: true, exposeLimits: true }),
    maxAliasesPlugin({ n: MAX_ALIASES, exposeLimits: true }),
  ] as Plugin[];
}
