"""Throwaway servers for the bench and soak scripts: loopback only, a free port chosen at run time."""

import glob
import os
import shutil
import socket
import subprocess
import sys
import time


def create_bench_database(url, reset=True):
    """Create the PostgreSQL database `url` names, dropped first when `reset` (else kept when it
    exists); refuses any name without "bench", so that no run touches the development or test
    databases."""
    import psycopg2

    server, name = url.rsplit("/", 1)
    if "bench" not in name:
        sys.exit(f"refusing to {'reset' if reset else 'build'} {name!r}: a bench database's name contains 'bench'")
    admin = psycopg2.connect(server + "/postgres")
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            if reset:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            else:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
                if cursor.fetchone() is not None:
                    return
            cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        admin.close()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def apt_install(*packages):
    print(f"installing Debian's {' '.join(packages)}", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=True, env=env)


def ensure_debian_package(command, package):
    """Install Debian's `package` when `command` is missing (the benches run on a clean clone)."""
    if not shutil.which(command):
        apt_install(package)


def ensure_varnish():
    """varnishd and the xkey vmod (varnish-modules) that deploy/varnish/default.vcl imports."""
    if not shutil.which("varnishd") or not glob.glob("/usr/lib/*/varnish/vmods/libvmod_xkey.so"):
        apt_install("varnish", "varnish-modules")


def wait_for_port(port, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answers on 127.0.0.1:{port}")


class RedisServer:
    """A private redis-server (never the machine's): no persistence, stopped and started at will
    on the same port."""

    def __init__(self, folder):
        ensure_debian_package("redis-server", "redis-server")
        self.folder, self.port, self.process = folder, free_port(), None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


def backends_vcl(ports, purgers=("127.0.0.1", "::1"), probe=True, beacon_ports=()):
    """A backends.vcl for deploy/varnish/default.vcl (tests and `make bench`): one backend per
    port on 127.0.0.1 behind the round-robin director `app`;
    `beacon` sends the read beacon to `beacon_ports` (the beacon's own servers), falling back
    on `app` (with none, `app` answers it)."""
    lines = []
    if probe:
        lines.append(
            'probe healthz { .url = "/healthz"; .interval = 1s; .timeout = 1s;'
            " .window = 3; .threshold = 2; .initial = 2; }"
        )
    for name, port in [(f"app{n}", port) for n, port in enumerate(ports)] + [
        (f"beacon{n}", port) for n, port in enumerate(beacon_ports)
    ]:
        lines.append(
            f'backend {name} {{ .host = "127.0.0.1"; .port = "{port}";'
            f" .connect_timeout = 1s; .first_byte_timeout = 10s;"
            + (" .probe = healthz;" if probe else "")
            + " }"
        )
    lines.append("sub vcl_init {\n    new app = directors.round_robin();")
    lines += [f"    app.add_backend(app{number});" for number in range(len(ports))]
    if beacon_ports:
        lines.append("    new beacons = directors.round_robin();")
        lines += [f"    beacons.add_backend(beacon{number});" for number in range(len(beacon_ports))]
    lines.append("    new beacon = directors.fallback();")
    if beacon_ports:
        lines.append("    beacon.add_backend(beacons.backend());")
    lines.append("    beacon.add_backend(app.backend());")
    lines.append("}")
    lines.append("acl purgers {\n" + "".join(f'    "{address}";\n' for address in purgers) + "}")
    return "\n".join(lines) + "\n"
