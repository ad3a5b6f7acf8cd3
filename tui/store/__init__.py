"""The user store: bookmarks, notes, drafts and settings in TinyDB, durable and shared safely.

No Textual here: the CLI and the app use the same store.
"""

from tui.store.paths import DATA_DIR_ENV, data_dir
from tui.store.records import MAX_NOTE_CHARS, RecordRejected
from tui.store.user_store import (
    Draft,
    Entry,
    NoteRecord,
    Settings,
    StoreUnavailable,
    UserData,
    UserStore,
    check_user_data,
)

__all__ = [
    "DATA_DIR_ENV",
    "MAX_NOTE_CHARS",
    "Draft",
    "Entry",
    "NoteRecord",
    "RecordRejected",
    "Settings",
    "StoreUnavailable",
    "UserData",
    "UserStore",
    "check_user_data",
    "data_dir",
]
