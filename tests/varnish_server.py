"""A real varnishd on loopback running the shipped deploy/varnish/default.vcl.

Only backends.vcl (the app servers and the purgers ACL) is written for the test, in the
instance's own directory, which comes first in vcl_path. Without varnishd or the xkey vmod
the tests are skipped, or fail when REQUIRE_VARNISH=1 (CI).
"""

import glob
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# backends.vcl is written by the same function for `make bench` (scripts/services.py).
sys.path.insert(0, str(ROOT / "scripts"))
from services import backends_vcl, free_port  # noqa: E402

VCL = ROOT / "deploy" / "varnish" / "default.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def require_varnish():
    missing = None
    if not os.access(VARNISHD, os.X_OK):
        missing = "varnishd is not installed"
    elif not glob.glob("/usr/lib/*/varnish/vmods/libvmod_xkey.so") + glob.glob(
        "/usr/lib/varnish/vmods/libvmod_xkey.so"
    ):
        missing = "the xkey vmod (varnish-modules) is not installed"
    if missing:
        if os.environ.get("REQUIRE_VARNISH") == "1":
            pytest.fail(f"{missing} and REQUIRE_VARNISH=1")
        pytest.skip(missing)


class Varnish:
    def __init__(self, workdir, ports, port=None, **options):
        require_varnish()
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        (self.workdir / "backends.vcl").write_text(backends_vcl(ports, **options))
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        log = self.workdir / "varnishd.log"
        with open(log, "wb") as output:  # varnishd keeps its own copy of the descriptor
            self.process = subprocess.Popen(
                [
                    VARNISHD, "-F", "-j", "none", "-n", str(self.workdir / "instance"),
                    "-a", f"127.0.0.1:{self.port}", "-T", "none",
                    "-f", str(VCL), "-p", f"vcl_path={self.workdir}:{VCL.parent}",
                    "-s", "malloc,32m", "-p", "thread_pools=1", "-p", "thread_pool_min=10",
                    "-p", "thread_pool_max=100", "-p", "vsl_space=1M",
                ],
                stdout=output, stderr=subprocess.STDOUT,
            )
        self._wait_until_listening()

    def _wait_until_listening(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.output())
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("varnishd did not start:\n" + self.output())

    def output(self):
        return (self.workdir / "varnishd.log").read_text(errors="replace")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
