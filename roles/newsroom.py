"""The newsroom's groups and what each may do: the one place that names them.

Every install gets them from roles/migrations, which holds a frozen copy of this table; a
change here needs a new migration there (tests/test_roles.py compares the two).
"""

JOURNALIST = "Phóng viên"
EDITOR = "Biên tập viên"

# app label -> the permission codenames the group holds there; ALL: every permission of the app.
ALL = "*"
PERMISSIONS = {
    EDITOR: {
        "articles": ALL,
        "authors": ALL,
        "featured": ALL,
        # Editors moderate, reply and keep the blocklist; nobody but superusers deletes comments.
        "comments": [
            "can_moderate", "view_comment", "change_comment", "add_comment",
            "view_blockedword", "add_blockedword", "change_blockedword", "delete_blockedword",
        ],
        "corrections": ["add_correction", "change_correction", "delete_correction", "view_correction"],
        "printissues": [
            "add_printissue", "change_printissue", "delete_printissue", "view_printissue",
            "add_tocentry", "change_tocentry", "delete_tocentry", "view_tocentry",
        ],
        "mostread": ["view_readcount"],
        "redirects": ["view_redirect", "add_redirect", "change_redirect", "delete_redirect"],
        # Login records; deleting an attempt record unlocks the account.
        "axes": ["view_accessattempt", "delete_accessattempt", "view_accesslog", "view_accessfailurelog"],
    },
    JOURNALIST: {
        "articles": [
            "add_article", "change_article", "view_article", "view_section", "add_tag", "view_tag",
            "add_articleauthor", "change_articleauthor", "delete_articleauthor", "view_articleauthor",
            "add_taggedarticle", "change_taggedarticle", "delete_taggedarticle", "view_taggedarticle",
        ],
        "authors": ["view_author"],
        # Their own articles' comments (the admin limits which).
        "comments": ["view_comment"],
        "corrections": ["view_correction"],
        "printissues": ["view_printissue", "view_tocentry"],
        "mostread": ["view_readcount"],
    },
}
# --role of create_staff: the group, and the title on the author profile.
STAFF_ROLES = {"phong-vien": JOURNALIST, "bien-tap-vien": EDITOR}
