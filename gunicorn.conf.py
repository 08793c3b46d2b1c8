"""gunicorn settings for the search API: `gunicorn 'api.app:create_app()'` reads this file.

Two workers for two cores; each opens the index itself (no preload) and keeps its own
query cache. The request line limit stays above the API's own 2,048-character URL limit,
so an over-long URL gets the API's JSON 414 rather than gunicorn's HTML 400.

Threaded workers keep connections open between requests (a sync worker closes each one):
measured with wrk on distinct queries, the server's CPU per request fell from 1.8 to
0.9 ms and wrk's from 0.21 to 0.04 ms (bench/search.py). Threads are safe here because
a request reads only immutable tables of an opened build (api/tables.py), never a Whoosh
searcher; the answer cache and the index holder take their own locks.
"""

bind = "127.0.0.1:5000"
workers = 2
worker_class = "gthread"
threads = 4
keepalive = 5
timeout = 30
graceful_timeout = 20
limit_request_line = 4094
limit_request_fields = 50
accesslog = "-"
errorlog = "-"
# gunicorn 25+ opens a control socket at one path per user ($XDG_RUNTIME_DIR/gunicorn.ctl):
# a second server of the same user (niemyet serve next to the API, a benchmark) would take
# it over. Nothing here uses gunicornc, so none is opened.
control_socket_disable = True
