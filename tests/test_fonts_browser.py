"""The site's serif is self-hosted Noto Serif with Vietnamese coverage, under the CSP (issue 13, point 17)."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_titles_use_the_self_hosted_noto_serif_for_every_vietnamese_letter(live_server, page):
    call_command("load_demo", verbosity=0)
    refused = []
    page.on("console", lambda msg: refused.append(msg.text) if "Content Security Policy" in msg.text else None)
    fonts = []
    page.on("response", lambda response: fonts.append(response.url) if response.url.endswith(".woff2") else None)
    page.goto(live_server.url + "/")
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('700 20px \"Noto Serif\"', 'Người Hà Nội đường phố Ượ')")
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.family.includes('Noto Serif') && f.status === 'loaded').length"
    )
    assert loaded >= 2, "the latin and vietnamese subsets of the titles' weight"
    assert any("noto-serif-vietnamese-700" in url for url in fonts)
    assert all(url.startswith(live_server.url) for url in fonts)
    assert refused == []
