"""The only places the explorer uses Textual's private names, one module each.

Each was kept because nothing public does the job and the gain was measured; each has a
test in ``tests/app/test_internals.py`` that fails loudly when Textual changes what it
relies on, so a Textual upgrade breaks a named test, not the explorer. Nothing outside
this package touches a Textual object's ``_name`` (a test checks that too).
"""
