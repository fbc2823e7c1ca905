"""Screenshots of pages at 390 px and 1280 px, for looking at what we build.

Usage: .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000 / /ha-noi/ ...
Writes screenshots/p<i>-<width>.png (git-ignored).
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def main(base, paths):
    out = Path(__file__).resolve().parent.parent / "screenshots"
    out.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for width in (390, 1280):
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            for index, path in enumerate(paths):
                page.goto(base + path, wait_until="networkidle")
                # Lazy images load only when scrolled to; load them all for a full-page shot.
                page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
                page.wait_for_load_state("networkidle")
                name = out / f"p{index}-{width}.png"
                page.screenshot(path=str(name), full_page=True)
                print(name)
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
