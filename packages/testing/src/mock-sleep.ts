// Per-request cancellation (cheaper than an AbortController, whose abort() builds a DOMException)
// and a timer that ends early when the request's connection closes or the mock shuts down.

export class Cancellation {
  cancelled = false;
  private listeners: (() => void)[] = [];

  onCancel(listener: () => void): void {
    this.listeners.push(listener);
  }

  offCancel(listener: () => void): void {
    const at = this.listeners.indexOf(listener);
    if (at !== -1) this.listeners.splice(at, 1);
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener();
  }
}

/** Resolves true after `ms`, or false as soon as `cancellation` fires (the timer is cleared). */
export function sleep(ms: number, cancellation: Cancellation): Promise<boolean> {
  if (cancellation.cancelled) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onCancel = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      cancellation.offCancel(onCancel);
      resolve(true);
    }, ms);
    cancellation.onCancel(onCancel);
  });
}
