"""Uploads and documents through HTTP: multipart _method=PUT, allowed types, downloads, bulk."""

from __future__ import annotations

from tests.sandbox.ops_helpers import by, make_client

PNG = (
    b"\x89PNG\r\n\x1a\n"
    + b"\x00\x00\x00\rIHDR"
    + (3).to_bytes(4, "big")
    + (2).to_bytes(4, "big")
    + b"rest"
)


async def test_upload_two_files_attaches_documents_and_downloads_bytes() -> None:
    client, state = make_client()
    async with client:
        acme = by(state, "client", name="Acme Corporation")
        answer = await client.post(
            f"/api/v1/clients/{acme['id']}/upload",
            data={"_method": "PUT", "is_public": "false"},
            files=[
                ("documents[]", ("notes.txt", b"hello world", "text/plain")),
                ("documents[]", ("logo.png", PNG, "image/png")),
            ],
        )
        assert answer.status_code == 200
        client_data = answer.json()["data"]
        assert client_data["id"] == acme["id"]
        docs = client_data["documents"]
        assert [(d["name"], d["type"], d["size"], d["is_public"]) for d in docs] == [
            ("notes.txt", "txt", 11, False),
            ("logo.png", "png", len(PNG), False),
        ]
        assert (docs[1]["width"], docs[1]["height"]) == (3, 2) and docs[0]["hash"].endswith(".txt")
        shown = (await client.get(f"/api/v1/documents/{docs[0]['id']}")).json()["data"]
        assert shown["name"] == "notes.txt"
        listed = (await client.get("/api/v1/documents")).json()["data"]
        assert {docs[0]["id"], docs[1]["id"]} <= {d["id"] for d in listed}
        download = await client.get(f"/api/v1/documents/{docs[0]['id']}/download")
        assert download.content == b"hello world" and download.headers["content-type"].startswith(
            "text/plain"
        )
        assert download.headers["content-disposition"].startswith("attachment")
        inline = await client.get(f"/api/v1/documents/{docs[1]['id']}/download?inline=true")
        assert inline.content == PNG and inline.headers["content-disposition"].startswith("inline")


async def test_forbidden_extension_is_422_and_nothing_is_attached() -> None:
    client, state = make_client()
    async with client:
        task = state.store.rows("task")[0]
        bad = await client.post(
            f"/api/v1/tasks/{task['id']}/upload",
            data={"_method": "PUT"},
            files=[
                ("documents[]", ("ok.pdf", b"%PDF", "application/pdf")),
                ("documents[]", ("evil.exe", b"MZ", "application/octet-stream")),
            ],
        )
        assert bad.status_code == 422
        assert list(bad.json()["errors"]) == ["documents.1"]
        assert bad.json()["errors"]["documents.1"][0].startswith(
            "The documents.1 field must be a file of type: png"
        )
        assert (state.store.get("task", task["id"]) or {})["documents"] == []
        single = await client.put(
            f"/api/v1/tasks/{task['id']}/upload",
            files={"file": ("sheet.csv", b"a,b\n1,2\n", "text/csv")},
        )
        assert single.json()["data"]["documents"][0]["type"] == "csv"
        nowhere = await client.post(
            f"/api/v1/tax_rates/{task['id']}/upload", files={"file": ("a.txt", b"x")}
        )
        assert nowhere.status_code == 404


async def test_bulk_and_client_documents() -> None:
    client, state = make_client()
    async with client:
        acme = by(state, "client", name="Acme Corporation")
        await client.post(
            f"/api/v1/clients/{acme['id']}/upload",
            data={"_method": "PUT"},
            files={"documents[]": ("contract.pdf", b"%PDF-1.4", "application/pdf")},
        )
        listed = (await client.post(f"/api/v1/clients/{acme['id']}/documents")).json()["data"]
        # The client's own document plus the seeded brief on its project.
        assert {d["name"] for d in listed} == {"contract.pdf", "brief.txt"}
        ids = [d["id"] for d in listed]
        state.outbox.clear()
        zipped = await client.post(
            "/api/v1/documents/bulk", json={"action": "download", "ids": ids}
        )
        assert zipped.json() == {"message": "Successfully sent message"} and len(state.outbox) == 1
        archived = await client.post(
            "/api/v1/documents/bulk", json={"action": "archive", "ids": ids[:1]}
        )
        assert archived.json()["data"][0]["archived_at"] > 0
        crash = await client.post(
            "/api/v1/documents/bulk", json={"action": "shred", "ids": ids[:1]}
        )
        assert crash.status_code == 500
        stub = await client.post("/api/v1/documents", json={"name": "x"})
        assert stub.status_code == 200 and stub.content == b""
