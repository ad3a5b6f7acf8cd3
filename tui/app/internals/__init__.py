"""The only places the explorer relies on Textual's insides, one module each: its private
names (``tree_lines``), or a rule of how it works inside that nothing public states
(``stack_layout``: how its vertical layout places children).

Each was kept because nothing public does the job and the gain was measured; each has a
test in ``tests/app/test_internals.py`` that fails loudly when Textual changes what it
relies on, so a Textual upgrade breaks a named test, not the explorer. Nothing outside
this package touches a Textual object's ``_name`` (a test checks that too).
"""
