#!/usr/bin/env python3
"""Reads Rapport's event stream as a consumer outside this repository would, with nothing but Python 3's standard
library: records as `kcat -C -J` prints them (one JSON object per line), each checked for its CloudEvents headers
(binary mode, Kafka binding) and its payload validated against the JSON Schema its ce_dataschema names. On a
compacted topic (the state topics and the analytics tier's conversations) a record with a null value and the topic's
state or fact type as ce_type is a tombstone: valid, with no data to validate.

    for topic in rapport.contacts.v1 rapport.interactions.v1 rapport.relationships.v1 rapport.reminders.v1 \
        rapport.contacts.state.v1 rapport.interactions.state.v1 rapport.members.state.v1 \
        rapport.analytics.conversations.v1 rapport.analytics.relationships.v1; do
      kcat -C -J -e -o beginning -b localhost:9092 -t "$topic"
    done | python3 events/consumer/validate_stream.py

Prints the records per type, the tombstones per type and every invalid record with the reason. Exit status: 0 when
every record is valid,
1 when any is not, 2 when the schemas use a JSON Schema keyword or format this validator does not know (it fails
loudly rather than pass what it cannot check) or the input cannot be read.
"""

import argparse
import collections
import datetime
import json
import pathlib
import re
import sys

# The envelope every record carries: dev.rapport.events.CloudEventHeaders is the source of these names and values.
SPEC_VERSION = "ce_specversion"
ID = "ce_id"
TYPE = "ce_type"
SOURCE = "ce_source"
TIME = "ce_time"
SUBJECT = "ce_subject"
DATA_SCHEMA = "ce_dataschema"
CONTENT_TYPE = "content-type"
REQUIRED_HEADERS = (SPEC_VERSION, ID, TYPE, SOURCE, TIME, SUBJECT, DATA_SCHEMA, CONTENT_TYPE)
TOMBSTONE_HEADERS = (SPEC_VERSION, ID, TYPE, SOURCE, TIME, SUBJECT)
TYPE_PREFIX = "dev.rapport."
SCHEMA_ID_PREFIX = "urn:rapport:event:"

# The compacted topics (dev.rapport.events.Topics.COMPACTED) and the ce_type their tombstones carry: the topic's state
# or fact type. A null value anywhere else is not a record of Rapport's.
COMPACTED_TOPICS = {
    "rapport.contacts.state.v1": TYPE_PREFIX + "ContactState",
    "rapport.interactions.state.v1": TYPE_PREFIX + "InteractionState",
    "rapport.members.state.v1": TYPE_PREFIX + "MemberState",
    "rapport.analytics.conversations.v1": TYPE_PREFIX + "ConversationFact",
}

DEFAULT_SCHEMAS = pathlib.Path(__file__).resolve().parent.parent / "src" / "main" / "resources" / "schemas"


class SchemaError(Exception):
    """The schema asks for something this validator cannot check: stop, never pass a record unchecked."""


class Invalid(Exception):
    """A record that breaks the contract; the message says how."""


# --- JSON Schema (draft 2020-12), the keywords Rapport's event schemas use ---------------------------------------

ANNOTATIONS = {"$schema", "$id", "title", "description", "$defs"}
ASSERTIONS = {"type", "properties", "required", "items", "enum", "format", "minimum", "maximum", "minLength",
              "minItems", "$ref"}

UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


def parse_date_time(text):
    """RFC 3339 date-time (an offset is required) as an aware datetime; None when it is not one."""
    match = DATE_TIME.match(text) if isinstance(text, str) else None
    if not match:
        return None
    date, time, fraction, offset = match.groups()
    micros = (fraction or ".0")[1:7].ljust(6, "0")
    offset = "+00:00" if offset in ("Z", "z") else offset
    try:
        return datetime.datetime.fromisoformat(f"{date}T{time}.{micros}{offset}")
    except ValueError:
        return None


def is_date(text):
    if not DATE.match(text):
        return False
    try:
        datetime.date.fromisoformat(text)
        return True
    except ValueError:
        return False


FORMATS = {
    "uuid": lambda text: bool(UUID.match(text)),
    "date-time": lambda text: parse_date_time(text) is not None,
    "date": is_date,
    "email": lambda text: bool(EMAIL.match(text)),
}


def is_type(value, name):
    if name == "string":
        return isinstance(value, str)
    if name == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer())
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "null":
        return value is None
    raise SchemaError(f"unknown type {name!r}")


def same_json(a, b):
    """JSON equality: Python's True == 1 is not JSON's."""
    return type(a) is type(b) and a == b if isinstance(a, bool) or isinstance(b, bool) else a == b


def check_keywords(schema, where):
    """Walks a whole schema once, before any record: an unknown keyword or format stops the run."""
    if isinstance(schema, bool):
        return
    if not isinstance(schema, dict):
        raise SchemaError(f"{where}: a schema must be an object")
    for keyword, value in schema.items():
        if keyword not in ANNOTATIONS and keyword not in ASSERTIONS:
            raise SchemaError(f"{where}: unknown JSON Schema keyword {keyword!r}")
        if keyword == "format" and value not in FORMATS:
            raise SchemaError(f"{where}: unknown format {value!r}")
        if keyword == "type" and not isinstance(value, str):
            raise SchemaError(f"{where}: only a single type name is supported, not {value!r}")
        if keyword == "$ref" and not value.startswith("#/"):
            raise SchemaError(f"{where}: only references inside the document are supported, not {value!r}")
    for name, sub in schema.get("properties", {}).items():
        check_keywords(sub, f"{where}/properties/{name}")
    for name, sub in schema.get("$defs", {}).items():
        check_keywords(sub, f"{where}/$defs/{name}")
    if "items" in schema:
        check_keywords(schema["items"], f"{where}/items")


def resolve(root, ref):
    node = root
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or part not in node:
            raise SchemaError(f"unresolvable $ref {ref!r}")
        node = node[part]
    return node


def validate(value, schema, root, path):
    """Raises Invalid at the first violation, naming where in the payload it is."""
    where = path or "/"
    if schema is True:
        return
    if schema is False:
        raise Invalid(f"{where}: no value is allowed here")
    if "$ref" in schema:
        validate(value, resolve(root, schema["$ref"]), root, path)
    if "type" in schema and not is_type(value, schema["type"]):
        raise Invalid(f"{where}: {json.dumps(value)} is not of type {schema['type']}")
    if "enum" in schema and not any(same_json(value, allowed) for allowed in schema["enum"]):
        raise Invalid(f"{where}: {json.dumps(value)} is not one of {schema['enum']}")
    if isinstance(value, str):
        if "format" in schema and not FORMATS[schema["format"]](value):
            raise Invalid(f"{where}: {value!r} is not a valid {schema['format']}")
        if "minLength" in schema and len(value) < schema["minLength"]:
            raise Invalid(f"{where}: shorter than {schema['minLength']}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            raise Invalid(f"{where}: {value} is less than {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            raise Invalid(f"{where}: {value} is more than {schema['maximum']}")
    if isinstance(value, dict):
        for name in schema.get("required", []):
            if name not in value:
                raise Invalid(f"{where}: required property {name!r} is missing")
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                validate(value[name], sub, root, f"{path}/{name}")
    if isinstance(value, list):
        if "minItems" in schema and len(value) < schema["minItems"]:
            raise Invalid(f"{where}: fewer than {schema['minItems']} items")
        if "items" in schema:
            for index, item in enumerate(value):
                validate(item, schema["items"], root, f"{path}/{index}")


def load_schemas(folder):
    """Every *.schema.json in the folder, by its $id (what ce_dataschema names)."""
    schemas = {}
    for file in sorted(pathlib.Path(folder).glob("*.schema.json")):
        schema = json.loads(file.read_text(encoding="utf-8"))
        check_keywords(schema, file.name)
        schemas[schema["$id"]] = schema
    if not schemas:
        raise SchemaError(f"no *.schema.json in {folder}")
    return schemas


# --- The records -------------------------------------------------------------------------------------------------

def headers_of(record):
    """kcat -J prints headers as a flat list: name, value, name, value, ...; the last value of a name wins."""
    raw = record.get("headers") or []
    if isinstance(raw, dict):
        return dict(raw)
    return {raw[i]: raw[i + 1] for i in range(0, len(raw) - 1, 2)}


def check_tombstone(record, headers):
    """A record without a value: valid as the tombstone of a compacted topic (a CloudEvent without data), by its type."""
    missing = [name for name in TOMBSTONE_HEADERS if not headers.get(name)]
    if missing:
        raise Invalid("no payload, and not a tombstone: missing CloudEvents header"
                      + ("s " if len(missing) > 1 else " ") + ", ".join(missing))
    if headers[SPEC_VERSION] != "1.0":
        raise Invalid(f"{SPEC_VERSION} {headers[SPEC_VERSION]!r}, expected '1.0'")
    ce_type = headers[TYPE]
    if ce_type not in COMPACTED_TOPICS.values():
        raise Invalid(f"no payload, and {TYPE} {ce_type!r} has no tombstones (only "
                      f"{', '.join(sorted(COMPACTED_TOPICS.values()))} do, on their compacted topics)")
    topic = record.get("topic")
    if topic is not None and COMPACTED_TOPICS.get(topic) != ce_type:
        raise Invalid(f"a tombstone of {ce_type!r} on {topic!r}, which is not its compacted topic")
    if parse_date_time(headers[TIME]) is None:
        raise Invalid(f"{TIME} {headers[TIME]!r} is not an RFC 3339 timestamp")
    if record.get("key") is None or headers[SUBJECT] != record.get("key"):
        raise Invalid(f"{SUBJECT} {headers[SUBJECT]!r} is not the record key {record.get('key')!r}")
    return ce_type


def check_record(record, schemas):
    """The record's ce_type and whether it is a tombstone, when it is a valid CloudEvent of Rapport's with a valid
    payload or a valid tombstone; raises Invalid if not."""
    headers = headers_of(record)
    if record.get("payload") is None:
        return check_tombstone(record, headers), True
    missing = [name for name in REQUIRED_HEADERS if not headers.get(name)]
    if missing:
        raise Invalid("missing CloudEvents header" + ("s " if len(missing) > 1 else " ") + ", ".join(missing))
    if headers[SPEC_VERSION] != "1.0":
        raise Invalid(f"{SPEC_VERSION} {headers[SPEC_VERSION]!r}, expected '1.0'")
    if headers[CONTENT_TYPE] != "application/json":
        raise Invalid(f"{CONTENT_TYPE} {headers[CONTENT_TYPE]!r}, expected 'application/json'")
    ce_type = headers[TYPE]
    if not ce_type.startswith(TYPE_PREFIX):
        raise Invalid(f"{TYPE} {ce_type!r} is not one of Rapport's ({TYPE_PREFIX}...)")
    event_type = ce_type[len(TYPE_PREFIX):]
    if headers[DATA_SCHEMA] != SCHEMA_ID_PREFIX + event_type:
        raise Invalid(f"{DATA_SCHEMA} {headers[DATA_SCHEMA]!r} does not match {TYPE} {ce_type!r}")
    schema = schemas.get(headers[DATA_SCHEMA])
    if schema is None:
        raise Invalid(f"no published schema has $id {headers[DATA_SCHEMA]!r}")
    time = parse_date_time(headers[TIME])
    if time is None:
        raise Invalid(f"{TIME} {headers[TIME]!r} is not an RFC 3339 timestamp")
    if headers[SUBJECT] != record.get("key"):
        raise Invalid(f"{SUBJECT} {headers[SUBJECT]!r} is not the record key {record.get('key')!r}")
    try:
        payload = json.loads(record["payload"])
    except (TypeError, ValueError) as error:
        raise Invalid(f"payload is not JSON: {error}")
    validate(payload, schema, schema, "")
    if payload.get("eventId") != headers[ID]:
        raise Invalid(f"{ID} {headers[ID]!r} is not the payload's eventId {payload.get('eventId')!r}")
    if parse_date_time(payload.get("occurredAt")) != time:
        raise Invalid(f"{TIME} {headers[TIME]!r} is not the payload's occurredAt {payload.get('occurredAt')!r}")
    return ce_type, False


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", help="kcat -C -J output (default: standard input)")
    parser.add_argument("--schemas", default=str(DEFAULT_SCHEMAS), help="folder of *.schema.json (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        schemas = load_schemas(args.schemas)
    except (SchemaError, OSError, ValueError, KeyError) as error:
        print(f"Cannot use the schemas: {error}", file=sys.stderr)
        return 2

    per_type = collections.Counter()
    tombstones = collections.Counter()
    invalid = []
    topics = set()
    total = 0
    try:
        sources = [open(name, encoding="utf-8") for name in args.files] if args.files else [sys.stdin]
        for source in sources:
            for number, line in enumerate(source, start=1):
                if not line.strip():
                    continue
                total += 1
                try:
                    record = json.loads(line)
                except ValueError:
                    invalid.append((f"input line {number}", "not a kcat -J record (not JSON)"))
                    continue
                where = "{} partition {} offset {}".format(record.get("topic"), record.get("partition"),
                                                          record.get("offset"))
                topics.add(record.get("topic"))
                try:
                    ce_type, tombstone = check_record(record, schemas)
                    (tombstones if tombstone else per_type)[ce_type] += 1
                except Invalid as error:
                    invalid.append((where, str(error)))
    except SchemaError as error:
        print(f"Cannot check a record: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"Cannot read the input: {error}", file=sys.stderr)
        return 2

    print(f"Read {total} records from {len(topics)} topics: {total - len(invalid)} valid "
          f"({sum(tombstones.values())} of them tombstones), {len(invalid)} invalid.")
    for title, counts in (("Records per type:", per_type), ("Tombstones per type:", tombstones)):
        if counts:
            print(title)
            width = max(len(name) for name in counts)
            for name, count in sorted(counts.items()):
                print(f"  {name:<{width}}  {count}")
    if invalid:
        print("Invalid records:")
        for where, reason in invalid:
            print(f"  {where}: {reason}")
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
