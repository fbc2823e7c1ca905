# What differs between sites: the app servers, and who may purge. default.vcl includes this
# file (found through varnishd's vcl_path, /etc/varnish on Debian). Two app servers here;
# list as many as you run, and add each to the director and to the purgers ACL.

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

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
}

# The app servers: the only clients whose PURGE requests are obeyed.
acl purgers {
    "127.0.0.1";
    "::1";
}
