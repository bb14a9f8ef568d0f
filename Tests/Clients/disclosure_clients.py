"""Publishes advisories through a running server, as its users would, and checks what anyone downloads with
third-party tools: the OSV record (from the advisory's route and from the OSV API) against the OSV JSON schema with
`jsonschema`; the CSAF 2.0 security advisory and VEX document against the CSAF 2.0 JSON schema; the CVE record's CNA
container with cvelib's `cve validate`, as a CNA checks it before `cve publish`; the STIX bundle with
the `stix2` library, which refuses objects that break STIX 2.1; and the TAXII 2.1 server with `taxii2-client`,
paging through the collection and reading each object back with `stix2`.

    python Tests/Clients/disclosure_clients.py URL COORDINATOR_TOKEN CVE_ORG_ID

scripts/client-test starts the server and runs it.
"""

import json
import os
import subprocess
import sys
import tempfile
import urllib.request

import jsonschema
import stix2
from taxii2client.v21 import Server, as_pages

URL, TOKEN, CVE_ORG_ID = sys.argv[1], sys.argv[2], sys.argv[3]
HERE = os.path.dirname(os.path.abspath(__file__))
PATCH = b"--- a/parse.c\n+++ b/parse.c\n@@ -1 +1 @@\n-char header[512];\n+char header[4096];\n"


def call(method, path, body=None, token=TOKEN, expect=200):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(URL + path, data=data, method=method)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, text, media = response.status, response.read().decode(), response.headers.get("Content-Type")
    except urllib.error.HTTPError as error:
        status, text, media = error.code, error.read().decode(), error.headers.get("Content-Type")
    assert status == expect, f"{method} {path}: {status} {text}"
    return text, media


def json_call(method, path, body=None, token=TOKEN, expect=200):
    return json.loads(call(method, path, body, token, expect)[0])


def organization(name, kind):
    made = json_call("POST", "/v1/organizations", {"name": name, "kind": kind}, expect=201)
    json_call("POST", f"/v1/organizations/{made['id']}/verify", {"note": "client test"})
    token = json_call("POST", f"/v1/organizations/{made['id']}/tokens", {"role": "analyst"}, expect=201)["token"]
    return made["id"], token


lab, lab_token = organization("Client Test Lab", "researcher")
vendor, vendor_token = organization("Client Test Vendor", "vendor")
bystander, bystander_token = organization("Client Test Bystander", "vendor")
finding = json_call(
    "POST", "/v1/findings",
    {"title": "Heap overflow in parse_header", "target": {"purl": "pkg:pypi/clienttest-demo@1.0"},
     "aliases": ["CVE-2026-99001"], "cwe": ["CWE-787"]},
    token=lab_token, expect=201)
case = finding["findings"][0]["case_id"]
for participant in (vendor, bystander):
    json_call("POST", f"/v1/cases/{case}/participants", {"organization_id": participant})
for state in ("triaged", "validated"):
    json_call("POST", f"/v1/cases/{case}/transitions", {"state": state})
json_call("POST", f"/v1/cases/{case}/embargo/end", {"reason": "Exploited in the wild."})
# The vendors' own statuses, which the CSAF documents carry as their products' statuses.
json_call("PUT", f"/v1/cases/{case}/participants/{vendor}/status",
          {"status": "fixed", "statement": "Fixed in 1.1."}, token=vendor_token)
json_call("PUT", f"/v1/cases/{case}/participants/{bystander}/status",
          {"status": "not_affected", "justification": "component_not_present",
           "statement": "Our products do not ship clienttest-demo."}, token=bystander_token)
json_call("POST", f"/v1/cases/{case}/fixes",
          {"target": {"purl": "pkg:pypi/clienttest-demo@1.1"}, "introduced": "1.0"}, token=vendor_token, expect=201)
# The commit comes with the patch, which the TUF repository serves once the advisory is published.
upload = urllib.request.Request(URL + "/v1/artifacts", data=PATCH, method="POST", headers={
    "Authorization": "Bearer " + vendor_token, "Content-Type": "text/x-diff"})
with urllib.request.urlopen(upload, timeout=30) as response:
    patch = json.load(response)["sha256"]
json_call("POST", f"/v1/cases/{case}/fixes",
          {"target": {"repository": "https://github.com/example/clienttest-demo", "commit": "0a1b2c3d4e5f"},
           "patch": patch}, token=vendor_token, expect=201)
advisory = json_call(
    "POST", f"/v1/cases/{case}/publication",
    {"details": "A header longer than 512 bytes overflows a stack buffer.\n\nUpgrade to 1.1."}, expect=201)
print(f"published {advisory['id']} ({advisory['osv_id']})")
# Two more, so that TAXII has pages to turn.
others = []
for index in (1, 2):
    other = json_call("POST", "/v1/findings", {"title": f"Overflow {index}",
                                               "target": {"purl": f"pkg:pypi/clienttest-other-{index}@1.0"}},
                      token=lab_token, expect=201)["findings"][0]["case_id"]
    json_call("POST", f"/v1/cases/{other}/participants", {"organization_id": vendor})
    for state in ("triaged", "validated"):
        json_call("POST", f"/v1/cases/{other}/transitions", {"state": state})
    json_call("POST", f"/v1/cases/{other}/embargo/end", {"reason": "Exploited in the wild."})
    others.append(json_call("POST", f"/v1/cases/{other}/publication", {"details": "Upgrade."}, expect=201)["id"])

# OSV: the advisory's document and the OSV API's record are one, and valid against the OSV schema.
with open(os.path.join(HERE, "Resources", "osv-schema.json")) as schema_file:
    schema = json.load(schema_file)
validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
document = json_call("GET", f"/v1/published-advisories/{advisory['id']}/osv", token=None)
served = json_call("GET", f"/v1/vulns/{advisory['osv_id']}", token=None)
for name, record in (("the advisory's OSV document", document), ("the OSV API's record", served)):
    errors = sorted(validator.iter_errors(record), key=lambda error: list(error.path))
    assert not errors, f"{name} breaks the OSV schema: " + "; ".join(
        f"{list(error.path)}: {error.message}" for error in errors)
assert document == served, f"the OSV API serves another record:\n{document}\n{served}"
matched = json_call("POST", "/v1/query", {"package": {"purl": "pkg:pypi/clienttest-demo@1.0"}}, token=None)
assert [vuln["id"] for vuln in matched.get("vulns", [])] == [advisory["osv_id"]], matched
print("OSV: the record is valid against the OSV schema and the OSV API matches it")

# CSAF: both profiles are valid against the CSAF 2.0 schema, and name the advisory and its fixed version.
with open(os.path.join(HERE, "Resources", "csaf_json_schema.json")) as schema_file:
    csaf_validator = jsonschema.Draft202012Validator(json.load(schema_file), format_checker=jsonschema.FormatChecker())
for route, category in (("csaf", "csaf_security_advisory"), ("csaf-vex", "csaf_vex")):
    csaf = json_call("GET", f"/v1/published-advisories/{advisory['id']}/{route}", token=None)
    errors = sorted(csaf_validator.iter_errors(csaf), key=lambda error: list(error.path))
    assert not errors, f"the {category} breaks the CSAF 2.0 schema: " + "; ".join(
        f"{list(error.path)}: {error.message}" for error in errors)
    assert csaf["document"]["category"] == category, csaf["document"]
    assert csaf["document"]["tracking"]["id"] == advisory["id"], csaf["document"]["tracking"]
    vulnerability = csaf["vulnerabilities"][0]
    status = vulnerability["product_status"]
    # The package's range and fixed version, and each vendor's products under the status it gave.
    assert len(status["fixed"]) == 2 and len(status["known_affected"]) == 1, status
    assert len(status["known_not_affected"]) == 1, status
    assert [flag["label"] for flag in vulnerability["flags"]] == ["component_not_present"], vulnerability["flags"]
    vendors = [branch["name"] for branch in csaf["product_tree"]["branches"] if branch["category"] == "vendor"]
    assert vendors == ["Client Test Bystander", "Client Test Vendor"], vendors
print("CSAF: the security advisory and the VEX document, with the vendors' statuses, are valid against the CSAF 2.0"
      " schema")

# CVE: cvelib's validator (the one `cve publish` runs) accepts the CNA container; it names the server's CNA.
container = json_call("GET", f"/v1/published-advisories/{advisory['id']}/cve", token=None)
assert container["providerMetadata"] == {"orgId": CVE_ORG_ID}, container.get("providerMetadata")
with tempfile.NamedTemporaryFile("w", suffix=".json") as container_file:
    json.dump(container, container_file)
    container_file.flush()
    validation = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "cve"), "validate", "--schema-type", "cna-published",
         "--cve-json-file", container_file.name], capture_output=True, text=True)
assert validation.returncode == 0 and "valid" in validation.stdout, validation.stdout + validation.stderr
assert [product.get("packageName") for product in container["affected"]] == ["clienttest-demo"], container["affected"]
print("CVE: cvelib validates the CNA container against the CVE JSON 5.1 schema")

# STIX: the stix2 library reads the bundle strictly.
text, media = call("GET", f"/v1/published-advisories/{advisory['id']}/stix", token=None)
assert media == "application/stix+json;version=2.1", media
bundle = stix2.parse(text, allow_custom=False)
assert isinstance(bundle, stix2.v21.Bundle), type(bundle)
(vulnerability,) = bundle.objects
assert isinstance(vulnerability, stix2.v21.Vulnerability), type(vulnerability)
assert vulnerability.name == advisory["id"], vulnerability.name
cves = [reference.external_id for reference in vulnerability.external_references if reference.source_name == "cve"]
assert cves == ["CVE-2026-99001"], cves
print("STIX: stix2 reads the bundle and its vulnerability object")

# TAXII: taxii2-client discovers the API root and the collection, pages through it two at a time, and reads one
# object back; every object stix2 reads strictly.
server = Server(URL + "/taxii2/")
(api_root,) = server.api_roots
(collection,) = api_root.collections
assert collection.can_read and not collection.can_write, collection
names = []
for envelope in as_pages(collection.get_objects, per_request=2):
    for item in envelope.get("objects", []):
        parsed = stix2.parse(item, allow_custom=False)
        assert isinstance(parsed, stix2.v21.Vulnerability), type(parsed)
        names.append(parsed.name)
assert names == [advisory["id"]] + others, names
first = stix2.parse(collection.get_object(vulnerability.id)["objects"][0], allow_custom=False)
assert first.name == advisory["id"] and first.id == vulnerability.id, first
manifest = collection.get_manifest()
assert len(manifest["objects"]) == 3, manifest
print(f"TAXII: taxii2-client read {len(names)} objects in pages of two, and stix2 reads each")
