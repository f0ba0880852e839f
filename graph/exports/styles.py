"""Colour and shape per entity type, shared by the GEXF export and the HTML
explorer, so Gephi shows the explorer's legend: a shape and hue family per
ontology section, a shade per entity type.

Shades are placed by the type's rank among all the ontology's types of its
section, so a type has the same colour in every file and every graph.

>>> from graph.vocab.ontology import load_ontology
>>> style = type_styles(load_ontology(), ["ArmedGroup", "Unknown"])
>>> style["ArmedGroup"]["shape"], style["Unknown"]["section"]
('diamond', 'Other')
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass


@dataclass(frozen=True)
class SectionLook:
    title: str  # the legend's heading
    shape: str  # vis-network's node shape
    hues: tuple[int, int]  # the hue family, in degrees: first and last


# The ontology's sections in its own order (people, groups, places, events, activities).
SECTION_LOOKS = (SectionLook("People", "dot", (350, 372)), SectionLook("Groups", "diamond", (195, 290)),
                 SectionLook("Places", "triangle", (85, 165)), SectionLook("Events", "star", (28, 55)),
                 SectionLook("Activities", "square", (295, 335)))
OTHER = "Other"  # types under no section
OTHER_LOOK = SectionLook("Other", "hexagon", (0, 0))
OTHER_COLOURS = {"color": "#8c8c8c", "border": "#595959"}


def section_looks(onto) -> dict[str, SectionLook]:
    """Each section's top class and its look, in the legend's order, ``Other`` last.

    >>> from graph.vocab.ontology import load_ontology
    >>> [(top, look.shape) for top, look in section_looks(load_ontology()).items()][:2]
    [('Person', 'dot'), ('Organization', 'diamond')]
    """
    return {**dict(zip(onto.sections.values(), SECTION_LOOKS)), OTHER: OTHER_LOOK}


def section_of(onto, type_: str) -> str:
    """The top class of ``type_``'s section, or ``Other``."""
    if type_ in onto.parents:
        for top in list(section_looks(onto))[:-1]:
            if onto.is_a(type_, top):
                return top
    return OTHER


def _hex(h: float, l: float, s: float) -> str:
    r, g, b = colorsys.hls_to_rgb((h % 360) / 360, l, s)
    return "#{:02x}{:02x}{:02x}".format(round(r * 255), round(g * 255), round(b * 255))


def _type_style(onto, type_: str) -> dict:
    section = section_of(onto, type_)
    look = section_looks(onto)[section]
    if section == OTHER:
        return {"section": section, "shape": look.shape, **OTHER_COLOURS}
    family = onto.classes_under(section)
    rank = family.index(type_) if type_ in family else 0
    h0, h1 = look.hues
    hue = h0 + (h1 - h0) * rank / max(len(family) - 1, 1)
    light = (0.52, 0.40, 0.64)[rank % 3]
    return {"section": section, "shape": look.shape, "color": _hex(hue, light, 0.62),
            "border": _hex(hue, light - 0.2, 0.62)}


def type_styles(onto, types) -> dict:
    """``{type: {"section", "shape", "color", "border"}}`` for each of ``types``."""
    return {t: _type_style(onto, t) for t in sorted(types)}
