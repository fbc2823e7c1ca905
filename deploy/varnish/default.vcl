# Varnish in front of the Người Hà Nội app servers (Debian's varnish 7.1 + varnish-modules).
#
# The app tags every cacheable page in an `xkey` header and, after each change commits, sends
#   PURGE /  with  xkey-purge: <tags separated by spaces>  and  xkey-soft: 1 (edits) | 0 (removals)
# (pagecache/cdn.py). Pages are kept as long as the app's s-maxage says (a day) and dropped
# by those purges. The servers (the `app` director, and `beacon` for the read beacon) and the
# purgers ACL live in backends.vcl.
vcl 4.1;

import cookie;
import directors;
import std;
import xkey;

include "backends.vcl";

sub vcl_recv {
    if (req.method == "PURGE") {
        call purge_by_xkey;
    }
    if (req.restarts == 0) {
        # Set only by this VCL, on a restart.
        unset req.http.X-Stale-OK;
    }
    set req.backend_hint = app.backend();
    # Gunicorn trusts forwarder headers from us: a reader must not be able to set them.
    unset req.http.SCRIPT_NAME;
    unset req.http.Script-Name;
    unset req.http.X-Forwarded-Host;

    if (req.method == "POST" && req.url ~ "^/doc/[0-9]+/$") {
        # The "Đọc nhiều" read beacon: to the beacon's own app servers (backends.vcl), so
        # that pages never wait behind reads in the page servers' workers.
        set req.backend_hint = beacon.backend();
        return (pass);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|binh-luan)/" || req.url ~ "^/healthz" || req.http.Authorization) {
        return (pass);
    }
    call normalize_url;
    call normalize_headers;

    if (req.http.Cookie) {
        cookie.parse(req.http.Cookie);
        if (cookie.isset("sessionid")) {
            # The newsroom, logged in: fresh pages straight from the app.
            return (pass);
        }
        # Analytics (_ga*, _fbp, …) and a csrftoken left by a visit to the login page change
        # nothing on a reader's page.
        unset req.http.Cookie;
    }

    # After a purge the next reader waits for one fresh fetch (Varnish makes the readers who
    # come meanwhile wait for that same fetch): nobody gets the purged copy while the app
    # answers. The old copy is served only when the app cannot (see vcl_deliver).
    if (req.http.X-Stale-OK || !std.healthy(req.backend_hint)) {
        set req.grace = 24h;
    } else {
        set req.grace = 0s;
    }
    return (hash);
}

sub purge_by_xkey {
    if (client.ip !~ purgers) {
        return (synth(403, "Forbidden"));
    }
    if (!req.http.xkey-purge) {
        return (synth(400, "xkey-purge header required"));
    }
    if (req.http.xkey-soft == "1") {
        set req.http.X-Purged = xkey.softpurge(req.http.xkey-purge);
    } else {
        set req.http.X-Purged = xkey.purge(req.http.xkey-purge);
    }
    return (synth(200, "Purged " + req.http.X-Purged));
}

sub normalize_url {
    # Tracking parameters: the page is the same, so is the key (and the app never sees them;
    # analytics read them from the browser's address bar).
    if (req.url ~ "(?i)[?&](utm_[a-z0-9_]*|fbclid|gclid|gclsrc|gbraid|wbraid|dclid|msclkid|yclid|twclid|ttclid|igshid|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|zarsrc|zalo_source|zalo_medium|zalo_campaign)(=|&|$)") {
        set req.url = regsuball(req.url, "(?i)(?<=[?&])(utm_[a-z0-9_]*|fbclid|gclid|gclsrc|gbraid|wbraid|dclid|msclkid|yclid|twclid|ttclid|igshid|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|zarsrc|zalo_source|zalo_medium|zalo_campaign)(=[^&]*)?(&|$)", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }
    set req.url = std.querysort(req.url);
    set req.url = regsub(req.url, "\?$", "");
}

sub normalize_headers {
    # One language: the key must not split per browser language.
    unset req.http.Accept-Language;
    # gzip or nothing (Varnish stores gzip and unzips for the rare client without it).
    if (req.http.Accept-Encoding) {
        if (req.http.Accept-Encoding ~ "gzip") {
            set req.http.Accept-Encoding = "gzip";
        } else {
            unset req.http.Accept-Encoding;
        }
    }
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(std.tolower(regsub(req.http.host, ":[0-9]+$", "")));
    return (lookup);
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.status >= 500) {
        if (bereq.is_bgfetch || !bereq.http.X-Stale-OK) {
            # Keep the copy we have: a fetch that delivered the error would replace it. The
            # reader's request is tried again accepting that copy (vcl_synth).
            return (abandon);
        }
        # No copy to fall back on: pass the app's own error page on, and keep nothing.
        set beresp.ttl = 0s;
        set beresp.grace = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (beresp.http.X-Page-Cache == "stale") {
        # The app's own grace copy while another process re-renders: never keep it here.
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (beresp.http.Vary) {
        set beresp.http.Vary = regsuball(beresp.http.Vary, "(?i)(^|,)\s*Accept-Language\s*(?=,|$)", "");
        set beresp.http.Vary = regsub(beresp.http.Vary, "^\s*,\s*", "");
        if (beresp.http.Vary == "") {
            unset beresp.http.Vary;
        }
    }
    if (!beresp.http.Content-Encoding && beresp.http.Content-Type ~ "^(text/|application/(rss\+|atom\+)?xml|application/(ld\+)?json|application/javascript)") {
        set beresp.do_gzip = true;
    }
    # When the app cannot answer, readers get the copy we have, up to a day old.
    set beresp.grace = 24h;
    set beresp.keep = 1h;
}

sub vcl_synth {
    if (resp.status == 503 && req.restarts == 0 && !req.http.X-Stale-OK
            && (req.method == "GET" || req.method == "HEAD")) {
        # The app failed (the fetch was abandoned): look again, accepting the graced copy.
        set req.http.X-Stale-OK = "1";
        return (restart);
    }
}

sub vcl_deliver {
    if (resp.status >= 500 && req.restarts == 0 && req.method != "PURGE" && !req.http.X-Stale-OK
            && (req.method == "GET" || req.method == "HEAD")) {
        # The app failed: look again, accepting the graced copy (if none, the app is asked once more).
        set req.http.X-Stale-OK = "1";
        return (restart);
    }
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The tags are for us; browsers count their short max-age from when they get the page.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Age;
}
