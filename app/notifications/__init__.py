"""Customer notifications: the texts (``templates``), the way out (``transport``, ``smtp``).

Messages are written to the transactional outbox (``app.services.outbox``) in
the same transaction as their cause and delivered later by ``send_due``
through a ``Transport`` (SMTP by default). Nothing here touches the database.
"""
