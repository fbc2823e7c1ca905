"""Demo reads for `manage.py load_demo`, so that "Đọc nhiều" and the newsroom chart show data.

Written once (when no read is stored yet), spread over the last 30 days.
"""

import datetime
import random

from django.utils import timezone

from articles.models import Article

from .counter import hour_of, write
from .models import HourlyReads
from .ranking import recompute


def load_demo(stdout):
    if HourlyReads.objects.exists():
        return
    now = timezone.now()
    rng = random.Random(45)
    articles = list(Article.objects.published().order_by("pk").values_list("pk", flat=True)[:12])
    counts = {}
    for rank, pk in enumerate(articles):
        weight = max(1, 12 - rank)
        for hours_ago in range(0, 30 * 24, 3):
            reads = rng.randint(0, weight)
            if reads:
                hour = hour_of(now - datetime.timedelta(hours=hours_ago))
                counts[(hour, pk)] = reads
    write(counts)
    recompute(now)
    stdout.write(f"Lượt đọc mẫu: {sum(counts.values())} lượt trong 30 ngày.")
