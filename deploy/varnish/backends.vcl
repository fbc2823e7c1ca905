# What differs between sites: the app servers, and who may purge. default.vcl includes this
# file (found through varnishd's vcl_path, /etc/varnish on Debian). Two app servers here;
# list as many as you run, and add each to the director and to the purgers ACL. Each also
# runs the read beacon's own gunicorn (deploy/gunicorn-beacon.conf.py, port 8100): the
# `beacon` director, which falls back on the page servers (they answer it too) while none
# of those answers.

probe healthz {
    .url = "/healthz";
    .interval = 5s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

backend app1 {
    .host = "127.0.0.1";
    .port = "8001";
    .probe = healthz;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}

backend app2 {
    .host = "127.0.0.1";
    .port = "8002";
    .probe = healthz;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}

backend beacon1 {
    .host = "127.0.0.1";
    .port = "8100";
    .probe = healthz;
    .connect_timeout = 1s;
    .first_byte_timeout = 5s;
}

backend beacon2 {
    .host = "127.0.0.1";
    .port = "8101";
    .probe = healthz;
    .connect_timeout = 1s;
    .first_byte_timeout = 5s;
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
    new beacons = directors.round_robin();
    beacons.add_backend(beacon1);
    beacons.add_backend(beacon2);
    new beacon = directors.fallback();
    beacon.add_backend(beacons.backend());
    beacon.add_backend(app.backend());
}

# The app servers: the only clients whose PURGE requests are obeyed.
acl purgers {
    "127.0.0.1";
    "::1";
}
