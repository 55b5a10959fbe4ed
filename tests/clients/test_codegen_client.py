"""A typed client refuses a misspelled input field at compile time (issue 14, typed inputs).

GraphQL Code Generator (npm ``@graphql-codegen/cli`` with the ``typescript`` and
``typescript-operations`` plugins, as a client team runs it) generates the types of
``tests/clients/codegen/operations.graphql`` from the committed ``schema/schema.graphql``;
``tsc --strict --noEmit`` then compiles a TypeScript file that builds the variables of
``eaeuSubmitApplication`` (the sample registration form, R174 Appendix 1 table 1) and of
``eaeuPerform`` (an act, OPR.013), and must refuse the same file with one field
misspelled, naming the field. With ``forms: JSON!`` both compiled (``unknown``).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from ipreg.plugins.eaeu import samples

ROOT = Path(__file__).resolve().parents[2]
CODEGEN_DIR = Path(__file__).resolve().parent / "codegen"
BIN = CODEGEN_DIR / "node_modules" / ".bin"


def _unavailable(reason: str) -> None:
    """Skip on a developer machine; in CI (``CI=true``, or ``.ci/run``'s
    ``IPREG_TEST_REQUIRE_SERVERS``) the typed client is required."""
    if os.environ.get("CI") or os.environ.get("IPREG_TEST_REQUIRE_SERVERS"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``npm ci`` (once), then the generated ``types.ts`` in a directory of its own."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        _unavailable("the codegen client needs Node.js and npm on PATH")
    assert npm is not None
    if not (BIN / "graphql-codegen").exists() or not (BIN / "tsc").exists():
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=CODEGEN_DIR,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"npm ci failed:\n{done.stdout}\n{done.stderr}"
    out = tmp_path_factory.mktemp("codegen")
    config = {
        "schema": str(ROOT / "schema" / "schema.graphql"),
        "documents": str(CODEGEN_DIR / "operations.graphql"),
        "generates": {str(out / "types.ts"): {
            "plugins": ["typescript", "typescript-operations"],
            "config": {"strictScalars": True, "scalars": {
                "JSON": "unknown", "Date": "string", "DateTime": "string",
                "Upload": "unknown"}}}},
    }
    (out / "codegen.json").write_text(json.dumps(config), encoding="utf-8")
    done = subprocess.run([str(BIN / "graphql-codegen"), "--config", str(out / "codegen.json")],
                          cwd=CODEGEN_DIR, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"graphql-codegen failed:\n{done.stdout}\n{done.stderr}"
    return out


def _client(form: dict[str, Any]) -> str:
    """A TypeScript file that builds the variables of both mutations."""
    act = {"opr013": {"memberState": "KZ",
                      "results": [{"objectId": samples.entry_id(1), "result": "refused",
                                   "grounds": "Regs item 25"}]}}
    return (
        'import type { SubmitApplicationMutationVariables, PerformActMutationVariables } '
        'from "./types";\n\n'
        "export const submit: SubmitApplicationMutationVariables = "
        f"{json.dumps({'forms': [form], 'key': 'app-1'}, ensure_ascii=False, indent=2)};\n\n"
        "export const verify: PerformActMutationVariables = "
        f"{json.dumps({'caseId': 'RWFldUNhc2U6MQ==', 'act': act}, indent=2)};\n")


def _tsc(directory: Path, source: str) -> subprocess.CompletedProcess[str]:
    (directory / "client.ts").write_text(source, encoding="utf-8")
    return subprocess.run(
        [str(BIN / "tsc"), "--strict", "--noEmit", "--target", "es2020", "--module", "esnext",
         "--moduleResolution", "bundler", str(directory / "client.ts")],
        cwd=directory, capture_output=True, text=True, timeout=300)


@pytest.fixture
def form() -> dict[str, Any]:
    """The sample registration form of the demo, as a client sends it."""
    return samples.form(0, random.Random(14), holder=1, representative=None)


@pytest.mark.legal("P.SP.01.OPR.001")
def test_the_typed_variables_of_a_submission_and_an_act_compile(
        generated: Path, form: dict[str, Any]) -> None:
    done = _tsc(generated, _client(form))
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.legal("P.SP.01.OPR.001", "R174 A1 T1 6.2")
def test_a_misspelled_form_field_does_not_compile(
        generated: Path, form: dict[str, Any]) -> None:
    goods = form["goods"][0]
    goods["cnFeaCode"] = goods.pop("cnFeaCodes")
    done = _tsc(generated, _client(form))
    assert done.returncode != 0
    assert """'"cnFeaCode"' does not exist in type 'EaeuGoodsInput'""" in done.stdout, done.stdout


@pytest.mark.legal("P.SP.01.OPR.001", "R174 A1 T2 7")
def test_a_misspelled_field_deep_in_a_party_does_not_compile(
        generated: Path, form: dict[str, Any]) -> None:
    party = form["goods"][0]["turnover"][0]["parties"][0]["party"]
    party["adresses"] = party.pop("addresses")
    done = _tsc(generated, _client(form))
    assert done.returncode != 0
    assert """'"adresses"' does not exist in type 'EaeuPartyInput'""" in done.stdout, \
        done.stdout


@pytest.mark.legal("P.SP.01.OPR.013")
def test_a_misspelled_act_or_act_field_does_not_compile(
        generated: Path, form: dict[str, Any]) -> None:
    source = _client(form)
    for wrong, word in ((source.replace('"memberState"', '"memberStat"'), "memberStat"),
                        (source.replace('"opr013"', '"opr13"'), "opr13"),
                        (source.replace('"objectId"', '"objectID"'), "objectID")):
        done = _tsc(generated, wrong)
        assert done.returncode != 0, word
        assert f"""'"{word}"' does not exist""" in done.stdout, done.stdout
