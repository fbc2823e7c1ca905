"""The corrections of an article in its JSON-LD (schema.org `correction`)."""

from articles.metadata import local_iso

from .templatetags.corrections_tags import corrections_of


def json_ld(article):
    if not article.is_published():
        return {}
    corrections = corrections_of(article)
    if not corrections:
        return {}
    return {
        "correction": [
            {"@type": "CorrectionComment", "text": correction.text, "datePublished": local_iso(correction.corrected_at)}
            for correction in corrections
        ]
    }
