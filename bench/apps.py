"""The service as the benchmarks run it: ``microcourt serve``'s app and uvicorn options, plus
one bench-only route, ``GET /_bench/constant``, that answers a fixed JSON body through the same
middleware (request id, access log, metrics). It is the baseline the public search is compared
with: everything a request costs in this process except the endpoint's own work.

    python -m bench.apps --port 8000 [--workers N]      (BENCH_CONSTANT_FILE=answer.json)
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

_BODY: bytes = b'{"items":[]}'


async def _constant(request: Request) -> Response:
    return Response(
        _BODY,
        media_type="application/json",
        headers={"Cache-Control": "no-store", "X-Robots-Tag": "noindex"},
    )


def bench_app() -> object:
    from service.app import create_app

    global _BODY
    path = os.environ.get("BENCH_CONSTANT_FILE")
    if path:
        _BODY = Path(path).read_bytes()
    app = create_app()
    app.router.routes.insert(0, Route("/_bench/constant", _constant, methods=["GET"]))
    return app


def main(argv: list[str] | None = None) -> None:
    import uvicorn

    parser = argparse.ArgumentParser(prog="python -m bench.apps")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    # The same options as ``microcourt serve`` (service/cli.py).
    uvicorn.run(
        "bench.apps:bench_app",
        factory=True,
        host="127.0.0.1",
        port=args.port,
        workers=args.workers,
        access_log=False,
        log_config=None,
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
    )


if __name__ == "__main__":
    main()
