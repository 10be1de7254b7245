// Query limits against expensive or abusive documents: depth, aliases, page sizes and estimated
// cost. Introspection is exempt (dashboards and codegen run it).
//
// Depth and aliases are checked when the document is validated. Page sizes and cost depend on
// variables, so they are checked just before execution, with every connection's page size made
// explicit: `first`/`last` as given (literal or variable), else the default page size. A page
// above MAX_PAGE_SIZE is refused rather than silently cut. The cost estimate multiplies by page
// sizes (one point per field, two per object), i.e. roughly how many fields a full answer holds.
//
// A rejection is an ordinary request error (code GRAPHQL_VALIDATION_FAILED; HTTP 400 when the
// client accepts application/graphql-response+json, 200 with plain application/json).
import { costLimitRule } from "@escape.tech/graphql-armor-cost-limit";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import {
  GraphQLError,
  Kind,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from "graphql";
import type { Plugin } from "graphql-yoga";

export const MAX_DEPTH = 10;
export const MAX_COST = 10_000;
export const MAX_ALIASES = 30;
/** Equal to `maxConnectionSize` and `defaultConnectionSize` of the Pothos prisma options (builder.ts). */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

const PAGE_ARGS = new Set(["first", "last"]);

// graphql-armor throws "Syntax Error: …" from inside validation by default; reported instead,
// the rejection is a validation error like any other.
function reporting(hint = "") {
  return {
    propagateOnRejection: false,
    onReject: [(ctx: ValidationContext | null, error: GraphQLError) => ctx?.reportError(new GraphQLError(`${error.message.replace(/^Syntax Error: /, "")}${hint}`))],
  };
}

const costRule = costLimitRule({ maxCost: MAX_COST, objectCost: 2, scalarCost: 1, depthCostFactor: 1, ignoreIntrospection: true, exposeLimits: true, ...reporting(" Ask for smaller pages (`first`) or fewer fields.") });

interface Sized {
  document: DocumentNode;
  errors: GraphQLError[];
}

/** The document with every connection's page size written out as an `Int` literal. */
function withPageSizes(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): Sized {
  const defaults = new Map<string, ValueNode>();
  for (const def of document.definitions) {
    if (def.kind === Kind.OPERATION_DEFINITION) for (const v of def.variableDefinitions ?? []) if (v.defaultValue) defaults.set(v.variable.name.value, v.defaultValue);
  }
  const intOf = (value: ValueNode): number | undefined => {
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind !== Kind.VARIABLE) return undefined;
    const name = value.name.value;
    const given = name in variables ? variables[name] : undefined;
    if (typeof given === "number") return given;
    const fallback = given === undefined ? defaults.get(name) : undefined;
    return fallback?.kind === Kind.INT ? Number(fallback.value) : undefined;
  };
  const errors: GraphQLError[] = [];
  const typeInfo = new TypeInfo(schema);
  const sized = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(field: FieldNode) {
        if (!typeInfo.getFieldDef()?.args.some((a) => a.name === "first")) return undefined;
        const pageArgs = (field.arguments ?? []).filter((a) => PAGE_ARGS.has(a.name.value));
        let size = DEFAULT_PAGE_SIZE;
        for (const arg of pageArgs) {
          const value = intOf(arg.value);
          if (value === undefined) continue;
          if (value > MAX_PAGE_SIZE) errors.push(new GraphQLError(`\`${arg.name.value}\` may be at most ${MAX_PAGE_SIZE} (got ${value}): page through longer lists with the cursor arguments.`, { nodes: arg }));
          size = value;
        }
        const first: ArgumentNode = { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: "first" }, value: { kind: Kind.INT, value: String(Math.max(size, 1)) } };
        return { ...field, arguments: [first, ...(field.arguments ?? []).filter((a) => !PAGE_ARGS.has(a.name.value))] };
      },
    }),
  );
  return { document: sized, errors };
}

type Stop = (result: { errors: GraphQLError[] }) => void;

function checkPageSizesAndCost({ args, setResultAndStopExecution }: { args: { schema: GraphQLSchema; document: DocumentNode; variableValues?: unknown }; setResultAndStopExecution: Stop }): void {
  const sized = withPageSizes(args.schema, args.document, (args.variableValues ?? {}) as Record<string, unknown>);
  const errors = sized.errors.length > 0 ? sized.errors : validate(args.schema, sized.document, [costRule]);
  if (errors.length === 0) return;
  setResultAndStopExecution({
    errors: errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: "GRAPHQL_VALIDATION_FAILED", http: { spec: true, status: 400 } } })),
  });
}

const pageSizeAndCost: Plugin = { onExecute: checkPageSizesAndCost, onSubscribe: checkPageSizesAndCost };

export function limits(): Plugin[] {
  const rules: ValidationRule[] = [
    maxDepthRule({ n: MAX_DEPTH, ignoreIntrospection: true, exposeLimits: true, ...reporting() }),
    maxAliasesRule({ n: MAX_ALIASES, exposeLimits: true, ...reporting() }),
  ];
  return [{ onValidate: ({ addValidationRule }) => rules.forEach((rule) => addValidationRule(rule)) }, pageSizeAndCost];
}
