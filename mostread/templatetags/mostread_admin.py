from django import template
from django.utils import timezone

from ..ranking import reads_per_day, top_of_week

register = template.Library()

# The chart's drawing area, in SVG user units.
WIDTH, HEIGHT, BAR_GAP = 600, 160, 4


@register.inclusion_tag("mostread/admin/panel.html", takes_context=True)
def reads_dashboard(context):
    """Reads per day over 30 days as an SVG bar chart, and the week's most read (two queries)."""
    user = context["request"].user
    if not user.has_perm("mostread.view_readcount"):
        return {}
    days = reads_per_day(timezone.localdate())
    highest = max((reads for _, reads in days), default=0) or 1
    step = WIDTH / len(days)
    bars = []
    for n, (day, reads) in enumerate(days):
        height = round(HEIGHT * reads / highest, 1)
        bars.append({
            "x": round(n * step + BAR_GAP / 2, 1), "y": round(HEIGHT - height, 1), "width": round(step - BAR_GAP, 1),
            "height": height, "day": day, "reads": reads,
        })
    return {
        "show": True, "bars": bars, "width": WIDTH, "height": HEIGHT, "highest": highest,
        "total": sum(reads for _, reads in days), "top": top_of_week(), "first": days[0][0], "last": days[-1][0],
    }
