"""Scanning UI: the keyboard-wedge scan field, device bridges and feedback.

The device drivers live in :mod:`app.devices` (Qt-free); the classes here
only adapt them to Qt - signals delivered on the UI thread, widgets, sounds.
"""


