"""The app's widgets: the topic tree, the reader and its parts."""
