"""Hooks for other apps (the page cache listens to these to invalidate article pages).

comment_posted: a reader's comment was stored; kwargs `comment`, `request`.
    The comment may already be public (`comment.status == "approved"`).
comment_moderated: staff changed what readers see; kwargs `comments` (a list),
    `status` (the new status) and `moderator`. Also sent for a staff reply,
    which is published at once.
"""

from django.dispatch import Signal

comment_posted = Signal()
comment_moderated = Signal()
