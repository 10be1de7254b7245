import { buildDirectory } from "@switchyard/providers";
import { expect, it } from "vitest";
import { candidateCache } from "./candidate-cache.ts";
import { resolveCandidates } from "./resolve-model.ts";

const directory = buildDirectory({ providers: new Map() });

it("answers as resolveCandidates does, per model and forced provider, and never keeps a failure", () => {
  const candidatesFor = candidateCache(directory);
  for (const [model, forced] of [["gpt-4o-mini", undefined], ["gpt-4o-mini", "openai"], ["openai/gpt-4o-mini", undefined]] as const) {
    expect(candidatesFor(model, forced)).toEqual(resolveCandidates(directory, model, forced));
    expect(candidatesFor(model, forced)).toBe(candidatesFor(model, forced));
  }
  expect(candidatesFor("gpt-4o-mini", "openai")).not.toBe(candidatesFor("gpt-4o-mini", undefined));
  expect(() => candidatesFor("no-such-model", undefined)).toThrow(/does not exist/);
  expect(() => candidatesFor("no-such-model", undefined)).toThrow(/does not exist/);
});
