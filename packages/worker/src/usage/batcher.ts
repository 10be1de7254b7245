// Gathers concurrently delivered jobs into one batch (up to `maxSize`, or what arrived within
// `maxWaitMs`), runs one handler call for all of them, and settles each job's promise with its
// own outcome (the handler returns one result or error per item, in order).
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export function createBatcher<T, R>(handle: (items: T[]) => Promise<Array<Outcome<R>>>, options: { maxSize: number; maxWaitMs: number }) {
  let pending: Array<{ item: T; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    handle(batch.map((p) => p.item)).then(
      (outcomes) =>
        batch.forEach((p, i) => {
          const o = outcomes[i]!;
          if (o.ok) p.resolve(o.value);
          else p.reject(o.error);
        }),
      (error: unknown) => batch.forEach((p) => p.reject(error)),
    );
  };

  return (item: T): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (pending.length >= options.maxSize) flush();
      else timer ??= setTimeout(flush, options.maxWaitMs);
    });
}
