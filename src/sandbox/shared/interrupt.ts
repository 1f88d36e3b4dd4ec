import type { MiddlewareHandler } from 'hono';

/**
 * Test hooks that act on the n-th matching request after they are armed, so a test can land a
 * fault or a kill at an exact point of a sync instead of at a random instant:
 * - `stall`: hold the request before any byte is sent (a client timeout, or a kill while waiting);
 * - `stall-body`: send the status, headers and the first half of the body, then hang (a kill or a
 *   timeout in the middle of reading a response);
 * - `truncate`: send the first half of the body and end it (malformed JSON);
 * - `before()`: run a callback before the request is handled (arm a fault mid-sync).
 * Inert until armed; a request matches by its URL path.
 */
export type InterruptAction = 'stall' | 'stall-body' | 'truncate';

export interface Held {
  path: string;
  /** Lets a stalled request finish (stall: handled now; stall-body: the rest of the body is sent). */
  release(): void;
}

interface Step {
  action: InterruptAction | null;
  released: Promise<void>;
}

interface Plan {
  path: RegExp;
  left: number;
  act: (path: string) => Step;
}

const GO: Step = { action: null, released: Promise.resolve() };

export class Interrupter {
  private plans: Plan[] = [];
  private readonly releases = new Set<() => void>();

  /** Resolves once the n-th (1-based) matching request is held; it waits for release() (or reset()). */
  hold(nth: number, action: InterruptAction, path: RegExp = /./): Promise<Held> {
    return new Promise((resolve) => {
      this.arm(nth, path, (p) => {
        let release!: () => void;
        const released = new Promise<void>((r) => (release = r));
        this.releases.add(release);
        resolve({ path: p, release });
        return { action, released: action === 'truncate' ? Promise.resolve() : released };
      });
    });
  }

  /** Runs `fn` just before the n-th (1-based) matching request is handled. */
  before(nth: number, fn: () => void, path: RegExp = /./): void {
    this.arm(nth, path, () => {
      fn();
      return GO;
    });
  }

  /** Forgets armed plans and lets every held request go (a closing server must not hang). */
  reset(): void {
    this.plans = [];
    for (const r of this.releases) r();
    this.releases.clear();
  }

  private arm(nth: number, path: RegExp, act: Plan['act']): void {
    if (!Number.isInteger(nth) || nth < 1) throw new Error(`interrupt: nth must be a whole number ≥ 1, got ${nth}`);
    this.plans.push({ path, left: nth, act });
  }

  middleware(): MiddlewareHandler {
    return async (c, next) => {
      let step = GO;
      for (const plan of [...this.plans]) {
        if (!plan.path.test(c.req.path) || --plan.left > 0) continue;
        this.plans.splice(this.plans.indexOf(plan), 1);
        const s = plan.act(c.req.path);
        if (s.action) step = s;
      }
      if (step.action === 'stall') await step.released;
      await next();
      if (step.action !== 'stall-body' && step.action !== 'truncate') return;
      const bytes = new Uint8Array(await c.res.arrayBuffer());
      const half = bytes.slice(0, Math.floor(bytes.length / 2));
      const rest = bytes.slice(half.length);
      const { action, released } = step;
      const headers = new Headers(c.res.headers);
      headers.delete('content-length');
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(half);
          if (action === 'stall-body') {
            await released;
            controller.enqueue(rest);
          }
          controller.close();
        },
      });
      c.res = new Response(body, { status: c.res.status, headers });
    };
  }
}
