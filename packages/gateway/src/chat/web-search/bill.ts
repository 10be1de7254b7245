// A chat request's charge with its web search added. Each part is billed by its own rule (the
// model by its key source, the search by its own: credits pay cost × (1 + margin), an own key
// pays the BYOK markup, web/price.ts), and the response and the usage event carry the sums:
// `cost_usd_total` and the event's cost.total include the search, `cost_usd_web_search` and
// cost.webSearch are the search alone, markup and billed amounts add both parts. The event's
// keySource stays the model's; `units.search` keeps the search's own provider, key source and
// amounts (so re-pricing the model's tokens later leaves the search as billed), and
// `usage.web_search` tells them apart in the response.
import { Money, roundMoney, type RequestCharge } from "@switchyard/metering";
import type { UsageUnits } from "@switchyard/metering";
import type { Decimal } from "decimal.js";
import type { ChatWeb } from "./search.ts";

export function withSearchCharge(charge: RequestCharge, web: ChatWeb): RequestCharge {
  const search = web.charge;
  const searchCost = roundMoney(search.cost.total);
  const total = new Money(charge.cost.total).plus(searchCost);
  const webSearch = new Money(charge.cost.webSearch ?? 0).plus(searchCost);
  const markup = new Money(charge.markup).plus(search.billing.markup);
  const billed = new Money(charge.amountBilled).plus(search.billing.amountBilled);
  return {
    fields: Object.assign({}, charge.fields, {
      cost_usd_total: usd(total),
      cost_usd_web_search: usd(webSearch),
      cost: usd(billed),
      cost_details: { upstream_inference_cost: usd(total) },
      markup_usd: usd(markup),
      billed_usd: usd(billed),
      web_search: {
        searches: 1,
        provider: web.providerId,
        results: web.results.length,
        key_source: web.keySource,
        cost_usd: usd(searchCost),
        markup_usd: usd(search.billing.markup),
        billed_usd: usd(search.billing.amountBilled),
        cost_priced: search.price !== undefined,
      },
    }),
    cost: { ...charge.cost, webSearch: webSearch.toFixed(10), total: total.toFixed(10) },
    markup: markup.toFixed(10),
    amountBilled: billed.toFixed(10),
  };
}

export function withSearchUnits(units: UsageUnits | undefined, web: ChatWeb): UsageUnits {
  const search = web.charge;
  return {
    ...units,
    search: {
      providerId: web.providerId,
      keySource: web.keySource,
      cost: roundMoney(search.cost.total).toFixed(10),
      markup: roundMoney(search.billing.markup).toFixed(10),
      amountBilled: roundMoney(search.billing.amountBilled).toFixed(10),
    },
  };
}

function usd(value: Decimal): number {
  return roundMoney(value).toNumber() + 0;
}
