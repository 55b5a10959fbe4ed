"""The lookups that assist the examiner (digest §8.2, severity L), on configured lists."""

from __future__ import annotations

import pytest

from ipreg.plugins.ukraine.gi import lookups


@pytest.mark.legal("VR-42")
def test_an_applicant_on_the_sanctions_list_is_found(monkeypatch) -> None:
    monkeypatch.setenv("IPREG_UA_GI_SANCTIONS", "34100005, ТОВ «Агресор»")
    found = lookups.sanctions([{"edrpou": "12345678"}, {"fullName": "тов «агресор»"}])
    assert found == ["applicants[1]: on the sanctions list (VR-42, GI rules V.2.6)"]


@pytest.mark.legal("VR-44", "GI rules V.8.6")
def test_the_agri_food_public_order_screening(monkeypatch) -> None:
    monkeypatch.setenv("IPREG_UA_GI_PUBLIC_ORDER_WORDS", "імені Леніна")
    assert lookups.public_order("КОВБАСА ІМЕНІ ЛЕНІНА", "UA", "agri_food") == [
        "claimedName: contains 'імені Леніна' (VR-44, GI rules V.8.6)"]
    assert "aggressor" in lookups.public_order("ВОДКА", "RU", "agri_food")[0]
    assert lookups.public_order("ВОДКА", "RU", "general") == []


@pytest.mark.legal("VR-46", "GI rules V.8.4", "GI rules V.8.5")
def test_generic_variety_and_breed_names(monkeypatch) -> None:
    monkeypatch.setenv("IPREG_UA_GI_GENERIC_NAMES", "бринза,Сімиренко")
    assert len(lookups.generic("КАРПАТСЬКА БРИНЗА")) == 1
    assert lookups.generic("ГУЦУЛЬСЬКА БРИНДЗЯ") == []


@pytest.mark.legal("VR-45", "GI rules V.8.3", "GI rules VI.5.5")
async def test_homonyms_leave_out_applications_withdrawn_before_the_filing(gi) -> None:
    """The examination of the name (transition 27) records the other applications of the
    same name, in any script; one withdrawn before this filing date does not count."""
    first = await gi.file(0)
    await gi.act(first.id, "UA.GI.T39", "applicant")
    gi.advance(days=1)
    data = gi.filing(1)
    data["form"]["claimedName"] = data["specification"]["claimedName"] = \
        data["singleDocument"]["claimedName"] = "ГУЦУЛЬСЬКА БРИНДЗЯ"
    data["form"]["transliteration"] = "HUTSULSKA BRYNDZIA"
    earlier = await gi.open("UA.GI.APP", "applicant", {"filing": data},
                            transition="UA.GI.T01")
    await gi.act(earlier.id, "UA.GI.T05", "clerk")
    case = await gi.to_substantive(0)
    found = (await gi.case(case.id)).data["homonyms"]
    assert found == [f"i202600002: ГУЦУЛЬСЬКА БРИНДЗЯ ({earlier.state}) (VR-45, GI rules "
                     "V.8.3)"]
    answer = await gi.data("query($id: ID!) { node(id: $id) { ... on UaGiApplicationCase { "
                           "lookups } } }", {"id": gi.global_id_of(case.id)}, "examiner")
    assert answer["node"]["lookups"] == found
