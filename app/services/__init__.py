"""Use cases. One function per user action: ``fn(db, actor, ...) -> plain data``.

Each checks the actor's permission, runs in one unit of work, writes its
audit entries in the same transaction, and returns frozen ``*Row``
dataclasses (never ORM objects), so the CLI, the UI and the tests all go
through the same door.
"""
