"""``ipreg translit``: show the romanisations of a text, or list the standards."""

from __future__ import annotations

import click

from .romanise import romanisations
from .standards import LANGUAGES, STANDARDS, get_standard


def _list(lang: str | None) -> None:
    for std in STANDARDS.values():
        if lang is None or std.lang == lang:
            click.echo(f"{std.id}\t{std.lang}\t{std.source}")


@click.command("translit")
@click.option(
    "--lang",
    metavar="|".join(LANGUAGES),
    help="Romanise as this language: every standard of the language.",
)
@click.option("--standard", "standard_id", metavar="ID", help="Print only this standard's result.")
@click.option("--list", "list_only", is_flag=True, help="List the standards with their sources.")
@click.argument("text", nargs=-1)
def translit(
    lang: str | None, standard_id: str | None, list_only: bool, text: tuple[str, ...]
) -> None:
    """Print the romanisations of TEXT, one line per standard: ID<TAB>result.

    Without --lang, every standard whose alphabet fits TEXT is used (Cyrillic
    text: the Cyrillic standards that cover its letters; Armenian text: the
    Armenian ones).
    """
    if lang is not None and lang not in LANGUAGES:
        raise click.UsageError(f"unknown language {lang!r}; choose from {', '.join(LANGUAGES)}")
    if list_only:
        _list(lang)
        return
    joined = " ".join(text)
    if not joined.strip():
        raise click.UsageError("TEXT is required (or use --list)")
    if standard_id is not None:
        try:
            std = get_standard(standard_id)
        except KeyError as exc:
            raise click.UsageError(str(exc.args[0])) from None
        if lang is not None and std.lang != lang:
            raise click.UsageError(f"standard {std.id!r} is for {std.lang!r}, not {lang!r}")
        click.echo(std.romanise(joined))
        return
    results = romanisations(joined, lang)
    if not results:
        raise click.ClickException("no romanisation standard fits this text (is it Latin?)")
    for std_id, result in results.items():
        click.echo(f"{std_id}\t{result}")
