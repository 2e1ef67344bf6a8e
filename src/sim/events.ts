/**
 * A tiny event emitter in the style of xterm.js (`Event.ts` + `Lifecycle.ts`): subscribing
 * returns a Disposable, so the UI bridge can unsubscribe without keeping the listener around.
 */

/** Something that releases a resource (a subscription, a watch) when disposed. */
export interface Disposable {
  /** Releases the resource; calling it twice is harmless. */
  dispose(): void;
}

/** A subscribable event: call it with a listener, get back a Disposable. */
export type Event<T> = (listener: (value: T) => void) => Disposable;

/** Owns the listeners of one event and fires them in subscription order. */
export class Emitter<T> {
  #listeners: ((value: T) => void)[] = [];

  /** The public face of this emitter, handed out as an `onX` property. */
  readonly event: Event<T> = (listener) => {
    this.#listeners.push(listener);
    let disposed = false;
    return {
      dispose: () => {
        if (disposed) return;
        disposed = true;
        this.#listeners = this.#listeners.filter((l) => l !== listener);
      },
    };
  };

  /** Calls every listener with `value`; a listener added during firing waits for the next one. */
  fire(value: T): void {
    for (const listener of this.#listeners.slice()) listener(value);
  }

  /** True when nobody listens, so callers can skip building expensive payloads. */
  get hasListeners(): boolean {
    return this.#listeners.length > 0;
  }

  /** Drops all listeners. */
  dispose(): void {
    this.#listeners = [];
  }
}

/** Wraps a function as a Disposable. */
export function toDisposable(fn: () => void): Disposable {
  let done = false;
  return {
    dispose: () => {
      if (done) return;
      done = true;
      fn();
    },
  };
}
