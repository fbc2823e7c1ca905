"""load_demo adds print issues with a PDF, a correction and reads, once."""

import pytest
from django.core.management import call_command

from corrections.models import Correction
from mostread.models import HourlyReads, ReadCount
from mostread.ranking import top_articles
from printissues.models import PrintIssue, TocEntry

pytestmark = pytest.mark.django_db


def counts():
    return [model.objects.count() for model in (PrintIssue, TocEntry, Correction, HourlyReads, ReadCount)]


def test_load_demo_adds_the_three_features_and_is_idempotent(client):
    call_command("load_demo", verbosity=0)
    first = counts()
    assert first[:3] == [2, 7, 1] and first[3] > 0
    assert all(issue.pdf.read(5) == b"%PDF-" and issue.cover_image for issue in PrintIssue.objects.all())
    assert len(top_articles()) == 5
    call_command("load_demo", verbosity=0)
    assert counts() == first
    home = client.get("/").content.decode()
    assert "Đọc nhiều" in home
    assert "Số 45 – 2024" in client.get("/so-bao/").content.decode()
    assert "Toà soạn xin lỗi bạn đọc." in client.get("/dinh-chinh/").content.decode()
