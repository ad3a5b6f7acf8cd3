"""Search over the pack and the reader's notes. No Textual here."""

from tui.search.index import NoteIndex, Outcome, Result, SearchIndex
from tui.search.snippet import Highlighter, Snippet

__all__ = ["Highlighter", "NoteIndex", "Outcome", "Result", "SearchIndex", "Snippet"]
