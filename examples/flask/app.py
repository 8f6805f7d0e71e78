"""A small orders API that authenticates clients with an X-API-Key header.

It is written the way many internal APIs are, including four habits that
put API keys into logs (marked LEAK below). The captured logs in logs/ come
from running it:

    pip install -r requirements.txt
    API_KEYS_FILE=keys.json flask --app app run --debug        # werkzeug dev server
    API_KEYS_FILE=keys.json gunicorn -w 2 -b 0.0.0.0:8000 \
        --access-logfile - --access-logformat \
        '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" auth="%({authorization}i)s"' app:app

and through redactd, with no shell pipe, as a container entrypoint would:

    redactd exec -- gunicorn ... app:app
"""

import hmac
import json
import logging
import os

from flask import Flask, abort, g, jsonify, request

app = Flask(__name__)
logging.basicConfig(level=logging.DEBUG if app.debug else logging.INFO)
log = logging.getLogger("orders")


def load_keys():
    """Maps API key -> customer id, from a JSON file kept out of the repo."""
    path = os.environ.get("API_KEYS_FILE", "keys.json")
    with open(path) as f:
        return json.load(f)


# Request quotas per key, computed at startup. Keys issued later are
# accepted (load_keys runs per request) but are missing here.
QUOTAS = {key: 1000 for key in load_keys()}

ORDERS = {
    "acme": [{"id": 1001, "item": "anvil", "qty": 2}],
    "globex": [{"id": 2001, "item": "widget", "qty": 40}],
}


def presented_key():
    # LEAK 1: the query-string fallback ("for curl users") puts the key in
    # the request line, which every access log records.
    return request.headers.get("X-API-Key") or request.args.get("api_key")


@app.before_request
def require_api_key():
    if request.path == "/healthz":
        return
    # LEAK 2: a debug line written while chasing a bug, never removed.
    log.debug("auth headers: %r", dict(request.headers))
    key = presented_key()
    if not key:
        abort(401)
    customer = None
    for known, cust in load_keys().items():
        if hmac.compare_digest(known, key):
            customer = cust
    if customer is None:
        abort(403)
    g.customer, g.key = customer, key


@app.errorhandler(403)
def forbidden(e):
    key = presented_key()
    # LEAK 4: the error body echoes the key "to help the client debug";
    # the client's and the proxy's logs keep it.
    body = {"error": "invalid_api_key", "message": f"API key {key} is not valid", "api_key": key}
    log.warning("rejected request: %s", json.dumps(body))
    return jsonify(body), 403


@app.get("/healthz")
def healthz():
    return {"status": "ok"}


@app.get("/v1/orders")
def orders():
    # LEAK 3: for a key issued after startup this raises KeyError, whose
    # message is the key itself; Flask logs the traceback of the 500.
    QUOTAS[g.key] -= 1
    return jsonify(ORDERS.get(g.customer, []))
