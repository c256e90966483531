"""The server under load: requests/s, p50/p99 latency and failures with 20 clients, on loopback.

    python benchmarks/server_load.py [--seconds 60] [--clients 20] [--modes local,cookies,tokens]

Each configuration serves a fresh SQLite store (the bundled sample ingested) from its own
process, and CLIENTS threads, each with its own HTTP client, read from it for SECONDS: the API's
lists and the web pages. The three modes are local mode (loopback, no login), team mode with a
session cookie, and team mode with an API token; each runs twice, alone and while `docket ingest`
writes PolNeAR's articles (from ../shared) into the same store in another process. The target
(issue 18) is zero 5xx answers in every configuration; a 503 would carry Retry-After, a 500 is a
bug. Only loopback is used, and every run is bounded by SECONDS.
"""

from __future__ import annotations

import argparse
import collections
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
POLNEAR = REPO / ".." / "shared" / "eval" / "polnear" / "train"
PASSWORD = "a long enough password for the benchmark"
API = ["/api/incidents", "/api/documents", "/api/claims", "/api/auth/me", "/api/incidents?q=attack"]
PAGES = ["/", "/review", "/audit"]


def serve(data: str, port: int, local: bool) -> None:
    """The child process: serve the store in ``data`` until killed."""
    from docket.faces.api.serve import running
    from docket.settings import Settings

    settings = Settings(data_dir=Path(data), port=port)
    with running(settings, local=local) as base:
        print(base, flush=True)
        while True:
            time.sleep(3600)


def prepared(data: Path) -> tuple[str, int]:
    """A store with the bundled sample and a viewer account: the viewer's token, and how many
    documents the store holds."""
    from docket.accounts import Accounts
    from docket.demo import run_demo
    from docket.settings import Settings
    from docket.store import open_store

    settings = Settings(data_dir=data)
    for _line in run_demo(settings):
        pass
    with open_store(settings) as store:
        accounts = Accounts(store)
        accounts.add("vera", "viewer", PASSWORD, by="benchmark")
        return accounts.make_token("vera", by="benchmark"), store.counts()["documents"]


def cookie(base: str) -> str:
    """A viewer's session cookie, by logging in as the web page does."""
    import httpx

    with httpx.Client(base_url=base) as http:
        csrf = http.get("/api/auth/me").json()["csrf"]
        login = http.post(
            "/api/auth/login",
            json={"name": "vera", "password": PASSWORD},
            headers={"X-CSRF-Token": csrf},
        )
        login.raise_for_status()
        return "; ".join(f"{k}={v}" for k, v in http.cookies.items())


def hammer(
    base: str, headers: dict[str, str], paths: list[str], clients: int, seconds: float
) -> tuple[collections.Counter[str], list[float]]:
    """``clients`` threads requesting ``paths`` in turn for ``seconds``: answers by status (or
    the client error's name) and every latency in milliseconds."""
    import httpx

    seen: collections.Counter[str] = collections.Counter()
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        n = offset
        with httpx.Client(base_url=base, headers=headers, timeout=60) as http:
            while time.monotonic() < stop:
                started = time.perf_counter()
                try:
                    got = str(http.get(paths[n % len(paths)]).status_code)
                except httpx.HTTPError as exc:
                    got = type(exc).__name__
                elapsed = (time.perf_counter() - started) * 1000
                n += 1
                with lock:
                    seen[got] += 1
                    latencies.append(elapsed)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return seen, latencies


def one(mode: str, ingesting: bool, clients: int, seconds: float) -> dict[str, object]:
    """One configuration, on a fresh store and server."""
    import socket

    with tempfile.TemporaryDirectory(prefix="docket-load-") as folder:
        data = Path(folder) / "data"
        token, before = prepared(data)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen(
            [sys.executable, __file__, "--serve", str(data), str(port), mode],
            stdout=subprocess.PIPE,
            text=True,
        )
        writer = None
        try:
            assert server.stdout is not None
            base = server.stdout.readline().strip()
            headers = {}
            paths = API + PAGES
            if mode == "tokens":
                headers = {"Authorization": f"Bearer {token}"}
                paths = API
            elif mode == "cookies":
                headers = {"Cookie": cookie(base)}
            if ingesting:
                articles = sorted(str(p) for p in POLNEAR.glob("*/*.txt"))
                if not articles:
                    raise SystemExit(f"no PolNeAR articles under {POLNEAR}; give ../shared")
                env = {**os.environ, "DOCKET_DATA_DIR": str(data)}
                writer = subprocess.Popen(
                    [sys.executable, "-m", "docket", "ingest", "-q", "-j", "1", *articles],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                time.sleep(5)  # past its model loading, into its writes
            seen, latencies = hammer(base, headers, paths, clients, seconds)
            stored = None
            if writer is not None:
                writer.terminate()
                writer.wait(timeout=30)
                writer = None
                from docket.settings import Settings
                from docket.store import open_store

                with open_store(Settings(data_dir=data)) as store:
                    stored = store.counts()["documents"] - before
        finally:
            for process in (writer, server):
                if process is not None:
                    process.terminate()
                    process.wait(timeout=30)
    ordered = sorted(latencies)
    return {
        "mode": mode,
        "ingest": ingesting,
        "requests": len(ordered),
        "per_s": len(ordered) / seconds,
        "p50": statistics.median(ordered) if ordered else 0.0,
        "p99": ordered[int(0.99 * (len(ordered) - 1))] if ordered else 0.0,
        "5xx": sum(n for status, n in seen.items() if status.startswith("5")),
        "errors": sum(n for status, n in seen.items() if not status.isdigit()),
        "other": {s: n for s, n in seen.items() if s != "200"},
        "stored": stored,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--modes", default="local,cookies,tokens")
    parser.add_argument("--serve", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        data, port, mode = args.serve
        serve(data, int(port), local=mode == "local")
        return
    print(
        f"{args.clients} clients, {args.seconds:.0f} s each, loopback; "
        "documents = stored by the concurrent ingest during the run"
    )
    print(
        f"{'mode':>8} {'ingest':>6} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'5xx':>4} {'errors':>6}  other answers"
    )
    for mode in args.modes.split(","):
        for ingesting in (False, True):
            row = one(mode, ingesting, args.clients, args.seconds)
            extra = f"; {row['stored']} documents stored meanwhile" if ingesting else ""
            print(
                f"{mode:>8} {'yes' if ingesting else 'no':>6} {row['requests']:>8,} "
                f"{row['per_s']:>7.1f} {row['p50']:>7.1f} {row['p99']:>7.1f} {row['5xx']:>4} "
                f"{row['errors']:>6}  {row['other'] or '-'}{extra}",
                flush=True,
            )


if __name__ == "__main__":
    main()
