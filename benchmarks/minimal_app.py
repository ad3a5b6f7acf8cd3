"""The baseline for start-up: a Textual app with one Static, nothing else."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Semax is a short peptide (minimal app)")


if __name__ == "__main__":
    Minimal().run()
