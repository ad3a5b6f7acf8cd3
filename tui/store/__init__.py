"""The user store: bookmarks, notes and settings in TinyDB, durable and shared safely.

No Textual here: the CLI and the app use the same store.
"""

from tui.store.paths import DATA_DIR_ENV, data_dir
from tui.store.user_store import MAX_NOTE_CHARS, Entry, NoteRecord, Settings, StoreUnavailable, UserData, UserStore

__all__ = [
    "DATA_DIR_ENV",
    "MAX_NOTE_CHARS",
    "Entry",
    "NoteRecord",
    "Settings",
    "StoreUnavailable",
    "UserData",
    "UserStore",
    "data_dir",
]
