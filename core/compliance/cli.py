"""``ipreg compliance``: the legal traceability matrix of the loaded plugins.

Registered on the root command line by the core's own plugin
(:mod:`ipreg.core.builtin`). Exit status: 0 when every ``implemented`` point
has code and a test, 1 when one does not (or a point's section is not in its
digest), 2 for a usage error (an unknown plugin, no test directory).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
import pluggy

from ipreg.core.compliance.matrix import (
    FORMATS,
    build_report,
    failure_lines,
    notice_lines,
    plugin_inputs,
    render,
    summary_line,
)
from ipreg.core.errors import IpregError


def repository_root() -> Path:
    """The directory of the ``ipreg`` package: the repository root in a checkout."""
    import ipreg

    return Path(ipreg.__file__).resolve().parent


def default_test_dirs() -> list[Path]:
    """``tests/`` of the repository when run from a checkout, else nothing."""
    tests = repository_root() / "tests"
    return [tests] if tests.is_dir() else []


def default_digest_dir() -> Path | None:
    """``$IPREG_SHARED_DIR/spec``, else ``shared/spec`` beside the repository, if present."""
    shared = os.environ.get("IPREG_SHARED_DIR")
    candidates = [Path(shared) / "spec"] if shared else []
    candidates.append(repository_root().parent / "shared" / "spec")
    return next((c for c in candidates if c.is_dir()), None)


@click.command("compliance")
@click.option("--plugin", "plugins", multiple=True, metavar="NAME",
              help="Check this plugin only (repeatable); default: every loaded plugin that "
                   "declares a jurisdiction or legal points.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True,
              help="md: a table per digest; csv: one row per point; json: everything.")
@click.option("--tests", "tests", multiple=True, metavar="DIR",
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Test directory scanned for `pytest.mark.legal` (repeatable); default: "
                   "tests/ of the repository in a checkout.")
@click.option("--digests", "digests", metavar="DIR",
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Directory of the digests, to check each point's section; default: "
                   "$IPREG_SHARED_DIR/spec or shared/spec beside the repository.")
@click.option("--hints", is_flag=True,
              help="md: add the tests whose docstring cites a point they do not mark.")
@click.pass_context
def compliance(ctx: click.Context, plugins: tuple[str, ...], fmt: str,
               tests: tuple[Path, ...], digests: Path | None, hints: bool) -> None:
    """Print the legal traceability matrix: point → title → code → tests.

    Fails (exit 1) when a point declared `implemented` has no code citing it or
    no test marked `@pytest.mark.legal(...)` proving it. Pending and
    not-applicable points are listed with their reasons. See docs/plugins.md,
    "Legal traceability".
    """
    pm = ctx.find_object(pluggy.PluginManager)
    try:
        if pm is None:
            from ipreg.core.config import Settings
            from ipreg.core.plugins import make_plugin_manager

            pm = make_plugin_manager(Settings.from_env().plugins)
        inputs = plugin_inputs(pm, plugins)
    except IpregError as error:
        click.echo(f"error [{error.code}]: {error.message}", err=True)
        sys.exit(2)
    test_dirs = list(tests) or default_test_dirs()
    if not test_dirs:
        click.echo("error: no test directory found: give --tests DIR", err=True)
        sys.exit(2)
    report = build_report(inputs, test_dirs, digests or default_digest_dir(),
                          roots=[repository_root()])
    click.echo(render(report, fmt, hints=hints), nl=False)
    for line in notice_lines(report):
        click.echo(f"warning: {line}", err=True)
    if fmt != "md":
        for plugin in report.plugins:
            for matrix in plugin.digests:
                click.echo(summary_line(matrix), err=True)
    failures = failure_lines(report)
    for line in failures:
        click.echo(line, err=True)
    if failures:
        sys.exit(1)
