"""`make bench-images`: the memory of gunicorn workers while they process big image uploads.

The security review's case: a 155 KB PNG of 7990 × 4990 pixels uploaded 4 times at once
through the body-image upload (/admin/tai-anh/). gunicorn runs with production settings
(DEBUG=0, 2 gthread workers of 2 threads, as gunicorn.conf.py) on an SQLite file and a media
folder in a temporary directory; the memory (RSS) of every worker is sampled every 20 ms
before, during and 3 s after the uploads. Target: every worker under 400 MB, and back near its
start afterwards. `--source DIR` measures another checkout (e.g. `git worktree add` of main)
with this project's virtualenv, for a before/after comparison. Loopback only.
"""

import argparse
import datetime
import http.cookiejar
import io
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"
PYTHON = sys.executable
TARGET_MB = 400
PASSWORD = "bench-images-" + uuid.uuid4().hex


def log(message):
    print(message, file=sys.stderr, flush=True)


def big_png(size=(7990, 4990)):
    """Many pixels in few bytes, like the review's file: a plain background, a few shapes and a
    small patch of noise (about 150 KB)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (240, 236, 228))
    draw = ImageDraw.Draw(image)
    for n in range(12):
        draw.rectangle([n * 600, n * 350, n * 600 + 900, n * 350 + 500], fill=(20 * n, 60, 120))
    image.paste(Image.frombytes("RGB", (100, 100), os.urandom(100 * 100 * 3)), (3000, 2000))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def small_jpeg():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (30, 90, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(source, workdir, port, workers):
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    for key in ("REDIS_URL", "DATABASE_URL"):
        env.pop(key, None)
    env.update({
        "DEBUG": "0", "SECRET_KEY": "bench-only-not-secret-" + "x" * 40, "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0", "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0",
        "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3", "MEDIA_ROOT": f"{workdir}/media",
        "STATIC_ROOT": f"{workdir}/static", "WEB_CONCURRENCY": str(workers),
        "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_LOG_LEVEL": "warning", "GUNICORN_TIMEOUT": "120",
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD, "PYTHONPATH": str(source),
    })
    return env


def rss_mb(pid):
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024


def worker_pids(master):
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return []
    return sorted(int(pid) for pid in children)


class Sampler(threading.Thread):
    """RSS of each worker every 20 ms, with the phase ("before", "uploads", "after") it was taken in."""

    def __init__(self, pids):
        super().__init__(daemon=True)
        self.pids, self.phase, self.samples, self.stop = pids, "before", [], threading.Event()

    def run(self):
        while not self.stop.is_set():
            for pid in self.pids:
                value = rss_mb(pid)
                if value is not None:
                    self.samples.append((self.phase, pid, value))
            time.sleep(0.02)

    def figures(self, pid):
        def of(phase):
            return [v for p, w, v in self.samples if w == pid and p == phase]

        before, during, after = of("before"), of("uploads"), of("after")
        return {"start": before[-1], "peak": max(during + after), "end": after[-1]}


class Client:
    def __init__(self, base):
        self.base, self.jar = base, http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrf(self):
        return next(cookie.value for cookie in self.jar if cookie.name == "csrftoken")

    def login(self):
        self.opener.open(f"{self.base}/admin/login/", timeout=30).read()
        data = urllib.parse.urlencode({"username": "bench", "password": PASSWORD, "csrfmiddlewaretoken": self.csrf(),
                                       "next": "/admin/"}).encode()
        response = self.opener.open(f"{self.base}/admin/login/?next=/admin/", data, timeout=30)
        if "/admin/login/" in response.geturl():
            raise SystemExit("bench-images: could not log in")

    def upload(self, name, content):
        boundary = uuid.uuid4().hex
        head = (f'--{boundary}\r\nContent-Disposition: form-data; name="upload"; filename="{name}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n")
        body = head.encode() + content + f"\r\n--{boundary}--\r\n".encode()
        request = urllib.request.Request(f"{self.base}/admin/tai-anh/", body, method="POST", headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}", "X-CSRFToken": self.csrf(),
            "Referer": f"{self.base}/admin/",
        })
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=120) as response:
                status, answer = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, answer = error.code, error.read().decode()
        return status, time.monotonic() - started, answer[:200]


def run(source, uploads, workers):
    workdir = tempfile.mkdtemp(prefix="bench-images-")
    port = free_port()
    env = environment(source, workdir, port, workers)
    manage = [PYTHON, str(Path(source) / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=source, env=env, check=True)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=source, env=env, check=True)
    subprocess.run([*manage, "createsuperuser", "--noinput", "--username", "bench", "--email", "b@example.com"],
                   cwd=source, env=env, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen([str(Path(PYTHON).parent / "gunicorn"), "magazine.wsgi", "-c",
                               str(Path(source) / "gunicorn.conf.py")], cwd=source, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        client = Client(base)
        client.login()
        # Warm every worker: imports, Pillow's plugins, the first connections.
        warm = [threading.Thread(target=client.upload, args=("am.jpg", small_jpeg())) for _ in range(workers * 3)]
        for thread in warm:
            thread.start()
        for thread in warm:
            thread.join()
        time.sleep(1)
        pids = worker_pids(server.pid)
        sampler = Sampler(pids)
        sampler.start()
        time.sleep(1)
        image = big_png()
        results = []
        sampler.phase = "uploads"
        threads = [threading.Thread(target=lambda: results.append(client.upload("so-do.png", image)))
                   for _ in range(uploads)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        sampler.phase = "after"
        time.sleep(3)
        sampler.stop.set()
        sampler.join()
        return {
            "image_bytes": len(image), "uploads": uploads, "workers": workers, "wall_seconds": round(elapsed, 1),
            "answers": [{"status": s, "seconds": round(t, 1), "body": b} for s, t, b in results],
            "memory_mb": {str(pid): {k: round(v) for k, v in sampler.figures(pid).items()} for pid in pids},
        }
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(workdir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", default=str(ROOT), help="the checkout to measure (default: this one)")
    parser.add_argument("--uploads", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    result = run(Path(args.source).resolve(), args.uploads, args.workers)
    result.update({"date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
                   "machine": f"{platform.node()} · {os.cpu_count()} cores", "source": args.source})
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "images.json").write_text(json.dumps(result, indent=2) + "\n")
    print(f"{result['uploads']} concurrent uploads of a {result['image_bytes'] // 1024} KB PNG of 7990 × 4990 "
          f"pixels, {result['workers']} workers: {result['wall_seconds']} s in all")
    for answer in result["answers"]:
        print(f"  HTTP {answer['status']} in {answer['seconds']} s")
    print("| worker | start MB | peak MB | 3 s after MB |")
    print("|---|---:|---:|---:|")
    worst = 0
    for pid, figures in result["memory_mb"].items():
        print(f"| {pid} | {figures['start']} | {figures['peak']} | {figures['end']} |")
        worst = max(worst, figures["peak"])
    print(f"target: every worker under {TARGET_MB} MB — {'met' if worst < TARGET_MB else 'NOT met'} "
          f"(highest peak {worst} MB)")


if __name__ == "__main__":
    main()
