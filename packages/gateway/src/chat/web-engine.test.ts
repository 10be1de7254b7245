// The engine a web search request gets from its model's candidates and planned attempts, plans
// mixing offerings the catalog has no single model for (an OpenAI search model next to a model
// without a native search), so every branch of the rule is driven.
import { findOffering } from "@switchyard/catalog";
import { SwitchyardError } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import type { Attempt } from "./plan.ts";
import type { ChatPlugins, WebPlugin } from "./plugins.ts";
import type { Candidate } from "./resolve-model.ts";
import { settleWebEngine, switchyardCandidates } from "./web-engine.ts";

const candidate = (model: string, provider: string) => ({ upstreamModel: model, offering: findOffering(model, provider)! }) as Candidate;
const attempt = (c: Candidate) => ({ candidate: c, keySource: "credits", secret: "sk", origin: "house" }) as Attempt;
const web = (engine: WebPlugin["engine"], switchyardParam?: string): WebPlugin => ({ engine, maxResults: 5, searchPrompt: undefined, provider: undefined, param: "plugins[0]", switchyardParam });
const plugins = (w: WebPlugin): ChatPlugins => ({ web: w, healing: false, model: "m" });

const SEARCH_MODEL = candidate("gpt-4o-search-preview", "openai");
const CLAUDE = candidate("claude-sonnet-4-6", "anthropic");
const BEDROCK = candidate("claude-sonnet-4-6", "aws");
const PLAIN = candidate("gpt-4o", "openai");

describe("settleWebEngine (no engine named)", () => {
  it("every attempt searching natively: native, the plan kept", () => {
    const plan = [attempt(CLAUDE), attempt(SEARCH_MODEL)];
    const settled = settleWebEngine(plugins(web("auto")), plan);
    expect(settled.plugins.web?.engine).toBe("native");
    expect(settled.plan).toEqual(plan);
  });

  it("an attempt without a native search and none that always searches: switchyard, the plan kept", () => {
    const plan = [attempt(CLAUDE), attempt(BEDROCK)];
    const settled = settleWebEngine(plugins(web("auto")), plan);
    expect(settled.plugins.web?.engine).toBe("switchyard");
    expect(settled.plan).toEqual(plan);
  });

  it("an attempt that always searches next to one without a native search: native, only the native attempts (never a search on top of its own)", () => {
    const settled = settleWebEngine(plugins(web("auto")), [attempt(PLAIN), attempt(SEARCH_MODEL), attempt(BEDROCK)]);
    expect(settled.plugins.web?.engine).toBe("native");
    expect(settled.plan.map((a) => a.candidate)).toEqual([SEARCH_MODEL]);
  });

  it("a named engine is left as it is", () => {
    const asked = plugins(web("switchyard", "plugins[0].engine"));
    const plan = [attempt(PLAIN)];
    expect(settleWebEngine(asked, plan)).toEqual({ plugins: asked, plan });
  });
});

describe("switchyardCandidates (engine switchyard)", () => {
  it("keeps the candidates that do not search on their own", () => {
    expect(switchyardCandidates([SEARCH_MODEL, PLAIN, CLAUDE], "m", web("switchyard", "plugins[0].engine"))).toEqual([PLAIN, CLAUDE]);
  });

  it.each(["plugins[0].engine", "plugins[0].max_results", "plugins[0].search_prompt"])("none left is a 400 naming %s", (param) => {
    let error: unknown;
    try {
      switchyardCandidates([SEARCH_MODEL], "gpt-4o-search-preview", web("switchyard", param));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SwitchyardError);
    expect(error).toMatchObject({ code: "invalid_request", param });
    expect((error as Error).message).toMatch(/`gpt-4o-search-preview` searches the web before every answer on its own.*Use engine "native"/);
  });
});
