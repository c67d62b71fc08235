"""Who is acting: the logged-in user, their role and their station."""

from __future__ import annotations

from dataclasses import dataclass

from app.permissions import Role


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    role: Role
    station: str = ""
    full_name: str = ""

    @classmethod
    def system(cls, station: str = "cli") -> "Actor":
        """The administrator acting through the command line or a migration."""
        return cls(user_id=None, username="system", role=Role.ADMIN, station=station, full_name="System")
