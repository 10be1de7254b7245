// Balance announcements from the worker reload the cached answer in the background, at most once
// per interval per organization, and the last announcement is never lost.
import type { SqlDatabase } from "@switchyard/db";
import { expect, it } from "vitest";
import { createBalances } from "./balances.ts";

it("serves the cached answer while reloading, coalesces announcements, and applies the last one", async () => {
  let balance = "10";
  let loads = 0;
  // The balance query answers whether the stored balance is above zero.
  const sql: SqlDatabase = {
    session: async (fn) => fn({ query: async <T,>() => (loads++, [{ positive: Number(balance) > 0 }] as T[]), exec: async () => {} }),
  };
  const balances = createBalances(sql);
  expect(await balances.hasCredit("org_1")).toBe(true);
  expect(loads).toBe(1);

  balances.refresh("org_1"); // reloads now
  await expect.poll(() => loads).toBe(2);
  balance = "0";
  for (let i = 0; i < 20; i++) balances.refresh("org_1"); // within the interval: one more reload, at its end
  expect(await balances.hasCredit("org_1")).toBe(true); // still the cached answer, without waiting
  await expect.poll(() => balances.hasCredit("org_1")).toBe(false);
  expect(loads).toBe(3);
});
