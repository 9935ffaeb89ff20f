"""LogStorage and JournalDB: durability, integrity and the TinyDB contract."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from tinydb import Query, TinyDB

from reflectie.store import (
    CorruptDatabaseError,
    DatabaseLockedError,
    JournalDB,
    LogStorage,
    logstorage,
)
from reflectie.store.errors import StorageError


def reopen(path: Path) -> JournalDB:
    return JournalDB(path)


def test_data_survives_reopen_with_inserts_updates_and_removes(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with JournalDB(path) as db:
        table = db.table("entries")
        ids = [
            table.insert({"id": f"e{i}", "tekst": f"tekst {i}", "tags": ["a"]}) for i in range(5)
        ]
        table.update({"tekst": "gewijzigd"}, doc_ids=[ids[1]])
        table.remove(doc_ids=[ids[2]])
        table.update(lambda doc: doc["tags"].append("b"), doc_ids=[ids[3]])
    with reopen(path) as db:
        table = db.table("entries")
        assert [d["id"] for d in table.all()] == ["e0", "e1", "e3", "e4"]
        assert table.get(doc_id=ids[1])["tekst"] == "gewijzigd"
        assert table.get(doc_id=ids[3])["tags"] == ["a", "b"]


def test_an_updater_that_fails_halfway_changes_nothing(tmp_path: Path) -> None:
    with JournalDB(tmp_path / "j.db") as db:
        table = db.table("t")
        doc_id = table.insert({"n": 1, "tags": ["x"]})

        def broken(doc: dict) -> None:
            doc["tags"].append("half")
            raise RuntimeError("boom")

        with pytest.raises(RuntimeError):
            table.update(broken, doc_ids=[doc_id])
        assert table.get(doc_id=doc_id) == {"n": 1, "tags": ["x"]}


def test_returned_documents_cannot_change_the_stored_state(tmp_path: Path) -> None:
    with JournalDB(tmp_path / "j.db") as db:
        table = db.table("t")
        doc_id = table.insert({"n": 1})
        doc = table.get(doc_id=doc_id)
        doc["n"] = 99
        assert table.get(doc_id=doc_id)["n"] == 1


@pytest.mark.parametrize("kind", ["journaldb", "plain-tinydb"])
def test_nested_values_handed_out_are_copies(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "j.db"
    db = JournalDB(path) if kind == "journaldb" else TinyDB(path, storage=LogStorage)
    with db:
        table = db.table("t")
        doc_id = table.insert({"tags": ["a"], "meer": {"lijst": [1]}})
        table.get(doc_id=doc_id)["tags"].append("via get")
        table.all()[0]["meer"]["lijst"].append(2)
        table.search(Query().tags.any(["a"]))[0]["tags"].append("via search")
        next(iter(table))["tags"].append("via iter")
        db.storage.read()["t"][str(doc_id)]["tags"].append("via read")
        assert table.get(doc_id=doc_id) == {"tags": ["a"], "meer": {"lijst": [1]}}
        db.storage.compact()  # a compaction writes memory: it must hold nothing unsaved
    with JournalDB(path) as db:
        assert db.table("t").all() == [{"tags": ["a"], "meer": {"lijst": [1]}}]


def test_a_changed_search_result_never_changes_the_next_search(tmp_path: Path) -> None:
    """TinyDB's query cache keeps the documents of a search; hits are copied again."""
    with JournalDB(tmp_path / "j.db") as db:
        table = db.table("t")
        table.insert({"naam": "a", "tags": ["x"]})
        query = Query().naam == "a"
        first = table.search(query)
        first[0]["naam"] = "veranderd"
        first[0]["tags"].append("y")
        assert table.search(query) == [{"naam": "a", "tags": ["x"]}]
        again = table.search(query)  # a cache hit this time
        again[0]["tags"].clear()
        assert table.search(query) == [{"naam": "a", "tags": ["x"]}]
        assert table.all() == [{"naam": "a", "tags": ["x"]}]


def test_reads_copy_only_the_documents_they_return(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Conditions look at the live documents; copying all of them made every read of
    a large journal several times slower."""
    from reflectie.store import fasttable

    with JournalDB(tmp_path / "j.db") as db:
        table = db.table("t")
        table.insert_multiple({"n": i, "tags": [str(i)]} for i in range(1000))
        copied: list[object] = []
        real_copy = fasttable.copy_json

        def counting(value: object) -> object:
            copied.append(value)
            return real_copy(value)

        monkeypatch.setattr(fasttable, "copy_json", counting)
        assert table.search(Query().n == 500) == [{"n": 500, "tags": ["500"]}]
        assert table.get(Query().n == 7) == {"n": 7, "tags": ["7"]}
        assert table.get(doc_id=3) == {"n": 2, "tags": ["2"]}
        assert table.get(doc_ids=[4, 5]) == [{"n": 3, "tags": ["3"]}, {"n": 4, "tags": ["4"]}]
        assert table.count(Query().n < 10) == 10
        assert table.contains(Query().n == 999) and table.contains(doc_id=1000)
        assert len(table) == 1000
        assert copied == [["500"], ["7"], ["2"], ["3"], ["4"]]  # what was returned, only


def test_plain_tinydb_update_that_cannot_be_stored_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    with TinyDB(path, storage=LogStorage) as db:
        doc_id = db.insert({"tags": ["a"], "n": 1})
        before = path.read_bytes()

        def half_then_unstorable(doc: dict) -> None:
            doc["tags"].append("half")
            doc["n"] = 2
            doc["wanneer"] = {1, 2}  # a set: not JSON

        with pytest.raises(TypeError):
            db.update(half_then_unstorable, doc_ids=[doc_id])
        with pytest.raises(TypeError):
            db.update({"tags": object()}, doc_ids=[doc_id])
        assert db.all() == [{"tags": ["a"], "n": 1}]
        assert path.read_bytes() == before
        db.insert({"later": True})  # the next write stores memory, which must be clean
    with TinyDB(path, storage=LogStorage) as db:
        assert db.all() == [{"tags": ["a"], "n": 1}, {"later": True}]


def test_plain_tinydb_on_logstorage_is_durable(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    with TinyDB(path, storage=LogStorage) as db:
        db.insert({"a": 1})
        db.table("other").insert({"b": 2})
        db.drop_table("other")
    with TinyDB(path, storage=LogStorage) as db:
        assert db.all() == [{"a": 1}]
        assert db.tables() == {"_default"}
        assert db.search(Query().a == 1)


def test_files_and_folder_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "nieuw"
    with JournalDB(folder / "j.db") as db:
        db.insert({"x": 1})
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    for name in ("j.db", "j.db.lock"):
        assert stat.S_IMODE(os.stat(folder / name).st_mode) == 0o600


def test_each_write_appends_one_record_instead_of_rewriting(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with JournalDB(path) as db:
        table = db.table("t")
        for i in range(50):
            table.insert({"i": i, "tekst": "x" * 500})
        before = path.read_bytes()
        table.insert({"i": 50})
        after = path.read_bytes()
    assert after.startswith(before)
    assert after[len(before) :].count(b"\n") == 1


def test_compaction_keeps_the_data_and_shrinks_the_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logstorage, "MIN_COMPACT_BYTES", 0)
    path = tmp_path / "j.db"
    with JournalDB(path) as db:
        table = db.table("t")
        doc_id = table.insert({"n": 0})
        for n in range(1, 200):
            table.update({"n": n}, doc_ids=[doc_id])
        size = path.stat().st_size
    assert size < 2000  # 200 updates, but compacted down to about one snapshot
    with reopen(path) as db:
        assert db.table("t").get(doc_id=doc_id) == {"n": 199}


def test_queries_never_read_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "j.db"
    with JournalDB(path) as db:
        table = db.table("t")
        for i in range(20):
            table.insert({"i": i})

        def no_reading(*args: object, **kwargs: object) -> bytes:
            raise AssertionError("the file was read during a query")

        monkeypatch.setattr(Path, "read_bytes", no_reading)
        assert len(table.search(Query().i >= 10)) == 10
        assert table.get(doc_id=3) == {"i": 2}


def test_second_writer_is_refused_and_reader_still_works(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with JournalDB(path) as db:
        db.insert({"x": 1})
        with pytest.raises(DatabaseLockedError) as info:
            JournalDB(path)
        assert "ander reflectie-venster" in str(info.value)
        reader = JournalDB(path, access_mode="r")
        assert reader.all() == [{"x": 1}]
        with pytest.raises(StorageError):
            reader.insert({"x": 2})
        reader.close()


def test_lock_is_released_on_close(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    JournalDB(path).close()
    JournalDB(path).close()


def test_stale_temp_files_are_removed_and_never_loaded(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with JournalDB(path) as db:
        db.insert({"echt": True})
    leftover = tmp_path / "j.db.tmp-deadbeef0000"
    leftover.write_bytes(b"REFLECTIE-DB half geschreven")
    with reopen(path) as db:
        assert db.all() == [{"echt": True}]
    assert not leftover.exists()


def test_flipped_byte_is_detected_and_file_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with JournalDB(path) as db:
        for i in range(10):
            db.insert({"tekst": f"een reflectie met nummer {i}"})
    raw = bytearray(path.read_bytes())
    middle = raw.index(b"nummer 3") + 7
    raw[middle] = ord("8")  # still valid JSON, wrong content: only the checksum can tell
    path.write_bytes(bytes(raw))
    with pytest.raises(CorruptDatabaseError) as info:
        reopen(path)
    assert str(path) in str(info.value)
    assert path.read_bytes() == bytes(raw)


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\xff" * 100, b'{"_default": {"1": {"a": 1}}}', b"REFLECTIE-DB 00000000 {}\n"],
    ids=["leeg", "willekeurig", "tinydb-json", "kapotte-kop"],
)
def test_foreign_or_empty_files_are_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "j.db"
    path.write_bytes(content)
    with pytest.raises(CorruptDatabaseError):
        reopen(path)
    assert path.read_bytes() == content


def test_unfinished_last_record_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with JournalDB(path) as db:
        db.insert({"n": 1})
        db.insert({"n": 2})
    raw = path.read_bytes()
    path.write_bytes(raw[:-10])  # the append of n=2 never finished
    with reopen(path) as db:
        assert db.all() == [{"n": 1}]
        db.insert({"n": 3})
    with reopen(path) as db:
        assert db.all() == [{"n": 1}, {"n": 3}]


def test_meta_is_stored_outside_the_tables(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with JournalDB(path) as db:
        db.storage.set_meta(schema=7)
        assert db.tables() == set()
    with reopen(path) as db:
        assert db.storage.meta == {"schema": 7}
