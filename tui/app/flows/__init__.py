"""What the main screen's commands do, one flow a module: search, notes, bookmarks, export.

A flow is a small object the main screen owns. It reads what it needs of the screen (the
pack, the store, the node being read), opens its dialogs, and tells the screen what
changed with messages (:class:`~tui.app.messages.OpenNode`,
:class:`~tui.app.messages.AnnotationChanged`); the screen composes and routes.
"""
