"""Files from a real client: ``uploadFile`` over the GraphQL multipart request spec and
``GET /files/{sha256}``, against a real uvicorn server on 127.0.0.1.

The client is Python ``gql`` (``upload_files=True``), as an applicant's software
would be; the downloads are plain HTTP (httpx). An applicant uploads the image of
a trademark (R174 A1 T1 5.4: JPEG or TIFF, at least 300 dpi, at most 5 MB),
references it in an application, and downloads the same bytes, whole and by
range, revalidating by ETag; nobody else sees it until the entry is published.
The checks of an upload are a rule table: each broken rule is a clear problem
code naming the file, and nothing is stored.
"""

from __future__ import annotations

import io
import random
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from gql import Client, FileVar, gql
from gql.transport.exceptions import TransportQueryError
from gql.transport.httpx import HTTPXAsyncTransport
from PIL import Image
from sqlalchemy import func, select, update

from ipreg.core.auth import Grant, create_user
from ipreg.core.auth.authenticate import issue_token
from ipreg.core.config import Settings
from ipreg.core.model import FileUpload, IPObject, StoredFile
from ipreg.core.runtime import Runtime
from ipreg.plugins.eaeu import samples
from ipreg.plugins.eaeu.forms import FormParser
from ipreg.plugins.eaeu.store import authorities, new_party
from ipreg.testing import serving

PREFLIGHT = {"Apollo-Require-Preflight": "true"}
UPLOAD = """mutation($file: Upload!, $purpose: String) {
  uploadFile(file: $file, purpose: $purpose) { id sha256 mediaType size name url }
}"""
SUBMIT = """mutation($forms: JSON!) {
  eaeuSubmitApplication(forms: $forms) { case { state objects { id } } }
}"""


def image(kind: str = "JPEG", dpi: int | None = 300, size: tuple[int, int] = (120, 80)) -> bytes:
    """An image as a scanner or an editor writes it, with its resolution in the header
    (JFIF density for JPEG, the resolution tags for TIFF)."""
    buffer = io.BytesIO()
    options: dict[str, Any] = {"dpi": (dpi, dpi)} if dpi else {}
    Image.new("RGB", size, "navy").save(buffer, kind, **options)
    return buffer.getvalue()


@dataclass
class Site:
    url: str
    runtime: Runtime
    files: Path
    tokens: dict[str, str]
    holder: int

    def auth(self, who: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"} if who else {}

    def gql(self, who: str) -> Client:
        transport = HTTPXAsyncTransport(url=f"{self.url}/graphql",
                                        headers={**self.auth(who), **PREFLIGHT})
        return Client(transport=transport)

    async def stored(self) -> tuple[int, int, list[Path]]:
        """Rows of ``stored_file`` and ``file_upload``, and the files in the store."""
        async with self.runtime.sessionmaker() as session:
            files = await session.scalar(select(func.count()).select_from(StoredFile))
            uploads = await session.scalar(select(func.count()).select_from(FileUpload))
        on_disk = [p for p in self.files.rglob("*") if p.is_file()] if self.files.exists() \
            else []
        return files or 0, uploads or 0, on_disk


@pytest.fixture
async def site(database_url: str, tmp_path: Path) -> AsyncIterator[Site]:
    """The server, an applicant (for a right holder), another applicant, and an
    authorized body of Kazakhstan, each with a token."""
    settings = Settings.from_env(database_url=database_url, plugins=None, tick_interval=0,
                                 search_interval=0, files_dir=tmp_path / "files",
                                 max_file_bytes=8 * 1024 * 1024)
    runtime = Runtime.create(settings)
    rng = random.Random(3)
    parser = FormParser()
    async with runtime.sessionmaker() as session:
        holder = new_party(parser.party(samples.holder_party(0, rng), "h") or {})
        other = new_party(parser.party(samples.holder_party(2, rng), "o") or {})
        session.add_all([holder, other])
        await session.flush()
        kz = (await authorities(session))["KZ"]
        users = {
            "applicant": await create_user(session, "applicant", "Applicant", holder.id,
                                           [Grant("applicant", "eaeu", holder.id)]),
            "stranger": await create_user(session, "stranger", "Stranger", other.id,
                                          [Grant("applicant", "eaeu", other.id)]),
            "cca": await create_user(session, "cca-kz", "CCA KZ", kz,
                                     [Grant("authorized_body", "eaeu", kz)]),
        }
        await session.commit()
    tokens = {name: issue_token(runtime, user.id) for name, user in users.items()}
    server_runtime = Runtime.create(settings)
    with serving(server_runtime) as url:
        yield Site(url, runtime, settings.files_dir, tokens, holder.id)
    await runtime.close()


def submission(form: dict[str, Any]) -> Any:
    """``eaeuSubmitApplication`` of one form, as gql sends it."""
    request = gql(SUBMIT)
    request.variable_values = {"forms": [form]}
    return request


async def upload(site: Site, who: str, data: bytes, purpose: str | None,
                 name: str = "mark.jpg") -> dict[str, Any]:
    """``uploadFile`` through gql's multipart transport; the response's data."""
    async with site.gql(who) as session:
        request = gql(UPLOAD)
        request.variable_values = {
            "file": FileVar(io.BytesIO(data), filename=name, content_type="image/jpeg"),
            "purpose": purpose}
        result: dict[str, Any] = await session.execute(request, upload_files=True)
    return result["uploadFile"]


@pytest.mark.legal("R174 A1 T1 5.4")
async def test_an_image_goes_up_into_an_application_and_comes_back(site: Site) -> None:
    """R174 A1 T1 5.4: the applicant uploads the trademark's image (JPEG, 300 dpi),
    the application references it by the File's id, and it downloads byte for byte —
    to the applicant and the authorized bodies while unpublished, to everyone once
    the entry is published."""
    data = image(dpi=300)
    file = await upload(site, "applicant", data, "eaeu_object_image")
    assert file["mediaType"] == "image/jpeg" and file["size"] == len(data)
    assert file["url"] == f"/files/{file['sha256']}" and file["name"] == "mark.jpg"

    form = samples.form(0, random.Random(5), holder=site.holder, representative=None)
    form["images"] = [file["id"]]
    async with site.gql("applicant") as session:
        submitted = await session.execute(submission(form))
    assert submitted["eaeuSubmitApplication"]["case"]["state"] == "formal_check"

    url = site.url + file["url"]
    async with httpx.AsyncClient() as http:
        whole = await http.get(url, headers=site.auth("applicant"))
        assert whole.status_code == 200 and whole.content == data
        assert whole.headers["content-type"] == "image/jpeg"
        assert whole.headers["content-length"] == str(len(data))
        assert whole.headers["accept-ranges"] == "bytes"
        assert whole.headers["etag"] == f'"{file["sha256"]}"'
        assert whole.headers["cache-control"].startswith("private")

        part = await http.get(url, headers={**site.auth("applicant"), "Range": "bytes=2-11"})
        assert part.status_code == 206 and part.content == data[2:12]
        assert part.headers["content-range"] == f"bytes 2-11/{len(data)}"
        beyond = await http.get(url, headers={**site.auth("applicant"),
                                              "Range": f"bytes={len(data) + 10}-"})
        assert beyond.status_code == 416
        assert beyond.headers["content-range"] == f"bytes */{len(data)}"

        again = await http.get(url, headers={**site.auth("applicant"),
                                             "If-None-Match": whole.headers["etag"]})
        assert again.status_code == 304 and again.content == b""

        # The entry is not published (R174 p.14): the public and other applicants get
        # a 404, as if the file did not exist; the authorized bodies see it.
        assert (await http.get(url)).status_code == 404
        assert (await http.get(url, headers=site.auth("stranger"))).status_code == 404
        assert (await http.get(url, headers=site.auth("cca"))).content == data
        node = {"query": "query($id: ID!) { node(id: $id) { ... on File { sha256 } } }",
                "variables": {"id": file["id"]}}
        anonymous = (await http.post(f"{site.url}/graphql", json=node)).json()
        assert anonymous["data"]["node"] is None
        own = (await http.post(f"{site.url}/graphql", json=node,
                               headers=site.auth("applicant"))).json()
        assert own["data"]["node"] == {"sha256": file["sha256"]}, own

        # Published (inclusion, PRC.001 OPR.021, sets the flag): the image of T1 5.4 is
        # published, so everyone gets it, and any cache may keep it.
        async with site.runtime.sessionmaker() as session:
            await session.execute(update(IPObject).values(published=True))
            await session.commit()
        public = await http.get(url)
        assert public.status_code == 200 and public.content == data
        assert public.headers["cache-control"] == "public, max-age=31536000, immutable"


#: (what is uploaded, purpose, problem code): each broken rule of an upload.
RULES = [
    ("a PNG as a trademark image", image("PNG"), "eaeu_object_image", "file_wrong_type"),
    ("a PDF as a trademark image", b"%PDF-1.7\n" + bytes(200), "eaeu_object_image",
     "file_wrong_type"),
    ("a 72 dpi JPEG", image(dpi=72), "eaeu_object_image", "file_low_resolution"),
    ("a JPEG declaring no resolution", image(dpi=None), "eaeu_object_image",
     "file_low_resolution"),
    ("a 150 dpi TIFF", image("TIFF", dpi=150), "eaeu_object_image", "file_low_resolution"),
    ("JPEG magic bytes with no image behind them", b"\xff\xd8\xff\xe0" + bytes(300),
     "eaeu_object_image", "file_unreadable"),
    ("a goods image over 1.5 MB (T10 4)", image() + bytes(1_600_000), "eaeu_goods_image",
     "file_too_large"),
    ("an MP4 as a goods image", b"\x00\x00\x00\x18ftypmp42" + bytes(100), "eaeu_goods_image",
     "file_wrong_type"),
    ("an empty file", b"", None, "file_empty"),
]


@pytest.mark.legal("R174 A1 T1 5.4", "R174 A1 T10 4")
@pytest.mark.hook("ipreg_register_file_purposes")
async def test_uploads_breaking_a_rule_are_refused_and_nothing_is_stored(site: Site) -> None:
    """Each row: the upload is a ``BAD_USER_INPUT`` whose problem names the ``file``, has
    the row's code and cites the rule; no row, no upload record, no file on disk."""
    for what, data, purpose, code in RULES:
        async with site.gql("applicant") as session:
            request = gql(UPLOAD)
            request.variable_values = {"file": FileVar(io.BytesIO(data), filename="x.jpg"),
                                       "purpose": purpose}
            with pytest.raises(TransportQueryError) as refused:
                await session.execute(request, upload_files=True)
        assert refused.value.errors, what
        extensions = refused.value.errors[0]["extensions"]
        assert extensions["code"] == "BAD_USER_INPUT", what
        problem = extensions["problems"][0]
        assert (problem["path"], problem["code"]) == ("file", code), what
        if purpose:
            assert "R174 A1 T" in problem["message"], what
        assert await site.stored() == (0, 0, []), what
    accepted = await upload(site, "applicant", image("TIFF", dpi=300), "eaeu_object_image",
                            "mark.tif")
    assert accepted["mediaType"] == "image/tiff"
    # A camera's JPEG: its resolution in EXIF (XResolution, YResolution, unit inch),
    # no JFIF density.
    exif = Image.Exif()
    exif[282], exif[283], exif[296] = 300, 300, 2
    buffer = io.BytesIO()
    Image.new("RGB", (90, 60), "teal").save(buffer, "JPEG", exif=exif)
    assert (await upload(site, "applicant", buffer.getvalue(), "eaeu_object_image"))["size"]
    assert (await site.stored())[:2] == (2, 2)


@pytest.mark.legal("R174 A1 T1 5.4")
async def test_an_application_checks_the_files_it_references(site: Site) -> None:
    """A file stored without a purpose still meets T1 5.4 when a form references it:
    a 72 dpi image is refused at ``images[0]`` with the rule."""
    low = await upload(site, "applicant", image(dpi=72), None)
    form = samples.form(0, random.Random(5), holder=site.holder, representative=None)
    form["images"] = [{"id": low["id"]}]
    async with site.gql("applicant") as session:
        with pytest.raises(TransportQueryError) as refused:
            await session.execute(submission(form))
    assert refused.value.errors
    problems = refused.value.errors[0]["extensions"]["problems"]
    assert any(p["path"].endswith("images[0]") and p["code"] == "file_low_resolution"
               and p["rule"] == "R174 A1 T1 5.4" for p in problems), problems


async def test_multipart_requests_follow_the_spec_and_its_limits(site: Site) -> None:
    """CSRF: a multipart POST without a preflight header is refused before it is read;
    uploads need a signed-in caller; a file cannot come as a JSON string; a map
    naming a missing part and a body over the limits are 400 and 413."""
    operations = ('{"query": "mutation($f: Upload!) { uploadFile(file: $f) { sha256 } }", '
                  '"variables": {"f": null}}')
    parts = {"operations": (None, operations), "map": (None, '{"0": ["variables.f"]}'),
             "0": ("a.jpg", image(), "image/jpeg")}
    endpoint = f"{site.url}/graphql"
    async with httpx.AsyncClient() as http:
        no_preflight = await http.post(endpoint, files=parts, headers=site.auth("applicant"))
        assert no_preflight.status_code == 400
        assert no_preflight.json()["errors"][0]["extensions"]["code"] == "PREFLIGHT_REQUIRED"

        anonymous = (await http.post(endpoint, files=parts, headers=PREFLIGHT)).json()
        assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

        ok = await http.post(endpoint, files=parts, headers={**PREFLIGHT,
                                                             **site.auth("applicant")})
        assert ok.json()["data"]["uploadFile"]["sha256"]

        missing = await http.post(endpoint, headers={**PREFLIGHT, **site.auth("applicant")},
                                  files={**parts, "map": (None, '{"1": ["variables.f"]}')})
        assert missing.status_code == 400

        as_json = (await http.post(endpoint, headers=site.auth("applicant"), json={
            "query": "mutation($f: Upload!) { uploadFile(file: $f) { sha256 } }",
            "variables": {"f": "not a file"}})).json()
        assert as_json["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"

        limit = site.runtime.settings.max_body_bytes + site.runtime.settings.max_file_bytes
        huge = await http.post(endpoint, headers={**PREFLIGHT, **site.auth("applicant")},
                               files={**parts, "0": ("big.jpg", bytes(limit + 1))})
        assert huge.status_code == 413

        assert (await http.get(f"{site.url}/files/{'0' * 64}")).status_code == 404
        assert (await http.get(f"{site.url}/files/not-a-sha")).status_code == 404
