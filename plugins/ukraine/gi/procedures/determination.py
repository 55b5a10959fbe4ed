"""The examination of the name against the official sources (GI rules V.8.4-8.5; VR-46):
the lookup at the start of the examination of the name (T27), the examiner's
determinations (acts ``UA.GI.V84`` and ``UA.GI.V85``) recorded on the case with the sources
cited, and the rule that a refusal on either ground cites its determination (T28, T32).

Outcome (by regime, V.8.1 ¶3): V.8.4 a generic name is the ground of art. 8 para «в» of the
Law, or for agricultural products and foodstuffs art. 7 part 1 subpara 3 of the Agri-food GI
Law; V.8.5 a variety or breed name that may mislead consumers as to the product's true
origin is the ground of art. 8 para «д» of the Law / art. 7 part 1 subpara 5 of the
Agri-food GI Law. The other four questions of V.8.5 are the factors the examiner weighs for
that answer and are recorded with it (the Rules do not make any one of them decisive).
"""

from __future__ import annotations

import re
from typing import Any

from ipreg.core.errors import BadUserInput
from ipreg.core.procedures import InputField, TransitionContext
from ipreg.plugins.ukraine.gi.forms.determination import (
    GENERIC,
    VARIETY,
    read_generic,
    read_variety,
)
from ipreg.plugins.ukraine.gi.procedures.common import EXAMINER, app_of, examiner_act, transition
from ipreg.plugins.ukraine.gi.sources import lookup as sources
from ipreg.plugins.ukraine.gi.sources.catalogue import LOADABLE, V84, V85, ground, source

#: Where the examiner determines: the examination of the name, and after the reply to the
#: preliminary conclusion is considered "under V.8.2-8.5" (V.8.2 ¶4), while it runs.
STATES = ("substantive_examination", "preliminary_refusal")
DATA_KEY = "nameDeterminations"
HITS_KEY = "nameSourceHits"

#: A refusal that names either ground (the point, the article, or the words of the
#: ground) must cite the determination (T28, T32).
_NAMES_GROUND = {
    V84: re.compile(r"V\.8\.4|8\s*(?:п\.?|пункт\w*|para\.?)?\s*[«\"“]в[»\"”]|"
                    r"абз(?:ац\w*|\.)?\s*3|родов\w*|generic", re.IGNORECASE),
    V85: re.compile(r"V\.8\.5|8\s*(?:п\.?|пункт\w*|para\.?)?\s*[«\"“]д[»\"”]|"
                    r"абз(?:ац\w*|\.)?\s*5|назв\w*\s+сорт\w*|назв\w*\s+пород\w*|"
                    r"plant variety|breed", re.IGNORECASE),
}


async def find_in_sources(ctx: TransitionContext) -> None:
    """VR-46 (V.8.4-8.5): at the start of the examination of the name, what the claimed
    name meets in every loaded source and the configured list."""
    app = await app_of(ctx)
    hits = await sources.lookup(ctx.session, app.claimed_name)
    ctx.put(**{HITS_KEY: [h.as_json() for h in hits]})


async def _citations(ctx: TransitionContext, cited: list[dict[str, Any]]) -> list[str]:
    """Each loaded source cited with an edition that was loaded (current or replaced):
    its edition's date and origin added; the problems otherwise."""
    problems = []
    for c in cited:
        path = c.pop("path")
        if c["source"] not in LOADABLE:
            continue
        found = await sources.edition(ctx.session, c["source"], c["edition"] or "")
        if found is None:
            problems.append(f"{path}.edition: edition {c['edition']!r} of {c['source']} is "
                            "not loaded (`ipreg ua-gi sources load`; VR-46)")
            continue
        src = source(c["source"])
        c.update(sourceName=src.name_uk if src else c["source"], editionId=found.id,
                 publishedOn=found.published_on.isoformat() if found.published_on else None,
                 origin=found.origin)
    return problems


async def _record(ctx: TransitionContext, point: str, record: dict[str, Any],
                  cited: list[dict[str, Any]], outcome: bool) -> None:
    problems = await _citations(ctx, cited)
    if problems:
        raise BadUserInput("; ".join(problems), errors=problems, argument="determination")
    app = await app_of(ctx)
    existing = list(ctx.data.get(DATA_KEY) or [])
    number = sum(1 for d in existing if d["point"] == point) + 1
    record.update(
        id=f"{point.removeprefix('GI rules ')}-{number}", point=point,
        groundExists=outcome, ground=ground(point, app.regime), regime=app.regime,
        recordedOn=ctx.today.isoformat(), recordedBy=ctx.principal.describe(),
        state=ctx.case.state,
        hits=[h.as_json() for h in await sources.lookup(ctx.session, record["term"])])
    ctx.put(**{DATA_KEY: [*existing, record]})


async def record_generic(ctx: TransitionContext) -> None:
    """UA.GI.V84 (GI rules V.8.4): whether the name has become generic, with the facts of
    use as a name of a product group, subgroup or heading and the official sources
    cited."""
    record = read_generic(ctx.input.get("determination"))
    cited = [c for f in record["facts"] for c in f["sources"]]
    await _record(ctx, V84, record, cited, bool(record["generic"]))


async def record_variety(ctx: TransitionContext) -> None:
    """UA.GI.V85 (GI rules V.8.5): the five questions each answered with its sources; the
    ground exists when the name may mislead consumers as to the true origin."""
    record = read_variety(ctx.input.get("determination"))
    cited = [c for a in record["answers"].values() for c in a["sources"]]
    await _record(ctx, V85, record, cited,
                  bool(record["answers"]["misleadsAsToOrigin"]["answer"]))


def _refusal_text(ctx: TransitionContext) -> str:
    return str(ctx.input.get("grounds") or ctx.input.get("conclusion") or "")


async def cite_determinations(ctx: TransitionContext) -> None:
    """T28 and T32 (GI rules V.8.2 ¶2, V.10.3: a refusal states its grounds with their
    sources): a refusal on the ground of V.8.4 or V.8.5 cites the examiner's determination
    of that point whose ground exists (``determinations``); each cited one is copied into
    the case's record of the refusal with its legal ground."""
    recorded = {d["id"]: d for d in ctx.data.get(DATA_KEY) or []}
    ids = ctx.input.get("determinations") or []
    problems = []
    cited = []
    for i, key in enumerate(ids):
        found = recorded.get(key)
        if found is None:
            problems.append(f"determinations[{i}]: {key!r} is not a determination recorded "
                            f"on this application ({', '.join(recorded) or 'none'}; VR-46)")
        elif not found["groundExists"]:
            problems.append(f"determinations[{i}]: {key} found no ground for refusal "
                            f"({found['point']})")
        else:
            cited.append(found)
    text = _refusal_text(ctx)
    for point, pattern in _NAMES_GROUND.items():
        if pattern.search(text) and not any(d["point"] == point for d in cited):
            problems.append(f"determinations: a refusal on the ground of {point} cites the "
                            f"examiner's determination of it (act "
                            f"{'v84' if point == V84 else 'v85'}; VR-46)")
    if problems:
        raise BadUserInput("; ".join(problems), errors=problems, argument="determinations")
    if cited:
        ctx.put(refusalDeterminations=[
            *(ctx.data.get("refusalDeterminations") or []),
            *({"transition": ctx.transition.code, "id": d["id"], "point": d["point"],
               "ground": d["ground"], "on": ctx.today.isoformat()} for d in cited)])


CITE = InputField("determinations", "list", False, "The determinations (GI rules V.8.4, "
                  "V.8.5: ids such as `V.8.4-1`) this refusal rests on; required when it "
                  "names either ground (VR-46)")

TRANSITIONS = [
    transition("UA.GI.V84", "Generic-name determination recorded (V.8.4)",
               "Висновок щодо родової назви (V.8.4)", STATES, None, EXAMINER,
               "GI rules V.8.4", **examiner_act(EXAMINER, {
                   "inputs": (InputField("determination", "json", True, "The determination "
                                         "with its facts and sources (V.8.4)", GENERIC),),
                   "effects": (record_generic,)})),
    transition("UA.GI.V85", "Plant variety / animal breed determination recorded (V.8.5)",
               "Висновок щодо назви сорту рослин чи породи тварин (V.8.5)", STATES, None,
               EXAMINER, "GI rules V.8.5", **examiner_act(EXAMINER, {
                   "inputs": (InputField("determination", "json", True, "The five questions "
                                         "answered with their sources (V.8.5)", VARIETY),),
                   "effects": (record_variety,)})),
]

__all__ = ["CITE", "DATA_KEY", "HITS_KEY", "TRANSITIONS", "cite_determinations",
           "find_in_sources"]
