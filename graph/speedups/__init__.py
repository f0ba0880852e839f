"""Accelerators: each a drop-in for a plain path elsewhere in ``graph/``, with a test
that both give the same result. ``KG_SPEEDUPS=0`` in the environment turns them all off.

>>> isinstance(enabled(), bool)
True
"""

import os


def enabled() -> bool:
    """Whether the accelerators are on (the default); ``KG_SPEEDUPS=0`` turns them off."""
    return os.environ.get("KG_SPEEDUPS", "1") != "0"
