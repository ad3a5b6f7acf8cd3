"""What the main screen's commands do, one flow a module: search, notes, bookmarks, export.

A flow is a small object the main screen owns. It reads what it needs of the screen (the
pack, the store, the node being read), opens its dialogs, and tells the screen what
changed by calling it (``go_to``, ``annotation_changed``), not with messages to its own
screen: a key of a burst is read before such a message, and would act on what the key
before it changed only once the message came. The screen composes and routes.
"""
