"""Serve the built site over http and rebuild it on every change (`make serve`).

    python -m tools.serve                          # pelicanconf.py into output/, on 127.0.0.1:8000
    python -m tools.serve -s pelicanconf.py -o output --port 8001 --bind 127.0.0.1

`pelican --autoreload` builds again at once when a build fails, over and over
(about twice a second on the demo) until the error is fixed. Here a failed build
is reported once (the error's message, no traceback), the last good output stays
served, and the next build waits for the next change to the content, the theme
or the settings, as after a good build.

Every response carries the headers that the build's `_headers` file gives its
path (CORS on feeds and the widget's files, frame-ancestors on the embed
pages), so a partner page on another local port can try both widgets.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
from socketserver import ThreadingMixIn
from urllib.parse import urlsplit

from pelican import Pelican, get_instance, parse_arguments
from pelican.log import LimitLogger
from pelican.log import init as init_logging
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer
from pelican.settings import Settings
from pelican.utils import wait_for_changes

from tools import headers as host_headers

logger = logging.getLogger(__name__)
logger.removeFilter(LimitLogger.limit_filter)  # say "rebuilding" each time, not only the first
# Failures go to Pelican's logger, like `pelican`'s own: the multilang plugin's
# filter there prints a BuildError as its message alone.
pelican_logger = logging.getLogger("pelican")


class HeadersHandler(ComplexHTTPRequestHandler):
    """Pelican's request handler, sending the headers the build's _headers file gives each path."""

    base_path: str  # set by RootedHTTPServer: the output folder

    def end_headers(self) -> None:
        """Add the headers of the matching _headers rules, as Netlify and Cloudflare Pages do."""
        # Read at every request: each build writes the file again (partner origins may change).
        path = urlsplit(self.path).path
        for name, value in host_headers.headers_for(host_headers.load(self.base_path), path).items():
            self.send_header(name, value)
        super().end_headers()


class Server(ThreadingMixIn, RootedHTTPServer):
    """Pelican's development server, answering each request in its own thread."""

    daemon_threads = True
    allow_reuse_address = True


def start_server(bind: str, port: int, output: str) -> Server:
    """Serve the output folder in a background thread."""
    # RootedHTTPServer sets the folder on the handler class: one class per server.
    handler = type("OutputHandler", (HeadersHandler,), {})
    server = Server(output, (bind, port), handler)
    threading.Thread(target=server.serve_forever, name="serve", daemon=True).start()
    logger.info("Serving %s at http://%s:%d (Ctrl-C stops)", output, bind, port)
    return server


def build(pelican: Pelican) -> None:
    """Build the site once; if it fails, log why (once) and return."""
    try:
        pelican.run()
    except Exception as exc:
        pelican_logger.critical("%s: %s", type(exc).__name__, exc, exc_info=True)
        release_output_lock(pelican)


def release_output_lock(pelican: Pelican) -> None:
    """Let other builds (`make html` in another terminal) have the output while this one waits."""
    # A failed build never reaches atomic_output's publish(), which releases it.
    lock = sys.modules.get("atomic_output.lock")
    if lock is not None:
        lock.release(os.path.abspath(pelican.settings["OUTPUT_PATH"]))


def reload(args: argparse.Namespace, current: tuple[Pelican, Settings]) -> tuple[Pelican, Settings]:
    """Read the settings again; keep the current ones if the file does not load."""
    try:
        return get_instance(args)
    except Exception as exc:
        pelican_logger.critical("%s: %s", type(exc).__name__, exc, exc_info=True)
        return current


def watch(args: argparse.Namespace, pelican: Pelican, settings: Settings) -> None:
    """Build, then wait for a change and build again, until interrupted."""
    settings_file = os.path.abspath(args.settings)
    build(pelican)
    while True:
        changed = {path for _change, path in wait_for_changes(args.settings, settings)}
        logger.info("Modified: %s; rebuilding", ", ".join(sorted(map(os.path.relpath, changed))))
        if settings_file in changed:
            pelican, settings = reload(args, (pelican, settings))
        build(pelican)


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, serve and rebuild until Ctrl-C."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="settings file")
    parser.add_argument("-o", "--output", default=None, help="output folder (default: OUTPUT_PATH)")
    parser.add_argument("--port", type=int, default=None, help="port (default: PORT, 8000)")
    parser.add_argument("--bind", default=None, help="address (default: BIND, 127.0.0.1)")
    options = parser.parse_args(argv)

    init_logging(name="pelican")
    for name in (__name__, "pelican.server"):  # what is served, as `pelican --listen` shows it
        logging.getLogger(name).setLevel(logging.INFO)
    args = parse_arguments(["-s", options.settings] + (["-o", options.output] if options.output else []))
    pelican, settings = get_instance(args)
    bind, port = options.bind or settings["BIND"], options.port or settings["PORT"]
    try:
        server = start_server(bind, port, settings["OUTPUT_PATH"])
    except OSError as exc:
        logger.error("Could not serve on %s:%s: %s", bind, port, exc)
        return 1
    try:
        watch(args, pelican, settings)
    except KeyboardInterrupt:
        logger.info("Stopped.")
    finally:
        server.shutdown()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
