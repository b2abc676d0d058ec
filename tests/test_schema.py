"""The published JSON Schema of an output record, checked against records the library makes."""

from __future__ import annotations

import copy

import pytest

from cleaners import CleanDocument, Image, Metadata


def record() -> dict:
    doc = CleanDocument(
        text="First paragraph of the article.\n\nSecond paragraph.",
        metadata=Metadata(title="A title", authors=["Jane Doe"], published="2024-06-28", language="en", url="https://a.example/x"),
        images=[Image(caption="A harbour at dawn.", credit="Someone/Agency"), Image()],
        removed={"share": 3, "teaser": 2},
    )
    return doc.to_record(id="doc-1", source={"path": "examples/a.txt", "line": None, "format": "text"})


def test_a_library_record_is_valid(document_validator):
    document_validator.validate(record())


def test_a_minimal_record_and_the_optional_duplicate_of_are_valid(document_validator):
    minimal = CleanDocument(text="").to_record(id="x", source={"path": "d.jsonl", "line": 3, "format": "jsonl"})
    document_validator.validate(minimal)
    document_validator.validate({**minimal, "duplicate_of": "y"})
    document_validator.validate({**minimal, "duplicate_of": None})


@pytest.mark.parametrize(
    "path, value",
    [
        (("id",), None),
        (("language",), "eng"),
        (("published",), "28 June 2024"),
        (("authors",), "Jane Doe"),
        (("word_count",), -1),
        (("content_hash",), "md5:abc"),
        (("images", 0, "alt"), "extra field"),
        (("source", "format"), "pdf"),
        (("source", "line"), 0),
        (("removed", "share"), "3"),
        (("surprise",), 1),
    ],
)
def test_invalid_records_are_refused(document_validator, path, value):
    bad = copy.deepcopy(record())
    target = bad
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert not document_validator.is_valid(bad)


def test_every_field_the_library_writes_is_required(document_validator):
    for field in record():
        bad = record()
        del bad[field]
        assert not document_validator.is_valid(bad), field
