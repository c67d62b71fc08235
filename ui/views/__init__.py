"""Station views and the registry that decides which a role may open."""
