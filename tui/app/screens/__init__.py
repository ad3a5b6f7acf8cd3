"""The app's screens: the main explorer and its dialogs."""
