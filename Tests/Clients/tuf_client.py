"""Reads the server's TUF repository with python-tuf's `ngclient.Updater`, as a client that trusts only the root
metadata `clearinghouse tuf init` signed: every published advisory's OSV document is a target, downloaded with full
verification and equal to what the API serves, and so are the patches of the published cases. Then, through a mirror
on loopback that alters what it relays, the client refuses a target whose bytes were changed, targets metadata whose
content was changed, and timestamp metadata that a mirror kept past its expiry (a freeze attack).

    python Tests/Clients/tuf_client.py URL ROOT_KEY_ID TIMESTAMP_LIFETIME_SECONDS [ROTATED_ROOT_KEY_ID]

scripts/client-test starts the server (with `serve --tuf-keys`) and runs it after the other clients, which
publish the advisories. After `clearinghouse tuf rotate` and a restart with the new online keys, it runs it again
with the new root key's id: a client that trusts only the first root walks to the second, and verifies the
targets with the new keys.
"""

import hashlib
import http.server
import json
import os
import sys
import tempfile
import threading
import time
import urllib.request

from tuf.api import exceptions
from tuf.ngclient import Updater

URL, ROOT_KEY_ID, TIMESTAMP_LIFETIME = sys.argv[1], sys.argv[2], int(sys.argv[3])
ROTATED_ROOT_KEY_ID = sys.argv[4] if len(sys.argv) > 4 else None


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


# The trusted root: version 1, signed by the root key `tuf init` printed (a client gets it over a channel it
# trusts; here the id printed stands for that channel).
root = fetch(URL + "/tuf/metadata/1.root.json")
assert json.loads(root)["signatures"][0]["keyid"] == ROOT_KEY_ID, "the root is not signed by the key tuf init made"

published = json.loads(fetch(URL + "/v1/published-advisories?limit=100"))["items"]
assert published, "no advisory was published before the TUF client ran"


def updater(base, metadata_dir):
    return Updater(
        metadata_dir=metadata_dir, metadata_base_url=base + "/tuf/metadata/",
        target_base_url=base + "/tuf/targets/", target_dir=tempfile.mkdtemp(prefix="clearinghouse-tuf-targets-"),
        bootstrap=root)


# The tuf.sign job adds published advisories within seconds.
deadline = time.monotonic() + 60
while True:
    client_dir = tempfile.mkdtemp(prefix="clearinghouse-tuf-")
    client = updater(URL, client_dir)
    try:
        client.refresh()
        infos = {advisory["id"]: client.get_targetinfo(f"advisories/{advisory['id']}.json") for advisory in published}
        if all(infos.values()):
            break
    except exceptions.UnsignedMetadataError:
        # Just after a rotation, until the node signs with its new keys, the client rightly refuses the old ones.
        if not ROTATED_ROOT_KEY_ID:
            raise
    assert time.monotonic() < deadline, "the published advisories were not verified targets within 60 s"
    time.sleep(1)

for advisory in published:
    path = client.download_target(infos[advisory["id"]])
    with open(path, "rb") as downloaded:
        document = json.load(downloaded)
    served = json.loads(fetch(URL + f"/v1/published-advisories/{advisory['id']}/osv"))
    assert document == served, f"the TUF target of {advisory['id']} is not the OSV document the API serves"
print(f"TUF: ngclient verified and downloaded {len(published)} advisories as targets")

# The patches of the published cases: their paths are read from the metadata the client just verified, and each
# is downloaded with full verification; its name is the SHA-256 of the bytes the vendor uploaded.
with open(os.path.join(client_dir, "targets.json")) as trusted:
    patches = [path for path in json.load(trusted)["signed"]["targets"] if path.startswith("patches/")]
assert patches, "no patch of a published case is a target"
for path in patches:
    with open(client.download_target(client.get_targetinfo(path)), "rb") as downloaded:
        assert hashlib.sha256(downloaded.read()).hexdigest() == path.rsplit("/", 1)[1], path
print(f"TUF: ngclient verified and downloaded every patch as a target ({len(patches)})")

if ROTATED_ROOT_KEY_ID:
    with open(os.path.join(client_dir, "root.json")) as trusted:
        now_trusted = json.load(trusted)
    roles = now_trusted["signed"]["roles"]
    assert now_trusted["signed"]["version"] == 2 and roles["root"]["keyids"] == [ROTATED_ROOT_KEY_ID], roles
    print("TUF: after the rotation, the client walked from root 1 to root 2 and verified with the new keys")
    sys.exit(0)


class Mirror(http.server.ThreadingHTTPServer):
    """Relays the server's /tuf/ files, letting a test change them on the way."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), MirrorHandler)
        self.alter = lambda path, body: body

    @property
    def base(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


class MirrorHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        try:
            body = fetch(URL + self.path)
        except urllib.error.HTTPError as error:
            self.send_error(error.code)
            return
        body = self.server.alter(self.path, body)
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *arguments):
        pass


mirror = Mirror()
threading.Thread(target=mirror.serve_forever, daemon=True).start()
first = published[0]["id"]


def refused(alter, step, expected):
    mirror.alter = alter
    client = updater(mirror.base, tempfile.mkdtemp(prefix="clearinghouse-tuf-"))
    try:
        client.refresh()
        if step == "download":
            client.download_target(client.get_targetinfo(f"advisories/{first}.json"))
    except expected as error:
        return type(error).__name__
    raise AssertionError(f"the client accepted what the mirror altered ({expected.__name__} expected)")


def change_target(path, body):
    # The same length, other bytes: only the hash tells.
    return body.replace(b'"id"', b'"Id"', 1) if path.startswith("/tuf/targets/") else body


def change_targets_metadata(path, body):
    if path.endswith(".targets.json"):
        document = json.loads(body)
        for info in document["signed"]["targets"].values():
            info["length"] += 1
        return json.dumps(document).encode()
    return body


print("TUF: a changed target is refused:", refused(change_target, "download", exceptions.LengthOrHashMismatchError))
print("TUF: changed targets metadata is refused:",
      refused(change_targets_metadata, "refresh", exceptions.UnsignedMetadataError))

# A mirror that keeps serving one timestamp: once it expires, a client refuses it rather than stay frozen on it.
frozen = fetch(URL + "/tuf/metadata/timestamp.json")
expires = json.loads(frozen)["signed"]["expires"]
time.sleep(TIMESTAMP_LIFETIME + 1)
print(f"TUF: a timestamp kept past {expires} is refused:",
      refused(lambda path, body: frozen if path.endswith("/timestamp.json") else body, "refresh",
              exceptions.ExpiredMetadataError))
mirror.shutdown()
