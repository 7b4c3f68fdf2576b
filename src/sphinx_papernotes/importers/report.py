"""What an import did: the summary printed at the end, and the exit code."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .files import Outcome, Written


@dataclass(frozen=True)
class Skipped:
    """An input item that did not become a (new or updated) note, and why."""

    item: str
    reason: str
    error: bool = False


@dataclass
class Report:
    """Counts and lists; every input item ends up in exactly one of them."""

    imported: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # problems with a whole input file
    notices: list[str] = field(default_factory=list)  # imported, but something to know

    def skip(self, item: str, reason: str, error: bool = False) -> None:
        self.skipped.append(Skipped(item, reason, error))

    def record(self, item: str, written: Written) -> None:
        """File an outcome of :func:`~.files.write_generated` under its heading."""
        if written.outcome is Outcome.CREATED:
            self.imported.append(written.path)
        elif written.outcome is Outcome.UPDATED:
            self.updated.append(written.path)
        elif written.outcome is Outcome.UNCHANGED:
            self.unchanged.append(written.path)
        elif written.outcome is Outcome.KEPT_EDITED:
            self.skip(
                item,
                f"{written.path} was edited by hand since it was imported; kept "
                "(--force overwrites it)",
            )
        else:
            self.skip(
                item,
                f"{written.path} exists and was not written by an import; kept "
                "(--force overwrites it)",
            )

    @property
    def failed(self) -> bool:
        """True when something was skipped because of an error."""
        return bool(self.errors) or any(skipped.error for skipped in self.skipped)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def summary(self) -> str:
        """The text printed at the end of an import."""
        with_errors = sum(1 for skipped in self.skipped if skipped.error)
        counts = (
            f"imported {len(self.imported)}, updated {len(self.updated)}, "
            f"unchanged {len(self.unchanged)}, skipped {len(self.skipped)}"
        )
        if with_errors:
            counts += f" ({with_errors} with errors)"
        lines = [counts[0].upper() + counts[1:] + "."]
        if self.errors:
            lines.append("Errors:")
            lines += [f"  {message}" for message in self.errors]
        if self.skipped:
            lines.append("Skipped:")
            lines += [
                f"  {skipped.item}: {skipped.reason}" + (" [error]" if skipped.error else "")
                for skipped in self.skipped
            ]
        if self.notices:
            lines.append("Notes:")
            lines += [f"  {notice}" for notice in self.notices]
        return "\n".join(lines)
