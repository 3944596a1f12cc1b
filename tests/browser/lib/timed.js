// node:test's `test`, with a timeout per test (the runner's --test-timeout would also
// time out a whole file, which legitimately takes minutes).
import { test as nodeTest } from "node:test";

export const TEST_TIMEOUT_MS = 180_000;

/** `test(name, [options], fn)` with `timeout` defaulting to TEST_TIMEOUT_MS. */
export function test(name, options, fn) {
  if (typeof options === "function") return nodeTest(name, { timeout: TEST_TIMEOUT_MS }, options);
  return nodeTest(name, { timeout: TEST_TIMEOUT_MS, ...options }, fn);
}
