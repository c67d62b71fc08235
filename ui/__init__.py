"""PySide6 desktop client. Calls ``app`` services through ``OperationRunner``;
never builds SQL or holds a Session."""
