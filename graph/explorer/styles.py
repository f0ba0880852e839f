"""How the explorer draws things: the type colours and shapes it shares with the GEXF
export (graph/exports/styles.py, so Gephi shows the explorer's legend), and vis-network's options.

>>> vis_options(big=False)["physics"]["enabled"]
False
"""

from __future__ import annotations

from graph.exports.styles import OTHER, section_looks, section_of, type_styles

__all__ = ["OTHER", "section_looks", "section_of", "type_styles", "vis_options"]


def vis_options(big: bool) -> dict:
    """vis-network's options: physics off (the layout is computed in Python); plainer drawing on a big graph.

    >>> vis_options(big=True)["interaction"]["hover"]
    False
    """
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "interaction": {"hover": not big, "tooltipDelay": 200, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "multiselect": False, "navigationButtons": False, "keyboard": False},
        "nodes": {"borderWidth": 1, "borderWidthSelected": 3,
                  "font": {"size": 13, "face": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
                           "color": "#1f2933", "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"enabled": not big, "scaleFactor": 0.45}}, "width": 1, "selectionWidth": 2,
                  "smooth": {"enabled": False},
                  # labels along the edges are rotated text: on a big graph that costs seconds per frame
                  "font": {"size": 9, "align": "horizontal" if big else "middle", "color": "#52606d", "strokeWidth": 3,
                           "strokeColor": "#ffffff"}},
    }
