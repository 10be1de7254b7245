// SSRF guard for tenant-supplied upstream URLs: https only, and every address the name resolves
// to must be public unicast, checked at connect time (so DNS rebinding cannot slip through),
// unless the operator allow-listed the host or a CIDR containing the address.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { SwitchyardError } from "@switchyard/core";

export interface Allowlist {
  hosts: ReadonlySet<string>;
  cidrs: BlockList;
}

const NON_PUBLIC: Array<[string, number, "ipv4" | "ipv6"]> = [
  ["0.0.0.0", 8, "ipv4"], ["10.0.0.0", 8, "ipv4"], ["100.64.0.0", 10, "ipv4"], ["127.0.0.0", 8, "ipv4"],
  ["169.254.0.0", 16, "ipv4"], ["172.16.0.0", 12, "ipv4"], ["192.0.0.0", 24, "ipv4"], ["192.0.2.0", 24, "ipv4"],
  ["192.88.99.0", 24, "ipv4"], ["192.168.0.0", 16, "ipv4"], ["198.18.0.0", 15, "ipv4"], ["198.51.100.0", 24, "ipv4"],
  ["203.0.113.0", 24, "ipv4"], ["224.0.0.0", 4, "ipv4"], ["240.0.0.0", 4, "ipv4"],
  ["::", 128, "ipv6"], ["::1", 128, "ipv6"], ["64:ff9b::", 96, "ipv6"], ["100::", 64, "ipv6"],
  ["2001:db8::", 32, "ipv6"], ["2002::", 16, "ipv6"], ["fc00::", 7, "ipv6"], ["fe80::", 10, "ipv6"], ["ff00::", 8, "ipv6"],
];

// One list per family: a BlockList also matches IPv4 addresses against IPv6 rules.
const blocked = { ipv4: new BlockList(), ipv6: new BlockList() };
for (const [net, prefix, type] of NON_PUBLIC) blocked[type].addSubnet(net, prefix, type);

export function parseAllowlist(entries: readonly string[]): Allowlist {
  const hosts = new Set<string>();
  const cidrs = new BlockList();
  for (const entry of entries) {
    const [addr, prefix] = entry.split("/");
    const type = isIP(addr ?? "");
    if (type && addr) cidrs.addSubnet(addr, prefix ? Number(prefix) : type === 4 ? 32 : 128, type === 4 ? "ipv4" : "ipv6");
    else hosts.add(entry.toLowerCase());
  }
  return { hosts, cidrs };
}

export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPublicAddress(mapped[1]!);
  const type = isIP(address);
  if (type === 4) return !blocked.ipv4.check(address, "ipv4");
  if (type === 6) return !blocked.ipv6.check(address, "ipv6");
  return false;
}

function inAllowedCidr(address: string, allowlist: Allowlist): boolean {
  const type = isIP(address);
  return type !== 0 && allowlist.cidrs.check(address, type === 4 ? "ipv4" : "ipv6");
}

function addressAllowed(address: string, allowlist: Allowlist): boolean {
  return isPublicAddress(address) || inAllowedCidr(address, allowlist);
}

function refused(message: string): SwitchyardError {
  return new SwitchyardError("upstream_url_refused", message);
}

/** Checks a tenant URL before use: https, and an IP literal must itself be allowed. */
export function assertUpstreamUrl(raw: string, allowlist: Allowlist): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refused("The provider base URL is not a valid URL.");
  }
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  // Operator-allowed hosts and addresses may use plain http (internal gateways, test doubles).
  if (allowlist.hosts.has(host) || inAllowedCidr(host, allowlist)) return url;
  if (url.protocol !== "https:") throw refused("The provider base URL must use https.");
  if (isIP(host) && !addressAllowed(host, allowlist)) throw refused("The provider base URL must point to a public address.");
  return url;
}

/** A DNS lookup for undici's connector that refuses non-public addresses. */
export function guardedLookup(allowlist: Allowlist): LookupFunction {
  return ((hostname: string, options: object, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses;
      const allowedHost = allowlist.hosts.has(hostname.toLowerCase());
      const bad = list.find((a) => !allowedHost && !addressAllowed(a.address, allowlist));
      if (bad || list.length === 0) return callback(refused(`Refusing to connect to ${hostname}: it resolves to a non-public address.`), []);
      if ((options as { all?: boolean }).all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  }) as LookupFunction;
}
