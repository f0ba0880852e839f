"""Building a big graph makes millions of small objects that all live to the end.

CPython's cyclic garbage collector walks every live object each time enough new
ones have been made, so a build that makes ``n`` objects spends time growing
faster than ``n`` in collections that find nothing: at 10,000 entities, more
than half of the build. The facts, triples and graphs hold no reference
cycles, so the builder pauses the collector while it makes them (reference
counting still frees everything as usual). In the ``kg`` program, which ends
soon after, it first moves them out of the collector's sight when it restarts
it (``gc.freeze``): else the first collection after walks them all (0.6 s of a
10,000-entity ``kg validate``). Frozen objects are never collected, so a
long-lived caller (a notebook, a test run) does not freeze: a cycle made in
the block is still collected.

>>> import gc
>>> with gc_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import contextlib
import gc

from graph import speedups


_FREEZE = {"on restart": False}


def freeze_on_restart() -> None:
    """Make :func:`gc_paused` freeze what exists when it restarts the collector, for the rest of this process
    (the ``kg`` program: what it built lives until it ends)."""
    _FREEZE["on restart"] = True


@contextlib.contextmanager
def gc_paused():
    """Pause the cyclic garbage collector for the ``with`` block; restore it after.

    With the speed-ups off (``KG_SPEEDUPS=0``) the collector runs as usual.
    """
    if not speedups.enabled():
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if _FREEZE["on restart"]:
                gc.freeze()
            gc.enable()
