"""Everything Textual: the app, its screens, widgets, messages and styles.

Only this package imports Textual; it reads the pack through :mod:`tui.content`.
"""
