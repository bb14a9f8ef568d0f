"""Reads the CSAF provider directory of a running server as a CSAF downloader does (CSAF 2.0, section 7.1) and checks
it with third-party tools: the provider metadata against the CSAF provider JSON schema (`jsonschema`), `index.txt`
and `changes.csv` against each other, every document against the CSAF 2.0 schema and its `.sha256` and `.sha512`
files, and its `.asc` signature with GnuPG (`gpg --import` of the served certificate, then `gpgv`), which must
refuse a changed document.

    python Tests/Clients/csaf_provider_client.py URL FINGERPRINT

scripts/client-test runs it after disclosure_clients.py has published advisories.
"""

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

import jsonschema
from referencing import Registry, Resource

URL, FINGERPRINT = sys.argv[1], sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))


def get(url):
    with urllib.request.urlopen(url) as response:
        return response.read(), response.headers.get("Content-Type")


def schema(name):
    with open(os.path.join(HERE, "Resources", name)) as schema_file:
        return json.load(schema_file)


csaf_schema = schema("csaf_json_schema.json")
registry = Registry().with_resource(csaf_schema["$id"], Resource.from_contents(csaf_schema))
provider_validator = jsonschema.Draft202012Validator(
    schema("csaf_provider_json_schema.json"), registry=registry, format_checker=jsonschema.FormatChecker())
csaf_validator = jsonschema.Draft202012Validator(csaf_schema, format_checker=jsonschema.FormatChecker())


def valid(validator, document, what):
    errors = sorted(validator.iter_errors(document), key=lambda error: list(error.path))
    assert not errors, f"{what} breaks its schema: " + "; ".join(
        f"{list(error.path)}: {error.message}" for error in errors)


# The provider metadata, at the well-known URL.
body, media = get(f"{URL}/.well-known/csaf/provider-metadata.json")
assert media == "application/json", media
metadata = json.loads(body)
valid(provider_validator, metadata, "provider-metadata.json")
assert metadata["role"] == "csaf_trusted_provider", metadata["role"]
assert metadata["canonical_url"] == f"{URL}/.well-known/csaf/provider-metadata.json", metadata["canonical_url"]
(key,) = metadata["public_openpgp_keys"]
assert key["fingerprint"] == FINGERPRINT, key
(distribution,) = metadata["distributions"]
directory = distribution["directory_url"]
print(f"CSAF provider: the metadata is valid against the provider schema; the directory is {directory}")

# index.txt and changes.csv name the same documents, the latest change first.
index = get(directory + "index.txt")[0].decode().splitlines()
changes = list(csv.reader(io.StringIO(get(directory + "changes.csv")[0].decode())))
assert index and sorted(index) == sorted(path for path, _ in changes), (index, changes)
assert [when for _, when in changes] == sorted((when for _, when in changes), reverse=True), changes

with tempfile.TemporaryDirectory() as home:
    os.chmod(home, 0o700)
    certificate = get(key["url"])[0]
    imported = subprocess.run(["gpg", "--homedir", home, "--batch", "--import"], input=certificate,
                              capture_output=True)
    assert imported.returncode == 0 and b"imported: 1" in imported.stderr, imported.stderr.decode()
    keyring = os.path.join(home, "pubring.kbx")

    def gpgv(signature, document):
        with open(os.path.join(home, "doc.json"), "wb") as document_file:
            document_file.write(document)
        with open(os.path.join(home, "doc.json.asc"), "wb") as signature_file:
            signature_file.write(signature)
        return subprocess.run(["gpgv", "--homedir", home, "--keyring", keyring, signature_file.name,
                               document_file.name], capture_output=True)

    for path, current_release in changes:
        year, filename = path.split("/")
        document, media = get(directory + path)
        assert media == "application/json", media
        csaf = json.loads(document)
        valid(csaf_validator, csaf, path)
        tracking = csaf["document"]["tracking"]
        assert tracking["current_release_date"] == current_release, (tracking, current_release)
        assert tracking["initial_release_date"].startswith(year), tracking
        for algorithm in ("sha256", "sha512"):
            line = get(f"{directory}{path}.{algorithm}")[0].decode()
            assert line == f"{hashlib.new(algorithm, document).hexdigest()}  {filename}\n", line
        signature = get(f"{directory}{path}.asc")[0]
        verified = gpgv(signature, document)
        assert verified.returncode == 0 and b"Good signature" in verified.stderr, verified.stderr.decode()
        refused = gpgv(signature, document + b"\n")
        assert refused.returncode != 0 and b"BAD signature" in refused.stderr, refused.stderr.decode()
    print(f"CSAF provider: {len(changes)} documents valid, their hashes match, and gpgv verifies each signature "
          "(and refuses a changed document)")

try:
    get(directory + "2026/chx-2026-9999.json")
    raise AssertionError("a missing document was served")
except urllib.error.HTTPError as error:
    assert error.code == 404, error.code
