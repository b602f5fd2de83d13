# Runtime of akeneo_pim.testing, the fake PIM: static file copied verbatim from templates/testing/.
"""`FakeAkeneo.demo()`'s catalogue: a few families, one attribute of each common type, options,
a category tree, 40 products and a product model with two variants."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._fake import FakeAkeneo

_ATTRIBUTES: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("name", "pim_catalog_text", {"localizable": True}),
    ("description", "pim_catalog_textarea", {"localizable": True, "scopable": True}),
    ("color", "pim_catalog_simpleselect", {}),
    ("size", "pim_catalog_simpleselect", {}),
    ("materials", "pim_catalog_multiselect", {}),
    ("price", "pim_catalog_price_collection", {"decimals_allowed": True}),
    (
        "weight",
        "pim_catalog_metric",
        {"metric_family": "Weight", "default_metric_unit": "KILOGRAM", "decimals_allowed": True},
    ),
    ("stock", "pim_catalog_number", {"decimals_allowed": False}),
    ("waterproof", "pim_catalog_boolean", {}),
    ("release_date", "pim_catalog_date", {}),
    ("picture", "pim_catalog_image", {}),
)
_OPTIONS = {
    "color": ("black", "blue", "red", "white"),
    "size": ("s", "m", "l", "xl"),
    "materials": ("cotton", "leather", "wool"),
}
_CATEGORIES = (("clothing", "master"), ("shoes", "master"), ("jackets", "clothing"))


def load_demo(fake: FakeAkeneo) -> None:
    """Fill a seeded fake with the demo catalogue."""
    for code, kind, flags in _ATTRIBUTES:
        attribute = {
            "code": code,
            "type": kind,
            "group": "other",
            "localizable": False,
            "scopable": False,
        }
        fake.put(
            "attributes",
            {**attribute, **flags, "labels": {"en_US": code.replace("_", " ").title()}},
        )
    for attribute_code, options in _OPTIONS.items():
        for order, option in enumerate(options):
            item = {
                "code": option,
                "attribute": attribute_code,
                "sort_order": order,
                "labels": {"en_US": option.title()},
            }
            fake.put("attribute_options", item, attribute_code=attribute_code)
    for code, parent in _CATEGORIES:
        fake.put("categories", {"code": code, "parent": parent, "labels": {"en_US": code.title()}})
    for code, attributes in (
        ("shirts", ["name", "color", "size", "materials", "price", "picture"]),
        ("boots", ["name", "color", "size", "waterproof", "weight", "price", "picture"]),
    ):
        fake.put(
            "families",
            {
                "code": code,
                "attribute_as_label": "name",
                "attributes": ["sku", *attributes],
                "attribute_requirements": {"ecommerce": ["sku", "name"]},
                "labels": {"en_US": code.title()},
            },
        )
    fake.put(
        "family_variants",
        {
            "code": "shirts_by_size",
            "variant_attribute_sets": [{"level": 1, "axes": ["size"], "attributes": ["size"]}],
            "labels": {"en_US": "Shirts by size"},
        },
        family_code="shirts",
    )
    fake.put(
        "product_models",
        {
            "code": "polo",
            "family": "shirts",
            "family_variant": "shirts_by_size",
            "categories": ["clothing"],
            "values": {
                "name": [{"locale": "en_US", "scope": None, "data": "Polo"}],
                "color": [{"locale": None, "scope": None, "data": "blue"}],
            },
        },
    )
    colors = _OPTIONS["color"]
    for number in range(1, 41):
        family = "shirts" if number % 2 else "boots"
        values: dict[str, Any] = {
            "sku": [{"locale": None, "scope": None, "data": f"demo-{number:03d}"}],
            "name": [{"locale": "en_US", "scope": None, "data": f"{family.title()[:-1]} {number}"}],
            "color": [{"locale": None, "scope": None, "data": colors[number % len(colors)]}],
            "price": [
                {
                    "locale": None,
                    "scope": None,
                    "data": [{"amount": f"{10 + number}.00", "currency": "USD"}],
                }
            ],
        }
        if family == "boots":
            values["waterproof"] = [{"locale": None, "scope": None, "data": number % 3 == 0}]
        product = {
            "uuid": f"00000000-0000-4000-8000-{number:012d}",
            "family": family,
            "enabled": number % 5 != 0,
            "categories": ["shoes" if family == "boots" else "clothing"],
            "values": values,
        }
        fake.put("products_uuid", product)
    for number, size in ((41, "s"), (42, "m")):
        fake.put(
            "products_uuid",
            {
                "uuid": f"00000000-0000-4000-8000-{number:012d}",
                "family": "shirts",
                "parent": "polo",
                "enabled": True,
                "categories": ["clothing"],
                "values": {
                    "sku": [{"locale": None, "scope": None, "data": f"polo-{size}"}],
                    "size": [{"locale": None, "scope": None, "data": size}],
                },
            },
        )
