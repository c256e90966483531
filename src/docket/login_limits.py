"""Login rate limits: too many failed logins from one client, or for one account, in a window
are refused with E053 (HTTP 429 with Retry-After) until the window has passed.

Kept in the server's memory (one process): the point is to make guessing slow, not to be a ledger.
"""

from __future__ import annotations

import threading
import time
from collections import deque

WINDOW_S = 300
MAX_FAILURES = 10  # per client and per account in WINDOW_S


class LoginLimits:
    """Failed logins by key ("client:1.2.3.4", "account:ana"), newest last."""

    def __init__(self, window_s: float = WINDOW_S, max_failures: int = MAX_FAILURES) -> None:
        self.window_s = window_s
        self.max_failures = max_failures
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def wait_s(self, keys: list[str]) -> int:
        """Seconds until a login under these keys may be tried again; 0 when it may now."""
        now = time.monotonic()
        longest = 0.0
        with self._lock:
            for key in keys:
                seen = self._failures.get(key)
                if not seen:
                    continue
                while seen and seen[0] <= now - self.window_s:
                    seen.popleft()
                if len(seen) >= self.max_failures:
                    longest = max(longest, seen[0] + self.window_s - now)
        return int(longest) + 1 if longest > 0 else 0

    def failed(self, keys: list[str]) -> None:
        now = time.monotonic()
        with self._lock:
            for key in keys:
                self._failures.setdefault(key, deque()).append(now)
