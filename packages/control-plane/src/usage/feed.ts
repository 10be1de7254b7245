// The live request feed seen from the control plane: one dedicated Redis connection per
// process subscribes to `<prefix>:requests` while at least one client listens (a subscribed
// connection can do nothing else), fans the worker's batches out by project and closes when
// the last listener leaves, so an idle control plane holds no subscription.
import type { Logger } from "@switchyard/core";
import { parseCompletedRequests, requestFeedChannel, type CompletedRequest } from "@switchyard/runtime";
import { Repeater, SlidingBuffer } from "graphql-yoga";
import type { Redis } from "ioredis";
import type { ControlPlaneDeps } from "../deps.ts";

/** A slow client drops its oldest unsent requests beyond this many. */
const BUFFER = 256;

type Listener = (request: CompletedRequest) => void;

export interface RequestFeed {
  /** Completed requests of one project from now on, until the iterator is returned. */
  subscribe(organizationId: string, projectId: string): AsyncIterableIterator<CompletedRequest>;
}

export function createRequestFeed(redis: Redis, prefix: string, logger: Logger): RequestFeed {
  const channel = requestFeedChannel(prefix);
  const listeners = new Map<string, Set<Listener>>();
  let size = 0;
  let connection: { subscriber: Redis; ready: Promise<unknown> } | null = null;

  const dispatch = (from: string, raw: string) => {
    if (from !== channel) return;
    for (const request of parseCompletedRequests(raw)) {
      for (const listener of listeners.get(request.projectId) ?? []) listener(request);
    }
  };

  const open = () => {
    const subscriber = redis.duplicate();
    subscriber.on("error", (error) => logger.warn({ err: error.message }, "request feed subscriber error"));
    subscriber.on("message", dispatch);
    return { subscriber, ready: subscriber.subscribe(channel) };
  };

  const add = (projectId: string, listener: Listener) => {
    const set = listeners.get(projectId) ?? new Set();
    set.add(listener);
    listeners.set(projectId, set);
    size += 1;
    connection ??= open();
    return connection.ready;
  };

  const remove = (projectId: string, listener: Listener) => {
    const set = listeners.get(projectId);
    if (!set?.delete(listener)) return;
    if (set.size === 0) listeners.delete(projectId);
    size -= 1;
    if (size === 0 && connection) {
      const { subscriber } = connection;
      connection = null;
      void subscriber.quit().catch(() => subscriber.disconnect());
    }
  };

  return {
    subscribe(organizationId, projectId) {
      return new Repeater<CompletedRequest>(async (push, stop) => {
        const listener: Listener = (request) => {
          if (request.organizationId === organizationId) void push(request);
        };
        try {
          await add(projectId, listener);
        } catch (error) {
          stop(error);
        }
        await stop;
        remove(projectId, listener);
      }, new SlidingBuffer(BUFFER));
    },
  };
}

const feeds = new WeakMap<ControlPlaneDeps, RequestFeed>();

/** The feed of this control plane (one per deps object, so per process). */
export function requestFeed(deps: ControlPlaneDeps): RequestFeed {
  let feed = feeds.get(deps);
  if (!feed) {
    feed = createRequestFeed(deps.redis, deps.redisPrefix, deps.logger);
    feeds.set(deps, feed);
  }
  return feed;
}
