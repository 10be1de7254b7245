import { expect, it } from "vitest";
import { loadingCache } from "./loading-cache.ts";

const slow = <T>(value: T) => new Promise<T>((r) => setTimeout(() => r(value), 20));

it("shares one load between concurrent misses and caches not-found", async () => {
  let loads = 0;
  const cache = loadingCache(5000, (key: string) => (loads++, slow(key === "none" ? undefined : { key })));
  expect(await Promise.all([cache.get("a"), cache.get("a"), cache.get("a")])).toEqual([{ key: "a" }, { key: "a" }, { key: "a" }]);
  expect(await cache.get("none")).toBeUndefined();
  expect(await cache.get("none")).toBeUndefined();
  expect(loads).toBe(2);
  expect(cache.entries()).toEqual([["a", { key: "a" }]]);
});

it("an invalidation during a load makes the caller wait for a fresh load, never a false miss", async () => {
  let version = 0;
  const cache = loadingCache(5000, () => slow({ version: ++version }));
  const pending = cache.get("k");
  cache.delete("k");
  expect(await pending).toEqual({ version: 2 });
});

it("a refresh reloads in the background: callers get the cached value at once, then the new one", async () => {
  let version = 0;
  const cache = loadingCache(5000, () => slow({ version: ++version }));
  expect(await cache.get("k")).toEqual({ version: 1 });
  cache.refresh("k");
  cache.refresh("not-cached"); // nothing to refresh: left for the next get
  const during = await Promise.race([cache.get("k"), slow("waited")]);
  expect(during).toEqual({ version: 1 });
  await expect.poll(() => cache.get("k")).toEqual({ version: 2 });
  expect(version).toBe(2);
});
