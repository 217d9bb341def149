"""Checks real API exchanges against the OpenAPI 3.1 document (OpenAPIDocumentTests runs it).

usage: python3 check_responses.py DOCUMENT EXCHANGES

EXCHANGES is a JSON list of {method, path (the route pattern, as in the document), status,
contentType, bodyText (the answer's text), requestText (the JSON body sent, or null)}. Each answer
is validated with jsonschema (JSON Schema 2020-12, OpenAPI 3.1's dialect) against the schema the
document gives for that path, method and status (exact, then 4XX/5XX, then default); a status
the document does not list fails. A request body the server accepted (2xx) must match the
document's request schema too. Every /api/v1 operation must be seen answering at least one 2xx
and one 4xx, so a new endpoint cannot go unchecked. Prints every problem; exits 1 if any.
"""

import datetime
import json
import sys
import urllib.parse

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

BASE = "urn:hailong:openapi"


def pointer(*parts):
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def resolve(document, node, location):
    """A `$ref` to components/responses or requestBodies: the object and its own pointer."""
    while "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), ref
        location = ref[1:]
        node = document
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node, location


def format_checker():
    checker = jsonschema.FormatChecker(formats=())

    @checker.checks("date", raises=ValueError)
    def is_date(value):
        if not isinstance(value, str):
            return True
        return len(value) == 10 and datetime.date.fromisoformat(value) is not None

    @checker.checks("date-time", raises=ValueError)
    def is_instant(value):
        if not isinstance(value, str):
            return True
        # RFC 3339: a time with an explicit offset (the API always writes +07:00).
        parsed = datetime.datetime.fromisoformat(value)
        return "T" in value and parsed.tzinfo is not None

    @checker.checks("uri")
    def is_uri(value):
        if not isinstance(value, str):
            return True
        parts = urllib.parse.urlsplit(value)
        return bool(parts.scheme) and bool(parts.netloc)

    return checker


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        document = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        exchanges = json.load(f)

    registry = Registry().with_resource(BASE, Resource.from_contents(document, default_specification=DRAFT202012))
    formats = format_checker()

    def validate(instance, schema_pointer):
        validator = jsonschema.Draft202012Validator(
            {"$ref": BASE + "#" + schema_pointer}, registry=registry, format_checker=formats)
        return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
                for e in sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))]

    problems = []
    seen = {}
    for exchange in exchanges:
        method, path, status = exchange["method"].lower(), exchange["path"], exchange["status"]
        where = f"{method.upper()} {path} -> {status}"
        operation = document["paths"].get(path, {}).get(method)
        if operation is None:
            problems.append(f"{where}: the document has no such operation")
            continue
        seen.setdefault((method, path), set()).add(status // 100)
        responses = operation["responses"]
        key = next((k for k in (str(status), f"{status // 100}XX", "default") if k in responses), None)
        if key is None:
            problems.append(f"{where}: status not in the document (it lists {', '.join(responses)})")
            continue
        response, location = resolve(document, responses[key], pointer("paths", path, method, "responses", key))
        content = response.get("content", {})
        if "application/json" not in content:
            problems.append(f"{where}: the document gives no application/json body")
            continue
        if not exchange["contentType"].startswith("application/json"):
            problems.append(f"{where}: answered {exchange['contentType']!r}, not application/json")
        try:
            answer = json.loads(exchange["bodyText"])
        except ValueError:
            problems.append(f"{where}: the answer is not JSON: {exchange['bodyText'][:200]!r}")
            continue
        for error in validate(answer, location + pointer("content", "application/json", "schema")):
            problems.append(f"{where}: {error}")
        if 200 <= status < 300 and exchange.get("requestText") is not None:
            body, body_location = resolve(
                document, operation["requestBody"], pointer("paths", path, method, "requestBody"))
            sent = json.loads(exchange["requestText"])
            for error in validate(sent, body_location + pointer("content", "application/json", "schema")):
                problems.append(f"{where}: request accepted by the server but not by the document: {error}")

    for path, item in document["paths"].items():
        if not path.startswith("/api/v1/"):
            continue
        for method in item:
            classes = seen.get((method, path), set())
            for wanted in (2, 4):
                if wanted not in classes:
                    problems.append(f"{method.upper()} {path}: no {wanted}xx answer was checked")

    for problem in problems:
        print(problem)
    print(f"checked {len(exchanges)} answers of {len(seen)} operations: {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
