"""How a generated list pages by default, read from the parameters its spec declares."""

from __future__ import annotations

from generator.build.list_defaults import for_list, paging, with_page_size
from generator.ir import Parameter
from generator.typeref import Scalar


def param(wire: str, *, maximum: int | None = None, choices: tuple[str, ...] = ()) -> Parameter:
    return Parameter(wire, wire, Scalar("int"), False, "Text.", maximum=maximum, choices=choices)


def test_search_after_is_chosen_only_where_pagination_type_offers_it() -> None:
    both = param("pagination_type", choices=("page", "search_after"))
    assert paging((param("page"), both, param("limit"))) == "search_after"
    assert paging((param("page"), param("pagination_type", choices=("page",)))) == "page"
    assert paging((param("search_after"), param("limit"))) == "search_after_only"
    assert paging((param("page"),)) == "page"
    assert paging(()) == "none"


def test_page_size_is_100_or_the_endpoint_maximum_when_lower() -> None:
    sizes = [p.client_default for p in with_page_size((param("limit", maximum=100),))]
    assert sizes == ["100"]
    assert with_page_size((param("limit", maximum=1000),))[0].client_default == "100"
    assert "up to 1000" in with_page_size((param("limit", maximum=1000),))[0].description
    assert with_page_size((param("limit", maximum=50),))[0].client_default == "50"
    assert with_page_size((param("page"),))[0].client_default is None


def test_the_note_says_which_mode_and_why() -> None:
    params = (param("pagination_type", choices=("page", "search_after")), param("limit"))
    _, mode, notes = for_list(params, ["Enterprise only."])
    assert mode == "search_after"
    assert notes[0] == "Enterprise only." and "10,000th item" in notes[1]
    assert for_list((), [])[2] == []
