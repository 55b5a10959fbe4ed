"""``ipreg import objects`` and ``ipreg search reindex|sync|status|query``.

Both groups expect the root group's context object (``ctx.obj`` with
``.settings`` and ``.runtime``, as :mod:`ipreg.core.cli` sets it). Progress bars
go to stderr, and only when stderr is a terminal unless ``--progress`` says so.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


@contextmanager
def _progress(show: bool | None) -> Iterator[Progress]:
    console = Console(stderr=True)
    enabled = console.is_terminal if show is None else show
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=not enabled,
    )
    with progress:
        yield progress


# ---------------------------------------------------------------- import


@click.group("import")
def import_group() -> None:
    """Import data into the register."""


@import_group.command("objects")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--progress/--no-progress",
    "show",
    default=None,
    help="Show a progress bar on stderr (default: when stderr is a terminal).",
)
@click.pass_obj
def import_objects(obj: Any, file: Path, show: bool | None) -> None:
    """Import IP objects from FILE, one JSON object per line (docs/import-objects.md).

    Every line is validated first; any problem is reported with its line number
    and nothing is imported (exit code 1). Otherwise all objects are imported
    in one transaction.
    """
    from ipreg.core.services.importing import ImportFailed, import_objects

    runtime = obj.runtime

    async def run() -> Any:
        with _progress(show) as bar:
            tasks: dict[str, Any] = {}

            def report(phase: str, done: int, total: int) -> None:
                if phase not in tasks:
                    label = "validating" if phase == "validate" else "importing"
                    tasks[phase] = bar.add_task(label, total=total)
                bar.update(tasks[phase], completed=done, total=total)

            try:
                return await import_objects(runtime, file, report)
            finally:
                await runtime.close()

    try:
        report = asyncio.run(run())
    except ImportFailed as failed:
        for error in failed.errors:
            click.echo(f"{file}:{error.line}: {error.message}", err=True)
        if failed.total > len(failed.errors):
            click.echo(f"... and {failed.total - len(failed.errors)} more", err=True)
        click.echo(f"error: nothing imported ({failed.total} problem(s))", err=True)
        sys.exit(1)
    click.echo(
        f"imported {report.objects} IP objects"
        + (f" (ids {report.first_id}-{report.last_id})" if report.objects else "")
    )


# ---------------------------------------------------------------- search


@click.group("search")
def search_group() -> None:
    """The search index (embedded, or OpenSearch with IPREG_OPENSEARCH_URL)."""


@search_group.command("reindex")
@click.option(
    "--progress/--no-progress",
    "show",
    default=None,
    help="Show a progress bar on stderr (default: when stderr is a terminal).",
)
@click.option("--batch-size", default=1000, show_default=True, type=click.IntRange(1, 10000))
@click.pass_obj
def reindex(obj: Any, show: bool | None, batch_size: int) -> None:
    """Rebuild the index from the database into a new index, then switch to it
    atomically (searches keep working from the old index meanwhile)."""
    from ipreg.search.service import SearchService

    runtime = obj.runtime

    async def run() -> int:
        service = SearchService(runtime)
        try:
            with _progress(show) as bar:
                task = bar.add_task("indexing", total=None)

                def report(done: int, total: int) -> None:
                    bar.update(task, completed=done, total=total)

                return await service.reindex(report, batch_size)
        finally:
            await service.close()
            await runtime.close()

    count = asyncio.run(run())
    click.echo(f"search index rebuilt: {count} IP objects")


@search_group.command("sync")
@click.pass_obj
def sync(obj: Any) -> None:
    """Apply every change not yet in the index (what the server's indexer does
    in the background), then exit."""
    from ipreg.search.service import SearchService

    runtime = obj.runtime

    async def run() -> int:
        service = SearchService(runtime)
        try:
            return await service.sync()
        finally:
            await service.close()
            await runtime.close()

    click.echo(f"applied {asyncio.run(run())} change events")


@search_group.command("status")
@click.pass_obj
def status(obj: Any) -> None:
    """The backend, its health and how far the indexer is behind the change feed."""
    from ipreg.search.service import SearchService

    runtime = obj.runtime

    async def run() -> dict[str, Any]:
        service = SearchService(runtime)
        try:
            info: dict[str, Any] = {"backend": service.backend.name}
            path = getattr(service.backend, "path", None)
            if path is not None:
                info["path"] = str(path)
            try:
                await service.health()
                info["health"] = "ok"
            except Exception as exc:  # the point is to report it
                info["health"] = f"down: {type(exc).__name__}: {exc}"
            cursor, head = await service.indexer.cursor(), await service.indexer.head()
            info.update(cursor=cursor, head=head, behind=head - cursor)
            return info
        finally:
            await service.close()
            await runtime.close()

    for key, value in asyncio.run(run()).items():
        click.echo(f"{key}\t{value}")


@search_group.command("query")
@click.argument("text", nargs=-1, required=True)
@click.option("--first", default=10, show_default=True, type=click.IntRange(0, 100))
@click.option("--official", is_flag=True, help="Search as the system (sees everything).")
@click.pass_obj
def query(obj: Any, text: tuple[str, ...], first: int, official: bool) -> None:
    """Search and print the hits: object id, score, how it matched."""
    from ipreg.core.auth.principal import ANONYMOUS, SYSTEM
    from ipreg.search.service import SearchService

    runtime = obj.runtime

    async def run() -> Any:
        service = SearchService(runtime)
        try:
            return await service.search(
                " ".join(text), SYSTEM if official else ANONYMOUS, first=first
            )
        finally:
            await service.close()
            await runtime.close()

    result = asyncio.run(run())
    click.echo(f"{result.total} matching")
    for hit in result.hits:
        how = "; ".join(
            f"{m.field} {m.matched_as}{f' {m.distance}' if m.distance else ''} {m.form!r}"
            for m in hit.matches
        )
        click.echo(f"{hit.object_id}\t{hit.score:.4f}\t{how}")


__all__ = ["import_group", "search_group"]
